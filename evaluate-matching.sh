#!/usr/bin/env bash
# Reproduces the match-quality table of docs/MATCHING.md: generates the labelled evaluation set, runs it
# through a real embedded KRaft broker, the death-loader, match-streams and the API, and prints precision
# and recall as Markdown. Options: ./evaluate-matching.sh --help.
set -euo pipefail
cd "$(dirname "$0")"
./mvnw -B -q -DskipTests install
exec java -XX:+UseG1GC -Xmx4g -Dlogback.configurationFile=local/target/classes/logback.xml -cp "local/target/classes:$(cat local/target/classpath.txt)" io.vitalink.local.evaluation.EvaluateMatching "$@"
