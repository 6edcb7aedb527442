#!/usr/bin/env bash
# Vitalink end to end against PostgreSQL on this machine, in one run: see docs/PERFORMANCE.md and bench/run.sh --help.
#   bench/run.sh                      10^6 deaths x 10^6 requests
#   bench/run.sh --large              10^7 x 10^7
#   bench/run.sh --deaths N --requests M --seed S
#   bench/run.sh scale-out            one match-streams instance, then two, on 12 partitions (no PostgreSQL)
#   bench/run.sh hop-floor            what one Kafka hop of 10^6 sealed requests costs here, nothing else
#   bench/run.sh soak                 10 minutes of small jobs, one large job, a registry refresh halfway (no PostgreSQL)
#   bench/run.sh watch-refresh        a refresh of 10^6 deaths against 10^7 watched records, and without them (no PostgreSQL)
# Environment: BENCH_SKIP_BUILD=1 runs what was built last; BENCH_JAVA_OPTS replaces the driver's JVM options.
set -euo pipefail
cd "$(dirname "$0")/.."
if [[ "${BENCH_SKIP_BUILD:-0}" != 1 ]]; then
  ./mvnw -B -q -DskipTests package -pl bench -am
fi
main=io.vitalink.bench.BenchCommand
if [[ "${1:-}" == scale-out ]]; then
  shift
  main=io.vitalink.bench.ScaleOutCommand
elif [[ "${1:-}" == hop-floor ]]; then
  shift
  main=io.vitalink.bench.HopFloorCommand
elif [[ "${1:-}" == soak ]]; then
  shift
  main=io.vitalink.bench.SoakCommand
elif [[ "${1:-}" == watch-refresh ]]; then
  shift
  main=io.vitalink.bench.WatchRefreshCommand
else
  # The baseline: Debian's PostgreSQL 15, installed and started when missing.
  sudo=""
  [[ "$(id -u)" -eq 0 ]] || sudo=sudo
  if ! command -v pg_ctlcluster >/dev/null || ! command -v psql >/dev/null; then
    $sudo apt-get update -qq
    $sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null
  fi
  pg_ctlcluster 15 main status >/dev/null 2>&1 || $sudo pg_ctlcluster 15 main start
fi
# this checkout's modules, not the io.vitalink jars in ~/.m2 (another checkout's install may have replaced them)
classpath=""
for module in bench local api-service match-streams death-loader schemas; do
  classpath+="$PWD/$module/target/classes:"
done
classpath+="$(cat bench/target/classpath.txt)"
# the generator holds the whole data set while it writes the files: about 1 GB at 10^6
# shellcheck disable=SC2086 # the options are words on purpose
exec java ${BENCH_JAVA_OPTS:--XX:+UseG1GC -Xmx3g} -Dlogback.configurationFile="$PWD/local/target/classes/logback.xml" -cp "$classpath" "$main" --classpath "$classpath" "$@"
