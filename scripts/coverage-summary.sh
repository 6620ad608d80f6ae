#!/usr/bin/env bash
# Prints the line and branch coverage of each module from the aggregated JaCoCo report that `mvn install` writes
# (clasp.coverage: unit, in-framework and process tests together), as a Markdown table.
set -euo pipefail
cd "$(dirname "$0")/.."
csv=clasp.coverage/target/site/jacoco-aggregate/jacoco.csv
if [ ! -f "$csv" ]; then
  echo "No coverage report ($csv): the tests did not run."
  exit 0
fi
echo
echo "Coverage (unit, in-framework and process tests; report: clasp.coverage/target/site/jacoco-aggregate/index.html)"
echo
# GROUP,PACKAGE,CLASS,INSTRUCTION_MISSED,INSTRUCTION_COVERED,BRANCH_MISSED,BRANCH_COVERED,LINE_MISSED,LINE_COVERED,...
rows() {
  awk -F, 'NR > 1 { module = $1; sub(/^.*\//, "", module)
                     bm[module] += $6; bc[module] += $7; lm[module] += $8; lc[module] += $9
                     tbm += $6; tbc += $7; tlm += $8; tlc += $9 }
    function pct(c, m) { return (c + m) == 0 ? "-" : sprintf("%.1f %%", 100 * c / (c + m)) }
    function row(name, lc, lm, bc, bm) { return sprintf("| %s | %s (%d/%d) | %s (%d/%d) |", name, pct(lc, lm), lc, lc + lm, pct(bc, bm), bc, bc + bm) }
    END { for (m in lc) print row(m, lc[m], lm[m], bc[m], bm[m]) | "sort"; close("sort"); print row("all", tlc, tlm, tbc, tbm) }' "$csv"
}
echo "| Module | Lines | Branches |"
echo "|---|---:|---:|"
rows
