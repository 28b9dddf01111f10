"""Language identification with langdetect, deterministic and free of global state.

langdetect's module-level `detect()` shares one unseeded factory per process;
here each `LanguageIdentifier` owns a private, seeded factory, built once per
worker in `DoFn.setup()`.
"""

from __future__ import annotations

import re

from langdetect.detector_factory import PROFILES_DIRECTORY, DetectorFactory
from langdetect.lang_detect_exception import LangDetectException

UNDETERMINED = "und"
# Below this many letters a detection is a guess; the context decides instead.
MIN_LETTERS_TO_DETECT = 12
_LETTER = re.compile(r"[^\W\d_]", re.UNICODE)
# Share of prior probability given to the context language when detecting a
# sentence: strong enough to settle short or ambiguous sentences, weak enough
# for a clearly foreign sentence (a quote) to win on its own evidence.
CONTEXT_PRIOR = 0.6


_HANGUL = re.compile(r"[\uac00-\ud7af\u1100-\u11ff\u3130-\u318f]")
_KANA = re.compile(r"[\u3040-\u30ff]")
_HAN = re.compile(r"[\u4e00-\u9fff\u3400-\u4dbf]")


def script_consistent(ranked: list[tuple[str, float]], text: str) -> list[tuple[str, float]]:
    """Drop answers the text's script rules out, renormalised.

    langdetect labels most Traditional Chinese as Korean: Korean text without
    a single Hangul letter, or Japanese without kana, is Chinese written in Han.
    """
    if not _HAN.search(text):
        return ranked
    ruled_out = set()
    if not _HANGUL.search(text):
        ruled_out.add("ko")
    if not _KANA.search(text):
        ruled_out.add("ja")
    kept = [(lang, p) for lang, p in ranked if lang not in ruled_out]
    if not kept:
        return [("zh", 1.0)]
    total = sum(p for _, p in kept)
    return [(lang, p / total) for lang, p in kept]


def _evidence(text: str) -> int:
    """Letters in `text`, an ideograph or syllable block counting as three (it carries a word's worth)."""
    dense = len(_HAN.findall(text)) + len(_HANGUL.findall(text)) + len(_KANA.findall(text))
    return len(_LETTER.findall(text)) + 2 * dense


def _iso639_1(code: str) -> str:
    """langdetect says zh-cn / zh-tw; the datasets use ISO 639-1."""
    return code.split("-")[0]


class LanguageIdentifier:
    def __init__(self, seed: int = 0, max_text_length: int = 2000) -> None:
        self._factory = DetectorFactory()
        self._factory.load_profile(PROFILES_DIRECTORY)
        self._factory.set_seed(seed)
        self._languages = self._factory.get_lang_list()
        self._max_text_length = max_text_length

    def _prior_for(self, context_lang: str) -> dict[str, float] | None:
        matching = [lang for lang in self._languages if _iso639_1(lang) == context_lang]
        if not matching:
            return None
        others = (1.0 - CONTEXT_PRIOR) / max(1, len(self._languages) - len(matching))
        prior = {lang: others for lang in self._languages}
        prior.update({lang: CONTEXT_PRIOR / len(matching) for lang in matching})
        return prior

    def probabilities(self, text: str, context_lang: str = "") -> list[tuple[str, float]]:
        """(language, probability) pairs, most likely first; [] when undetectable."""
        detector = self._factory.create()
        detector.set_max_text_length(self._max_text_length)
        if context_lang and (prior := self._prior_for(context_lang)):
            detector.set_prior_map(prior)
        detector.append(text)
        try:
            ranked = detector.get_probabilities()
        except LangDetectException:
            return []
        merged: dict[str, float] = {}
        for candidate in ranked:
            code = _iso639_1(candidate.lang)
            merged[code] = merged.get(code, 0.0) + candidate.prob
        return script_consistent(sorted(merged.items(), key=lambda item: -item[1]), text)

    def identify(self, text: str, context_lang: str = "", context_prob: float = 0.0) -> tuple[str, float]:
        """The language of `text`; `context_lang` (the article's language) acts as a prior.

        Text too short to carry evidence takes the context language as it is.
        """
        if _evidence(text[:200]) < MIN_LETTERS_TO_DETECT:
            return (context_lang, context_prob) if context_lang else (UNDETERMINED, 0.0)
        ranked = self.probabilities(text, context_lang)
        if not ranked:
            return (context_lang, context_prob) if context_lang else (UNDETERMINED, 0.0)
        return ranked[0]


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
