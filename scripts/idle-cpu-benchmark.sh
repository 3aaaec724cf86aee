#!/usr/bin/env bash
# The agent's own start-up work, without an application: the CPU time a JVM that only sleeps has
# used after a while, without the agent and with each given agent jar (alternating runs; medians).
# The JIT threads' share is shown apart ("C1", "C2"), and "dead" is the agent's start-up threads,
# which have ended by then.
#
#   scripts/idle-cpu-benchmark.sh [runs=9] [agent jar...]     (default: agent/target/bulwark-agent.jar)
set -euo pipefail

runs=${1:-9}
shift || true
root=$(cd "$(dirname "$0")/.." && pwd)
jars=()
for jar in "$@"; do
  jars+=("$(realpath "$jar")") # the JVMs run from a temporary folder
done
[ ${#jars[@]} -gt 0 ] || jars=("$root/agent/target/bulwark-agent.jar")
policy="$root/examples/demo/policy.yaml"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
javac -d "$work" "$root/scripts/idle/IdleCpu.java"

# shellcheck source=lib/stats.sh
source "$(dirname "$0")/lib/stats.sh"
field() { sed -n "s/.*$1[= ]\([0-9]*\).*/\1/p"; }

declare -A cpu c1 c2 dead
one() { # label, java arguments...
  local label=$1 out
  shift
  out=$(cd "$work" && java "$@" -cp "$work" IdleCpu 2500 2>/dev/null | tail -1)
  cpu[$label]+="$(echo "$out" | field "cpu") "
  c1[$label]+="$(echo "$out" | field "C1 CompilerThre") "
  c2[$label]+="$(echo "$out" | field "C2 CompilerThre") "
  dead[$label]+="$(echo "$out" | field "dead") "
}

echo "java: $(java -version 2>&1 | head -1); runs: $runs each, alternating; load: $(cut -d' ' -f1-3 /proc/loadavg)"
for i in $(seq 1 "$runs"); do
  one "no agent"
  for jar in "${jars[@]}"; do
    one "$jar" "-javaagent:$jar=policy=$policy"
  done
done
echo "| JVM | CPU (median) | C1 | C2 | agent threads (ended) |"
echo "| --- | --- | --- | --- | --- |"
for label in "no agent" "${jars[@]}"; do
  m() { tr ' ' '\n' <<<"$1" | grep . | median; }
  echo "| $label | $(m "${cpu[$label]}") ms | $(m "${c1[$label]}") ms | $(m "${c2[$label]}") ms | $(m "${dead[$label]}") ms |"
done
