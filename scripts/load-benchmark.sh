#!/usr/bin/env bash
# End-to-end overhead of the agent (docs/BENCHMARKS.md): the test app on Tomcat 10.1 without and
# with the agent, driven on loopback, runs alternating; prints each run and a Markdown table.
# Needs PostgreSQL at 127.0.0.1:5432 (trust, database test) for the SQL endpoint, or
# -Dbulwark.bench.db=<JDBC URL>.
#
#   scripts/load-benchmark.sh [-Dseconds=20] [-Drounds=3] [-Dconnections=8] [-Dwarmup=40]
#                             [-Dendpoints=/api/hello,/api/items/] [-DthreadCpu=true]
#                             [-DauditEvents=deny,monitor,error]   (default: every decision audited)
#   scripts/load-benchmark.sh soak [-Drequests=2000000] [-Dconnections=8] [-Dclients=20000]
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
main=io.bulwark.it.load.LoadBenchmark
if [[ ${1:-} == soak ]]; then
  main=io.bulwark.it.load.Soak
  shift
fi
if [[ -z ${BULWARK_SKIP_BUILD:-} ]]; then
  echo "building the agent, the test apps and the suite (BULWARK_SKIP_BUILD=1 skips this)" >&2
  ./mvnw -q -B -DskipTests -pl integration-tests/suite -am package dependency:build-classpath \
    -Dmdep.includeScope=test -Dmdep.outputFile=target/test-classpath.txt
fi
suite=integration-tests/suite
exec java -Xmx1g \
  -Dbulwark.repo.root="$root" -Dbulwark.agent.jar="$root/agent/target/bulwark-agent.jar" \
  -Dbulwark.apps.dir="$root/integration-tests/apps" -Dbulwark.work.dir="$root/$suite/target/load-work" \
  "$@" -cp "$suite/target/test-classes:$(cat $suite/target/test-classpath.txt)" "$main"
