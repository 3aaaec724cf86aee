#!/usr/bin/env bash
# make-sample.sh — run the demo under the agent with examples/demo/policy.yaml, send it about three
# minutes of scripted traffic from a few loopback addresses, stop it, and keep its audit file as
# examples/demo/audit-sample/demo-audit.jsonl (the file the report test and docs/audit.md use).
#
#   ./mvnw -q -DskipTests -pl agent,examples/demo -am package
#   examples/demo/audit-sample/make-sample.sh
#
# Traffic goes to 127.0.0.1 only, from source addresses 127.0.0.2-9 (all loopback), and stops by itself.
set -euo pipefail
root="$(cd "$(dirname "$0")/../../.." && pwd)"
out="$root/examples/demo/audit-sample"
work="$(mktemp -d)"
trap 'kill "$pid" 2>/dev/null || true; rm -rf "$work"' EXIT

cd "$work"
PORT=0 java -javaagent:"$root/agent/target/bulwark-agent.jar=policy=$root/examples/demo/policy.yaml" \
  -jar "$root/examples/demo/target/bulwark-demo.jar" >demo.log 2>&1 &
pid=$!
port=""
for _ in $(seq 1 120); do
  port="$(sed -n 's/.*Tomcat started on port \([0-9]*\).*/\1/p' demo.log | head -n1)"
  [[ -n $port ]] && break
  sleep 1
done
[[ -n $port ]] || { cat demo.log >&2; echo "the demo did not start" >&2; exit 1; }

req() { # req SOURCE_IP METHOD PATH
  curl -s -o /dev/null --path-as-is --interface "$1" -X "$2" "http://127.0.0.1:$port$3" || true
}

# Minute 1: ordinary traffic (allowed, not audited by the demo policy) and a few retired-API calls.
for i in $(seq 1 40); do
  req 127.0.0.2 GET "/api/orders/$i"
  (( i % 8 == 0 )) && req 127.0.0.2 GET /api/v0/orders
  sleep 1
done
# Minute 2: a scanner walks unknown paths and tries traversal spellings.
for p in /.env /wp-login.php /actuator/env /api/users /server-status /api/orders/..%2f..%2fadmin \
         "/api/orders/..;/admin/stats" /api/orders/%2e%2e/admin/stats "/static/%252e%252e/etc/passwd" \
         /api/orders/%c0%ae%c0%ae/admin /console /api/v0/admin /backup.zip /.git/config; do
  for src in 127.0.0.7 127.0.0.8; do
    req "$src" GET "$p"
  done
  sleep 2
done
sleep 25
# Minute 3: someone goes after the admin API, a few times a second, while orders keep flowing.
for i in $(seq 1 45); do
  req 127.0.0.3 GET /api/admin/stats
  (( i % 3 == 0 )) && req 127.0.0.3 DELETE /api/admin/stats
  (( i % 5 == 0 )) && req 127.0.0.2 POST /api/orders
  (( i % 9 == 0 )) && req 127.0.0.4 GET "/api/admin/stats?token=s3cr3t-t0ken"
  sleep 1
done

kill -TERM "$pid"
wait "$pid" || true
cp bulwark-audit.jsonl "$out/demo-audit.jsonl"
echo "wrote $out/demo-audit.jsonl ($(wc -l <"$out/demo-audit.jsonl") lines)"
