#!/usr/bin/env bash
# Runs every test of the project on a fresh Debian machine that has Java 17, Maven and Node 20: installs what the
# tests need, then builds the whole reactor with all unit, in-framework and process tests. Every test JVM, and every
# runtime the process tests start, runs with Netty's paranoid leak detection and the JaCoCo agent. The run fails on
# a failed test and on any ByteBuf leak report anywhere in the tests' output, naming where it was found; it ends
# with the line and branch coverage of each module (report: clasp.coverage/target/site/jacoco-aggregate).
# The load campaigns (*StressIT) take minutes and are left out: scripts/stress.sh runs them.
set -euo pipefail
cd "$(dirname "$0")/.."

# Debian packages the tests need: tmux gives the runtime a terminal (ExampleBridgeIT types into its Gogo shell);
# socat makes the pty pairs the serial transport's tests use as serial ports; mosquitto and mosquitto-clients are
# the real MQTT broker and clients the MQTT bridge's tests run against; liblo-tools gives oscsend and oscdump, the
# real OSC peers; avahi-daemon, avahi-utils and dbus let the discovery tests browse the router's mDNS announcements
# with avahi-browse; ola gives olad, the real Art-Net and E1.31 peer of the lighting bridges' tests; chromium runs
# the example fader page (BrowserFaderIT) headless, and chromium-driver lets Selenium drive it through the dashboard
# (DashboardIT); openssh-client gives ssh and ssh-keygen, the real client of the remote shell's test (SshShellIT).
need_debs=(tmux socat mosquitto mosquitto-clients liblo-tools avahi-daemon avahi-utils dbus ola chromium chromium-driver openssh-client)
if [ "${#need_debs[@]}" -gt 0 ]; then
  missing=()
  for p in "${need_debs[@]}"; do dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p"); done
  if [ "${#missing[@]}" -gt 0 ]; then
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}"
  fi
fi

# npm packages (pinned by package-lock.json) for the interop tests, when the project has them.
if [ -f package-lock.json ]; then npm ci --no-audit --no-fund; fi

# The build's output, kept outside target/ (clean empties those) for the leak check below.
logs="$(mktemp -d "${TMPDIR:-/tmp}/clasp-test.XXXXXX")"
build_log="$logs/build.log"

# clean: stale jars copied for the in-framework tests would otherwise be provisioned.
set +e
mvn -B -ntp clean install "$@" 2>&1 | tee "$build_log"
status=${PIPESTATUS[0]}
set -e

./scripts/leak-check.sh "$build_log" || status=1
# the report exists (and is this run's) only when the build reached clasp.coverage
if [ "$status" -eq 0 ]; then ./scripts/coverage-summary.sh; fi

echo "build output: $build_log"
exit "$status"
