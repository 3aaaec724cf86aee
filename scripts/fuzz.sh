#!/usr/bin/env bash
# Fuzzes every parser that sees attacker input (the *FuzzTest classes of policy/engine) with Jazzer,
# each for the given time in a JVM of its own, then prints how many inputs each target executed.
# The build runs the same targets for a few seconds each (fuzz.seconds in policy/engine/pom.xml).
#
#   scripts/fuzz.sh [seconds-per-target=600] [test-pattern='*FuzzTest']
#
# A finding fails the run and is written by Jazzer as crash-<sha1> into the target's inputs folder
# (policy/engine/src/test/resources/<package>/<Class>Inputs/<method>/): fix the engine, keep the
# file (renamed to say what it is) as a regression input. The corpus each target built up is kept
# in policy/engine/.cifuzz-corpus/ (not committed) and the next run starts from it.
set -euo pipefail
cd "$(dirname "$0")/.."

seconds=${1:-600}
pattern=${2:-*FuzzTest}
log=policy/engine/target/fuzz-$(date +%Y%m%d-%H%M%S).log
mkdir -p policy/engine/target
started=$(date +%s)
status=0
./mvnw -B -pl policy/engine -am test -Dtest="$pattern" -Dsurefire.failIfNoSpecifiedTests=false \
  -Dfuzz.seconds="$seconds" 2>&1 | tee "$log" | grep -E '^\[(INFO|ERROR)\] (Running|Tests run|BUILD)|^Done [0-9]+ runs|crash-|FuzzTestFinding' \
  || status=$?
[[ ${PIPESTATUS[0]:-0} -eq 0 && $status -le 1 ]] || status=1
elapsed=$(( $(date +%s) - started ))

# The fuzzing execution's "Running <class>" line is followed by that target's libFuzzer summary.
awk '/\[INFO\] Running .*FuzzTest/ { target = $3 }
     /^stat::number_of_executed_units:/ { if (target != "") { units[target] = $2; total += $2; target = "" } }
     END { for (t in units) printf "%-60s %12d inputs\n", t, units[t]; printf "%-60s %12d inputs\n", "total", total }' "$log"
echo "wall time ${elapsed} s, ${seconds} s per target; log: $log; load average: $(cut -d' ' -f1-3 /proc/loadavg)"
grep -q 'BUILD SUCCESS' "$log" || { echo "fuzzing found a problem: see $log" >&2; exit 1; }
