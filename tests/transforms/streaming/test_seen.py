"""SeenKeys: forgotten after the TTL since last seen, least recently seen first beyond the cap."""

from transforms.streaming.seen import SeenKeys, shard_of


def test_a_key_is_forgotten_once_unseen_for_longer_than_the_ttl():
    seen = SeenKeys(ttl_seconds=10, max_entries=100)
    seen.touch("a", 1, now=0)
    seen.touch("b", 2, now=5)
    assert seen.expire(now=10) == 0 and "a" in seen
    assert seen.expire(now=10.5) == 1
    assert "a" not in seen and seen.get("b") == 2


def test_seeing_a_key_again_refreshes_it():
    seen = SeenKeys(ttl_seconds=10, max_entries=100)
    seen.touch("a", 1, now=0)
    seen.touch("b", 2, now=1)
    seen.touch("a", 1, now=8)  # polled again: still in the feed
    seen.expire(now=15)
    assert "a" in seen and "b" not in seen


def test_beyond_the_cap_the_least_recently_seen_go_first():
    seen = SeenKeys(ttl_seconds=1000, max_entries=2)
    for position, key in enumerate("abc"):
        seen.touch(key, position, now=position)
    seen.touch("a", 0, now=3)
    assert seen.expire(now=3) == 1
    assert sorted(seen.entries) == ["a", "c"]


def test_shards_are_stable_and_spread():
    assert shard_of("https://example.org/x", 16) == shard_of("https://example.org/x", 16)
    assert len({shard_of(f"id-{n}", 16) for n in range(200)}) == 16
