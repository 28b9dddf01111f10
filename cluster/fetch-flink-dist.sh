#!/usr/bin/env bash
# Assemble an Apache Flink distribution (bin/, lib/, conf/, plugins/) from PyPI into newsbeam's cache; print its folder.
#
#   FLINK_HOME=$(cluster/fetch-flink-dist.sh)
#   $FLINK_HOME/bin/jobmanager.sh start-foreground     # and, as another process:
#   $FLINK_HOME/bin/taskmanager.sh start-foreground
#
# PyPI's apache-flink wheel carries Flink's bin/ and conf/, and apache-flink-libraries carries lib/,
# opt/ and plugins/; together they are the binary distribution. Only the two archives are downloaded
# (--no-deps): PyFlink itself is not installed. The Flink version must match the job server's runner
# (beam-runners-flink-1.19, cluster/flink-job-server/pom.xml).
#
# Environment: NEWSBEAM_CACHE (default ${XDG_CACHE_HOME:-~/.cache}/newsbeam), FLINK_VERSION (default 1.19.3),
#              PYTHON (a python with pip, default python3).
set -euo pipefail

cache="${NEWSBEAM_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/newsbeam}"
version="${FLINK_VERSION:-1.19.3}"
python="${PYTHON:-python3}"
home="$cache/flink-$version"

if [[ ! -x "$home/bin/jobmanager.sh" ]]; then
  mkdir -p "$cache"
  work="$(mktemp -d "$cache/flink-$version.partial.XXXXXX")"
  trap 'rm -rf "$work"' EXIT
  echo "fetch-flink-dist: downloading apache-flink $version and apache-flink-libraries $version from PyPI" >&2
  "$python" -m pip download --quiet --no-deps --dest "$work/download" \
    "apache-flink==$version" "apache-flink-libraries==$version" >&2
  wheel=$(ls "$work"/download/apache_flink-"$version"-*.whl | head -1)
  "$python" -m zipfile -e "$wheel" "$work/wheel"
  tar xzf "$work"/download/apache-flink-libraries-"$version".tar.gz -C "$work"
  libraries="$work/apache-flink-libraries-$version/deps"
  dist="$work/flink-$version"
  mkdir -p "$dist"
  cp -r "$work/wheel/pyflink/bin" "$work/wheel/pyflink/conf" "$dist/"
  cp -r "$libraries/lib" "$libraries/opt" "$libraries/plugins" "$dist/"
  cp "$libraries"/bin/* "$dist/bin/"
  chmod +x "$dist"/bin/*.sh "$dist/bin/flink"
  # Another fetch may have finished first; a complete distribution is never replaced.
  if [[ ! -x "$home/bin/jobmanager.sh" ]]; then
    rm -rf "$home"
    mv "$dist" "$home"
  fi
fi
echo "$home"
