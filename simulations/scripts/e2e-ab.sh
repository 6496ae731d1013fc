#!/usr/bin/env bash
# End-to-end proof of the A/B gate in short form (what .ci/run runs), with the real servers and real
# quick Gatling runs of one simulation:
#   1. A/A: this checkout against its own HEAD (-Dcompare.ref=HEAD)       -> exit 0, never "regressed"
#   2. a commit that slows every decision, against HEAD                  -> exit non-zero, "regressed"
# The slow commit is made in a temporary git worktree of HEAD: the default of the server's test aid
# server.fault.delayMicros becomes SLOW_DELAY_MICROS (default: the reference's server total p50
# measured in step 1, so each decision takes about twice as long inside the server).
# Nothing in results-baseline/ is touched (history goes to a temporary directory).
#
#   simulations/scripts/e2e-ab.sh [SimulationClass]    (default SingleInferenceSimulation)
set -uo pipefail

root="$(cd "$(dirname "$0")/../.." && pwd)"
simulation="${1:-SingleInferenceSimulation}"
class="org.marlbench.simulations.$simulation"
head="$(git -C "$root" rev-parse HEAD)"
work="$(mktemp -d)"
slow="$work/slow"
cleanup() { git -C "$root" worktree remove --force "$slow" >/dev/null 2>&1; rm -rf "$work"; }
trap cleanup EXIT
common=(-o -B test-compile gatling:test -Dquick "-Dgatling.simulationClass=$class" "-Dcompare.ref=$head"
        "-Dcompare.buildDir=$root/target/ab-reference" "-Dhistory.file.dir=$work/history")

field() { # comparison.json, metric, field
  python3 -c "import json,sys; c=json.load(open(sys.argv[1])); print(next((m[sys.argv[3]] for m in c['metrics'] if m['metric']==sys.argv[2]), ''))" "$@" 2>/dev/null
}

run() { # name, checkout, expected exit (0 or nonzero), expected outcome regex
  local name="$1" dir="$2" expect="$3" outcome_re="$4"
  local comparison="$dir/simulations/target/benchmark/$simulation/comparison.json"
  echo "== e2e: $name ($dir against $head)"
  (cd "$dir" && mvn "${common[@]}") > "$work/$name.log" 2>&1
  local rc=$? outcome
  outcome="$(python3 -c "import json,sys; print(json.load(open(sys.argv[1]))['outcome'])" "$comparison" 2>/dev/null)"
  grep -E '^\[comparison\]|^# ' "$work/$name.log" | head -30
  echo "== e2e: $name: exit $rc, outcome '$outcome', client p50 ratio $(field "$comparison" "client p50" ratio), MDE $(field "$comparison" "client p50" mdePercent) %"
  if [[ "$expect" == "0" && $rc -ne 0 ]] || [[ "$expect" != "0" && $rc -eq 0 ]]; then
    echo "e2e FAIL: $name exited $rc (expected $( [[ $expect == 0 ]] && echo 0 || echo non-zero))"; tail -80 "$work/$name.log"; exit 1
  fi
  if ! [[ "$outcome" =~ $outcome_re ]]; then
    echo "e2e FAIL: $name outcome '$outcome' does not match /$outcome_re/"; tail -80 "$work/$name.log"; exit 1
  fi
  cp "$comparison" "$work/$name.comparison.json"
}

run aa "$root" 0 '^(unchanged|improved|inconclusive)$'

delay="${SLOW_DELAY_MICROS:-$(python3 -c "import json,sys; c=json.load(open(sys.argv[1])); print(round(next(m['reference'] for m in c['metrics'] if m['metric']=='server total p50')))" "$work/aa.comparison.json")}"
[[ "$delay" =~ ^[0-9]+$ && "$delay" -gt 0 ]] || { echo "e2e FAIL: no server total p50 to size the slowdown from ('$delay')"; exit 1; }
git -C "$root" worktree add --detach -q "$slow" "$head" || { echo "e2e FAIL: cannot create a worktree of $head"; exit 1; }
sed -i "s/^server.fault.delayMicros=.*/server.fault.delayMicros=$delay/" "$slow/model-server/src/main/resources/model-server.properties"
git -C "$slow" -c user.name=e2e -c user.email=e2e@localhost commit -qam "e2e: every decision ${delay} µs slower (server.fault.delayMicros default)" \
  || { echo "e2e FAIL: cannot commit the slowdown"; exit 1; }
run slow "$slow" nonzero '^regressed$'
echo "e2e OK: A/A passed ($(python3 -c "import json,sys; print(json.load(open(sys.argv[1]))['outcome'])" "$work/aa.comparison.json")), a commit ${delay} µs slower per decision failed as regressed"
