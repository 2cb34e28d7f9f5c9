#!/usr/bin/env bash
# Lab benchmark: wall time of `zos lab up --demo --nodes N` until every node is registered AND every demo
# ping succeeded (a user network across all nodes, a workload attached on each, every workload pinging every other over
# IPv6 and IPv4, the laptop's wg-quick tunnel pinging every workload), for N = 3, 10 and 20 (or the sizes given), and
# the memory (RSS) of each node daemon at the end. The first size of the same invocation is the baseline: growth is
# the time ratio against the node-count ratio (linear growth = 1.0 or less). Goal: 3 nodes under 30 s, growth no
# worse than linear. The demo's ping matrix itself grows as N² (20 nodes: 760 workload pings and 40 from the laptop).
# Usage (root): [LAB_BENCH_SCENARIO=flat|mixed|dc] bench/lab/lab-bench.sh [N ...]
#   (uses ./zos, which builds the Release CLI when sources changed; --nodes resizes the scenario's first farm)
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
sizes=("$@"); [ ${#sizes[@]} -gt 0 ] || sizes=(3 10 20)
scenario=${LAB_BENCH_SCENARIO:-flat}
if ip netns list | grep -q '^zl-'; then
  echo "bench: another lab (zl-* namespaces) is running on this host; lab up would remove it. Stop it first." >&2
  exit 1
fi
export ZOS_LAB_DIR; ZOS_LAB_DIR=$(mktemp -d /tmp/zos-lab-bench-XXXXXX)
port=18590
cleanup() { "$here/zos" lab down >/dev/null 2>&1 || true; rm -rf "$ZOS_LAB_DIR"; }
trap cleanup EXIT
"$here/zos" version >/dev/null   # build first, so no run pays for it

declare -A wall registered demo pings rss_avg rss_max
for n in "${sizes[@]}"; do
  start=$(date +%s.%N)
  out=$("$here/zos" lab up --scenario "$scenario" --nodes "$n" --demo --port "$port" --timeout 300 2>&1) \
    || { echo "$out" | grep -v '[│╭╰├]' | tail -30; echo "bench: lab up --demo with $n nodes failed"; exit 1; }
  end=$(date +%s.%N)
  wall[$n]=$(echo "$end - $start" | bc)
  # The lab's own clock, from its first namespace: "N/N nodes registered in X s", "demo: IPv4 a/b ..., IPv6 c/d, ... after Y s".
  registered[$n]=$(echo "$out" | sed -n 's/.*nodes registered in \([0-9.]*\) s.*/\1/p' | tail -1)
  summary=$(echo "$out" | tr '\n' ' ' | grep -o 'demo: IPv4 [0-9/]* pings answered[^)]*)[^0-9]*[0-9.]* s' | tail -1)
  demo[$n]=$(echo "$summary" | sed -n 's/.* \([0-9.]*\) s$/\1/p')
  pings[$n]=$(echo "$summary" | sed -n 's/demo: IPv4 \([0-9/]*\) pings answered, IPv6 \([0-9/]*\),.*/v4 \1 v6 \2/p')
  kb=()
  for pid in $(jq -r '.nodes[].pid' "$ZOS_LAB_DIR/state.json"); do
    kb+=("$(awk '/^VmRSS:/ {print $2}' "/proc/$pid/status")")
  done
  rss_avg[$n]=$(printf '%s\n' "${kb[@]}" | awk '{s+=$1} END {printf "%.0f", s/NR/1024}')
  rss_max[$n]=$(printf '%s\n' "${kb[@]}" | sort -n | tail -1 | awk '{printf "%.0f", $1/1024}')
  echo "$n nodes: lab up --demo ${wall[$n]} s wall; all registered after ${registered[$n]} s, every demo ping (${pings[$n]}) after ${demo[$n]} s; node daemon RSS avg ${rss_avg[$n]} MiB, max ${rss_max[$n]} MiB"
  "$here/zos" lab down >/dev/null
done

base=${sizes[0]}
echo
echo "scenario $scenario, $(nproc) CPUs, load average $(cut -d' ' -f1-3 /proc/loadavg)"
printf '%-6s %10s %15s %14s %11s %11s %8s %9s\n' nodes "wall (s)" "registered (s)" "all pings (s)" "time ratio" "node ratio" growth "RSS MiB"
for n in "${sizes[@]}"; do
  tr=$(echo "scale=2; ${wall[$n]} / ${wall[$base]}" | bc)
  nr=$(echo "scale=2; $n / $base" | bc)
  gr=$(echo "scale=2; $tr / $nr" | bc)
  printf "%-6s %10.1f %15s %14s %11.2f %11.2f %8.2f %9s\n" "$n" "${wall[$n]}" "${registered[$n]}" "${demo[$n]}" "$tr" "$nr" "$gr" "${rss_avg[$n]}"
done
echo "goal: $base nodes under 30 s ($(echo "${wall[$base]} < 30" | bc | sed 's/1/met/;s/0/missed/')); growth (time ratio / node ratio) <= 1.0 is linear or better"
