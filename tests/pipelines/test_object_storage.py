"""Object storage end to end: `newsbeam run` reads from and writes to a real S3-compatible server on 127.0.0.1.

moto's server mode plays S3; Beam's S3 filesystem reaches it with --s3_endpoint_url. The datasets are read
back through pyarrow's own S3 client and must hold the same rows as the same input run on local paths with
the FnApiRunner. (DuckDB's S3 support is its httpfs extension, downloaded from the internet on first use,
so it cannot be used offline here.)
"""

import json
import shutil
import socket
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path

import pytest
from apache_beam.options.pipeline_options import PipelineOptions

from transforms import schema, storage
from transforms.read import expand_spec
from transforms.run_lock import LockHeldError, run_lock
from transforms.sources import SourceSpec

boto3 = pytest.importorskip("boto3", reason="the object storage tests need boto3 (test extras)")
pytest.importorskip("moto.server", reason="the object storage tests need moto[server] (test extras)")
pafs = pytest.importorskip("pyarrow.fs")
ds = pytest.importorskip("pyarrow.dataset")

REPO_ROOT = Path(__file__).resolve().parents[2]
NEWSBEAM = [sys.executable, "-m", "pipelines.cli"]
BUCKET = "news"
ACCESS_KEY, SECRET_KEY, REGION = "newsbeam-test", "newsbeam-secret", "us-east-1"
FEED_FIXTURES = ("example.json", "http_item_link_base_docuri.xml", "http_entry_link_base_content_location.xml")
DATASETS = ("sentences", "articles", "rejects")
VOLATILE_COLUMNS = {"run_id", "ingested_at", "rejected_at"}  # differ from run to run by design


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture(scope="module")
def s3_endpoint(request) -> str:
    """http://127.0.0.1:PORT of a moto S3 server in its own process, stopped when the module is done."""
    port = free_port()
    server = subprocess.Popen(
        [sys.executable, "-m", "moto.server", "-H", "127.0.0.1", "-p", str(port)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )

    def stop() -> None:
        server.terminate()
        try:
            server.wait(timeout=10)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()

    request.addfinalizer(stop)
    deadline = time.monotonic() + 30
    while True:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            break
        except OSError:
            if server.poll() is not None or time.monotonic() > deadline:
                pytest.fail(f"moto server did not start on port {port} (exit code {server.poll()})")
            time.sleep(0.2)
    return f"http://127.0.0.1:{port}"


def s3_flags(endpoint: str) -> list[str]:
    return [
        f"--s3_endpoint_url={endpoint}",
        f"--s3_access_key_id={ACCESS_KEY}",
        f"--s3_secret_access_key={SECRET_KEY}",
        f"--s3_region_name={REGION}",
    ]


def arrow_s3(endpoint: str) -> "pafs.S3FileSystem":
    return pafs.S3FileSystem(
        endpoint_override=endpoint.removeprefix("http://"),
        scheme="http",
        access_key=ACCESS_KEY,
        secret_key=SECRET_KEY,
        region=REGION,
    )


def input_files() -> list[Path]:
    seeds = [path for path in sorted((REPO_ROOT / "seeds").iterdir()) if path.name != "README.md"]
    return seeds + [REPO_ROOT / "tests" / "fixtures" / "feeds" / name for name in FEED_FIXTURES]


def newsbeam(*args: str, cwd: Path = REPO_ROOT) -> subprocess.CompletedProcess:
    return subprocess.run([*NEWSBEAM, *args], cwd=cwd, capture_output=True, text=True, timeout=900)


@pytest.fixture(scope="module")
def bucket(s3_endpoint):
    """The bucket with the inputs under in/."""
    client = boto3.client(
        "s3",
        endpoint_url=s3_endpoint,
        aws_access_key_id=ACCESS_KEY,
        aws_secret_access_key=SECRET_KEY,
        region_name=REGION,
    )
    client.create_bucket(Bucket=BUCKET)
    for path in input_files():
        client.upload_file(str(path), BUCKET, f"in/{path.name}")
    return client


@pytest.fixture(scope="module")
def local_run(tmp_path_factory):
    """The same inputs on local paths, given relative to the working folder as a user types them."""
    work = tmp_path_factory.mktemp("local")
    (work / "in").mkdir()
    for path in input_files():
        shutil.copy(path, work / "in" / path.name)
    result = newsbeam("run", "in", "--output", "out", "--runner=FnApiRunner", cwd=work)
    assert result.returncode == 0, result.stderr
    return work


@pytest.fixture(scope="module")
def s3_runs(s3_endpoint, bucket):
    """Two runs from s3://news/in (no trailing '/': a prefix, not an object) to s3://news/out."""
    args = ["run", f"s3://{BUCKET}/in", "--output", f"s3://{BUCKET}/out", "--runner=FnApiRunner"]
    first = newsbeam(*args, *s3_flags(s3_endpoint))
    assert first.returncode == 0, first.stderr
    second = newsbeam(*args, *s3_flags(s3_endpoint))
    assert second.returncode == 0, second.stderr
    return first, second


def comparable_rows(table, input_prefix: str, run_id: str) -> Counter:
    """A run's rows of a dataset as a multiset, without per-run columns, input paths relative to the input folder."""
    rows = Counter()
    for row in table.to_pylist():
        if row["run_id"] != run_id:
            continue
        row = {key: value for key, value in row.items() if key not in VOLATILE_COLUMNS}
        if "input_ref" in row:  # sentences carry none
            row["input_ref"] = row["input_ref"].removeprefix(input_prefix)
        rows[json.dumps(row, sort_keys=True, default=str)] += 1
    return rows


def read_dataset(path: str, dataset: str, filesystem=None):
    return ds.dataset(
        path, filesystem=filesystem, format="parquet", partitioning=schema.partitioning(dataset)
    ).to_table()


def stored_keys(client, prefix: str) -> list[str]:
    pages = client.get_paginator("list_objects_v2").paginate(Bucket=BUCKET, Prefix=prefix)
    return [item["Key"] for page in pages for item in page.get("Contents", [])]


def s3_manifests(client) -> list[dict]:
    keys = sorted(key for key in stored_keys(client, "out/_runs/") if key.endswith(".json"))
    return [json.loads(client.get_object(Bucket=BUCKET, Key=key)["Body"].read()) for key in keys]


def test_s3_output_holds_the_same_rows_as_the_local_run(s3_endpoint, bucket, s3_runs, local_run):
    s3 = arrow_s3(s3_endpoint)
    local_run_id = json.loads(next((local_run / "out" / "_runs").glob("*.json")).read_text())["run_id"]
    s3_run_id = s3_manifests(bucket)[0]["run_id"]
    for dataset in DATASETS:
        local_path = local_run / "out" / dataset
        stored = s3.get_file_info(pafs.FileSelector(f"{BUCKET}/out/{dataset}", allow_not_found=True, recursive=True))
        assert local_path.exists() == bool(stored), dataset
        if not local_path.exists():
            continue
        from_s3 = comparable_rows(read_dataset(f"{BUCKET}/out/{dataset}", dataset, s3), f"s3://{BUCKET}/in/", s3_run_id)
        from_local = comparable_rows(read_dataset(str(local_path), dataset), f"{local_run / 'in'}/", local_run_id)
        only_s3, only_local = from_s3 - from_local, from_local - from_s3
        assert not only_s3 and not only_local, f"{dataset}: S3 only {list(only_s3)[:2]}, local {list(only_local)[:2]}"
    sentences = read_dataset(f"{BUCKET}/out/sentences", "sentences", s3)
    assert sentences.num_rows > 50
    assert sentences.schema.field("ingested_at").type == schema.SENTENCES.field("ingested_at").type


def test_local_relative_paths_were_made_absolute(local_run):
    manifest = json.loads(next((local_run / "out" / "_runs").glob("*.json")).read_text())
    assert manifest["inputs"] == [str(local_run / "in")]
    refs = read_dataset(str(local_run / "out" / "articles"), "articles").column("input_ref").to_pylist()
    assert refs and all(ref.startswith(f"{local_run / 'in'}/") for ref in refs)


def test_first_s3_run_balances_and_the_second_writes_nothing_new(bucket, s3_runs):
    first, second = s3_manifests(bucket)
    assert first["counts"]["totals"]["balanced"] and second["counts"]["totals"]["balanced"]
    assert first["counts"]["totals"]["written"] > 0
    before, after = first["counts"]["totals"], second["counts"]["totals"]
    # Dedupe against the keys stored on S3: what the first run wrote is a duplicate now; rejects are rejected again.
    assert after["written"] == 0
    assert (after["duplicates"], after["rejected"]) == (before["written"], before["rejected"])
    data_files = [key for key in stored_keys(bucket, "out/") if key.startswith(("out/sentences/", "out/articles/"))]
    assert data_files and all(f"part-{first['run_id']}-" in key for key in data_files), "the second run wrote data"


def test_runs_leave_no_lock_staging_or_probe_objects_behind(bucket, s3_runs):
    keys = stored_keys(bucket, "out/")
    assert "out/_SUCCESS" in keys
    leftovers = [key for key in keys if key.startswith(("out/_staging/", "out/_lock", "out/.newsbeam-write-test"))]
    assert leftovers == []


def test_a_bucket_that_does_not_exist_is_a_usage_error(s3_endpoint, bucket):
    result = newsbeam("run", f"s3://{BUCKET}/in", "--output", "s3://no-such-bucket/out", *s3_flags(s3_endpoint))
    assert result.returncode == 2
    assert "newsbeam: cannot write to output s3://no-such-bucket/out: " in result.stderr
    assert "NoSuchBucket" in result.stderr


@pytest.fixture()
def beam_s3(s3_endpoint, bucket):
    """Beam's filesystems in this process pointed at the test server, as `newsbeam run` does on the launcher."""
    storage.configure(PipelineOptions(s3_flags(s3_endpoint)))


def test_a_bucket_prefix_reads_as_a_folder_with_or_without_its_slash(beam_s3):
    expected = sorted(f"s3://{BUCKET}/in/{path.name}" for path in input_files())
    for location in (f"s3://{BUCKET}/in", f"s3://{BUCKET}/in/"):
        assert [path for _, path in expand_spec(SourceSpec(location))] == expected
    single = f"s3://{BUCKET}/in/{FEED_FIXTURES[0]}"
    assert [path for _, path in expand_spec(SourceSpec(single))] == [single]
    (missing,) = expand_spec(SourceSpec(f"s3://{BUCKET}/nothing-here"))
    assert missing.value.reason == "not_found"


def test_the_lock_object_turns_away_a_second_run_until_released(beam_s3, bucket):
    root = f"s3://{BUCKET}/locked"
    with run_lock(root, "run-a") as owner:
        assert owner.run_id == "run-a" and "locked/_lock" in stored_keys(bucket, "locked/")
        with pytest.raises(LockHeldError, match="run run-a"), run_lock(root, "run-b"):
            pass
    assert "locked/_lock" not in stored_keys(bucket, "locked/")
    with run_lock(root, "run-c") as owner:
        assert owner.run_id == "run-c"
