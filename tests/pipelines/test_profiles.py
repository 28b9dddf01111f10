"""Runner profiles: loading, ${VAR} expansion, the command line overriding the profile, and the errors."""

import json
import subprocess
import sys
from pathlib import Path

import pytest
from apache_beam.options.pipeline_options import PipelineOptions

from pipelines.errors import UsageError
from pipelines.profiles import (
    ProfileError,
    apply_profile,
    available_profiles,
    load_profile,
    profile_args,
    take_profile_flag,
)
from pipelines.run import split_inputs, with_profile

REPO_ROOT = Path(__file__).resolve().parents[2]
# Enough environment for every bundled profile to resolve; file flags point at files that exist.
FULL_ENV = {
    "GOOGLE_CLOUD_PROJECT": "news-project",
    "NEWSBEAM_TEMP_LOCATION": "gs://news-bucket/tmp",
    "NEWSBEAM_FLINK_JOB_SERVER_JAR": str(REPO_ROOT / "setup.py"),
    "NEWSBEAM_SPARK_JOB_SERVER_JAR": str(REPO_ROOT / "setup.py"),
}


def write_profile(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "mine.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def test_the_four_documented_profiles_ship():
    assert {"local", "flink", "spark", "dataflow"} <= set(available_profiles())


@pytest.mark.parametrize(
    "name, runner",
    [("local", "FnApiRunner"), ("flink", "FlinkRunner"), ("spark", "SparkRunner"), ("dataflow", "DataflowRunner")],
)
def test_each_profile_names_its_runner_and_parses_as_beam_options(name, runner):
    profile = load_profile(name, FULL_ENV)
    assert profile.description
    options = PipelineOptions(profile_args(profile)).get_all_options()
    assert options["runner"] == runner


def test_cluster_profiles_give_workers_the_setup_file():
    for name in ("flink", "spark", "dataflow"):
        setup_file = load_profile(name, FULL_ENV).flags["setup_file"]
        assert Path(setup_file) == REPO_ROOT / "setup.py", name


def test_flink_profile_takes_the_jar_from_the_environment_or_the_fetch_scripts_cache():
    assert load_profile("flink", FULL_ENV).flags["flink_job_server_jar"] == str(REPO_ROOT / "setup.py")
    cached = load_profile("flink", {"NEWSBEAM_CACHE": "/cache/nb"}).flags["flink_job_server_jar"]
    assert cached == "/cache/nb/flink-job-server.jar"


def test_dataflow_profile_names_the_missing_variable():
    with pytest.raises(ProfileError, match="GOOGLE_CLOUD_PROJECT"):
        load_profile("dataflow", {"NEWSBEAM_TEMP_LOCATION": "gs://b/tmp"})


def test_defaults_apply_and_may_nest(tmp_path):
    text = "flags:\n  temp_location: ${UNSET_A:-${UNSET_B:-/fallback}/tmp}\n  job_name: ${NAME}\n"
    path = write_profile(tmp_path, text)
    profile = load_profile(str(path), {"NAME": "news-job"})
    assert profile.flags == {"temp_location": "/fallback/tmp", "job_name": "news-job"}


def test_switches_lists_and_omitted_flags_become_arguments(tmp_path):
    path = write_profile(
        tmp_path,
        "flags:\n  runner: FnApiRunner\n  streaming: true\n  save_main_session: false\n"
        "  experiments: [use_a, use_b]\n  parallelism: 3\n",
    )
    assert profile_args(load_profile(str(path), {})) == [
        "--runner=FnApiRunner",
        "--streaming",
        "--experiments=use_a",
        "--experiments=use_b",
        "--parallelism=3",
    ]


def test_command_line_flags_override_the_profile_whole(tmp_path):
    path = write_profile(tmp_path, "flags:\n  runner: FlinkRunner\n  parallelism: 2\n  experiments: [use_a, use_b]\n")
    argv = apply_profile(load_profile(str(path), {}), ["--parallelism", "5", "--experiments=use_c"])
    options = PipelineOptions(argv).get_all_options()
    assert options["runner"] == "FlinkRunner"
    assert options["parallelism"] == 5
    assert options["experiments"] == ["use_c"]  # the profile's repeated flag is replaced, not extended


def test_newsbeam_flags_in_dashed_spelling_override_the_profile(tmp_path):
    path = write_profile(tmp_path, "flags:\n  runner: FnApiRunner\n  max_rows_per_file: 7\n")
    inputs, pipeline_args = split_inputs(with_profile(["seeds", "--profile", str(path), "--max-rows-per-file", "9"]))
    assert inputs == ["seeds"]
    assert PipelineOptions(pipeline_args).get_all_options()["max_rows_per_file"] == 9


def test_profile_flag_in_both_spellings():
    assert take_profile_flag(["a", "--profile", "flink", "--x=1"]) == ("flink", ["a", "--x=1"])
    assert take_profile_flag(["--profile=local", "a"]) == ("local", ["a"])
    assert take_profile_flag(["a"]) == (None, ["a"])
    with pytest.raises(ProfileError, match="needs a name"):
        take_profile_flag(["a", "--profile"])


def test_unknown_profile_is_a_usage_error_listing_the_known_ones():
    with pytest.raises(UsageError, match=r"unknown profile 'flnk'.*dataflow, flink, local, spark"):
        with_profile(["--profile", "flnk"])


def test_missing_job_server_jar_says_how_to_get_it_unless_the_user_passes_one(tmp_path):
    env = {"NEWSBEAM_FLINK_JOB_SERVER_JAR": str(tmp_path / "absent.jar")}
    profile = load_profile("flink", env)
    with pytest.raises(ProfileError, match=r"absent\.jar, which does not exist: build it with cluster/fetch-flink"):
        apply_profile(profile, [])
    jar = tmp_path / "mine.jar"
    jar.write_bytes(b"PK")
    argv = apply_profile(profile, [f"--flink_job_server_jar={jar}"])
    assert PipelineOptions(argv).get_all_options()["flink_job_server_jar"] == str(jar)


def test_malformed_profiles_are_refused(tmp_path):
    with pytest.raises(ProfileError, match="'flags' mapping"):
        load_profile(str(write_profile(tmp_path, "- runner\n")), {})
    with pytest.raises(ProfileError, match="not a Beam flag name"):
        load_profile(str(write_profile(tmp_path, "flags:\n  --runner: X\n")), {})
    with pytest.raises(ProfileError, match="profile file not found"):
        load_profile(str(tmp_path / "none.yaml"), {})


def test_newsbeam_run_takes_the_profile_and_the_user_wins(tmp_path):
    """End to end through the command: the manifest records the options the run really had."""
    profile = write_profile(tmp_path, "flags:\n  runner: FnApiRunner\n  max_rows_per_file: 7\n  max_sentences: 300\n")
    output = tmp_path / "out"
    seed = REPO_ROOT / "seeds" / "es-kim-jong-un-russia.txt"
    command = [sys.executable, "-m", "pipelines.cli", "run", str(seed), "--profile", str(profile)]
    result = subprocess.run(
        [*command, "--output", str(output), "--max_rows_per_file=9", "--quiet"],
        cwd=REPO_ROOT,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert result.returncode == 0, result.stderr
    (manifest_path,) = (output / "_runs").glob("*.json")
    options = json.loads(manifest_path.read_text())["options"]
    assert options["runner"] == "FnApiRunner"
    assert options["max_sentences"] == 300
    assert options["max_rows_per_file"] == 9


def test_unknown_profile_exits_2_with_one_line():
    result = subprocess.run(
        [sys.executable, "-m", "pipelines.cli", "run", "--profile", "nope"],
        cwd=REPO_ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 2
    assert "unknown profile 'nope'" in result.stderr
    assert "Traceback" not in result.stderr
