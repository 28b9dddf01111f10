"""Load and validate the tagging configuration: taxonomy and lexicons, places, entity cues.

Files are read once, on the machine that builds the pipeline; the resulting
plain dicts travel to the workers inside the DoFns, so workers need no access
to the configs/ folder.
"""

from __future__ import annotations

import dataclasses
import importlib.resources
import re
from pathlib import Path

import yaml

GENERAL_TOPIC = "general"
_SLUG = re.compile(r"^[a-z0-9][a-z0-9-]{0,62}$")
_IPTC = re.compile(r"^medtop:\d{8}$")


class TaggingConfigError(ValueError):
    """A configuration file is malformed; the message names the file and the entry."""


@dataclasses.dataclass(frozen=True)
class TaggingConfig:
    topics: list[dict]  # [{slug, iptc, label, terms: {lang: [term, ...]}}] in taxonomy order
    places: dict
    entities: dict

    @property
    def topic_slugs(self) -> set[str]:
        return {topic["slug"] for topic in self.topics} | {GENERAL_TOPIC}


def bundled_config_path(name: str) -> Path:
    """A file of the configs/ package shipped with newsbeam."""
    return Path(str(importlib.resources.files("configs") / name))


_SAFE_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def _read_yaml(path: Path) -> dict:
    try:
        # libyaml's loader when PyYAML has it: the lexicons take 2.5 s with the pure-Python one.
        data = yaml.load(path.read_text(encoding="utf-8"), Loader=_SAFE_LOADER)
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as error:
        raise TaggingConfigError(f"{path}: cannot read: {' '.join(str(error).split())}") from error
    if not isinstance(data, dict):
        raise TaggingConfigError(f"{path}: expected a mapping at the top level")
    return data


def _validate_topics(path: Path, data: dict) -> list[dict]:
    topics = data.get("topics")
    if not isinstance(topics, list) or not topics:
        raise TaggingConfigError(f"{path}: expected 'topics:' with a list of topics")
    seen = set()
    for position, topic in enumerate(topics):
        where = f"{path}: topic #{position + 1}"
        if not isinstance(topic, dict):
            raise TaggingConfigError(f"{where}: expected a mapping with slug, iptc, terms")
        slug = topic.get("slug")
        if not isinstance(slug, str) or not _SLUG.match(slug) or slug == GENERAL_TOPIC:
            raise TaggingConfigError(f"{where}: invalid slug {slug!r} (lowercase letters, digits, '-'; not 'general')")
        if slug in seen:
            raise TaggingConfigError(f"{where}: duplicate slug {slug!r}")
        seen.add(slug)
        if "iptc" in topic and not (isinstance(topic["iptc"], str) and _IPTC.match(topic["iptc"])):
            raise TaggingConfigError(f"{where} ({slug}): invalid iptc code {topic['iptc']!r}, expected medtop:NNNNNNNN")
        terms = topic.get("terms") or {}
        if not isinstance(terms, dict):
            raise TaggingConfigError(f"{where} ({slug}): 'terms' must map a language code to a list of terms")
        for lang, words in terms.items():
            if not isinstance(words, list) or not all(isinstance(w, str) and w.strip() for w in words):
                raise TaggingConfigError(f"{where} ({slug}): terms for {lang!r} must be a list of non-empty strings")
            for word in words:
                if any(len(part.rstrip("*")) < 3 for part in word.split() if part.endswith("*")):
                    raise TaggingConfigError(f"{where} ({slug}): prefix {word!r} is too short (3 letters at least)")
                if any(part.startswith("=") and (part.endswith("*") or len(part) == 1) for part in word.split()):
                    raise TaggingConfigError(
                        f"{where} ({slug}): {word!r}: '=' marks an exact form ('=fire'); it takes a word and no '*'"
                    )
        topic["terms"] = {lang: [w.strip().casefold() for w in words] for lang, words in terms.items()}
    return topics


def merge_topics(base: list[dict], extra: list[dict]) -> list[dict]:
    """A user's topics file extends the bundled one: new topics append, known ones gain terms."""
    merged = {topic["slug"]: {**topic, "terms": {k: list(v) for k, v in topic["terms"].items()}} for topic in base}
    for topic in extra:
        if topic["slug"] not in merged:
            merged[topic["slug"]] = topic
            continue
        for lang, words in topic["terms"].items():
            merged[topic["slug"]]["terms"].setdefault(lang, []).extend(words)
    return list(merged.values())


def load_tagging_config(
    topics_path: Path | None = None,
    extra_topics_path: Path | None = None,
    places_path: Path | None = None,
    entities_path: Path | None = None,
) -> TaggingConfig:
    topics_path = topics_path or bundled_config_path("topics.yaml")
    topics = _validate_topics(topics_path, _read_yaml(topics_path))
    if extra_topics_path:
        topics = merge_topics(topics, _validate_topics(extra_topics_path, _read_yaml(extra_topics_path)))
    places = _read_yaml(places_path or bundled_config_path("places.yaml"))
    entities = _read_yaml(entities_path or bundled_config_path("entities.yaml"))
    return TaggingConfig(topics=topics, places=places, entities=entities)
