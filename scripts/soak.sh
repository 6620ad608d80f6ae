#!/usr/bin/env bash
# Soak run of the CLASP runtime (docs/benchmarks.md, "Soak"): not part of the test suite. Builds clasp.jar,
# clasp-bench.jar and the example bridge bundle when missing or older than the sources, copies the runtime jar and
# the bundle into the output folder (so that a build cleaning target/ meanwhile does not pull them away), then runs
# clasp.bench.soak.Soak: the runtime with its own etc/, ~1,000 SET/s over 400 addresses and 200 PUBLISH/s over
# WebSocket and TCP, clients reconnecting every 5 s, OSC, MQTT (against a mosquitto it starts) and bundle-installed
# LFO bridges created and removed every 3 minutes; every minute RSS, heap after GC, threads, FDs, CPU and p50/p99
# go into <out>/soak.csv; at the end <out>/soak.md (verdict and table) and <out>/soak.png.
#
#   scripts/soak.sh [minutes] [out-folder] [extra Soak options]   e.g. scripts/soak.sh 125 /work/soak-run
#
# minutes defaults to 125 (10 warm-up + at least 2 h), out-folder to target-soak/<UTC date-time> (outside any target/).
# Exit status: 0 nothing grew, 1 heap after GC, threads or FDs grew beyond the allowance, 2 the runtime or a steady
# client died, 3 too short to judge. Regenerate table, plot and verdict from the CSV:
#   java -cp <out>/clasp-bench.jar clasp.bench.soak.SoakReport --csv <out>/soak.csv --md <out>/soak.md --png <out>/soak.png
# Maven arguments for the build (e.g. -Dmaven.repo.local=...) may be given in SOAK_MAVEN_ARGS.
set -euo pipefail
cd "$(dirname "$0")/.."

minutes=${1:-125}
out=${2:-target-soak/$(date -u +%Y%m%dT%H%M%SZ)}
shift $(( $# >= 2 ? 2 : $# ))

if ! command -v mosquitto >/dev/null 2>&1 && [ ! -x /usr/sbin/mosquitto ]; then
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq mosquitto >&2
fi
mosquitto_bin=$(command -v mosquitto || echo /usr/sbin/mosquitto)

runtime_jar=clasp.runtime/target/clasp.jar
bench_jar=clasp.bench/target/clasp-bench.jar
example=examples/clasp-bridge-example
bundle_jar=$example/target/clasp-bridge-example-1.0.0.jar
# shellcheck disable=SC2206
maven_args=(${SOAK_MAVEN_ARGS:-})
if [ ! -f "$runtime_jar" ] || [ ! -f "$bench_jar" ] \
   || [ -n "$(find pom.xml cnf clasp.*/pom.xml clasp.*/bnd.bnd clasp.*/src/main -newer "$bench_jar" -print -quit)" ]; then
  build=(mvn -B -ntp -q "${maven_args[@]}" install -pl clasp.bench,clasp.runtime -am -DskipTests)
  "${build[@]}" -o >&2 || "${build[@]}" >&2
  touch "$bench_jar" # the resolver rewrites cnf/clasp.bndrun after the jars: without this every run would rebuild
fi
if [ ! -f "$bundle_jar" ] || [ -n "$(find "$example/pom.xml" "$example/src/main" -newer "$bundle_jar" -print -quit)" ]; then
  build=(mvn -B -ntp -q "${maven_args[@]}" -f "$example/pom.xml" package -DskipTests)
  "${build[@]}" -o >&2 || "${build[@]}" >&2
fi

mkdir -p "$out"
cp "$runtime_jar" "$out/clasp.jar"
cp "$bench_jar" "$out/clasp-bench.jar"
cp "$bundle_jar" "$out/clasp-bridge-example.jar"

exec java -Xmx512m -cp "$out/clasp-bench.jar" clasp.bench.soak.Soak --minutes "$minutes" --out "$out" \
  --runtime "$out/clasp.jar" --bundle "$out/clasp-bridge-example.jar" --mosquitto "$mosquitto_bin" "$@"
