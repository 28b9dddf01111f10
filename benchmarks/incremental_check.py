"""Cost of the incremental check as the output grows: a run adding 1,000 new articles to 0, 1k, 10k, 100k stored.

    .venv/bin/python benchmarks/incremental_check.py [--sizes 0,1000,10000,100000] [--new 1000]

For each size, a fresh output is filled with that many synthetic stored
articles (files of 10,000 rows, as many runs leave them), then a real
`newsbeam run` subprocess adds --new short articles. Prints wall time and
peak RSS of the run, and the time to read the stored (id, hash, revision)
columns alone.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO_ROOT))

import pyarrow as pa  # noqa: E402

from transforms import ids  # noqa: E402
from transforms.dedupe import read_stored_keys, stored_article_files  # noqa: E402
from transforms.schema import ARTICLES  # noqa: E402
from transforms.write import write_parquet  # noqa: E402

FILE_ROWS = 10_000
WORDS = "council budget school transport river storm match goal market price vote court".split()


def stored_articles(root: Path, count: int) -> None:
    now = dt.datetime.now(dt.UTC)
    for start in range(0, count, FILE_ROWS):
        n = min(FILE_ROWS, count - start)
        texts = [f"Stored article {start + i} about the " + " ".join(WORDS[(start + i) % 7 :]) for i in range(n)]
        columns = {
            "article_id": [
                ids.article_id(url=f"https://stored.example/{start + i}", guid="", source="s", text_hash="")
                for i in range(n)
            ],
            "revision": [1] * n,
            "title": [""] * n,
            "text": texts,
            "guid": [""] * n,
            "lang": ["en"] * n,
            "lang_prob": [0.99] * n,
            "topic_scores": [[]] * n,
            "places": [[]] * n,
            "categories": [[]] * n,
            "sentence_count": [1] * n,
            "content_hash": [ids.content_hash(t) for t in texts],
            "input_ref": [f"stored:{start + i}" for i in range(n)],
            "source": ["stored"] * n,
            "source_kind": ["jsonl"] * n,
            "url": [f"https://stored.example/{start + i}" for i in range(n)],
            "published_at": [now] * n,
            "ingested_at": [now] * n,
            "date_source": ["published"] * n,
            "run_id": ["history"] * n,
        }
        table = pa.Table.from_pydict(columns, schema=ARTICLES)
        write_parquet(
            table,
            str(
                root
                / "articles"
                / "topic=general"
                / f"date=2026-11-{1 + start // FILE_ROWS % 28:02d}"
                / f"part-{start}.parquet"
            ),
        )


def new_articles(path: Path, count: int) -> None:
    with path.open("w") as handle:
        for i in range(count):
            text = f"New article {i}: the city council approved the school budget after a long vote on Monday."
            handle.write(
                json.dumps({"text": text, "url": f"https://new.example/{i}", "published": "2026-11-27T08:00:00Z"})
                + "\n"
            )


def measured_run(command: list[str]) -> tuple[float, float]:
    """(seconds, peak RSS in MiB) of a subprocess, measured by a fresh parent so children do not mix."""
    probe = (
        "import resource, subprocess, sys, time, json;"
        "t = time.perf_counter(); r = subprocess.run(json.loads(sys.argv[1]), capture_output=True);"
        "assert r.returncode == 0, r.stderr.decode()[-2000:];"
        "print(time.perf_counter() - t, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)"
    )
    out = subprocess.run([sys.executable, "-c", probe, json.dumps(command)], capture_output=True, text=True, check=True)
    seconds, kib = out.stdout.split()
    return float(seconds), int(kib) / 1024


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="0,1000,10000,100000")
    parser.add_argument("--new", type=int, default=1000)
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="newsbeam-incremental-"))
    try:
        source = work / "new.jsonl"
        new_articles(source, args.new)
        print(f"{'stored':>8}  {'run s':>7}  {'peak RSS MiB':>12}  {'read stored keys s':>18}")
        for size in [int(s) for s in args.sizes.split(",")]:
            output = work / f"out-{size}"
            stored_articles(output, size)
            start = time.perf_counter()
            keys = sum(1 for path in stored_article_files(str(output)) for _ in read_stored_keys(path))
            read_seconds = time.perf_counter() - start
            assert keys == size
            command = [sys.executable, "-m", "pipelines.cli", "run", str(source), "--output", str(output), "--quiet"]
            seconds, rss = measured_run(command)
            print(f"{size:>8,}  {seconds:7.2f}  {rss:12.0f}  {read_seconds:18.3f}", flush=True)
            shutil.rmtree(output)
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
