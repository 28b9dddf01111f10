"""The ledger summary: per-source balance that catches lost records."""

from transforms.accounting import summarise


def test_balanced_sources_and_grouped_reasons():
    ledger = [
        (("inputs", "a"), 5),
        (("written", "a"), 3),
        (("rejected", "a"), 1),
        (("duplicates", "a"), 1),
        (("inputs", "b"), 2),
        (("rejected", "b"), 2),
        (("reject_reason", "parse:invalid_json"), 2),
        (("reject_reason", "read:not_found"), 1),
        (("topic", "sport"), 3),
        (("sentences", "total"), 40),
    ]
    counts = summarise(ledger)
    assert counts["by_source"]["a"] == {"inputs": 5, "written": 3, "rejected": 1, "duplicates": 1, "balanced": True}
    assert counts["totals"] == {
        "inputs": 7,
        "written": 3,
        "rejected": 3,
        "duplicates": 1,
        "sentences": 40,
        "balanced": True,
    }
    assert list(counts["rejects_by_reason"]) == ["parse:invalid_json", "read:not_found"]


def test_a_record_lost_between_birth_and_end_unbalances_its_source():
    counts = summarise([(("inputs", "a"), 3), (("written", "a"), 2), (("inputs", "b"), 1), (("written", "b"), 1)])
    assert counts["by_source"]["a"]["balanced"] is False
    assert counts["by_source"]["b"]["balanced"] is True
    assert counts["totals"]["balanced"] is False


def test_empty_run_is_balanced():
    assert summarise([])["totals"]["balanced"] is True
