"""Throughput of `newsbeam run` on Flink with parallelism 1 and 2, next to the FnApiRunner, on one corpus.

    cluster/fetch-flink-job-server.sh           # once: builds Beam's Flink job server jar
    .venv/bin/python benchmarks/cluster_throughput.py [--articles 2000] [--rounds 1]

The corpus comes from benchmarks/corpus.py (~20 sentences per article, many languages, JSON Lines
shards). Each configuration runs the whole `newsbeam run` command as a user would, one after the
other on the same corpus:
  - fnapi:          the FnApiRunner in one process (the reference);
  - flink-p1/p2:    FlinkRunner on Beam's Flink job server with an embedded mini-cluster
                    (--flink_master=[local]) and --parallelism 1 or 2, Python workers from an EXTERNAL
                    worker pool with --sdk_worker_parallelism equal to the parallelism, so that two
                    slots really have two Python processes (LOOPBACK would put both in the launcher);
  - flink-loopback-p2: the same with LOOPBACK workers, to show what that costs.
Wall time includes starting the job server and the mini-cluster (~10-20 s), as every run pays it;
the fixed cost shows in the small-corpus figures and fades with --articles. Machines are shared and
noisy: compare the ratios of one run, not absolute figures across runs. Every run's figures print as
it ends; --rounds interleaves the configurations and keeps each one's best round.
"""

from __future__ import annotations

import argparse
import json
import os
import signal
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO_ROOT / "benchmarks"))

from corpus import write_corpus  # noqa: E402

DEFAULT_JAR = Path(
    os.environ.get("NEWSBEAM_CACHE") or Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "newsbeam"
) / "flink-job-server.jar"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("localhost", 0))
        return probe.getsockname()[1]


def python_first_env() -> dict[str, str]:
    """This interpreter first on PATH: the worker pool starts workers with `python`, which must be ours."""
    return {**os.environ, "PATH": os.pathsep.join([str(Path(sys.executable).parent), os.environ.get("PATH", "")])}


def stop(process: subprocess.Popen) -> None:
    try:
        os.killpg(process.pid, signal.SIGTERM)
        process.wait(timeout=30)
    except ProcessLookupError:
        pass
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        process.wait()


class WorkerPool:
    """A Beam Python worker pool in its own process group, stopped on exit with every worker it started."""

    def __init__(self, work: Path):
        self.port = free_port()
        self.log = work / f"worker-pool-{self.port}.log"
        self.process: subprocess.Popen | None = None

    def __enter__(self) -> str:
        command = [sys.executable, "-m", "apache_beam.runners.worker.worker_pool_main", f"--service_port={self.port}"]
        with self.log.open("wb") as sink:
            self.process = subprocess.Popen(
                command, stdout=sink, stderr=subprocess.STDOUT, start_new_session=True, env=python_first_env()
            )
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            try:
                socket.create_connection(("localhost", self.port), timeout=1).close()
                return f"localhost:{self.port}"
            except OSError:
                time.sleep(0.5)
        raise TimeoutError(f"worker pool did not listen on {self.port}; see {self.log}")

    def __exit__(self, *exc) -> None:
        if self.process:
            stop(self.process)


def run_newsbeam(inputs: list[str], output: Path, flags: list[str]) -> tuple[float, dict]:
    """Wall seconds of one `newsbeam run`, and its manifest."""
    command = [sys.executable, "-m", "pipelines.cli", "run", *inputs, f"--output={output}", "--quiet", *flags]
    log = output.with_suffix(".log")
    started = time.perf_counter()
    with log.open("wb") as sink:
        process = subprocess.Popen(
            command,
            cwd=REPO_ROOT,
            stdout=sink,
            stderr=subprocess.STDOUT,
            start_new_session=True,
            env=python_first_env(),
        )
        try:
            process.wait(timeout=3600)
        finally:
            stop(process)  # also any job server it left
    seconds = time.perf_counter() - started
    if process.returncode != 0:
        raise RuntimeError(f"{' '.join(command)} failed ({process.returncode}):\n{log.read_text()[-3000:]}")
    (manifest,) = [json.loads(path.read_text()) for path in (output / "_runs").glob("*.json")]
    return seconds, manifest


HEADER = f"{'configuration':<22}{'seconds':>9}{'articles':>10}{'sentences':>11}{'articles/s':>12}{'sentences/s':>13}"


def figures(label: str, seconds: float, manifest: dict) -> str:
    totals = manifest["counts"]["totals"]
    return (
        f"{label:<22}{seconds:>9.1f}{totals['written']:>10,}{totals['sentences']:>11,}"
        f"{totals['written'] / seconds:>12.1f}{totals['sentences'] / seconds:>13.1f}"
    )


def configurations(jar: Path, worker_pool: str) -> dict[str, list[str]]:
    flink = ["--runner=FlinkRunner", f"--flink_job_server_jar={jar}", "--flink_master=[local]"]
    external = ["--environment_type=EXTERNAL", f"--environment_config={worker_pool}"]
    return {
        "fnapi": ["--runner=FnApiRunner"],
        "flink-p1": [*flink, *external, "--parallelism=1", "--sdk_worker_parallelism=1"],
        "flink-p2": [*flink, *external, "--parallelism=2", "--sdk_worker_parallelism=2"],
        "flink-loopback-p2": [*flink, "--environment_type=LOOPBACK", "--parallelism=2"],
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=2000)
    parser.add_argument("--shards", type=int, default=4, help="corpus files; Flink reads them in parallel")
    parser.add_argument("--rounds", type=int, default=1, help="repeat every configuration; the best round counts")
    parser.add_argument("--jar", type=Path, default=DEFAULT_JAR, help="from cluster/fetch-flink-job-server.sh")
    parser.add_argument("--only", nargs="*", help="run only these configurations")
    args = parser.parse_args()
    # A plain `kill` of the benchmark must still stop the worker pool and any run in flight (finally blocks).
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    if not args.jar.exists():
        sys.exit(f"no Flink job server at {args.jar}: run cluster/fetch-flink-job-server.sh or pass --jar")

    with tempfile.TemporaryDirectory(prefix="newsbeam-cluster-bench-") as tmp:
        work = Path(tmp)
        corpus = write_corpus(work / "corpus", args.articles, args.shards)
        print(f"corpus: {corpus.articles:,} articles, {corpus.sentences:,} sentences in {len(corpus.files)} files")
        inputs = [str(path) for path in corpus.files]
        results: dict[str, tuple[float, dict]] = {}
        with WorkerPool(work) as worker_pool:
            chosen = {
                name: flags
                for name, flags in configurations(args.jar, worker_pool).items()
                if not args.only or name in args.only
            }
            print(HEADER, flush=True)
            for round_number in range(args.rounds):
                for name, flags in chosen.items():
                    seconds, manifest = run_newsbeam(inputs, work / f"{name}-{round_number}", flags)
                    print(figures(f"{name} #{round_number + 1}", seconds, manifest), flush=True)
                    if name not in results or seconds < results[name][0]:
                        results[name] = (seconds, manifest)

    print(f"best of {args.rounds} round(s):\n{HEADER}")
    for name, (seconds, manifest) in results.items():
        print(figures(name, seconds, manifest))
    counts = {(m["counts"]["totals"]["written"], m["counts"]["totals"]["sentences"]) for _, m in results.values()}
    print("same article and sentence counts on every runner:", "yes" if len(counts) == 1 else f"NO {counts}")
    seconds = {name: result[0] for name, result in results.items()}
    for faster, slower in [("flink-p1", "fnapi"), ("flink-p2", "fnapi"), ("flink-p2", "flink-p1")]:
        if faster in seconds and slower in seconds:
            print(f"throughput {faster} / {slower}: {seconds[slower] / seconds[faster]:.2f}x")


if __name__ == "__main__":
    main()
