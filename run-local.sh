#!/usr/bin/env bash
# Runs the whole system on this machine: a real single-node KRaft Kafka broker, match-streams and
# api-service in one JVM, loaded with a synthetic death registry and one sample job.
# Options are passed on to the launcher; see ./run-local.sh --help.
set -euo pipefail
cd "$(dirname "$0")"
echo "Building Vitalink (the first build downloads dependencies from Maven Central)…"
./mvnw -B -q -DskipTests install
exec java -XX:+UseG1GC -Xmx2g -Dlogback.configurationFile=local/target/classes/logback.xml -cp "local/target/classes:$(cat local/target/classpath.txt)" io.vitalink.local.LocalLauncher "$@"
