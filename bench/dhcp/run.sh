#!/usr/bin/env bash
# DHCP exchanges per second: Kea's perfdhcp (acting as a relay: giaddr) against dnsmasq and against our server, in the
# same run, on the same namespaces and pool. Prints achieved 4-way exchanges/s for both and the ratio ours/dnsmasq.
# Usage (root): bench/dhcp/run.sh [RATE ...] [-p SECONDS]   (defaults: rates 1000 2000, 10 s each)
set -euo pipefail
cd "$(dirname "$0")/../.."
RATES=()
SECS=10
while [ $# -gt 0 ]; do
  case "$1" in
    -p) SECS="$2"; shift 2 ;;
    *) RATES+=("$1"); shift ;;
  esac
done
[ ${#RATES[@]} -eq 0 ] && RATES=(1000 2000)
for tool in ip perfdhcp dnsmasq dotnet; do command -v "$tool" >/dev/null || { echo "missing $tool" >&2; exit 1; }; done

ID=$(head -c3 /dev/urandom | od -An -tx1 | tr -d ' \n')
LAN=zt${ID}blan; NODE=zt${ID}bnode; BR=zt${ID}bsw; PORT=zt${ID}bp0
WORK=$(mktemp -d /tmp/zos-dhcp-bench.XXXXXX)
SERVER_PID=""
cleanup() {
  if [ -n "$SERVER_PID" ] && kill -0 "$SERVER_PID" 2>/dev/null; then kill "$SERVER_PID"; wait "$SERVER_PID" 2>/dev/null || true; fi
  ip netns del "$LAN" 2>/dev/null || true
  ip netns del "$NODE" 2>/dev/null || true
  rm -rf "$WORK"
}
trap cleanup EXIT

echo "building the bench host..." >&2
dotnet build bench/dhcp/DhcpBenchHost -c Release -v q --nologo -o "$WORK/host" >/dev/null

ip netns add "$LAN"; ip netns add "$NODE"
ip -n "$LAN" link set lo up; ip -n "$NODE" link set lo up
ip -n "$LAN" link add "$BR" type bridge; ip -n "$LAN" link set "$BR" up
ip -n "$LAN" addr add 10.96.0.1/16 dev "$BR"
ip link add nic0 netns "$NODE" type veth peer name "$PORT" netns "$LAN"
ip -n "$LAN" link set "$PORT" master "$BR" up
ip -n "$NODE" link set nic0 up
ip -n "$NODE" addr add 10.96.0.50/16 dev nic0
sleep 1

start_dnsmasq() {
  ip netns exec "$LAN" dnsmasq --keep-in-foreground --no-resolv --port=0 -u root --interface="$BR" --bind-interfaces \
    --except-interface=lo --dhcp-range=10.96.1.0,10.96.255.250,255.255.0.0,1h --dhcp-lease-max=200000 --no-ping \
    --dhcp-option=option:router,10.96.0.1 --dhcp-option=option:dns-server,10.96.0.1 --dhcp-authoritative \
    --dhcp-leasefile="$WORK/dnsmasq.leases" --log-facility="$WORK/dnsmasq.log" --quiet-dhcp &
  SERVER_PID=$!
  sleep 1
}

start_zos() {
  ip netns exec "$LAN" dotnet "$WORK/host/DhcpBenchHost.dll" "$BR" 10.96.0.1 10.96.0.0/16 10.96.1.0 10.96.255.250 "$WORK/zos.leases.json" > "$WORK/zos.out" 2>&1 &
  SERVER_PID=$!
  for _ in $(seq 1 100); do grep -q '^ready' "$WORK/zos.out" 2>/dev/null && break; sleep 0.1; done
  grep -q '^ready' "$WORK/zos.out" || { cat "$WORK/zos.out" >&2; exit 1; }
}

stop_server() {
  kill "$SERVER_PID"; wait "$SERVER_PID" 2>/dev/null || true; SERVER_PID=""
  rm -f "$WORK/dnsmasq.leases" "$WORK/zos.leases.json"
}

# perfdhcp prints "rate: N 4-way exchanges/second, expected rate: R"
run_perfdhcp() {
  ip netns exec "$NODE" perfdhcp -4 -l 10.96.0.50 -r "$1" -R 200000 -p "$SECS" 10.96.0.1 > "$WORK/perf.out" 2>&1 || true
  local rate drops
  rate=$(grep -oiP 'rate: \K[0-9.]+(?= 4-way)' "$WORK/perf.out" | head -1 || true)
  drops=$(awk '/DISCOVER-OFFER/{f=1} f && /drops ratio/{print $3; exit}' "$WORK/perf.out" || true)
  [ -n "${VERBOSE:-}" ] && cat "$WORK/perf.out" >&2
  echo "${rate:-0} ${drops:-?}"
}

printf '%-8s %-10s %-22s %-14s %s\n' "rate" "server" "exchanges/s" "offer drops" ""
declare -A RESULT
for r in "${RATES[@]}"; do
  for server in dnsmasq zos; do
    "start_$server"
    read -r rate drops < <(run_perfdhcp "$r")
    RESULT[$server]=$rate
    printf '%-8s %-10s %-22s %-14s\n' "$r" "$server" "$rate" "$drops"
    if [ "$server" = zos ]; then kill "$SERVER_PID"; wait "$SERVER_PID" 2>/dev/null || true; SERVER_PID=""; grep -E '^(counters|leases)' "$WORK/zos.out" | sed 's/^/           /'; rm -f "$WORK/zos.leases.json"; else stop_server; fi
  done
  ratio=$(awk -v a="${RESULT[zos]}" -v b="${RESULT[dnsmasq]}" 'BEGIN { if (b > 0) printf "%.2f", a / b; else print "n/a" }')
  echo "ratio zos/dnsmasq at -r $r: ${ratio}x (goal >= 1.0x)"
done
