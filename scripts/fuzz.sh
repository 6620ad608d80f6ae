#!/usr/bin/env bash
# Fuzz campaign outside the default test suite: scripts/fuzz.sh [inputs] [seed] [extra Maven arguments...]
# Runs the two fuzz targets one after the other, each on one thread, with Netty's paranoid leak detection: the
# decoder (clasp.protocol DecoderFuzzTest) and the router's frame handler (clasp.router RouterFuzzTest), each for
# <inputs> generated inputs (default 10,000,000) from <seed> (default: the current time, printed). The default
# suite runs the same tests for 20,000 inputs with a fixed seed. Prints, per target, the inputs, duration,
# inputs/s, crashes, hangs, leaks and the outcome kinds seen (DecodeException kinds, router replies); every
# crashing or hanging input is written as hex under <module>/target/fuzz-findings/<target>/ (copy it into
# src/test/resources/.../fuzz-regressions/ to keep it as a regression test). Fails if either target found any.
set -euo pipefail
cd "$(dirname "$0")/.."

inputs="${1:-10000000}"
seed="${2:-$(date +%s)}"
shift $(( $# > 2 ? 2 : $# ))
echo "fuzz campaign: $inputs inputs per target, seed $seed"

logs="$(mktemp -d "${TMPDIR:-/tmp}/clasp-fuzz.XXXXXX")"
# The router's fuzz test takes the fuzzer from clasp.protocol's test jar.
mvn -B -ntp -q install -pl clasp.api,clasp.protocol -DskipTests "$@"

status=0
for target in clasp.protocol:DecoderFuzzTest clasp.router:RouterFuzzTest; do
  module="${target%%:*}"
  test="${target##*:}"
  log="$logs/$test.log"
  set +e
  mvn -B -ntp test -pl "$module" -Dtest="$test" -Dsurefire.failIfNoSpecifiedTests=false -Djacoco.skip=true \
      -Dfuzz.inputs="$inputs" -Dfuzz.seed="$seed" "-DargLine=-XX:+UseSerialGC -XX:ActiveProcessorCount=1 -Dio.netty.leakDetection.targetRecords=0" "$@" \
      > "$log" 2>&1
  [ $? -eq 0 ] || status=1
  set -e
  # the summary the test prints: the first line and its outcome kinds, crashes, hangs and leaks
  awk '/^fuzz [a-z-]+: [0-9]+ inputs, seed/ { on = 1 } on && !/^  / && !/^fuzz [a-z-]+: [0-9]+ inputs, seed/ { on = 0 } on' "$log"
  ./scripts/leak-check.sh "$log" >/dev/null || { echo "LEAK reports in $log"; status=1; }
done
echo "logs: $logs"
exit "$status"
