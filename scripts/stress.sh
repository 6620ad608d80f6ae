#!/usr/bin/env bash
# Runs the load campaigns that the default test command (scripts/test.sh) leaves out for time: the integration
# tests named *StressIT in clasp.itest (Maven profile "stress"), in the runtime in a framework, with Netty's paranoid
# leak detection like every test. Builds and installs the reactor without its tests first (the campaigns provision
# the runtime jar from it), then runs only the campaigns. Fails on a failed test and on any ByteBuf leak report.
# Extra arguments go to both Maven runs (./scripts/stress.sh -o). Needs Java 17 and Maven 3.8+.
set -euo pipefail
cd "$(dirname "$0")/.."

logs="$(mktemp -d "${TMPDIR:-/tmp}/clasp-stress.XXXXXX")"
build_log="$logs/build.log"

mvn -B -ntp -q clean install -DskipTests "$@"

set +e
mvn -B -ntp verify -Pstress -pl clasp.itest "$@" 2>&1 | tee "$build_log"
status=${PIPESTATUS[0]}
set -e

./scripts/leak-check.sh "$build_log" || status=1
echo "build output: $build_log"
exit "$status"
