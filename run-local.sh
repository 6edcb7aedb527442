#!/usr/bin/env bash
# Runs the whole system on this machine: a real single-node KRaft Kafka broker, match-streams and
# api-service in one JVM, loaded with a synthetic death registry and one sample job.
# Options are passed on to the launcher; see ./run-local.sh --help.
# Environment: VITALINK_JAVA_OPTS replaces the JVM options (default: -XX:+UseG1GC -Xmx2g);
# VITALINK_SKIP_BUILD=1 starts what was built last (e.g. by ./mvnw -B package -DskipTests) without building.
set -euo pipefail
cd "$(dirname "$0")"
if [[ "${VITALINK_SKIP_BUILD:-0}" != 1 ]]; then
  echo "Building Vitalink (the first build downloads dependencies from Maven Central)…"
  ./mvnw -B -q -DskipTests install
fi
# shellcheck disable=SC2086 # the options are words on purpose
exec java ${VITALINK_JAVA_OPTS:--XX:+UseG1GC -Xmx2g} -Dlogback.configurationFile=local/target/classes/logback.xml -cp "local/target/classes:$(cat local/target/classpath.txt)" io.vitalink.local.LocalLauncher "$@"
