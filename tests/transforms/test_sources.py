"""sources.yaml: loaded into SourceSpecs, and every mistake reported with its line."""

from pathlib import Path

import pytest

from transforms.sources import SourcesConfigError, SourceSpec, load_sources, source_name, spec_from_argument

REPO_ROOT = Path(__file__).resolve().parents[2]
TOPICS = {"politics", "sport", "economy-business-finance", "general"}


def write(tmp_path, text):
    path = tmp_path / "sources.yaml"
    path.write_text(text)
    return path


def test_bundled_sources_file_loads_and_skips_disabled_entries():
    specs = load_sources(REPO_ROOT / "configs" / "sources.yaml", TOPICS | {"science-technology"})
    names = [spec.name for spec in specs]
    assert "example-remote-feed" not in names
    world = specs[names.index("seed-world-news")]
    assert Path(world.location).resolve() == (REPO_ROOT / "seeds" / "world-news.rss").resolve()
    assert world.lang_hint == "en"
    assert world.topic_for_categories(["politics"]) == "politics"


def test_category_mapping_wins_over_default_topic():
    spec = SourceSpec(location="x", default_topic="sport", category_topics=(("Economy", "economy-business-finance"),))
    assert spec.topic_for_categories(["Local", "economy"]) == "economy-business-finance"
    assert spec.topic_for_categories(["Local"]) == "sport"


@pytest.mark.parametrize(
    ("text", "line", "message"),
    [
        ("sources:\n  - name: a\n    url: ftp://x\n", 3, "must start with http"),
        ("sources:\n  - name: a\n    path: x\n    lang: english\n", 4, "invalid language code"),
        ("sources:\n  - name: a\n    path: x\n    topic: gossip\n", 4, "unknown topic 'gossip'"),
        ("sources:\n  - name: a\n    path: x\n  - name: a\n    path: y\n", 4, "duplicate source name"),
        ("sources:\n  - name: a\n    path: x\n    colour: red\n", 2, "unknown field"),
        ("sources:\n  - name: a\n    path: x\n    enabled: maybe\n", 4, "'enabled' must be true or false"),
        ("sources:\n  - name: a\n", 2, "needs a non-empty 'url' or 'path'"),
        ("sources:\n  - just a string\n", 2, "must be a mapping"),
        ("feeds: []\n", 1, "expected 'sources:'"),
        ("sources:\n  - name: a\n    path: x\n    categories: [sport]\n", 4, "must map a source category"),
    ],
)
def test_errors_name_file_and_line(tmp_path, text, line, message):
    path = write(tmp_path, text)
    with pytest.raises(SourcesConfigError) as raised:
        load_sources(path, TOPICS)
    assert str(raised.value).startswith(f"{path}:{line}:")
    assert message in str(raised.value)


def test_yaml_syntax_errors_are_config_errors(tmp_path):
    with pytest.raises(SourcesConfigError, match="cannot read sources"):
        load_sources(write(tmp_path, "sources: [\n"), TOPICS)


def test_empty_file_means_no_sources(tmp_path):
    assert load_sources(write(tmp_path, ""), TOPICS) == []


def test_command_line_paths_are_made_absolute_on_the_launching_machine(tmp_path, monkeypatch):
    # Cluster workers resolve a relative path in their own working folder, where it names nothing.
    monkeypatch.chdir(tmp_path)
    assert spec_from_argument("news/today.rss").location == str(tmp_path / "news" / "today.rss")
    assert spec_from_argument("drop/").location == f"{tmp_path / 'drop'}/"  # the folder sign survives
    assert spec_from_argument("feeds/*.xml").location == f"{tmp_path / 'feeds'}/*.xml"
    assert spec_from_argument("/srv/news").location == "/srv/news"


def test_urls_and_object_store_locations_are_left_as_given():
    for location in ("https://example.org/feed.xml", "s3://news/in", "gs://bucket/drop/"):
        assert spec_from_argument(location).location == location


def test_relative_source_paths_are_absolute_from_the_sources_files_folder(tmp_path, monkeypatch):
    configs = tmp_path / "configs"
    configs.mkdir()
    (configs / "sources.yaml").write_text(
        "sources:\n  - path: ../seeds/\n  - path: local.rss\n  - path: s3://news/in\n  - path: /srv/abs.rss\n"
    )
    monkeypatch.chdir(tmp_path)  # the sources file named by a relative path, as `--sources configs/sources.yaml`
    locations = [spec.location for spec in load_sources("configs/sources.yaml", TOPICS)]
    assert locations == [f"{tmp_path / 'seeds'}/", str(configs / "local.rss"), "s3://news/in", "/srv/abs.rss"]


def test_a_file_in_a_bucket_is_named_like_a_local_file():
    # The same file gives the same `source` whether it was read from a folder or from object storage.
    assert source_name("s3://news/in/briefs.txt.gz") == source_name("/data/in/briefs.txt.gz") == "briefs.txt.gz"
    assert source_name("gs://bucket/drop/a.rss") == "a.rss"
    assert source_name("https://example.org/feeds/world.rss?x=1") == "example.org/feeds/world.rss"
