#!/usr/bin/env bash
# Runs every test of the project on a fresh Debian machine that has Java 17, Maven and Node 20:
# installs what the tests need, then builds the whole reactor with all unit, in-framework and process tests.
set -euo pipefail
cd "$(dirname "$0")/.."

# Debian packages the tests need: tmux gives the runtime a terminal (ExampleBridgeIT types into its Gogo shell).
need_debs=(tmux)
if [ "${#need_debs[@]}" -gt 0 ]; then
  missing=()
  for p in "${need_debs[@]}"; do dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p"); done
  if [ "${#missing[@]}" -gt 0 ]; then
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}"
  fi
fi

# npm packages (pinned by package-lock.json) for the interop tests, when the project has them.
if [ -f package-lock.json ]; then npm ci --no-audit --no-fund; fi

# clean: stale jars copied for the in-framework tests would otherwise be provisioned.
exec mvn -B -ntp clean install "$@"
