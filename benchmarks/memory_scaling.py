"""Peak memory of `newsbeam run` as the corpus grows: is it flat?

    .venv/bin/python benchmarks/memory_scaling.py [--sizes 10000 100000] [--workers 2]

For each size it writes a corpus with benchmarks/corpus.py, runs the real
`newsbeam run` command on it (multi_processing on --workers processes), and
samples the resident memory of the whole process tree (the launcher, the
runner and its worker processes) from /proc every 0.2 s. It prints the peak of
the tree's total RSS, of its largest process and of the launcher alone (where
the FnApiRunner holds what crosses its shuffles), the run's throughput, and the
ratio of each size's peak to the first size's. Target: at 100k articles at
most 1.5x the peak at 10k.
"""

from __future__ import annotations

import argparse
import json
import math
import os
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO_ROOT / "benchmarks"))

from corpus import write_corpus  # noqa: E402

PAGE_SIZE = os.sysconf("SC_PAGE_SIZE")
TARGET_RATIO = 1.5


def _children(pid: int) -> list[int]:
    """Child processes of every thread of `pid` (Beam starts its workers from a thread, not the main one)."""
    children = []
    try:
        threads = os.listdir(f"/proc/{pid}/task")
    except OSError:
        return children
    for thread in threads:
        try:
            with open(f"/proc/{pid}/task/{thread}/children") as handle:
                children.extend(int(child) for child in handle.read().split())
        except OSError:
            continue
    return children


def _rss_bytes(pid: int) -> int:
    try:
        with open(f"/proc/{pid}/statm") as handle:
            return int(handle.read().split()[1]) * PAGE_SIZE
    except OSError:  # the process ended between listing and reading
        return 0


def tree_rss(root: int) -> tuple[int, int]:
    """(total RSS of `root` and all its descendants, RSS of the largest one)."""
    total = largest = 0
    pending = [root]
    while pending:
        pid = pending.pop()
        rss = _rss_bytes(pid)
        total += rss
        largest = max(largest, rss)
        pending.extend(_children(pid))
    return total, largest


class PeakSampler(threading.Thread):
    def __init__(self, pid: int, interval: float = 0.2) -> None:
        super().__init__(daemon=True)
        self.pid, self.interval = pid, interval
        self.peak_total = self.peak_largest = self.peak_launcher = 0
        self.done = threading.Event()

    def run(self) -> None:
        while not self.done.is_set():
            total, largest = tree_rss(self.pid)
            self.peak_total = max(self.peak_total, total)
            self.peak_largest = max(self.peak_largest, largest)
            self.peak_launcher = max(self.peak_launcher, _rss_bytes(self.pid))
            self.done.wait(self.interval)


def measure(articles: int, workers: int, work: Path) -> dict:
    # At most 5,000 articles a file: newsbeam caps entries per file (--max-entries-per-feed, 10,000).
    corpus = write_corpus(work / f"corpus-{articles}", articles, shards=max(4, 2 * workers, math.ceil(articles / 5000)))
    output = work / f"output-{articles}"
    command = [
        str(REPO_ROOT / ".venv" / "bin" / "newsbeam"),
        "run",
        *[str(path) for path in corpus.files],
        f"--output={output}",
        "--quiet",
        "--direct_running_mode=multi_processing",
        f"--direct_num_workers={workers}",
    ]
    started = time.perf_counter()
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    sampler = PeakSampler(process.pid)
    sampler.start()
    _, stderr = process.communicate()
    sampler.done.set()
    sampler.join()
    seconds = time.perf_counter() - started
    if process.returncode != 0:
        raise SystemExit(f"newsbeam run failed ({process.returncode}):\n{stderr[-3000:]}")
    manifest = json.loads(next((output / "_runs").glob("*.json")).read_text())
    shutil.rmtree(corpus.files[0].parent)
    shutil.rmtree(output)
    return {
        "articles": articles,
        "sentences": manifest["counts"]["totals"]["sentences"],
        "seconds": seconds,
        "peak_total": sampler.peak_total,
        "peak_largest": sampler.peak_largest,
        "peak_launcher": sampler.peak_launcher,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000])
    parser.add_argument("--workers", type=int, default=2)
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="newsbeam-memory-"))
    try:
        results = []
        for size in args.sizes:
            result = measure(size, args.workers, work)
            results.append(result)
            base = results[0]
            print(
                f"{size:>8,} articles: peak RSS {result['peak_total'] / 2**20:8,.0f} MiB (tree), "
                f"{result['peak_largest'] / 2**20:7,.0f} MiB (largest process), "
                f"{result['peak_launcher'] / 2**20:7,.0f} MiB (launcher), "
                f"x{result['peak_total'] / base['peak_total']:.2f} of the first size; "
                f"{result['sentences'] / result['seconds']:,.0f} sentences/s over {result['seconds']:.0f} s",
                flush=True,
            )
        ratio = results[-1]["peak_total"] / results[0]["peak_total"]
        verdict = "meets target" if ratio <= TARGET_RATIO else "SHORT of target"
        sizes = f"{args.sizes[-1]:,} / at {args.sizes[0]:,}"
        print(f"peak RSS at {sizes}: {ratio:.2f}x (target <= {TARGET_RATIO}x): {verdict}")
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
