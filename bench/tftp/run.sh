#!/usr/bin/env bash
# TFTP transfer time of Debian's ipxe.efi: our server (`zos boot serve`) against tftpd-hpa (in.tftpd), same run,
# same clients (curl with blksize 1468 + tsize, and tftp-hpa without options), on loopback. Prints the ratio
# ours/tftpd-hpa (goal: at most 1.0x). Usage: bench/tftp/run.sh [transfers-per-round] [measured-rounds]
# Measured rounds alternate ours/tftpd-hpa, so a change in the machine's load hits both sides alike.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
n="${1:-30}"
rounds="${2:-3}"
work=$(mktemp -d /tmp/zos-bench-tftp.XXXXXX)
pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; wait 2>/dev/null || true; rm -rf "$work"; }
trap cleanup EXIT

mkdir -p "$work/root"
cp /usr/lib/ipxe/ipxe.efi "$work/root/ipxe.efi"
size=$(stat -c %s "$work/root/ipxe.efi")
cat > "$work/boot.yaml" <<YAML
farmId: 1
profile: { runmode: test, kernel: zos.efi }
YAML
ours=16969; hpa=16970
"$here/zos" version >/dev/null 2>&1   # build the CLI first if sources changed

"$here/zos" boot serve --config "$work/boot.yaml" --tftp-root "$work/root" --tftp-port "$ours" --http http://127.0.0.1:0 \
  --interface lo >"$work/zos.log" 2>&1 &
pids+=($!)
# -B 1468: the same blksize ceiling as ours (1500 MTU), so both answer curl's request identically.
in.tftpd -L -a "127.0.0.1:$hpa" -s "$work/root" -B 1468 &
pids+=($!)
for _ in $(seq 1 100); do grep -q "tftp: udp" "$work/zos.log" 2>/dev/null && break; sleep 0.2; done
grep -q "tftp: udp" "$work/zos.log" || { echo "zos boot serve did not start:"; cat "$work/zos.log"; exit 1; }

round() { # port client -> seconds for n transfers
  local port=$1 client=$2 start end
  start=$(date +%s.%N)
  for i in $(seq 1 "$n"); do
    if [ "$client" = curl ]; then
      curl -sS --tftp-blksize 1468 -o "$work/out" "tftp://127.0.0.1:$port/ipxe.efi"
    else
      tftp -m binary 127.0.0.1 "$port" -c get ipxe.efi "$work/out"
    fi
    cmp -s "$work/out" "$work/root/ipxe.efi" || { echo "corrupt transfer from port $port ($client)"; exit 1; }
  done
  end=$(date +%s.%N)
  echo "$end - $start" | bc -l
}

echo "TFTP: ipxe.efi ($size bytes), $n transfers per round, $rounds measured rounds each, loopback; $(uptime | sed 's/.*load/load/')"
for client in curl tftp-hpa; do
  round $ours $client >/dev/null; round $hpa $client >/dev/null   # warm-up (JIT, page cache)
  t_ours=0; t_hpa=0
  for _ in $(seq 1 "$rounds"); do
    t_ours=$(echo "$t_ours + $(round $ours $client)" | bc -l); t_hpa=$(echo "$t_hpa + $(round $hpa $client)" | bc -l)
  done
  total=$((n * rounds))
  printf "%-9s ours %6.1f ms/transfer  tftpd-hpa %6.1f ms/transfer  ratio ours/tftpd-hpa %.2fx\n" "$client" \
    "$(echo "$t_ours * 1000 / $total" | bc -l)" "$(echo "$t_hpa * 1000 / $total" | bc -l)" "$(echo "$t_ours / $t_hpa" | bc -l)"
done
