#!/usr/bin/env bash
# End-to-end check of the baseline gate against the real server and a real quick Gatling run:
#   1. a quick run records a baseline into a temporary -Dbaseline.dir        -> must pass
#   2. a run with -Dserver.fault.delayMicros=2000 (server test aid)          -> must fail, verdict regressed
#   3. a rerun without the fault                                             -> must pass again
# Nothing in results-baseline/ is touched (baseline and history go to a temp dir).
#
#   simulations/scripts/e2e-baseline.sh [SimulationClass]    (default ConcurrentUsersSimulation)
# Run from anywhere; takes about 3 quick runs (keep other load off the machine).
set -uo pipefail

root="$(cd "$(dirname "$0")/../.." && pwd)"
simulation="${1:-ConcurrentUsersSimulation}"
class="org.marlbench.simulations.$simulation"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
comparison="$root/simulations/target/benchmark/$simulation/comparison.json"
common=(-o -B test-compile gatling:test -Dquick "-Dgatling.simulationClass=$class"
        "-Dproject.rootDir=$root" "-Dbaseline.dir=$work/baselines" "-Dhistory.file.dir=$work/history")

run() { # name, expected exit (0 or nonzero), expected outcome regex, extra args...
  local name="$1" expect="$2" outcome_re="$3"; shift 3
  echo "== e2e: $name"
  (cd "$root" && mvn "${common[@]}" "$@") > "$work/$name.log" 2>&1
  local rc=$? outcome
  outcome="$(grep -o '"outcome" : "[^"]*"' "$comparison" 2>/dev/null | head -1 | cut -d'"' -f4)"
  grep -E '^\[baseline\]|^# ' "$work/$name.log" | head -40
  echo "== e2e: $name: exit $rc, outcome '$outcome'"
  if [[ "$expect" == "0" && $rc -ne 0 ]] || [[ "$expect" != "0" && $rc -eq 0 ]]; then
    echo "e2e FAIL: $name exited $rc (expected $( [[ $expect == 0 ]] && echo 0 || echo non-zero))"; tail -60 "$work/$name.log"; exit 1
  fi
  if ! [[ "$outcome" =~ $outcome_re ]]; then
    echo "e2e FAIL: $name outcome '$outcome' does not match /$outcome_re/"; exit 1
  fi
}

run record  0        '^no baseline$'           -Dbaseline.update=true
[[ -f "$work/baselines/quick/$simulation.json" ]] || { echo "e2e FAIL: no baseline recorded"; exit 1; }
run fault   nonzero  '^regressed$'             -Dserver.fault.delayMicros=2000
run recover 0        '^(unchanged|improved)$'
echo "e2e OK: baseline recorded, 2 ms fault detected as a regression, clean rerun passes"
