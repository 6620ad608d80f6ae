#!/usr/bin/env bash
# Fails if any test output holds a Netty leak report ("LEAK:"): the build log given as argument (what every
# test JVM, Pax Exam framework and runtime process printed, with the test class that was running), the
# Surefire/Failsafe report files, and the logs of the builds and processes the tests started under target/.
# Prints each place found; exit status 1 if there is one.
set -uo pipefail
cd "$(dirname "$0")/.."

found=0
if [ "$#" -gt 0 ] && [ -f "$1" ]; then
  # "[INFO] Running clasp.x.SomeTest" opens each test class in Maven's output: name it beside each leak.
  if awk '/\[INFO\] Running [A-Za-z0-9_.$]+/ { test = $NF }
          /LEAK:/ { if (++n <= 20) printf "LEAK report in %s:%d (while %s ran): %s\n", FILENAME, FNR, (test == "" ? "no test" : test), substr($0, 1, 300) }
          END { if (n > 20) printf "... %d more lines with LEAK: in %s\n", n - 20, FILENAME; exit n > 0 ? 0 : 1 }' "$1"; then
    found=1
  fi
fi
while IFS= read -r -d '' file; do
  if grep -q "LEAK:" "$file"; then
    grep -n -m 3 "LEAK:" "$file" | cut -c1-300 | sed "s|^|LEAK report in $file:|"
    found=1
  fi
done < <(find . -path ./node_modules -prune -o -path '*/target/*' -type f \
           \( -path '*-reports/*' -o -name '*.log' -o -name '*.dumpstream' \) -print0 2>/dev/null)

if [ "$found" -ne 0 ]; then
  echo "FAILED: ByteBuf leak reports above (Netty paranoid leak detection): every ByteBuf must be released exactly once."
  exit 1
fi
echo "Leak check: no ByteBuf leak reported."
