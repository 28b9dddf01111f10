"""Input sources: what to read, and the per-source settings that travel with it.

A `SourceSpec` is one feed URL, file, directory or glob, with an optional
language hint and topic defaults. Specs come from the command line or from
`configs/sources.yaml`, which is validated on load with errors that name the
offending line.
"""

from __future__ import annotations

import dataclasses
import os
import re
from pathlib import Path

import yaml

from transforms import storage

_NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._ -]{0,99}$")
_LANG = re.compile(r"^[a-z]{2,3}(-[A-Za-z0-9]{2,8})?$")
_FIELDS = {"name", "url", "path", "lang", "topic", "categories", "enabled"}


class SourcesConfigError(ValueError):
    """sources.yaml is malformed; the message names the file and line."""


@dataclasses.dataclass(frozen=True, slots=True)
class SourceSpec:
    location: str  # http(s) URL, path, directory or glob
    name: str = ""  # defaults to the file name or URL host+path
    lang_hint: str = ""
    default_topic: str = ""
    category_topics: tuple[tuple[str, str], ...] = ()  # (source category, topic slug)

    @property
    def is_url(self) -> bool:
        return self.location.startswith(("http://", "https://"))

    def source_for(self, location: str) -> str:
        """The `source` value of what was read at `location`: the configured name, else a default from it."""
        return self.name or source_name(location)

    def topic_for_categories(self, categories: list[str]) -> str:
        """The topic the source maps one of `categories` to, else its default topic."""
        mapping = {category.casefold(): topic for category, topic in self.category_topics}
        for category in categories:
            if topic := mapping.get(category.casefold()):
                return topic
        return self.default_topic


def source_name(location: str) -> str:
    """Default source name: host + path for an http(s) URL, else the file name (local or in a bucket alike)."""
    if location.startswith(("http://", "https://")):
        rest = location.split("://", 1)[1]
        return rest.split("?", 1)[0].rstrip("/")[:200] or location
    return location.replace("\\", "/").rstrip("/").rsplit("/", 1)[-1] or location


def _mapping(node: yaml.MappingNode, fail) -> dict[str, yaml.Node]:
    """A YAML mapping's fields by name; keys must be plain strings (not '? [a, b]')."""
    fields = {}
    for key, value in node.value:
        if not isinstance(key, yaml.ScalarNode):
            raise fail(key, "keys must be plain names")
        fields[key.value] = value
    return fields


def spec_from_argument(argument: str) -> SourceSpec:
    """A command-line input: URL, file, directory or glob, with default settings; local paths made absolute."""
    return SourceSpec(location=storage.absolute(argument))


def load_sources(path: str | Path, known_topics: set[str]) -> list[SourceSpec]:
    """Load and validate a sources file; disabled sources are left out."""
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
        root = yaml.compose(text)
    except (OSError, UnicodeDecodeError, yaml.YAMLError, RecursionError) as error:
        raise SourcesConfigError(f"{path}: cannot read sources: {' '.join(str(error).split())}") from error
    if root is None:
        return []

    def fail(node: yaml.Node, message: str) -> SourcesConfigError:
        return SourcesConfigError(f"{path}:{node.start_mark.line + 1}: {message}")

    if not isinstance(root, yaml.MappingNode):
        raise fail(root, "expected a mapping with a 'sources' list")
    top = _mapping(root, fail)
    entries = top.get("sources")
    if not isinstance(entries, yaml.SequenceNode):
        raise fail(root, "expected 'sources:' followed by a list of sources")

    specs, seen_names = [], set()
    for node in entries.value:
        if not isinstance(node, yaml.MappingNode):
            raise fail(node, "each source must be a mapping with at least 'url' or 'path'")
        fields = _mapping(node, fail)
        unknown = set(fields) - _FIELDS
        if unknown:
            raise fail(node, f"unknown field(s) {sorted(unknown)}; allowed: {sorted(_FIELDS)}")
        try:
            raw = yaml.safe_load(yaml.serialize(node))
        except (yaml.YAMLError, RecursionError) as error:
            raise fail(node, f"cannot read this source: {error}") from error
        location = raw.get("url") or raw.get("path")
        if not isinstance(location, str) or not location.strip():
            raise fail(node, "a source needs a non-empty 'url' or 'path'")
        if "url" in raw and not location.startswith(("http://", "https://")):
            raise fail(fields["url"], f"'url' must start with http:// or https://, got {location!r}")
        name = raw.get("name", "")
        if not isinstance(name, str) or (name and not _NAME.match(name)):
            raise fail(fields.get("name", node), f"invalid name {name!r}: letters, digits, '.', '_', '-', space")
        if name in seen_names and name:
            raise fail(fields["name"], f"duplicate source name {name!r}")
        seen_names.add(name)
        lang = raw.get("lang", "")
        if lang and not (isinstance(lang, str) and _LANG.match(lang)):
            raise fail(fields["lang"], f"invalid language code {lang!r}; use ISO 639-1 such as 'en'")
        topic = raw.get("topic", "")
        if topic and topic not in known_topics:
            raise fail(fields["topic"], f"unknown topic {topic!r}; known: {', '.join(sorted(known_topics))}")
        categories = raw.get("categories", {}) or {}
        if not isinstance(categories, dict):
            raise fail(fields["categories"], "'categories' must map a source category to a topic slug")
        for category, mapped in categories.items():
            if mapped not in known_topics:
                raise fail(fields["categories"], f"category {category!r} maps to unknown topic {mapped!r}")
        enabled = raw.get("enabled", True)
        if not isinstance(enabled, bool):
            raise fail(fields["enabled"], f"'enabled' must be true or false, got {enabled!r}")
        location = location.strip()
        if "path" in raw and storage.is_local(location):
            # Relative paths are relative to the sources file, as in docker-compose; absolute, because
            # cluster workers would resolve a relative one in their own working folder.
            location = storage.absolute(os.path.join(path.parent, location))
        if enabled:
            specs.append(
                SourceSpec(
                    location=location,
                    name=name,
                    lang_hint=lang.lower(),
                    default_topic=topic,
                    category_topics=tuple((str(c), t) for c, t in categories.items()),
                )
            )
    return specs
