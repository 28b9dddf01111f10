"""Runner profiles: named sets of Beam flags, chosen with `newsbeam run --profile NAME`.

    newsbeam run --profile flink --output /data/out --parallelism 4

A profile is configs/profiles/<NAME>.yaml (or any YAML file given by path):

    description: one line saying where this runs
    flags:                      # Beam flag name -> value
      runner: FlinkRunner
      parallelism: 2            # --parallelism=2
      streaming: true           # a bare switch; false or null leaves the flag out
      experiments: [a, b]       # repeated: --experiments=a --experiments=b
      flink_job_server_jar: ${NEWSBEAM_FLINK_JOB_SERVER_JAR:-${NEWSBEAM_CACHE}/flink-job-server.jar}
    hints:                      # optional: what to do when a file the profile names is missing
      flink_job_server_jar: build it with cluster/fetch-flink-job-server.sh

Values may use environment variables as ${NAME} or ${NAME:-default}. Two are always
defined: NEWSBEAM_HOME (the folder holding setup.py, for --setup_file) and
NEWSBEAM_CACHE (where cluster/fetch-flink-job-server.sh caches the job server).
A flag given on the command line replaces the profile's flag of the same name
entirely (for repeated flags too), so the user always wins.
"""

from __future__ import annotations

import dataclasses
import os
import re
from collections.abc import Mapping
from importlib import resources
from pathlib import Path

import yaml

PROFILE_FLAG = "--profile"
# Flags whose value is a local file the launcher needs; a missing one is reported before Beam starts.
FILE_FLAGS = ("flink_job_server_jar", "spark_job_server_jar", "setup_file", "requirements_file")
# Innermost ${NAME} or ${NAME:-default} first, so a default may itself hold a ${...}.
_VARIABLE = re.compile(r"\$\{(\w+)(?::-([^${}]*))?\}")
_PROJECT_HOME = Path(__file__).resolve().parents[1]


class ProfileError(ValueError):
    """A profile that cannot be used, with a message a person can act on."""


@dataclasses.dataclass(frozen=True)
class Profile:
    name: str
    description: str
    flags: dict[str, object]
    hints: dict[str, str] = dataclasses.field(default_factory=dict)


def profiles_dir() -> Path:
    return Path(str(resources.files("configs"))) / "profiles"


def available_profiles() -> list[str]:
    return sorted(path.stem for path in profiles_dir().glob("*.yaml"))


def default_variables() -> dict[str, str]:
    cache_home = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return {"NEWSBEAM_HOME": str(_PROJECT_HOME), "NEWSBEAM_CACHE": os.path.join(cache_home, "newsbeam")}


def profile_path(name_or_path: str) -> Path:
    """A bundled profile by name, or a YAML file by path."""
    if name_or_path.endswith((".yaml", ".yml")) or os.sep in name_or_path:
        path = Path(name_or_path)
        if not path.is_file():
            raise ProfileError(f"profile file not found: {name_or_path}")
        return path
    path = profiles_dir() / f"{name_or_path}.yaml"
    if not path.is_file():
        known = ", ".join(available_profiles())
        raise ProfileError(f"unknown profile {name_or_path!r}; known profiles: {known} (or a path to a YAML file)")
    return path


def expand(value: str, variables: Mapping[str, str], where: str) -> str:
    """${NAME} and ${NAME:-default} from `variables`; a variable that is unset and has no default is an error."""

    def replace(match: re.Match) -> str:
        name, default = match.group(1), match.group(2)
        if variables.get(name):
            return variables[name]
        if default is not None:
            return default
        raise ProfileError(f"{where} needs the environment variable {name}")

    previous = None
    while previous != value:
        previous, value = value, _VARIABLE.sub(replace, value)
    return os.path.expanduser(value) if value.startswith("~") else value


def load_profile(name_or_path: str, environ: Mapping[str, str] | None = None) -> Profile:
    path = profile_path(name_or_path)
    name = path.stem
    try:
        document = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as error:
        raise ProfileError(f"profile {name}: cannot read {path}: {error}") from error
    if not isinstance(document, dict) or not isinstance(document.get("flags"), dict):
        raise ProfileError(f"profile {name}: {path} must be a mapping with a 'flags' mapping")
    variables = {**default_variables(), **(os.environ if environ is None else environ)}
    flags: dict[str, object] = {}
    for flag, value in document["flags"].items():
        if not isinstance(flag, str) or not re.fullmatch(r"[a-z][a-z0-9_]*", flag):
            raise ProfileError(f"profile {name}: {flag!r} is not a Beam flag name (lower_case_with_underscores)")
        where = f"profile {name}: --{flag}"
        if isinstance(value, str):
            value = expand(value, variables, where)
        elif isinstance(value, list):
            value = [expand(str(item), variables, where) for item in value]
        elif value is not None and not isinstance(value, (bool, int, float)):
            raise ProfileError(f"{where}: a value must be text, a number, true/false or a list")
        flags[flag] = value
    hints = document.get("hints") or {}
    return Profile(name=name, description=str(document.get("description", "")), flags=flags, hints=dict(hints))


def profile_args(profile: Profile) -> list[str]:
    """The profile's flags as command-line arguments."""
    args: list[str] = []
    for flag, value in profile.flags.items():
        if value is None or value is False:
            continue
        if value is True:
            args.append(f"--{flag}")
        elif isinstance(value, list):
            args += [f"--{flag}={item}" for item in value]
        else:
            args.append(f"--{flag}={value}")
    return args


def flag_names(argv: list[str]) -> set[str]:
    """Flags present in `argv`, in Beam's spelling (newsbeam's own flags also accept dashes)."""
    return {arg[2:].split("=", 1)[0].replace("-", "_") for arg in argv if arg.startswith("--") and len(arg) > 2}


def check_files(profile: Profile, flags: Mapping[str, object]) -> None:
    for flag in FILE_FLAGS:
        value = flags.get(flag)
        if isinstance(value, str) and "://" not in value and not os.path.exists(value):
            hint = profile.hints.get(flag) or f"or pass --{flag}"
            raise ProfileError(f"profile {profile.name} sets --{flag}={value}, which does not exist: {hint}")


def apply_profile(profile: Profile, argv: list[str]) -> list[str]:
    """The profile's flags that `argv` does not set, then `argv`: the user's flags win."""
    given = flag_names(argv)
    kept = {flag: value for flag, value in profile.flags.items() if flag not in given}
    check_files(profile, kept)
    return profile_args(dataclasses.replace(profile, flags=kept)) + list(argv)


def take_profile_flag(argv: list[str]) -> tuple[str | None, list[str]]:
    """(the profile named by --profile NAME or --profile=NAME, the other arguments)."""
    name, rest = None, []
    arguments = iter(argv)
    for arg in arguments:
        if arg == PROFILE_FLAG:
            name = next(arguments, None)
            if name is None or name.startswith("-"):
                raise ProfileError("--profile needs a name: " + ", ".join(available_profiles()))
        elif arg.startswith(PROFILE_FLAG + "="):
            name = arg.split("=", 1)[1]
        else:
            rest.append(arg)
    return name, rest
