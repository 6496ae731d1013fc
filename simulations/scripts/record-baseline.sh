#!/usr/bin/env bash
# Records a committed baseline on this machine: RUNS plain runs of the main job, the first starting a
# new baseline (-Dbaseline.update=new; the old file is kept in history/), the others added to it
# (-Dbaseline.update=append). A baseline judges once it has baseline.minRuns (5) runs. Any other
# arguments go to Maven (e.g. -Dquick, -Dgatling.simulationClass=...). Keep other load off the machine.
#
#   simulations/scripts/record-baseline.sh [RUNS] [maven args...]
#   git add results-baseline && git commit -m "Baselines: <machine, why>"
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
runs=5
if [[ "${1:-}" =~ ^[0-9]+$ ]]; then runs="$1"; shift; fi
for i in $(seq 1 "$runs"); do
  update=append
  [[ $i -eq 1 ]] && update=new
  echo "== baseline run $i of $runs (-Dbaseline.update=$update)"
  (cd "$root" && mvn -B test-compile gatling:test "-Dbaseline.update=$update" "$@")
done
echo "== done: results-baseline/ holds the new baseline(s); commit them with a message saying which machine and why"
