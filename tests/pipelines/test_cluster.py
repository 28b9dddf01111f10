"""The same input on real engines gives the same rows as on the FnApiRunner.

    .venv/bin/pytest -m cluster -p no:randomly tests/pipelines/test_cluster.py

Runs the bundled seeds and the feed fixtures through `newsbeam run` on
  - the FnApiRunner (the reference),
  - Flink: Beam's Flink job server with an embedded mini-cluster (--flink_master=[local], LOOPBACK workers),
  - Flink: a session cluster, JobManager and TaskManager as separate processes, Python workers from an
    EXTERNAL worker pool,
  - Beam's portable path without Flink: Beam's Python job service and an EXTERNAL worker pool,
and compares the sentences, articles and rejects datasets as row multisets (run-specific columns dropped).

The Flink job server jar is built by cluster/fetch-flink-job-server.sh (Java 17 and Maven, from Maven
Central) and the Flink distribution assembled by cluster/fetch-flink-dist.sh (from PyPI); the tests skip,
saying why, when either cannot be had. Every process a test starts is stopped when it ends.
"""

from __future__ import annotations

import collections
import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pyarrow.dataset as ds
import pytest

pytestmark = pytest.mark.cluster

REPO_ROOT = Path(__file__).resolve().parents[2]
CLUSTER = REPO_ROOT / "cluster"
INPUTS = [str(REPO_ROOT / "seeds"), str(REPO_ROOT / "tests" / "fixtures" / "feeds")]
DATASETS = ("sentences", "articles", "rejects")
# Columns that differ between any two runs: the run's id and the clock.
RUN_SPECIFIC = {"run_id", "ingested_at", "rejected_at"}
BUILD_TIMEOUT = 1800  # the first job server build downloads ~150 MB from Maven Central
RUN_TIMEOUT = 900


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("localhost", 0))
        return probe.getsockname()[1]


def wait_for_port(port: int, process: subprocess.Popen, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"{process.args} exited with {process.returncode}")
        try:
            socket.create_connection(("localhost", port), timeout=1).close()
            return
        except OSError:
            time.sleep(0.5)
    raise TimeoutError(f"nothing listens on port {port} after {timeout} s")


def python_first_env() -> dict[str, str]:
    """This interpreter's folder first on PATH: EXTERNAL workers hang when another python comes first."""
    return {**os.environ, "PATH": os.pathsep.join([str(Path(sys.executable).parent), os.environ.get("PATH", "")])}


def stop(process: subprocess.Popen) -> None:
    """Stop a process started in its own session, and everything it started there (JVMs, SDK workers)."""
    try:
        os.killpg(process.pid, signal.SIGTERM)
    except ProcessLookupError:
        return  # the whole group is gone already
    try:
        process.wait(timeout=30)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        process.wait()


def start(command: list[str], log: Path, **settings) -> subprocess.Popen:
    with log.open("wb") as sink:
        return subprocess.Popen(command, stdout=sink, stderr=subprocess.STDOUT, start_new_session=True, **settings)


def run_newsbeam(output: Path, *flags: str) -> None:
    log = output.with_suffix(".log")
    process = start(
        [sys.executable, "-m", "pipelines.cli", "run", *INPUTS, "--output", str(output), "--quiet", *flags],
        log,
        cwd=REPO_ROOT,
        env=python_first_env(),
    )
    try:
        process.wait(timeout=RUN_TIMEOUT)
    finally:
        stop(process)  # a timed-out run must not leave its job server behind
    assert process.returncode == 0, log.read_text(errors="replace")[-4000:]


def row_multiset(root: Path, dataset: str) -> collections.Counter:
    path = root / dataset
    if not path.exists():
        return collections.Counter()
    table = ds.dataset(path, format="parquet", partitioning="hive").to_table()
    table = table.drop_columns([name for name in table.column_names if name in RUN_SPECIFIC])
    return collections.Counter(json.dumps(row, sort_keys=True, default=str) for row in table.to_pylist())


def assert_same_rows(reference: Path, candidate: Path) -> None:
    for dataset in DATASETS:
        expected, got = row_multiset(reference, dataset), row_multiset(candidate, dataset)
        missing, extra = expected - got, got - expected
        assert not missing and not extra, (
            f"{dataset}: {sum(missing.values())} rows only on the FnApiRunner, {sum(extra.values())} only here; "
            f"first missing: {next(iter(missing), None)}"
        )


def fetch(script: str, **env: str) -> str:
    """Run a cluster/ fetch script; its last stdout line is what it made. Skip when it cannot."""
    try:
        result = subprocess.run(
            [str(CLUSTER / script)],
            capture_output=True,
            text=True,
            timeout=BUILD_TIMEOUT,
            env={**os.environ, **env},
        )
    except subprocess.TimeoutExpired:
        pytest.skip(f"cluster/{script} did not finish in {BUILD_TIMEOUT} s")
    if result.returncode != 0:
        pytest.skip(f"cluster/{script} failed ({result.returncode}): {result.stderr.strip()[-600:]}")
    return result.stdout.strip().splitlines()[-1]


@pytest.fixture(scope="module")
def reference_output(tmp_path_factory) -> Path:
    output = tmp_path_factory.mktemp("fnapi") / "out"
    run_newsbeam(output, "--runner=FnApiRunner")
    assert sum(row_multiset(output, "sentences").values()) > 50  # the comparison is about real rows
    assert sum(row_multiset(output, "rejects").values()) > 0  # and covers the rejects dataset
    return output


@pytest.fixture(scope="module")
def flink_job_server_jar() -> str:
    missing = [tool for tool in ("java", "mvn") if shutil.which(tool) is None]
    if missing:
        pytest.skip(f"the Flink job server is built with Java and Maven; not found: {', '.join(missing)}")
    return fetch("fetch-flink-job-server.sh")


@pytest.fixture
def worker_pool(tmp_path) -> str:
    """A Beam Python worker pool as its own process: workers for EXTERNAL environments, as on a cluster."""
    port = free_port()
    process = start(
        [sys.executable, "-m", "apache_beam.runners.worker.worker_pool_main", f"--service_port={port}"],
        tmp_path / "worker_pool.log",
        cwd=tmp_path,  # not the repository: workers must not depend on the launcher's folder
        env=python_first_env(),
    )
    try:
        wait_for_port(port, process)
        yield f"localhost:{port}"
    finally:
        stop(process)


@pytest.fixture
def job_service(tmp_path) -> str:
    """Beam's own Python job service (the portable runner's server side), as its own process."""
    port = free_port()
    process = start(
        [sys.executable, "-m", "apache_beam.runners.portability.local_job_service_main", f"--port={port}"],
        tmp_path / "job_service.log",
        env=python_first_env(),
    )
    try:
        wait_for_port(port, process)
        yield f"localhost:{port}"
    finally:
        stop(process)


def flink_config(rest_port: int, rpc_port: int) -> str:
    """A small session cluster: one TaskManager with two slots, everything on localhost."""
    return "\n".join(
        [
            "jobmanager.rpc.address: localhost",
            f"jobmanager.rpc.port: {rpc_port}",
            "jobmanager.bind-host: localhost",
            "jobmanager.memory.process.size: 1024m",
            "taskmanager.host: localhost",
            "taskmanager.bind-host: localhost",
            "taskmanager.numberOfTaskSlots: 2",
            "taskmanager.memory.process.size: 2048m",
            # Beam's batch graph has many blocking shuffles running at once; Flink's defaults
            # (64 MB of network buffers, 512 buffers per sort-shuffle partition) refuse it.
            "taskmanager.memory.network.min: 256mb",
            "taskmanager.memory.network.max: 256mb",
            "taskmanager.network.sort-shuffle.min-buffers: 64",
            "rest.address: localhost",
            "rest.bind-address: localhost",
            f"rest.port: {rest_port}",
            "",
        ]
    )


def wait_for_slots(rest_port: int, processes: list[subprocess.Popen], slots: int, timeout: float = 180) -> None:
    deadline = time.monotonic() + timeout
    overview: dict = {}
    while time.monotonic() < deadline:
        for process in processes:
            if process.poll() is not None:
                raise RuntimeError(f"{process.args} exited with {process.returncode}")
        try:
            with urllib.request.urlopen(f"http://localhost:{rest_port}/overview", timeout=2) as response:
                overview = json.loads(response.read())
            if overview.get("slots-available", 0) >= slots:
                return
        except OSError:
            pass
        time.sleep(1)
    raise TimeoutError(f"the Flink session cluster has no {slots} free slots after {timeout} s: {overview}")


@pytest.fixture
def flink_session_cluster(tmp_path, flink_job_server_jar) -> str:
    """A Flink session cluster: JobManager and TaskManager as two processes from a Flink distribution."""
    flink_home = Path(fetch("fetch-flink-dist.sh", PYTHON=sys.executable))
    conf = tmp_path / "flink-conf"
    shutil.copytree(flink_home / "conf", conf)
    (conf / "flink-conf.yaml").unlink(missing_ok=True)
    rest_port = free_port()
    (conf / "config.yaml").write_text(flink_config(rest_port, free_port()), encoding="utf-8")
    env = {**os.environ, "FLINK_CONF_DIR": str(conf), "FLINK_LOG_DIR": str(tmp_path / "flink-log")}
    processes = []
    try:
        for role in ("jobmanager", "taskmanager"):
            command = [str(flink_home / "bin" / f"{role}.sh"), "start-foreground"]
            processes.append(start(command, tmp_path / f"{role}.log", env=env, cwd=tmp_path))
        wait_for_slots(rest_port, processes, slots=2)
        yield f"localhost:{rest_port}"
    finally:
        for process in reversed(processes):
            stop(process)


def test_flink_mini_cluster_matches_the_fnapi_runner(tmp_path, reference_output, flink_job_server_jar):
    output = tmp_path / "flink-local"
    run_newsbeam(
        output,
        "--runner=FlinkRunner",
        f"--flink_job_server_jar={flink_job_server_jar}",
        "--flink_master=[local]",
        "--environment_type=LOOPBACK",
        "--parallelism=1",
    )
    assert_same_rows(reference_output, output)


def test_flink_session_cluster_with_external_workers_matches_the_fnapi_runner(
    tmp_path, reference_output, flink_job_server_jar, flink_session_cluster, worker_pool
):
    output = tmp_path / "flink-session"
    run_newsbeam(
        output,
        "--runner=FlinkRunner",
        f"--flink_job_server_jar={flink_job_server_jar}",
        f"--flink_master={flink_session_cluster}",
        "--environment_type=EXTERNAL",
        f"--environment_config={worker_pool}",
        "--parallelism=2",
    )
    assert_same_rows(reference_output, output)


def test_portable_runner_with_external_workers_matches_the_fnapi_runner(
    tmp_path, reference_output, job_service, worker_pool
):
    output = tmp_path / "portable"
    run_newsbeam(
        output,
        "--runner=PortableRunner",
        f"--job_endpoint={job_service}",
        "--environment_type=EXTERNAL",
        f"--environment_config={worker_pool}",
    )
    assert_same_rows(reference_output, output)


def test_flink_profile_finds_the_jar_the_fetch_script_made(tmp_path, reference_output, flink_job_server_jar):
    """`--profile flink` as shipped: mini-cluster, parallelism 2, LOOPBACK, setup.py staged, the cached jar."""
    output = tmp_path / "flink-profile"
    run_newsbeam(output, "--profile=flink")
    assert_same_rows(reference_output, output)
