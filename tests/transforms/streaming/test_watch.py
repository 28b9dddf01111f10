"""Folder watching: what a tick lists, and which files the seen state lets through."""

import os

from tests.transforms.streaming.state_doubles import FakeState
from transforms.sources import SourceSpec
from transforms.streaming.watch import PickNewFilesFn, folder_pattern, list_files


def test_a_tick_lists_input_files_recursively_and_skips_hidden_and_unknown_ones(tmp_path):
    (tmp_path / "sub").mkdir()
    for name in ["a.txt", "sub/b.jsonl", "c.rss.gz", ".d.txt.tmp", "_e.txt", "notes.docx"]:
        (tmp_path / name).write_text("x")
    listed = [os.path.relpath(path, tmp_path) for path, _, _ in list_files(SourceSpec(str(tmp_path)))]
    assert sorted(listed) == ["a.txt", "c.rss.gz", "sub/b.jsonl"]
    assert folder_pattern(str(tmp_path)).endswith("/**")
    assert folder_pattern("/data/*.jsonl") == "/data/*.jsonl"


def test_a_missing_folder_lists_nothing_instead_of_failing(tmp_path):
    assert list_files(SourceSpec(str(tmp_path / "gone"))) == []


def pick(picker: PickNewFilesFn, state: FakeState, path: str, size: int, mtime: float):
    return picker.process((0, (SourceSpec("/drop"), path, size, mtime)), state)


def test_a_file_is_read_once_then_again_only_when_it_changes():
    now = [1000.0]
    picker = PickNewFilesFn(ttl_seconds=3600, max_per_shard=100, min_age_seconds=1.0, clock=lambda: now[0])
    state = FakeState()
    assert [path for _, path in pick(picker, state, "/drop/a.txt", 10, 990.0)] == ["/drop/a.txt"]
    assert pick(picker, state, "/drop/a.txt", 10, 990.0) == []
    now[0] += 5
    assert [path for _, path in pick(picker, state, "/drop/a.txt", 25, 994.0)] == ["/drop/a.txt"]  # appended


def test_a_file_modified_a_moment_ago_waits_for_the_next_tick():
    now = [1000.0]
    picker = PickNewFilesFn(ttl_seconds=3600, max_per_shard=100, min_age_seconds=1.0, clock=lambda: now[0])
    state = FakeState()
    assert pick(picker, state, "/drop/new.txt", 10, 999.8) == []
    now[0] += 1
    assert len(pick(picker, state, "/drop/new.txt", 10, 999.8)) == 1


def test_removed_files_are_forgotten_after_the_ttl_present_ones_never():
    now = [1000.0]
    picker = PickNewFilesFn(ttl_seconds=60, max_per_shard=100, min_age_seconds=0, clock=lambda: now[0])
    state = FakeState()
    pick(picker, state, "/drop/gone.txt", 1, 0.0)
    pick(picker, state, "/drop/kept.txt", 1, 0.0)
    for _ in range(3):  # only kept.txt is still listed at each tick
        now[0] += 30
        assert pick(picker, state, "/drop/kept.txt", 1, 0.0) == []
    assert "/drop/gone.txt" not in state.read() and "/drop/kept.txt" in state.read()
