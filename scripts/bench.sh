#!/usr/bin/env bash
# Load comparison of the CLASP runtime with mosquitto: builds clasp.jar and clasp-bench.jar when missing or older
# than the sources, installs Debian's mosquitto when missing, then runs clasp.bench.load.LoadTool (latency,
# fanout and idle workloads against both brokers) and prints its markdown tables on stdout; progress goes to stderr.
# Arguments are passed to the load tool, e.g. scripts/bench.sh --workloads latency --measure 60 (see --help);
# scripts/bench.sh --workloads latency,fanout,idle --transport mqtt compares the router's MQTT adapter with mosquitto.
set -euo pipefail
cd "$(dirname "$0")/.."

if ! command -v mosquitto >/dev/null 2>&1 && [ ! -x /usr/sbin/mosquitto ]; then
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq mosquitto >&2
fi
mosquitto_bin=$(command -v mosquitto || echo /usr/sbin/mosquitto)

runtime_jar=clasp.runtime/target/clasp.jar
bench_jar=clasp.bench/target/clasp-bench.jar
if [ ! -f "$runtime_jar" ] || [ ! -f "$bench_jar" ] \
   || [ -n "$(find pom.xml cnf clasp.*/pom.xml clasp.*/bnd.bnd clasp.*/src/main -newer "$bench_jar" -print -quit)" ]; then
  build=(mvn -B -ntp -q package -pl clasp.bench,clasp.runtime -am -DskipTests)
  "${build[@]}" -o >&2 || "${build[@]}" >&2
  touch "$bench_jar" # the resolver rewrites cnf/clasp.bndrun after the jars: without this every run would rebuild
fi

# Each idle session is one socket in this process and one in the broker.
if [ "$(ulimit -n)" != unlimited ] && [ "$(ulimit -n)" -lt 20000 ]; then
  ulimit -n "$(ulimit -Hn)" 2>/dev/null || true
  echo "bench.sh: open files limit is $(ulimit -n); --idle-sessions must stay below it" >&2
fi

exec java -Xms1g -Xmx2g -cp "$bench_jar" clasp.bench.load.LoadTool --mosquitto "$mosquitto_bin" "$@"
