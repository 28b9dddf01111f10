"""The end-of-run summary printed for humans: counts, rejects, where the data is, how to query it."""

from __future__ import annotations


def _top(counts: dict[str, int], limit: int = 8) -> str:
    shown = ", ".join(f"{key} {value}" for key, value in list(counts.items())[:limit])
    more = len(counts) - limit
    return shown + (f", ... (+{more} more)" if more > 0 else "") if counts else "none"


def format_summary(manifest: dict, output: str) -> str:
    counts = manifest["counts"]
    totals = counts["totals"]
    balance = "balanced" if totals["balanced"] else "NOT BALANCED: records were lost, see by_source in the manifest"
    lines = [
        f"newsbeam run {manifest['run_id']} finished in {manifest['duration_seconds']:.1f}s",
        f"  inputs {totals['inputs']} = written {totals['written']} + rejected {totals['rejected']}"
        f" + duplicates {totals['duplicates']} ({balance})",
        f"  sentences written: {totals['sentences']}",
        f"  articles by topic: {_top(counts['articles_by_topic'])}",
        f"  articles by language: {_top(counts['articles_by_lang'])}",
        f"  articles by date: {_top(counts['articles_by_date'], 5)}",
        f"  rejects by reason: {_top(counts['rejects_by_reason'])}",
        f"  duplicates by reason: {_top(counts['duplicates_by_reason'])}",
        f"  data: {output}/sentences, {output}/articles, {output}/rejects",
        f"  manifest: {output}/_runs/{manifest['run_id']}.json",
        '  query: duckdb -c "select topic, date, count(*) from '
        f"read_parquet('{output}/sentences/**/*.parquet', hive_partitioning=true) group by all order by all\"",
    ]
    return "\n".join(lines)
