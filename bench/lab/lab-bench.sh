#!/usr/bin/env bash
# Lab benchmark: wall time of `zos lab up --scenario dc --nodes N` (namespaces, router, registry, boot server, node
# daemons) until every node is registered, for N = 3, 10 and 20 (or the sizes given), and the memory (RSS) of each
# node daemon once registered. The 3-node run of the same invocation is the baseline: growth is the time ratio
# against the node-count ratio (linear growth = 1.0 or less). Goal: 3 nodes under 30 s, growth no worse than linear.
# Usage (root): bench/lab/lab-bench.sh [N ...]     (uses ./zos, which builds the Release CLI when sources changed)
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
sizes=("$@"); [ ${#sizes[@]} -gt 0 ] || sizes=(3 10 20)
export ZOS_LAB_DIR; ZOS_LAB_DIR=$(mktemp -d /tmp/zos-lab-bench-XXXXXX)
port=18590
cleanup() { "$here/zos" lab down >/dev/null 2>&1 || true; rm -rf "$ZOS_LAB_DIR"; }
trap cleanup EXIT
"$here/zos" version >/dev/null   # build first, so no run pays for it

declare -A wall registered rss_avg rss_max
for n in "${sizes[@]}"; do
  start=$(date +%s.%N)
  out=$("$here/zos" lab up --scenario dc --nodes "$n" --port "$port" --timeout 300 2>&1) || { echo "$out" | tail -20; echo "bench: lab up with $n nodes failed"; exit 1; }
  end=$(date +%s.%N)
  wall[$n]=$(echo "$end - $start" | bc)
  # "N/N nodes registered in X s": the lab's own clock, from its first namespace to the last registration.
  registered[$n]=$(echo "$out" | sed -n 's/.*nodes registered in \([0-9.]*\) s.*/\1/p' | tail -1)
  kb=()
  for pid in $(jq -r '.nodes[].pid' "$ZOS_LAB_DIR/state.json"); do
    kb+=("$(awk '/^VmRSS:/ {print $2}' "/proc/$pid/status")")
  done
  rss_avg[$n]=$(printf '%s\n' "${kb[@]}" | awk '{s+=$1} END {printf "%.0f", s/NR/1024}')
  rss_max[$n]=$(printf '%s\n' "${kb[@]}" | sort -n | tail -1 | awk '{printf "%.0f", $1/1024}')
  echo "$n nodes: lab up ${wall[$n]} s wall, all registered after ${registered[$n]} s; node daemon RSS avg ${rss_avg[$n]} MiB, max ${rss_max[$n]} MiB"
  "$here/zos" lab down >/dev/null
done

base=${sizes[0]}
echo
printf '%-6s %12s %14s %12s %12s %14s\n' nodes "lab up (s)" "registered (s)" "time ratio" "node ratio" "growth"
for n in "${sizes[@]}"; do
  tr=$(echo "scale=2; ${wall[$n]} / ${wall[$base]}" | bc)
  nr=$(echo "scale=2; $n / $base" | bc)
  gr=$(echo "scale=2; $tr / $nr" | bc)
  printf "%-6s %12.1f %14s %12.2f %12.2f %14.2f\n" "$n" "${wall[$n]}" "${registered[$n]}" "$tr" "$nr" "$gr"
done
echo "goal: $base nodes under 30 s ($(echo "${wall[$base]} < 30" | bc | sed 's/1/met/;s/0/missed/')); growth (time ratio / node ratio) <= 1.0 is linear or better"
