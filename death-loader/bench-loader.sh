#!/usr/bin/env bash
# Loader benchmark: a fresh in-JVM broker, ROWS sample deaths (io.vitalink.local.SampleData), loaded twice
# (empty topic, then all unchanged); prints "BENCH ... rows/s" per load. See docs/PERFORMANCE.md#death-loader.
#   ./mvnw -B -q -o package -pl death-loader -am -DskipTests && ./mvnw -B -q -o test-compile -pl death-loader
#   death-loader/bench-loader.sh                       # this build
#   LOADER_CLASSES=/tmp/old/classes SCHEMAS_JAR=/tmp/old/schemas.jar death-loader/bench-loader.sh   # another build
# Env: ROWS (1000000), CSV (reused when present), PARTITIONS (6), JAVA_OPTS (-Xmx1g), JFR (a .jfr file to record).
set -euo pipefail
cd "$(dirname "$0")/.."
ROWS=${ROWS:-1000000}
CSV=${CSV:-/tmp/loader-bench-deaths-$ROWS.csv}
LOADER_CLASSES=${LOADER_CLASSES:-death-loader/target/classes}
SCHEMAS_JAR=${SCHEMAS_JAR:-schemas/target/schemas-0.1.0-SNAPSHOT.jar}
CP_FILE=death-loader/target/bench-classpath.txt
if [[ ! -s $CP_FILE ]]; then
  ./mvnw -B -q -o dependency:build-classpath -pl death-loader -Dmdep.includeScope=test -Dmdep.outputFile="$PWD/$CP_FILE"
fi
# the loader's own jars are replaced by the build under test
DEPS=$(tr ':' '\n' < "$CP_FILE" | grep -v '/io/vitalink/' | paste -sd:)
if [[ ! -s $CSV ]]; then
  SAMPLE_CP=${SAMPLE_CP:-local/target/classes:$HOME/.m2/repository/io/vitalink/local/0.1.0-SNAPSHOT/local-0.1.0-SNAPSHOT.jar}
  GEN=$(mktemp -d)/GenDeaths.java
  cat > "$GEN" <<'JAVA'
public class GenDeaths {
    public static void main(String[] a) throws Exception {
        io.vitalink.local.SampleData.writeDeathsCsv(io.vitalink.local.SampleData.deaths(42, Integer.parseInt(a[0])),
                java.nio.file.Path.of(a[1]));
    }
}
JAVA
  java -cp "$SAMPLE_CP:$SCHEMAS_JAR:$DEPS" "$GEN" "$ROWS" "$CSV"
fi
OPTS=${JAVA_OPTS:--Xmx1g}
if [[ -n ${JFR:-} ]]; then
  OPTS="$OPTS -XX:StartFlightRecording=filename=$JFR,settings=profile"
fi
# shellcheck disable=SC2086
java $OPTS -cp "$LOADER_CLASSES:$SCHEMAS_JAR:death-loader/target/test-classes:$DEPS" \
  io.vitalink.loader.bench.LoaderBench "$CSV" "${PARTITIONS:-6}"
