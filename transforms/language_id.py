"""Language identification: langdetect's profiles scored deterministically with numpy.

langdetect is slow because it samples n-grams at random (7 trials of up to a
thousand draws per text) and its answers vary from run to run. Here every
1-3-gram of the text is scored, once: the log-likelihood of a text in a
language is the weighted sum of the smoothed log-probabilities of its n-grams
(naive Bayes over langdetect's own profiles and normalisation, see
language_ngrams.py), and the probabilities are a softmax of those sums divided
by TEMPERATURE, with the article's language as a prior when there is one, and
only languages written in the text's script as candidates (MIN_SCRIPT_SHARE).
Where the n-grams leave two languages close (WORD_EVIDENCE_MARGIN), the text's
words are scored too (language_words.py: wordfreq's frequency lists).
All sentences of an article are scored in one vectorised pass
(`identify_many`), which is where the speed comes from; `identify` is the
same computation for one text. An identifier holds only read-only arrays.

    .venv/bin/python benchmarks/eval_language_id.py --sample 50   # accuracy and speed against langdetect

Three constants were chosen on data, all on the even-numbered half of each
language's items in ../shared/data/langid (sentences.jsonl and
word_pairs.jsonl; `eval_language_id.py --half odd` scores the other half):
ORDER_WEIGHTS (best macro accuracy of five candidates, langdetect's smoothing
kept), TEMPERATURE (lowest log-loss and calibration error of 1..12) and
CONTEXT_PRIOR (largest gain on short same-language texts for at most a
quarter point lost on foreign sentences, language_context_eval.py).
Nothing else is fitted to the evaluation texts.
"""

from __future__ import annotations

import math
import threading

import numpy as np

from transforms.language_ngrams import NgramText, TextNgrams
from transforms.language_profiles import NgramProfiles, load_profiles
from transforms.language_words import WordEvidence, load_word_lists

UNDETERMINED = "und"
# Below this much evidence (letters, an ideograph or syllable block counting as
# three) a detection is a guess: the context decides instead, or nobody does.
MIN_EVIDENCE_TO_DETECT = 4
# Weight of the 1-, 2- and 3-gram log-probabilities in a text's score: longer
# n-grams say more about the language (equal weights: -0.2 points on sentences,
# -0.8 on word pairs).
ORDER_WEIGHTS = (0.5, 1.0, 2.0)
# The n-grams of a text overlap (every letter is in up to six of them), so
# their log-probabilities are far from independent evidence; dividing the sums
# by this keeps the softmax from claiming certainty a short text does not carry.
TEMPERATURE = 6.0
# Share of prior probability given to the context language when detecting a
# sentence (the rest is spread evenly over the other languages): strong enough
# to settle short or ambiguous sentences, weak enough for a clearly foreign
# sentence (a quote) to win on its own evidence. It does not scale with the
# article's own probability: a declared language with no detection behind it
# (probability 0) is still the best guess for the article's short sentences.
CONTEXT_PRIOR = 0.5
# A language is a candidate for a text only if at least this share of its
# letters (its profile's 1-gram mass) is in the script most of the text is in:
# Han characters cannot be Estonian because its profile holds a few of them.
MIN_SCRIPT_SHARE = 0.01
# Word evidence (language_words.py) costs about as much again as the n-grams and
# changes nothing where they already settle the text: it is added only when the
# two best languages' n-gram scores are closer than this (in units of the
# scores, which TEMPERATURE has divided).
WORD_EVIDENCE_MARGIN = 4.0
# Answers below this probability are not worth listing.
MIN_LISTED_PROBABILITY = 0.001


def _iso639_1(code: str) -> str:
    """langdetect says zh-cn / zh-tw; the datasets use ISO 639-1."""
    return code.split("-")[0]


class LanguageIdentifier:
    """Deterministic language identifier; build one per worker (`DoFn.setup`), then call it freely."""

    def __init__(self, max_text_length: int = 2000, profiles: NgramProfiles | None = None) -> None:
        profiles = profiles or load_profiles()
        self._ngrams = NgramText(profiles, max_text_length)
        self._words = WordEvidence(load_word_lists(profiles.languages), max_text_length)
        # The order weights and temperature fold into the matrix once, not per text.
        scale = np.asarray(ORDER_WEIGHTS, dtype=np.float32)[profiles.orders - 1] / TEMPERATURE
        self._scores = self._ngrams.with_suffixes(profiles.log_probs * scale[:, None])
        self.languages = tuple(dict.fromkeys(_iso639_1(code) for code in profiles.languages))
        column_language = [self.languages.index(_iso639_1(code)) for code in profiles.languages]
        # Sums the probabilities of langdetect's variants (zh-cn, zh-tw) into one language.
        self._merge = np.zeros((len(profiles.languages), len(self.languages)), dtype=np.float64)
        self._merge[np.arange(len(column_language)), column_language] = 1.0
        self._columns_of = {
            language: np.flatnonzero(np.asarray(column_language) == index)
            for index, language in enumerate(self.languages)
        }
        self._one_column_per_language = np.array([columns[0] for columns in self._columns_of.values()])
        self._script_allows = profiles.script_shares >= MIN_SCRIPT_SHARE
        others = len(self.languages) - 1
        self._context_boost = math.log(CONTEXT_PRIOR / (1.0 - CONTEXT_PRIOR) * others)
        # The prior as a row to add to every text's scores: the boost in the context
        # language's columns, 0.0 (which changes no score) in all others.
        self._boost_row = {}
        for language, columns in self._columns_of.items():
            self._boost_row[language] = np.zeros(len(profiles.languages), dtype=np.float64)
            self._boost_row[language][columns] = self._context_boost

    def _scored(self, texts: list[str]) -> tuple[TextNgrams, np.ndarray]:
        """The texts' n-grams, and their [texts, profile columns] scores: n-grams, plus words where those are unsure."""
        ngrams = self._ngrams.extract(texts)
        found = ngrams.found
        logits = np.zeros((len(texts), self._scores.shape[1]), dtype=np.float64)
        if len(ngrams.rows):
            starts = np.cumsum(found) - found
            some = found > 0
            logits[some] = np.add.reduceat(self._scores.take(ngrams.rows, axis=0), starts[some], axis=0)
        if len(texts):
            best_two = np.partition(logits.take(self._one_column_per_language, axis=1), -2, axis=1)[:, -2:]
            unsure = np.flatnonzero(best_two[:, 1] - best_two[:, 0] < WORD_EVIDENCE_MARGIN)
            if len(unsure):
                logits[unsure] += self._words.scores([texts[index] for index in unsure])
        return ngrams, logits

    def _posteriors(self, ngrams: TextNgrams, context_lang: str, logits: np.ndarray) -> np.ndarray:
        """[texts, languages] probabilities from the texts' scores; rows of texts without a known n-gram are zero."""
        allowed = self._allowed_columns(ngrams)
        if context_lang in self._boost_row:
            logits = logits + self._boost_row[context_lang]
        logits = np.where(allowed, logits, -np.inf)
        # No known n-gram, or a script no language here is written in: no answer.
        # (Scores are finite sums, so a row is all -inf exactly where nothing is allowed.)
        unanswerable = (ngrams.found == 0) | ~allowed.any(axis=1)
        some_unanswerable = unanswerable.any()
        if some_unanswerable:
            logits[unanswerable] = 0.0
        logits -= logits.max(axis=1, keepdims=True)
        weights = np.exp(logits)
        probabilities = (weights / weights.sum(axis=1, keepdims=True)) @ self._merge
        if some_unanswerable:
            probabilities[unanswerable] = 0.0
        return probabilities

    def _allowed_columns(self, ngrams: TextNgrams) -> np.ndarray:
        """bool [texts, profile columns]: the languages each text's script leaves as candidates."""
        allowed = self._script_allows.take(ngrams.script, axis=0)
        # langdetect labels most Traditional Chinese as Korean: Korean without a
        # single Hangul letter, or Japanese without kana, is Chinese written in Han.
        han_only = ngrams.han > 0
        if han_only.any():
            allowed[han_only & (ngrams.hangul == 0), self._columns_of["ko"]] = False
            allowed[han_only & (ngrams.kana == 0), self._columns_of["ja"]] = False
        return allowed

    def _ranked(self, row: np.ndarray) -> list[tuple[str, float]]:
        # Listed first, then sorted: a stable sort keeps ties in language order, as a stable argsort of all would.
        listed = [
            (language, p)
            for language, p in zip(self.languages, row.tolist(), strict=True)
            if p >= MIN_LISTED_PROBABILITY
        ]
        return sorted(listed, key=lambda pair: -pair[1])

    def _evidence(self, ngrams: TextNgrams) -> np.ndarray:
        return ngrams.letters + 2 * (ngrams.han + ngrams.hangul + ngrams.kana)

    def probabilities_many(self, texts: list[str], context_lang: str = "") -> list[list[tuple[str, float]]]:
        """For each text, (language, probability) pairs, most likely first; [] when undetectable."""
        ngrams, logits = self._scored(texts)
        return [self._ranked(row) for row in self._posteriors(ngrams, context_lang, logits)]

    def probabilities(self, text: str, context_lang: str = "") -> list[tuple[str, float]]:
        """(language, probability) pairs, most likely first; [] when undetectable."""
        return self.probabilities_many([text], context_lang)[0]

    def identify_many(
        self, texts: list[str], context_lang: str = "", context_prob: float = 0.0
    ) -> list[tuple[str, float]]:
        """The language of each text (an article's sentences), with `context_lang` as the prior.

        One vectorised pass for all texts; the same answers as `identify` on each.
        Text too short to carry evidence takes the context language as it is.
        """
        if not texts:
            return []
        ngrams, logits = self._scored(texts)
        return self._best(
            self._posteriors(ngrams, context_lang, logits), self._evidence(ngrams), context_lang, context_prob
        )

    def _best(
        self, probabilities: np.ndarray, evidence: np.ndarray, context_lang: str, context_prob: float
    ) -> list[tuple[str, float]]:
        best = probabilities.argmax(axis=1)
        best_probability = probabilities.max(axis=1)
        enough = evidence >= MIN_EVIDENCE_TO_DETECT
        fallback = (context_lang, context_prob) if context_lang else (UNDETERMINED, 0.0)
        # Python lists, not numpy scalars, for the per-text loop: a tenth of the cost.
        return [
            (self.languages[index], probability) if has_evidence and probability > 0 else fallback
            for index, probability, has_evidence in zip(
                best.tolist(), best_probability.tolist(), enough.tolist(), strict=True
            )
        ]

    def identify_article(
        self, title: str, sentences: list[str], hint: str = ""
    ) -> tuple[tuple[str, float], list[tuple[str, float]]]:
        """The article's language from all of its text, then each sentence's with it as the prior.

        One n-gram pass serves both: the article's scores are the sum of its
        title's and sentences' (all but the n-grams spanning two sentences),
        so the whole article decides its language at no extra cost. `hint` is
        the source's declared language (see choose_article_language).
        """
        ngrams, logits = self._scored([title, *sentences])
        whole = self._posteriors(ngrams.merged(), "", logits.sum(axis=0, keepdims=True))[0]
        article_lang, article_prob = choose_article_language(self._ranked(whole), hint)
        context = article_lang if article_lang != UNDETERMINED else ""
        probabilities = self._posteriors(ngrams, context, logits)[1:]
        return (article_lang, article_prob), self._best(
            probabilities, self._evidence(ngrams)[1:], context, article_prob
        )

    def identify(self, text: str, context_lang: str = "", context_prob: float = 0.0) -> tuple[str, float]:
        """The language of `text`; `context_lang` (the article's language) acts as a prior."""
        return self.identify_many([text], context_lang, context_prob)[0]


_SHARED_LOCK = threading.Lock()
_SHARED: dict[int, LanguageIdentifier] = {}


def shared_identifier(max_text_length: int = 2000) -> LanguageIdentifier:
    """One identifier per process for every step that detects languages.

    An identifier holds about 100 MB of read-only arrays (profiles, n-gram
    index, word lists) and no state, so one serves every DoFn and thread of a
    worker; each step building its own doubled a worker's memory for nothing.
    """
    with _SHARED_LOCK:
        if max_text_length not in _SHARED:
            _SHARED[max_text_length] = LanguageIdentifier(max_text_length)
        return _SHARED[max_text_length]


def choose_article_language(detected: list[tuple[str, float]], hint: str) -> tuple[str, float]:
    """Article language: the detector's answer unless it is unsure and the source declared one.

    A source's declared language (feed <language>, sources.yaml, JSON `lang`)
    wins when the detector is below 0.8 confidence or gives no answer.
    """
    if detected and (detected[0][1] >= 0.8 or not hint):
        return detected[0]
    if hint:
        return hint, dict(detected).get(hint, 0.0)
    return UNDETERMINED, 0.0
