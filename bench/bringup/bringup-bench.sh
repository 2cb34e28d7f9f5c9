#!/usr/bin/env bash
# Bring-up benchmark: time from `zos node run` start to "internet OK" (status.json internetOk) for a node with
# 1 NIC (DHCP) and a node with 8 NICs of which 7 are dead (4 unplugged, 3 with carrier but no DHCP server), in the
# same run and the same farm: an "internet" namespace with a TCP target (nc), a NAT router, a LAN switch with
# dnsmasq --no-ping. Prints both times and their ratio (goal: ratio <= 1.3, 8 NICs < 3 s). A third row: a 1-NIC node
# behind a switch port running spanning tree (kernel STP, forward delay ZOS_BENCH_STP_DELAY s, default 4: the port
# forwards 2 x delay after the link comes up), time to internet OK vs that forwarding time (goal <= forwarding + 3 s).
# Usage (root): bench/bringup/bringup-bench.sh [runs]   (needs the CLI built: src/Zos.Cli/bin/Release/net10.0/zos.dll)
set -euo pipefail
runs="${1:-3}"
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
zos="${ZOS_DLL:-$here/src/Zos.Cli/bin/Release/net10.0/zos.dll}"
[ -f "$zos" ] || zos="$here/src/Zos.Cli/bin/Debug/net10.0/zos.dll"
[ -f "$zos" ] || { echo "bench: build the CLI first (dotnet build src/Zos.Cli -c Release)"; exit 2; }
id=$(head -c3 /dev/urandom | od -An -tx1 | tr -d ' \n')
inet="zt${id}inet"; rtr="zt${id}rtr"; lan="zt${id}lan"; work=$(mktemp -d /tmp/zos-bench-XXXXXX)
pids=()
cleanup() {
  for p in "${pids[@]:-}"; do [ -n "$p" ] && kill -9 "$p" 2>/dev/null || true; done
  for ns in $(ip netns list | awk '{print $1}' | grep "^zt${id}"); do
    for p in $(ip netns pids "$ns" 2>/dev/null); do kill -9 "$p" 2>/dev/null || true; done
    ip netns del "$ns" 2>/dev/null || true
  done
  if [ -n "${ZOS_BENCH_LOGS:-}" ]; then mkdir -p "$ZOS_BENCH_LOGS"; cp "$work"/*.log "$ZOS_BENCH_LOGS"/ 2>/dev/null || true; fi
  rm -rf "$work"
}
trap cleanup EXIT

for ns in "$inet" "$rtr" "$lan"; do ip netns add "$ns"; ip -n "$ns" link set lo up; done
ip link add isp netns "$inet" type veth peer name wan netns "$rtr"
ip -n "$inet" link set isp up; ip -n "$rtr" link set wan up
ip -n "$inet" addr add 198.51.100.1/24 dev isp; ip -n "$rtr" addr add 198.51.100.2/24 dev wan
ip -n "$rtr" route add default via 198.51.100.1
ip netns exec "$rtr" sysctl -qw net.ipv4.ip_forward=1
printf 'table ip nat {\n chain post {\n  type nat hook postrouting priority 100;\n  oifname "wan" masquerade\n }\n}\n' | ip netns exec "$rtr" nft -f -
ip -n "$lan" link add sw1 type bridge; ip -n "$lan" link set sw1 up; ip -n "$lan" addr add 10.61.0.2/24 dev sw1
ip -n "$lan" link add silent type bridge; ip -n "$lan" link set silent up
ip link add lan1 netns "$rtr" type veth peer name r1 netns "$lan"
ip -n "$lan" link set r1 master sw1 up; ip -n "$rtr" link set lan1 up; ip -n "$rtr" addr add 10.61.0.1/24 dev lan1
ip netns exec "$lan" dnsmasq --keep-in-foreground --no-resolv --port=0 -u root --interface=sw1 --bind-interfaces \
  --except-interface=lo --dhcp-range=10.61.0.100,10.61.0.250,255.255.255.0,1h --dhcp-option=option:router,10.61.0.1 \
  --dhcp-leasefile="$work/leases" --pid-file="$work/dnsmasq.pid" --dhcp-authoritative --no-ping --log-facility="$work/dnsmasq.log" &
pids+=($!)
ip netns exec "$inet" nc -lk 198.51.100.1 8080 >/dev/null 2>&1 &
pids+=($!)
printf '{"physicalKinds":["veth"],"connectivityTargets":["198.51.100.1:8080"],"connectTimeoutSeconds":1,"backoffInitialSeconds":0.5,"backoffMaxSeconds":3}\n' > "$work/node.json"
echo "farmer_id=1 runmode=dev" > "$work/cmdline"
port=0
# make_node NAME GOOD DEAD_UNPLUGGED DEAD_SILENT
make_node() {
  local ns="$1" good="$2" unplugged="$3" silent="$4" i=0
  ip netns add "$ns"; ip -n "$ns" link set lo up
  for _ in $(seq 1 "$good"); do port=$((port+1)); ip link add "eth$i" netns "$ns" type veth peer name "p$port" netns "$lan"; ip -n "$lan" link set "p$port" master sw1 up; i=$((i+1)); done
  for _ in $(seq 1 "$unplugged"); do port=$((port+1)); ip link add "eth$i" netns "$ns" type veth peer name "p$port" netns "$lan"; i=$((i+1)); done
  for _ in $(seq 1 "$silent"); do port=$((port+1)); ip link add "eth$i" netns "$ns" type veth peer name "p$port" netns "$lan"; ip -n "$lan" link set "p$port" master silent up; i=$((i+1)); done
}
# run_node NS -> prints seconds from start to internetOk
run_node() {
  local ns="$1" state="$work/state-$1"
  rm -rf "$state"; mkdir -p "$state"
  local start; start=$(date +%s.%N)
  echo "$(date -d "@$start" +%H:%M:%S.%3N) bench: starting zos node run" >> "$work/$ns.log"
  ip netns exec "$ns" unshare -m --propagation private sh -c "mount -t tmpfs zos-netns /run/netns && exec dotnet $zos node run --cmdline $work/cmdline --config $work/node.json --state $state" >> "$work/$ns.log" 2>&1 &
  local pid=$!
  local deadline=$(( $(date +%s) + 60 ))
  until grep -q '"internetOk": true' "$state/status.json" 2>/dev/null; do
    [ "$(date +%s)" -lt "$deadline" ] || { echo "timeout" ; kill -9 $pid; return 1; }
    sleep 0.02
  done
  local end; end=$(date +%s.%N)
  kill -9 $pid 2>/dev/null || true; wait $pid 2>/dev/null || true
  for p in $(ip netns pids "$ns"); do kill -9 "$p" 2>/dev/null || true; done
  # Tear the node's zos down so the next run starts fresh.
  ip -n "$ns" link del zos 2>/dev/null || true
  echo "$end - $start" | bc
}
make_node "zt${id}n1" 1 0 0
make_node "zt${id}n8" 1 4 3
# The STP switch: its own bridge, joined to sw1 (DHCP, router) by a cable whose STP port forwards before the runs start.
stp_delay="${ZOS_BENCH_STP_DELAY:-4}"
ip -n "$lan" link add stpsw type bridge stp_state 1 forward_delay $((stp_delay * 100))
ip -n "$lan" link add up0 type veth peer name up1
ip -n "$lan" link set up0 master sw1 up; ip -n "$lan" link set up1 master stpsw up; ip -n "$lan" link set stpsw up
ip netns add "zt${id}ns"; ip -n "zt${id}ns" link set lo up
ip link add eth0 netns "zt${id}ns" type veth peer name pstp netns "$lan"; ip -n "$lan" link set pstp master stpsw up
until ip -n "$lan" -d link show up1 | grep -q 'state forwarding'; do sleep 0.2; done
one=(); eight=()
for r in $(seq 1 "$runs"); do
  one+=("$(run_node "zt${id}n1")"); eight+=("$(run_node "zt${id}n8")")
  echo "run $r: 1 NIC ${one[-1]} s, 8 NICs (7 dead) ${eight[-1]} s"
done
median() { printf '%s\n' "$@" | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
m1=$(median "${one[@]}"); m8=$(median "${eight[@]}")
ratio=$(echo "scale=2; $m8 / $m1" | bc)
echo "bring-up to internet OK (median of $runs): 1 NIC ${m1} s, 8 NICs (7 dead) ${m8} s, ratio ${ratio} (goal <= 1.3; 8 NICs < 3 s)"
stp=()
for r in $(seq 1 "$runs"); do
  # The node's link goes down between runs (a reboot), so the port starts over from blocking when the daemon brings it up.
  ip -n "zt${id}ns" link set eth0 down; sleep 0.5
  stp+=("$(run_node "zt${id}ns")")
  echo "run $r: behind an STP port (forwards $((2 * stp_delay)) s after link up) ${stp[-1]} s"
done
ms=$(median "${stp[@]}")
echo "behind an STP port (median of $runs): up after ${ms} s, the port forwards after $((2 * stp_delay)) s (goal <= $((2 * stp_delay + 3)) s)"
