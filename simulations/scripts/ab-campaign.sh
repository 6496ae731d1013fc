#!/usr/bin/env bash
# Measures the A/B gate itself: RUNS repeated A/B runs of the main job (all three simulations, or
# the one given with -Dgatling.simulationClass=...) against a reference commit, and one CSV line per
# simulation and run: outcome, client p50 ratio and interval, its minimum detectable effect, the
# worst ratio of any metric, the run's wall time. This is how the README's A/A false-alarm rate and
# detection rate are measured (keep other load off the machine).
#
#   simulations/scripts/ab-campaign.sh LABEL RUNS REF [maven args...]
#   e.g. A/A:         simulations/scripts/ab-campaign.sh aa-default 10 HEAD
#        slow commit: (in a worktree whose HEAD slows decisions) .../ab-campaign.sh slow-default 10 <good commit>
# Output: target/ab-campaign/LABEL.csv (appended; a label used before goes on numbering its runs) and
# each run's log, comparison.json and stats.json beside it.
set -uo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
label="$1"; runs="$2"; ref="$3"; shift 3
out="$root/target/ab-campaign"
mkdir -p "$out"
csv="$out/$label.csv"
[[ -f "$csv" ]] || echo "label,run,simulation,exit,outcome,clientP50Ratio,clientP50Low,clientP50High,clientP50MdePercent,serverTotalP50Ratio,worstMetric,worstRatio,regressedMetrics,wallSeconds" > "$csv"
# A label used before goes on from its last run number: earlier runs' logs and files are kept.
last=$(awk -F, 'NR > 1 && $2 + 0 > n { n = $2 + 0 } END { print n + 0 }' "$csv")
for i in $(seq $((last + 1)) $((last + runs))); do
  start=$(date +%s)
  (cd "$root" && mvn -o -B test-compile gatling:test "-Dcompare.ref=$ref" "-Dhistory.file.dir=$out/history" "$@") > "$out/$label-$i.log" 2>&1
  rc=$?
  wall=$(( $(date +%s) - start ))
  for cmp in "$root"/simulations/target/benchmark/*/comparison.json; do
    sim="$(basename "$(dirname "$cmp")")"
    [[ "$(find "$cmp" -newermt "@$start" 2>/dev/null)" ]] || continue
    cp "$cmp" "$out/$label-$i-$sim.comparison.json"
    cp "$(dirname "$cmp")/stats.json" "$out/$label-$i-$sim.stats.json" 2>/dev/null # the rounds, for a second look
    python3 - "$cmp" "$label" "$i" "$sim" "$rc" "$wall" >> "$csv" <<'PY'
import json, sys
c = json.load(open(sys.argv[1]))
label, run, sim, rc, wall = sys.argv[2:7]
m = {x["metric"]: x for x in c["metrics"]}
def f(name, key):
    v = m.get(name, {}).get(key)
    return "" if v is None else "%.4f" % v
worst = max((x for x in c["metrics"] if x.get("ratio")), key=lambda x: (x["ratio"] if x["metric"] != "throughput" else 1 / x["ratio"]), default=None)
regressed = ";".join(x["metric"] for x in c["metrics"] if x["verdict"] == "regressed")
print(",".join([label, run, sim, rc, c["outcome"], f("client p50", "ratio"), f("client p50", "ratioLow"), f("client p50", "ratioHigh"),
                f("client p50", "mdePercent"), f("server total p50", "ratio"), worst["metric"] if worst else "",
                "%.4f" % (worst["ratio"] if worst else 0), regressed, wall]))
PY
  done
  echo "== $label run $i of $runs: exit $rc, ${wall} s"; tail -n +2 "$csv" | grep "^$label,$i," | cut -d, -f3,5,6,9,14
done
