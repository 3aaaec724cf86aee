#!/usr/bin/env bash
# Added start-up time per integration-test server: time from process start until the server
# printed "LISTENING <port>" and GET /api/hello answered 200, with and without the agent, runs
# alternating, median of N each. Called as: scripts/startup-benchmark.sh servers [runs] [java] [server...]
set -euo pipefail

runs=${1:-5}
java=${2:-java}
shift $(( $# >= 2 ? 2 : $# ))
root=$(cd "$(dirname "$0")/.." && pwd)
apps="$root/integration-tests/apps"
agent="${BULWARK_AGENT_JAR:-$root/agent/target/bulwark-agent.jar}"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
[ -f "$agent" ] || { echo "missing $agent: build with ./mvnw -DskipTests package" >&2; exit 1; }

cat >"$work/policy.yaml" <<POLICY
version: 1
rules:
  - name: admin
    match: { path: /api/admin/** }
    action: deny
  - name: user-delete
    match: { route: "/api/users/{id}", methods: [DELETE] }
    action: deny
default: allow
audit:
  file: $work/audit.jsonl
POLICY

cp_of() { cat "$apps/$1/target/classpath.txt"; }
jar_of() { ls "$apps/$1"/target/bulwark-it-"$1"-*.jar | grep -v -- -jakarta.jar | head -1; }

# The java arguments of each server (what integration-tests' ServerKind launches).
launch() {
  case $1 in
    tomcat9) echo "-cp $(jar_of servlet-app):$(cp_of servlet-app) io.bulwark.it.app.TomcatMain" ;;
    tomcat10) echo "-cp $(cp_of tomcat10-app) io.bulwark.it.app.TomcatMain" ;;
    tomcat11) echo "-cp $(cp_of tomcat11-app) io.bulwark.it.app.TomcatMain" ;;
    jetty12) echo "-cp $(jar_of jetty12-app):$(cp_of jetty12-app) io.bulwark.it.jetty.JettyMain" ;;
    undertow) echo "-cp $(jar_of undertow-app):$(cp_of undertow-app) io.bulwark.it.undertow.UndertowMain" ;;
    spring-boot) echo "-jar $apps/spring-boot-app/target/spring-boot-app.jar" ;;
    jersey2-grizzly) echo "-cp $(jar_of jaxrs-app):$(cp_of jaxrs-app) io.bulwark.it.jaxrs.JerseyGrizzlyMain" ;;
    jersey3-grizzly) echo "-cp $(cp_of jersey3-app) io.bulwark.it.jaxrs.JerseyGrizzlyMain" ;;
    resteasy) echo "-cp $(jar_of resteasy-app):$(cp_of resteasy-app) io.bulwark.it.resteasy.ResteasyUndertowMain" ;;
    cxf) echo "-cp $(jar_of cxf-app):$(cp_of cxf-app) io.bulwark.it.cxf.CxfTomcatMain" ;;
    *) echo "unknown server $1" >&2; exit 2 ;;
  esac
}

now_ms() { echo $(( $(date +%s%N) / 1000000 )); }

# Polling forks nothing (as in startup-benchmark.sh): the wait is a read with a timeout on a pipe
# nobody writes to, and the port is read from the server's output with bash builtins. A fork of
# sed and sleep every 5 ms competed with the JVM for the machine's two cores.
mkfifo "$work/tick"
exec 9<>"$work/tick"
pause() { read -r -t 0.005 -u 9 || true; }
# Sets port from the server's "LISTENING <port>" line, if it has printed it (no subshell).
read_port() {
  local line
  while IFS= read -r line; do
    if [[ $line =~ ^LISTENING\ ([0-9]+) ]]; then
      port=${BASH_REMATCH[1]}
      return
    fi
  done < "$1"
}

# One start: prints milliseconds until GET /api/hello answered 200, and the CPU time (user + system,
# all threads) the JVM had used by then: the second is what the agent adds in work, and is far less
# disturbed than wall time when other processes load the machine.
time_to_ready() {
  local server=$1 started pid port="" elapsed cpu out="$work/out.log"
  shift
  rm -f "$out" # never read the previous run's port
  started=$(now_ms)
  # shellcheck disable=SC2046
  (cd "$work" && exec "$java" "$@" $(launch "$server") >"$out" 2>&1) &
  pid=$!
  while [ -z "$port" ]; do
    kill -0 $pid 2>/dev/null || { echo "$server exited; output:" >&2; cat "$out" >&2; exit 1; }
    [ -f "$out" ] && read_port "$out"
    [ -n "$port" ] || pause
  done
  until curl -fs -o /dev/null "http://127.0.0.1:$port/api/hello"; do
    kill -0 $pid 2>/dev/null || { echo "$server exited; output:" >&2; cat "$out" >&2; exit 1; }
    pause
  done
  elapsed=$(( $(now_ms) - started ))
  cpu=$(awk -v hz="$(getconf CLK_TCK)" '{ print int(($14 + $15) * 1000 / hz) }' /proc/$pid/stat)
  kill $pid; wait $pid 2>/dev/null || true
  echo "$elapsed $cpu"
}

# shellcheck source=lib/stats.sh
source "$(dirname "$0")/lib/stats.sh"

servers=("$@")
[ ${#servers[@]} -gt 0 ] || servers=(tomcat9 tomcat10 tomcat11 jetty12 undertow spring-boot jersey2-grizzly jersey3-grizzly resteasy cxf)
echo "java: $("$java" -version 2>&1 | head -1); runs: $runs each, alternating; load: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "| server | baseline | with agent | added | added per pair (95% CI) | CPU baseline | CPU with agent | CPU added |"
echo "| --- | --- | --- | --- | --- | --- | --- | --- |"
for server in "${servers[@]}"; do
  time_to_ready "$server" >/dev/null # warm the file cache; not counted
  baseline=()
  with_agent=()
  for i in $(seq 1 "$runs"); do
    baseline+=("$(time_to_ready "$server")")
    with_agent+=("$(time_to_ready "$server" "-javaagent:$agent=policy=$work/policy.yaml")")
  done
  b=$(printf '%s\n' "${baseline[@]}" | cut -d' ' -f1 | median)
  a=$(printf '%s\n' "${with_agent[@]}" | cut -d' ' -f1 | median)
  bc=$(printf '%s\n' "${baseline[@]}" | cut -d' ' -f2 | median)
  ac=$(printf '%s\n' "${with_agent[@]}" | cut -d' ' -f2 | median)
  # each start with the agent against the baseline start just before it
  read -r pair low high <<<"$(for i in "${!baseline[@]}"; do
    echo $(( ${with_agent[$i]%% *} - ${baseline[$i]%% *} ))
  done | paired_difference)"
  interval="($low to $high)"
  [ "$low" != - ] || interval="(no interval under 6 runs)"
  echo "| $server | $b ms | $a ms | **$((a - b)) ms** | $pair ms $interval | $bc ms | $ac ms | **$((ac - bc)) ms** |"
  echo "$server runs (wall cpu): baseline ${baseline[*]} / agent ${with_agent[*]}" >&2
done
