#!/usr/bin/env python3
"""How round noise grows with the time between two rounds of the same server JVM, from kept A/B
rounds (stats.json of ab-campaign.sh runs). In a palindromic block each JVM runs at positions p and
4k-1-p, so their difference in log(client p50) at each lag shows how much of the noise is slow drift
(grows with the lag; the block's fork means carry it) and how much is round-to-round (the lag-0 intercept).
A block as short as the noise allows keeps the drift inside it small: this is why rounds are 500 ms.
Also prints the median over the runs of the standard error of the log ratio B/A from the rounds alone
(block-by-JVM residuals, as BlockedRounds pools them; the JVM part is left out; needs scipy, via
rejudge.py's loader), which compares
designs of equal length: 16 blocks of 500 ms against 8 of 1 s.

    python3 drift.py 'slow25-final-*-SingleInferenceSimulation.stats.json' [clientP50Micros]
"""
import glob, json, math, statistics, sys
from collections import defaultdict

from rejudge import load

def rounds_only_standard_error(stats_file, metric):
    z, k = load(stats_file, metric)  # log metric per block and JVM, as rejudge.py and AbJudge see it
    n_blocks = len(z)
    fork = [sum(z[b][f] for b in range(n_blocks)) / n_blocks for f in range(2 * k)]
    block = [sum(row) / (2 * k) for row in z]
    grand = sum(block) / n_blocks
    ss = sum((z[b][f] - block[b] - fork[f] + grand) ** 2 for b in range(n_blocks) for f in range(2 * k))
    return math.sqrt(2 / (k * n_blocks) * ss / ((n_blocks - 1) * (2 * k - 1)))

pattern = sys.argv[1]
metric = sys.argv[2] if len(sys.argv) > 2 else 'clientP50Micros'
diffs = defaultdict(list)
standard_errors = []
for f in glob.glob(pattern):
    ab = json.load(open(f))['ab']
    standard_errors.append(rounds_only_standard_error(f, metric))
    n = 4 * ab['forksPerSide']
    blocks = defaultdict(dict)
    for r in ab['rounds']:
        blocks[r['block']][r['position']] = r
    for rounds in blocks.values():
        for p in range(n // 2):
            a, b = rounds.get(p), rounds.get(n - 1 - p)
            if a and b and a.get(metric) and b.get(metric):
                diffs[(n - 1 - 2 * p) * ab['roundMillis']].append(math.log(a[metric]) - math.log(b[metric]))
for lag in sorted(diffs):
    d = diffs[lag]
    print('same JVM, %5d ms apart: SD of the log difference %.3f (%d pairs)' % (lag, statistics.pstdev(d), len(d)))
print('standard error of log(B/A) from the rounds alone: median %.4f over %d runs' % (statistics.median(standard_errors), len(standard_errors)))
