#!/usr/bin/env bash
# Measures one large CSV upload through the API against the whole local stack started with a small heap
# (docs/PERFORMANCE.md, "Large uploads"). Prints heap used before, during (peak) and after the upload, the upload
# time, the time to refuse the same upload with one bad row at its end (400 VL-1002, nothing published), and the
# answer to a body over the maximum request size (413 VL-1006).
#
#   ./bench-upload.sh                      # 1,000,000 rows, -Xmx384m
#   ROWS=200000 HEAP=256m ./bench-upload.sh
#
# Environment: ROWS (1000000), HEAP (384m), API_PORT (8091), KAFKA_PORT (9095), DATA (/tmp/vitalink-bench, deleted
# first), SKIP_BUILD=1 to use the last build, WAIT_COMPLETED=1 to also time the matcher until the job is COMPLETED.
set -euo pipefail
cd "$(dirname "$0")"
ROWS=${ROWS:-1000000}
HEAP=${HEAP:-384m}
API_PORT=${API_PORT:-8091}
KAFKA_PORT=${KAFKA_PORT:-9095}
DATA=${DATA:-/tmp/vitalink-bench}
API="http://localhost:${API_PORT}"

if [[ "${SKIP_BUILD:-0}" != 1 ]]; then
  echo "Building (package only, nothing installed)…"
  ./mvnw -B -q package -DskipTests -pl local -am
fi
rm -rf "$DATA"
mkdir -p "$DATA"

# valid 18-character resident IDs (GB 11643 check character), none of them in the registry of 1,000 deaths
echo "Writing ${ROWS} rows…"
awk -v rows="$ROWS" 'BEGIN {
  split("7 9 10 5 8 4 2 1 6 3 7 9 10 5 8 4 2", w, " "); checks = "10X98765432"
  print "record_id,id_number,name,birth_date"
  for (i = 1; i <= rows; i++) {
    y = 1930 + i % 60; m = 1 + i % 12; d = 1 + i % 28
    body = sprintf("110105%04d%02d%02d%03d", y, m, d, int(i / 1000) % 1000)
    s = 0; for (k = 1; k <= 17; k++) s += substr(body, k, 1) * w[k]
    printf "r%07d,%s%s,Test Patient %d,%04d-%02d-%02d\n", i, body, substr(checks, s % 11 + 1, 1), i, y, m, d
  }
}' > "$DATA/upload.csv"
{ cat "$DATA/upload.csv"; echo "bad-row,110105194912310020,Test Patient,1949-13-31"; } > "$DATA/upload-bad.csv"
truncate -s 1100M "$DATA/too-large.csv"

echo "Starting the local stack with -Xmx${HEAP}…"
VITALINK_SKIP_BUILD=1 VITALINK_JAVA_OPTS="-XX:+UseG1GC -Xmx${HEAP}" ./run-local.sh --data-dir "$DATA/stack" \
  --api-port "$API_PORT" --kafka-port "$KAFKA_PORT" --deaths 1000 --patients 100 > "$DATA/stack.log" 2>&1 &
PID=$!
trap 'kill "$PID" 2>/dev/null || true; wait "$PID" 2>/dev/null || true' EXIT
for _ in $(seq 600); do
  grep -q "Press Ctrl-C" "$DATA/stack.log" && break
  kill -0 "$PID" 2>/dev/null || { cat "$DATA/stack.log"; exit 1; }
  sleep 0.5
done
grep -q "Press Ctrl-C" "$DATA/stack.log" || { echo "stack did not start"; exit 1; }

used_mb() { jstat -gc "$PID" | awk 'NR == 2 { printf "%.0f", ($3 + $4 + $6 + $8) / 1024 }'; }
gc_used_mb() { jcmd "$PID" GC.run > /dev/null; used_mb; }
token=$(curl -s -X POST "$API/api/v1/login" -H 'Content-Type: application/json' \
  -d '{"username":"centre-a","password":"local-submitter-password"}' | sed 's/.*"access_token":"\([^"]*\)".*/\1/')
upload() { # file → prints "status seconds", body in $DATA/answer.json
  curl -s -o "$DATA/answer.json" -w "%{http_code} %{time_total}\n" -X POST -H "Expect:" --upload-file "$1" "$API/api/v1/jobs" \
    -H "Authorization: Bearer $token" -H "Content-Type: text/csv"
}
# every 0.2 s: heap used and old generation used (MB); G1 lets the young generation fill the heap before collecting
sample_heap() { while kill -0 "$PID" 2>/dev/null; do jstat -gc "$PID" | awk 'NR == 2 { printf "%.0f %.0f\n", ($3 + $4 + $6 + $8) / 1024, $8 / 1024 }'; sleep 0.2; done > "$1"; }
peaks() { echo "heap used peak $(sort -n -k1 "$1" | tail -1 | cut -d' ' -f1) MB, old generation peak $(sort -n -k2 "$1" | tail -1 | cut -d' ' -f2) MB"; }

echo "machine: $(nproc) cores, $(free -g | awk '/Mem:/ {print $2}') GiB; $(java -version 2>&1 | head -1); heap -Xmx${HEAP}"
echo "upload: ${ROWS} rows, $(du -m "$DATA/upload.csv" | cut -f1) MB"
echo "heap used before (after a GC): $(gc_used_mb) MB"

sample_heap "$DATA/heap-good.txt" & SAMPLER=$!
read -r status seconds < <(upload "$DATA/upload.csv")
kill "$SAMPLER"
job=$(sed 's/.*"jobId":"\([^"]*\)".*/\1/' "$DATA/answer.json")
echo "valid upload: HTTP ${status} in ${seconds} s; during: $(peaks "$DATA/heap-good.txt")"
echo "heap used after (after a GC): $(gc_used_mb) MB"

sample_heap "$DATA/heap-bad.txt" & SAMPLER=$!
read -r status seconds < <(upload "$DATA/upload-bad.csv")
kill "$SAMPLER"
echo "same upload + 1 bad last row: HTTP ${status} in ${seconds} s, $(peaks "$DATA/heap-bad.txt"): $(cat "$DATA/answer.json")"

read -r status seconds < <(upload "$DATA/too-large.csv")
echo "1100 MB body: HTTP ${status} in ${seconds} s: $(cat "$DATA/answer.json")"
echo "heap used at the end (after a GC): $(gc_used_mb) MB"
out_of_memory() { grep -q OutOfMemoryError "$DATA/stack.log"; }
if out_of_memory; then echo "the JVM ran out of heap (see $DATA/stack.log): -Xmx${HEAP} is too small"; exit 1; fi

if [[ "${WAIT_COMPLETED:-0}" == 1 ]]; then
  start=$(date +%s)
  while ! curl -s -H "Authorization: Bearer $token" "$API/api/v1/jobs/$job" | grep -q '"state":"COMPLETED"'; do
    sleep 5
    if out_of_memory; then echo "the JVM ran out of heap while matching (see $DATA/stack.log): -Xmx${HEAP} is too small"; exit 1; fi
    if (( $(date +%s) - start > 1800 )); then echo "job not completed after 30 min"; exit 1; fi
    token=$(curl -s -X POST "$API/api/v1/login" -H 'Content-Type: application/json' \
      -d '{"username":"centre-a","password":"local-submitter-password"}' | sed 's/.*"access_token":"\([^"]*\)".*/\1/')
  done
  echo "job ${job}: $(curl -s -H "Authorization: Bearer $token" "$API/api/v1/jobs/$job")"
  echo "heap used after matching (after a GC): $(gc_used_mb) MB"
fi
