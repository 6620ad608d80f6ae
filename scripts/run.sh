#!/usr/bin/env bash
# Runs the CLASP runtime: builds clasp.runtime/target/clasp.jar when it is missing or older than the sources,
# creates a class-data sharing archive for it once (clasp.runtime/target/clasp.jsa; start-up costs about 17 %
# less CPU with it, docs/benchmarks.md), then runs `java -XX:SharedArchiveFile=... -jar clasp.jar` in the current
# folder, whose etc/ is the configuration folder, with G1 options that give back the heap a storm of handshakes
# left. Arguments are JVM options, e.g. scripts/run.sh -Dclasp.etc=/srv/clasp.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
jar=$root/clasp.runtime/target/clasp.jar
archive=$root/clasp.runtime/target/clasp.jsa

if [ ! -f "$jar" ] || [ -n "$(cd "$root" && find pom.xml cnf clasp.*/pom.xml clasp.*/bnd.bnd clasp.*/src/main -newer "$jar" -print -quit)" ]; then
  echo "run.sh: building $jar" >&2
  build=(mvn -B -ntp -q -f "$root/pom.xml" install -pl clasp.runtime -am -DskipTests)
  "${build[@]}" -o >&2 || "${build[@]}" >&2
  touch "$jar" # the resolver rewrites cnf/clasp.bndrun after the export: the jar is up to date now
fi

# The archive holds the classes one start loads (the JDK's, Felix's and the bundles'); the JVM checks each class
# against the jar's bytes and loads what changed from the jar as usual, so a stale archive is only slower.
if [ ! -f "$archive" ] || [ "$jar" -nt "$archive" ]; then
  echo "run.sh: creating the class-data sharing archive $archive (one start and stop of the runtime)" >&2
  scratch=$(mktemp -d)
  trap 'rm -rf "$scratch"' EXIT
  mkdir -p "$scratch/etc"
  printf 'host=127.0.0.1\nport=0\n' > "$scratch/etc/clasp.transport.websocket-default.cfg"
  rm -f "$archive"
  (cd "$scratch" && exec java -XX:ArchiveClassesAtExit="$archive" -Xlog:cds=off -Xlog:cds+dynamic=off \
      -Dclasp.headless=true -jar "$jar" </dev/null >"$scratch/runtime.log" 2>&1) &
  pid=$!
  for _ in $(seq 1 1200); do
    # "started" follows "ready" once the shell's start level is up too: the archive then holds its classes as well
    grep -q "CLASP runtime started" "$scratch/runtime.log" 2>/dev/null && break
    kill -0 "$pid" 2>/dev/null || break
    sleep 0.1
  done
  kill -TERM "$pid" 2>/dev/null || true
  wait "$pid" || true
  [ -f "$archive" ] || echo "run.sh: no archive was written (see $scratch/runtime.log); running without it" >&2
  rm -rf "$scratch"
  trap - EXIT
fi

cds=()
[ -f "$archive" ] && cds=(-XX:SharedArchiveFile="$archive" -Xlog:cds=off -Xlog:cds+dynamic=off)
# Memory back after a storm of handshakes: G1 grows the heap for their garbage (about 80 MiB for 10,000) and keeps
# it. After a minute without a collection it now runs a concurrent one (no long pause) and shrinks the heap to at
# most 30 % free, so RSS per idle session falls from about 10.5 KB to 5.5 KB (docs/benchmarks.md). JVM options
# given as arguments come later and win.
gc=(-XX:G1PeriodicGCInterval=60000 -XX:MaxHeapFreeRatio=30 -XX:MinHeapFreeRatio=10)
exec java "${cds[@]}" "${gc[@]}" "$@" -jar "$jar"
