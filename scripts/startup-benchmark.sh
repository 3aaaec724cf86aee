#!/usr/bin/env bash
# Time-to-ready of the demo (Spring Boot) with and without the agent: from process start until
# GET /health answers 200. Runs alternate (baseline, agent, baseline, ...) so both see the same
# machine state; prints each run and the medians. Build first: ./mvnw -DskipTests package
#
#   scripts/startup-benchmark.sh [runs=5] [java=java]
#   BULWARK_COMPARE_JAR=/path/to/other/bulwark-agent.jar scripts/startup-benchmark.sh [runs] [java]
#   scripts/startup-benchmark.sh servers [runs=5] [java=java] [server...]
#
# With BULWARK_COMPARE_JAR each round also starts the demo with that agent jar (an A/B of two
# builds in the same minutes). The second form times each integration-test server (integration-tests/apps, built by
# ./mvnw -DskipTests package): from process start until it printed "LISTENING <port>" and
# GET /api/hello answered 200, with and without the agent (the integration suite's policy).
set -euo pipefail

if [ "${1:-}" = servers ]; then
  shift
  exec "$(dirname "$0")/startup-benchmark-servers.sh" "$@"
fi

runs=${1:-5}
java=${2:-java}
root=$(cd "$(dirname "$0")/.." && pwd)
agent="${BULWARK_AGENT_JAR:-$root/agent/target/bulwark-agent.jar}"
compare="${BULWARK_COMPARE_JAR:-}"
demo="$root/examples/demo/target/bulwark-demo.jar"
policy="$root/examples/demo/policy.yaml"
port=$((18080 + RANDOM % 2000)) # several checkouts may run this at once
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

for f in "$agent" "$demo"; do
  [ -f "$f" ] || { echo "missing $f: build with ./mvnw -DskipTests package" >&2; exit 1; }
done

now_ms() { echo $(( $(date +%s%N) / 1000000 )); }

# The wait between polls, without forking: a read with a timeout on a pipe nobody writes to. The
# poll loop forks nothing until the port accepts (bash's /dev/tcp), then runs curl: a fork of curl
# and sleep every 10 ms competed with the JVM for the machine's two cores and made baselines vary
# by a second.
mkfifo "$work/tick"
exec 9<>"$work/tick"
pause() { read -r -t 0.01 -u 9 || true; }
port_open() {
  if { exec 3<>"/dev/tcp/127.0.0.1/$1"; } 2>/dev/null; then exec 3>&-; return 0; fi
  return 1
}

# One start: prints milliseconds until /health answered, and the JVM's CPU time then (user +
# system, all threads, from /proc): what the agent adds in work, steadier than wall time.
time_to_ready() {
  local started pid elapsed cpu
  port=$((port + 1))
  started=$(now_ms)
  (cd "$work" && exec env PORT=$port "$java" "$@" -jar "$demo" >"$work/out.log" 2>&1) &
  pid=$!
  until port_open "$port" && curl -fs -o /dev/null "http://127.0.0.1:$port/health"; do
    if ! kill -0 $pid 2>/dev/null; then
      echo "the demo exited; output:" >&2; cat "$work/out.log" >&2; exit 1
    fi
    pause
  done
  elapsed=$(( $(now_ms) - started ))
  cpu=$(awk -v hz="$(getconf CLK_TCK)" '{ print int(($14 + $15) * 1000 / hz) }' /proc/$pid/stat)
  kill $pid; wait $pid 2>/dev/null || true
  echo "$elapsed $cpu"
}

# shellcheck source=lib/stats.sh
source "$(dirname "$0")/lib/stats.sh"

load=$(cut -d' ' -f1-3 /proc/loadavg)
time_to_ready >/dev/null # warm the file cache; not counted
baseline=()
with_agent=()
baseline_cpu=()
agent_cpu=()
compared=()
compared_cpu=()
for i in $(seq 1 "$runs"); do
  read -r b bc <<<"$(time_to_ready)"
  read -r a ac <<<"$(time_to_ready "-javaagent:$agent=policy=$policy")"
  baseline+=("$b")
  with_agent+=("$a")
  baseline_cpu+=("$bc")
  agent_cpu+=("$ac")
  echo "run $i: baseline ${b} ms (CPU ${bc} ms), with agent ${a} ms (CPU ${ac} ms)" >&2
  if [ -n "$compare" ]; then
    read -r c cc <<<"$(time_to_ready "-javaagent:$compare=policy=$policy")"
    compared+=("$c")
    compared_cpu+=("$cc")
    echo "run $i: with the compared agent ${c} ms (CPU ${cc} ms)" >&2
  fi
done
b_median=$(printf '%s\n' "${baseline[@]}" | median)
a_median=$(printf '%s\n' "${with_agent[@]}" | median)
bc_median=$(printf '%s\n' "${baseline_cpu[@]}" | median)
ac_median=$(printf '%s\n' "${agent_cpu[@]}" | median)
echo "java: $("$java" -version 2>&1 | head -1); load before the runs: $load"
read -r pair low high <<<"$(for i in "${!baseline[@]}"; do
  echo $(( ${with_agent[$i]} - ${baseline[$i]} ))
done | paired_difference)"
echo "demo time-to-ready, median of $runs: baseline ${b_median} ms, with agent ${a_median} ms, added $((a_median - b_median)) ms"
if [ "$low" != - ]; then
  echo "added per alternating pair: median ${pair} ms, 95% confidence interval ${low} to ${high} ms"
else
  echo "added per alternating pair: median ${pair} ms (a confidence interval needs 6 runs or more)"
fi
echo "JVM CPU time at ready, median of $runs: baseline ${bc_median} ms, with agent ${ac_median} ms, added $((ac_median - bc_median)) ms"
echo "agent jar: $(stat -c %s "$agent") bytes"
if [ -n "$compare" ]; then
  c_median=$(printf '%s\n' "${compared[@]}" | median)
  cc_median=$(printf '%s\n' "${compared_cpu[@]}" | median)
  echo "compared agent $compare: time-to-ready median ${c_median} ms (added $((c_median - b_median)) ms), CPU at ready ${cc_median} ms (added $((cc_median - bc_median)) ms)"
fi
