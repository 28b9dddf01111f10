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
        self._columns_of = {
            language: np.flatnonzero(np.asarray(column_language) == index)
            for index, language in enumerate(self.languages)
        }
        self._one_column_per_language = np.array([columns[0] for columns in self._columns_of.values()])
        # langdetect's variants (zh-cn, zh-tw) whose probabilities add to their language's first column's.
        self._variant_columns = [
            (index, columns[1:]) for index, columns in enumerate(self._columns_of.values()) if len(columns) > 1
        ]
        # Two variants at most: their sum is then one rounding, whatever order it is taken in.
        assert all(len(columns) == 1 for _, columns in self._variant_columns)
        # Added to a text's scores: 0.0 for the languages its script allows, -inf for the others.
        self._script_penalty = np.where(profiles.script_shares >= MIN_SCRIPT_SHARE, 0.0, -np.inf)
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
        logits = self._ngram_scores(ngrams)
        if len(texts):
            unsure = self._unsure(logits)
            if len(unsure):
                logits[unsure] += self._words.scores([texts[index] for index in unsure])
        return ngrams, logits

    def _unsure(self, logits: np.ndarray) -> list[int] | np.ndarray:
        """The texts whose two best languages' scores are closer than WORD_EVIDENCE_MARGIN."""
        # Sorting ~50 values per row (in place, on the gathered copy) costs less than np.partition's
        # setup, and the top two are the same values. (Methods, not np.* functions: no Python wrapper.)
        per_language = logits.take(self._one_column_per_language, axis=1)
        per_language.sort(axis=1)
        margins = per_language[:, -1] - per_language[:, -2]
        if len(margins) == 1:  # one text (an article's opening): a scalar test costs less than an index array
            return [0] if margins[0] < WORD_EVIDENCE_MARGIN else []
        return (margins < WORD_EVIDENCE_MARGIN).nonzero()[0]

    def _ngram_scores(self, ngrams: TextNgrams) -> np.ndarray:
        """float64 [texts, profile columns]: each text's summed n-gram scores, 0.0 for a text without any."""
        found = ngrams.found
        if not len(ngrams.rows):
            return np.zeros((ngrams.texts, self._scores.shape[1]), dtype=np.float64)
        starts = found.cumsum() - found
        if found.all():  # as for most batches: no zero rows to leave, so no masked assignment
            return np.add.reduceat(self._scores.take(ngrams.rows, axis=0), starts, axis=0).astype(np.float64)
        logits = np.zeros((ngrams.texts, self._scores.shape[1]), dtype=np.float64)
        some = found > 0
        logits[some] = np.add.reduceat(self._scores.take(ngrams.rows, axis=0), starts[some], axis=0)
        return logits

    def _prior(self, context_lang: str) -> np.ndarray | None:
        """The row `_posteriors` adds to every text's scores for a context language; None without one."""
        return self._boost_row.get(context_lang)

    def _posteriors(self, ngrams: TextNgrams, prior: np.ndarray | None, logits: np.ndarray) -> np.ndarray:
        """[texts, languages] probabilities from the texts' scores and a prior (`_prior`: one row for all
        texts, or one row per text); rows of texts without a known n-gram are zero."""
        # One addition both rules out the languages of other scripts (-inf) and adds the prior:
        # a fraction of the separate where() and addition it replaces, with the same sums.
        offsets = self._candidate_penalty(ngrams)
        if prior is not None:
            offsets += prior
        logits = logits + offsets
        highest = logits.max(axis=1, keepdims=True)
        # No known n-gram, or a script no language here is written in: no answer.
        # (Scores are finite sums, so a row's maximum is -inf exactly where nothing is allowed.)
        # Two whole-batch checks first: most batches have no such text, and need no mask.
        some_unanswerable = not ngrams.found.all() or highest.min() == -np.inf
        if some_unanswerable:
            unanswerable = (ngrams.found == 0) | (highest[:, 0] == -np.inf)
            logits[unanswerable] = 0.0
            highest[unanswerable] = 0.0
        logits -= highest
        weights = np.exp(logits, out=logits)  # in place: the same values, one allocation fewer
        probabilities = self._per_language(weights / weights.sum(axis=1, keepdims=True))
        if some_unanswerable:
            probabilities[unanswerable] = 0.0
        return probabilities

    def _candidate_penalty(self, ngrams: TextNgrams) -> np.ndarray:
        """float64 [texts, profile columns]: 0.0 for the languages a text's script leaves as candidates, else -inf."""
        penalty = self._script_penalty.take(ngrams.script, axis=0)
        # langdetect labels most Traditional Chinese as Korean: Korean without a
        # single Hangul letter, or Japanese without kana, is Chinese written in Han.
        if ngrams.han.any():
            han_only = ngrams.han > 0
            penalty[han_only & (ngrams.hangul == 0), self._columns_of["ko"]] = -np.inf
            penalty[han_only & (ngrams.kana == 0), self._columns_of["ja"]] = -np.inf
        return penalty

    def _per_language(self, column_probabilities: np.ndarray) -> np.ndarray:
        """[texts, languages] from [texts, profile columns]: the variants' (zh-cn, zh-tw) probabilities summed.

        A gather and one addition where a matrix product with a 0/1 matrix used to be: the
        same sums (adding the product's zeros changes nothing), at a fraction of the cost.
        """
        probabilities = column_probabilities.take(self._one_column_per_language, axis=1)
        for language, columns in self._variant_columns:
            probabilities[:, language] += column_probabilities[:, columns[0]]
        return probabilities

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
        return [self._ranked(row) for row in self._posteriors(ngrams, self._prior(context_lang), logits)]

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
        probabilities = self._posteriors(ngrams, self._prior(context_lang), logits)
        return self._best(*self._best_columns(probabilities, self._evidence(ngrams)), context_lang, context_prob)

    @staticmethod
    def _best_columns(probabilities: np.ndarray, evidence: np.ndarray) -> tuple[list[int], list[float], list[bool]]:
        """Per text: the most likely language's index and probability, and whether the text has evidence enough.
        Python lists, not numpy scalars, for the per-text loop of `_best`: a tenth of the cost."""
        return (
            probabilities.argmax(axis=1).tolist(),
            probabilities.max(axis=1).tolist(),
            (evidence >= MIN_EVIDENCE_TO_DETECT).tolist(),
        )

    def _best(
        self, best: list[int], best_probability: list[float], enough: list[bool], context_lang: str, context_prob: float
    ) -> list[tuple[str, float]]:
        """Each text's answer from `_best_columns`: its best language, or the context where it has no evidence."""
        fallback = (context_lang, context_prob) if context_lang else (UNDETERMINED, 0.0)
        return [
            (self.languages[index], probability) if has_evidence and probability > 0 else fallback
            for index, probability, has_evidence in zip(best, best_probability, enough, strict=True)
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
        return self.identify_articles([(title, sentences, hint)])[0]

    def identify_articles(
        self, articles: list[tuple[str, list[str], str]]
    ) -> list[tuple[tuple[str, float], list[tuple[str, float]]]]:
        """`identify_article` of each (title, sentences, hint), for several articles in one pass.

        Each text's scores are its own whatever else is in the pass, so the
        answers are those of one article at a time, bit for bit; the numpy
        calls' fixed cost is shared (see language.ARTICLES_PER_PASS).
        """
        if not articles:
            return []
        texts: list[str] = []
        spans = []
        for title, sentences, _ in articles:
            spans.append((len(texts), len(texts) + 1 + len(sentences)))
            texts.append(title)
            texts += sentences
        ngrams, logits = self._scored(texts)
        # Summed span by span, as the sum of a one-article pass's rows was: the same additions in the same order.
        whole_logits = np.stack([logits[start:end].sum(axis=0) for start, end in spans])
        wholes = self._posteriors(ngrams.merged_spans(spans), None, whole_logits)
        prior = np.zeros_like(logits)
        choices = []
        for (start, end), (_, _, hint), whole in zip(spans, articles, wholes, strict=True):
            article_lang, article_prob = self._article_language(whole, hint)
            context = article_lang if article_lang != UNDETERMINED else ""
            if context:
                prior[start:end] = self._prior(context)
            choices.append((article_lang, article_prob, context))
        best = self._best_columns(self._posteriors(ngrams, prior, logits), self._evidence(ngrams))
        return [
            ((lang, prob), self._best(*(column[start + 1 : end] for column in best), context, prob))  # not the title
            for (start, end), (lang, prob, context) in zip(spans, choices, strict=True)
        ]

    def article_language(self, text: str, hint: str = "") -> tuple[str, float]:
        """`choose_article_language(self.probabilities(text), hint)`: an article's language from its opening."""
        return self.article_languages([text], [hint])[0]

    def article_languages(self, texts: list[str], hints: list[str]) -> list[tuple[str, float]]:
        """`article_language` of each text with its hint, in one pass: the same answers, bit for bit."""
        ngrams, logits = self._scored(texts)
        probabilities = self._posteriors(ngrams, None, logits)
        return [self._article_language(row, hint) for row, hint in zip(probabilities, hints, strict=True)]

    def _article_language(self, probabilities: np.ndarray, hint: str) -> tuple[str, float]:
        """`choose_article_language(self._ranked(probabilities), hint)` without listing and sorting every language.

        choose_article_language reads only the first pair and the hint's: the
        first is the most likely language (argmax takes the first of equals,
        as the stable sort does), and either is listed only above MIN_LISTED_PROBABILITY.
        """
        values = probabilities.tolist()
        best = int(probabilities.argmax())
        listed = [(self.languages[best], values[best])]
        if hint in self._columns_of:
            listed.append((hint, values[self.languages.index(hint)]))
        return choose_article_language([pair for pair in listed if pair[1] >= MIN_LISTED_PROBABILITY], hint)

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
