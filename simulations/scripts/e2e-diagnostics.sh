#!/usr/bin/env bash
# End-to-end proof of the diagnostics (what .ci/run runs), with the real server and real quick
# Gatling runs; the server's test aids (off by default, never reachable over HTTP) make the faults:
#   1. quick soak of the clean server                        -> leak verdict "no leak", a JFR profile with file:line
#   2. quick soak with testaid.leakNativeArrayEvery=100      -> "leak suspected", the native-array series flagged
#   3. quick capacity search, testaid.maxDecisionsPerSecond  -> the knee within 20 % of the cap
# Nothing in results-baseline/ is touched (history goes to a temporary directory).
#
#   simulations/scripts/e2e-diagnostics.sh            (CAP_PER_SECOND=500 by default)
set -uo pipefail

root="$(cd "$(dirname "$0")/../.." && pwd)"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
cap="${CAP_PER_SECOND:-500}"
common=(-o -B test-compile gatling:test -Dquick "-Dhistory.file.dir=$work/history")

stats() { echo "$root/simulations/target/benchmark/$1/stats.json"; }

run() { # name, simulation, extra maven args...
  local name="$1" simulation="$2"; shift 2
  echo "== e2e diagnostics: $name ($simulation $*)"
  rm -f "$(stats "$simulation")"
  (cd "$root" && mvn "${common[@]}" "-Dgatling.simulationClass=org.marlbench.simulations.$simulation" "$@") > "$work/$name.log" 2>&1
  local rc=$?
  echo "   exit $rc (a run whose leak verdict or checks fail exits non-zero; judged below from stats.json)"
  [[ -f "$(stats "$simulation")" ]] || { echo "e2e FAIL: $name left no stats.json"; tail -80 "$work/$name.log"; exit 1; }
  cp "$(stats "$simulation")" "$work/$name.stats.json"
}

check() { # name, python expression over s (stats.json) that must hold, what it means
  local name="$1" expr="$2" what="$3"
  if python3 - "$work/$name.stats.json" "$expr" <<'PY'
import json, re, sys
s = json.load(open(sys.argv[1]))
d = s.get("diagnostics") or {}
leak = d.get("leak") or {}
series = {x["name"]: x for x in leak.get("series", [])}
profile = d.get("profile") or {}
capacity = d.get("capacity") or {}
ok = eval(sys.argv[2])
for x in leak.get("series", []):
    print("   %-22s %10.1f %s/h  [%.1f, %.1f]  limit %.0f  suspected %s" % (x["name"], x["perHour"], x["unit"], x["lowPerHour"],
          x["highPerHour"], x["limitPerHour"], x["suspected"]))
if leak: print("   leak verdict:", leak.get("verdict"))
if profile: print("   top lines:", [l["name"] for l in profile.get("topLines", [])[:3]])
if capacity: print("   knee: %s decisions/s; steps:" % capacity.get("kneePerSecond"),
                   ["%.0f->%.0f %s" % (x["offeredPerSecond"], x["achievedPerSecond"], "held" if x["held"] else "broke") for x in capacity.get("steps", [])])
sys.exit(0 if ok else 1)
PY
  then echo "   OK: $what"; else echo "e2e FAIL: $name: not $what"; tail -40 "$work/$name.log"; exit 1; fi
}

run clean-soak SoakSimulation
check clean-soak 'leak.get("verdict") == "no leak" and any(re.search(r":[0-9]+$", l["name"]) for l in profile.get("topLines", []))' \
  "no leak on the clean server, hot lines with file:line"

run leaking-soak SoakSimulation -Dtestaid.leakNativeArrayEvery=100
check leaking-soak 'leak.get("verdict") == "leak suspected" and any(x["suspected"] for x in leak["series"] if "native" in x["name"].lower() or "array" in x["name"].lower())' \
  "leak suspected, the native arrays flagged"

# The cap sits well under what this server does unconstrained on two cores next to Gatling (a 900/s cap
# was too close: a CI run broke at 600-800/s on its own limits), budgets and the p99 target are wide so
# that only the cap decides: beyond it the queue grows without bound, the p99 runs away and 503s follow.
run capped-capacity CapacitySimulation "-Dtestaid.maxDecisionsPerSecond=$cap" -Dcapacity.startRate=100 -Dcapacity.stepRate=100 \
  -Dcapacity.steps=7 -Dcapacity.stepSeconds=5 -Dcapacity.targetP99Ms=50 -Dmodel.budget.agentMs=100 -Dmodel.budget.totalMs=100 \
  -Dwarmup.maxSeconds=45   # warm: the quick profile's 10 s leave the server cold (p50 2.4 ms at 200/s)
check capped-capacity "capacity.get('kneePerSecond') is not None and abs(capacity['kneePerSecond'] - $cap) <= 0.2 * $cap" \
  "the knee within 20 % of the $cap decisions/s cap"

echo "e2e diagnostics OK: clean soak no leak, leaking soak suspected, capacity knee found near the cap ($cap/s)"
