#!/usr/bin/env bash
# CPU and wall time of match-streams for one job, on the README's stack (docs/PERFORMANCE.md, "Matching: one sealed
# hop per request"). Starts ./run-local.sh of CHECKOUT (built already) with 10^6 sample deaths and a 200,000-patient
# job, reads the CPU time of the threads named vitalink-match-* from /proc between the registry load, the job's
# acceptance and COMPLETED, and prints one line; run it for two checkouts one after the other to compare builds.
#
#   bench/cpu-per-job.sh /path/to/checkout label [extra JVM options]
#   DEATHS=10000000 bench/cpu-per-job.sh "$PWD" 1e7 -Xmx8g    the same job against 10^7 deaths (the generator needs the heap)
set -u
dir=$1; label=$2; extra=${3:-}; deaths=${DEATHS:-1000000}
out=/tmp/ab/$label; rm -rf "$out"; mkdir -p "$out"
cd "$dir" || exit 1
VITALINK_SKIP_BUILD=1 VITALINK_JAVA_OPTS="-XX:+UseG1GC -Xmx3g $extra" timeout 3600 ./run-local.sh --fresh \
    --data-dir "$out/data" --api-port 8490 --kafka-port 9493 --management-port 8491 --deaths "$deaths" \
    --patients 200000 > "$out/log" 2>&1 &
sleep 5
pid=$(pgrep -f "data-dir $out/data" | while read -r p; do [ "$(cat "/proc/$p/comm")" = java ] && echo "$p"; done | head -1)
stop() { kill "$pid" 2>/dev/null; sleep 5; }
trap stop EXIT
cpu() {
  local s=0 t c
  for t in "/proc/$pid/task/"*; do
    c=$(cat "$t/comm" 2>/dev/null)
    case "$c" in
      vitalink-match*)
        # shellcheck disable=SC2046 # the fields of stat, split on purpose
        set -- $(sed 's/.*) //' "$t/stat"); s=$((s + ${12} + ${13}));;
    esac
  done
  echo "$s"
}
until grep -q "Published $deaths" "$out/log"; do sleep 1; done; t0=$(date +%s.%N); c0=$(cpu)
until grep -q "Accepted job" "$out/log"; do sleep 0.5; done; t1=$(date +%s.%N); c1=$(cpu)
until grep -q '"event":"COMPLETED"' "$out/log"; do sleep 0.5; done; t2=$(date +%s.%N); c2=$(cpu)
{
  echo "$label takein_wall=$(echo "$t1-$t0" | bc) takein_cpu=$((c1 - c0))cs match_wall=$(echo "$t2-$t1" | bc)" \
      "match_cpu=$((c2 - c1))cs load=$(cut -d' ' -f1 /proc/loadavg)"
  grep -o '"event":"COMPLETED".*' "$out/log" | grep -o '"durationMs":"[0-9]*"\|"matched":"[0-9]*"\|"probable":"[0-9]*"\|"notFound":"[0-9]*"\|"invalid":"[0-9]*"' | tr '\n' ' '
  du -sm "$out/data/"* 2>/dev/null
  grep VmHWM "/proc/$pid/status"
} | tee "$out/summary"
