#!/usr/bin/env bash
# A trial, not part of the product (docs/ab-campaigns/README.md): while it runs, pins the Gatling JVM to CPU 0
# and every model server JVM (-Dserver.port=0) to CPU 1, as they appear. Linux, taskset.
declare -A done
while true; do
  for pid in $(pgrep -f "server.port=0"); do
    [[ -n "${done[$pid]:-}" ]] && continue
    taskset -a -p -c 1 "$pid" >/dev/null 2>&1 && done[$pid]=s
  done
  for pid in $(pgrep -f "io.gatling.app|GatlingCLI|io.gatling.plugin|gatling.*ForkMain|MainWithArgsInFile"); do
    [[ -n "${done[$pid]:-}" ]] && continue
    # only JVMs, not this shell
    [[ "$(cat /proc/$pid/comm 2>/dev/null)" == java ]] || continue
    taskset -a -p -c 0 "$pid" >/dev/null 2>&1 && done[$pid]=g
  done
  sleep 0.3
done
