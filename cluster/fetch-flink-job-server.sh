#!/usr/bin/env bash
# Build Beam's Flink job server jar from Maven Central into newsbeam's cache and print its path.
#
#   cluster/fetch-flink-job-server.sh            # builds once (~3 min, ~150 MB of Maven downloads), then reuses it
#   export NEWSBEAM_FLINK_JOB_SERVER_JAR=$(cluster/fetch-flink-job-server.sh)
#
# Maven Central does not serve the shaded beam-runners-flink-<flink>-job-server jar, only the runner
# library and its dependencies, so cluster/flink-job-server/pom.xml shades those into one runnable
# jar (main class FlinkJobServerDriver). The jar lives in the cache, never in the repository.
# A stable link, <cache>/flink-job-server.jar, points at it: configs/profiles/flink.yaml uses that path.
#
# Environment: NEWSBEAM_CACHE (default ${XDG_CACHE_HOME:-~/.cache}/newsbeam),
#              BEAM_VERSION and BEAM_JOBSERVICE_VERSION (default: the pom's), MVN (default mvn).
# Exit status: 0 with the jar's path on stdout; 3 when Java or Maven is missing; Maven's status if the build fails.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
pom="$here/flink-job-server/pom.xml"
cache="${NEWSBEAM_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/newsbeam}"
mvn="${MVN:-mvn}"

pom_property() { sed -n "s:.*<$1>\(.*\)</$1>.*:\1:p" "$pom" | head -1; }
beam_version="${BEAM_VERSION:-$(pom_property beam.version)}"
jobservice_version="${BEAM_JOBSERVICE_VERSION:-$(pom_property beam.jobservice.version)}"
flink_minor="$(pom_property flink.minor)"
jar_name="beam-runners-flink-${flink_minor}-job-server-${beam_version}.jar"
jar="$cache/flink-job-server/$jar_name"
link="$cache/flink-job-server.jar"

if [[ ! -s "$jar" ]]; then
  for tool in java "$mvn"; do
    if ! command -v "$tool" >/dev/null 2>&1; then
      echo "fetch-flink-job-server: '$tool' not found; building the Flink job server needs a JDK (17) and Maven" >&2
      exit 3
    fi
  done
  mkdir -p "$cache/flink-job-server"
  # A folder of its own per build: two builds at once (parallel test workers) must not share one.
  build="$(mktemp -d "$cache/flink-job-server/build-${beam_version}.XXXXXX")"
  trap 'rm -rf "$build"' EXIT
  echo "fetch-flink-job-server: building $jar_name (Beam $beam_version, job service $jobservice_version)" >&2
  # Maven's own chatter goes to stderr so that stdout carries only the jar's path.
  "$mvn" -B -q -Dstyle.color=never -f "$pom" package \
    -Dbeam.version="$beam_version" -Dbeam.jobservice.version="$jobservice_version" \
    -Djobserver.buildDirectory="$build" >&2
  # Renamed into place (same filesystem): a killed build never leaves a truncated jar that looks finished.
  mv "$build/$jar_name" "$jar"
fi
ln -sfn "$jar" "$link"
echo "$jar"
