#!/usr/bin/env python3
"""What an A/B run's client p50 interval is made of, from kept rounds (stats.json of ab-campaign.sh runs):
per run the MDE as AbJudge prints it (rejudge.py's estimate), the F test of the JVMs against the rounds,
the SD of one cell (a JVM's two rounds in a block, log scale, after block and JVM effects) and the SD
between JVMs of a side beyond what the cells explain ((MS_JVMs - MS_cells) / blocks, 0 when negative).
The JVMs' mean square is cell variance + blocks x JVM variance: when the cells dominate it, more JVMs
in the same minutes only help if the longer blocks keep the cells as quiet. Needs scipy.

    python3 components.py 'aa-d839-*-SingleInferenceSimulation.stats.json' [clientP50Micros]
"""
import glob, math, re, statistics, sys

from rejudge import estimate, load

pattern = sys.argv[1]
metric = sys.argv[2] if len(sys.argv) > 2 else 'clientP50Micros'
files = sorted(glob.glob(pattern), key=lambda f: [int(x) for x in re.findall(r'-(\d+)(?=-)', f)])
rows = []
for f in files:
    z, k = load(f, metric)
    n_blocks, n_jvms = len(z), 2 * k
    ratio, low, high, mde, df, p, cell = estimate(z, k)  # cell: the SD of one cell, the residual mean square's root
    jvm = [sum(z[b][j] for b in range(n_blocks)) / n_blocks for j in range(n_jvms)]
    side = [sum(jvm[:k]) / k, sum(jvm[k:]) / k]
    ms_jvms = sum(n_blocks * (jvm[j] - side[j // k]) ** 2 for j in range(n_jvms)) / (n_jvms - 2)
    cell_sd = 100 * cell
    jvm_sd = 100 * math.sqrt(max(0.0, ms_jvms - cell * cell) / n_blocks)
    rows.append((mde, cell_sd, jvm_sd))
    print('%s: MDE %5.1f %% (df %d, F-test p %.3f), cell SD %.2f %%, JVM SD %.2f %%' % (f, mde, df, p, cell_sd, jvm_sd))
if rows:
    print('%d runs of %d JVMs a side, %d blocks: MDE median %.1f %%, %d <= 10 %%; cell SD median %.2f %%; JVM SD rms %.2f %%'
          % (len(rows), k, n_blocks, statistics.median(r[0] for r in rows), sum(r[0] <= 10 for r in rows),
             statistics.median(r[1] for r in rows), math.sqrt(statistics.mean(r[2] ** 2 for r in rows))))
