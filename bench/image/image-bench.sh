#!/usr/bin/env bash
# Node image benchmark: the image's sizes (kernel, initramfs, daemon), and for one VM the time from power-on
# to registered, split into firmware+iPXE, download, kernel, init, bring-up and registration, plus zos-node's RSS in the
# VM. The VM is a lab node (`zos lab up --vm`): qemu (TCG here) PXE-booting through the real iPXE ROM from the lab's
# boot server, then the image over HTTP. Each console line is stamped with the host's clock as it is written; the
# kernel's own start is placed by its uptime on init's first line. Goals: initramfs <= 40 MiB, kernel start to
# registered <= 10 s, power-on to registered <= 60 s under TCG, daemon RSS <= 60 MiB.
# Usage (root): bench/image/image-bench.sh [RUNS]   (image from ZOS_BENCH_IMAGE, else built into artifacts/bench-image)
set -uo pipefail   # no -e: a pattern the console never printed is shown as "-", not a silent exit
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
runs=${1:-3}
if ip netns list | grep -q '^zl-'; then
  echo "bench: another lab (zl-* namespaces) is running on this host; lab up would remove it. Stop it first." >&2
  exit 1
fi
image=${ZOS_BENCH_IMAGE:-$here/artifacts/bench-image}
[ -f "$image/manifest.json" ] || "$here/zos" image build -o "$image" || exit 1
export ZOS_LAB_DIR; ZOS_LAB_DIR=$(mktemp -d /tmp/zos-image-bench-XXXXXX)
work=$(mktemp -d /tmp/zos-image-bench-work-XXXXXX)
tailer=""; up=""
cleanup() { [ -n "$tailer" ] && { pkill -P "$tailer" 2>/dev/null; kill "$tailer" 2>/dev/null; }; [ -n "$up" ] && { pkill -P "$up" 2>/dev/null; wait "$up" 2>/dev/null; }; "$here/zos" lab down >/dev/null 2>&1 || true; rm -rf "$ZOS_LAB_DIR" "$work"; }
trap cleanup EXIT
"$here/zos" version >/dev/null || exit 1   # build first, so no run pays for it

mib() { awk -v b="$1" 'BEGIN { printf "%.1f", b / 1048576 }'; }
size_of() { python3 -c "import json,sys; m=json.load(open('$image/manifest.json')); print([f['size'] for f in m['files'] if f['path']=='$1'][0])"; }
daemon=$(python3 -c "import json; print(json.load(open('$image/manifest.json'))['daemon']['size'])")
kernel=$(size_of zos-node.vmlinuz); initramfs=$(size_of zos-node.initramfs)
echo "image $image"
printf '  kernel     %6s MiB\n  initramfs  %6s MiB (goal <= 40)\n  zos-node   %6s MiB (uncompressed, inside the initramfs)\n' \
  "$(mib "$kernel")" "$(mib "$initramfs")" "$(mib "$daemon")"

cat > "$work/one-vm.yaml" <<'YAML'
name: bench-farm
boot:
  runmode: dev
switches:
  - name: oob
router:
  name: router
  nat: true
  ports:
    - switch: oob
      ipv4: 10.31.0.1/24
management:
  switch: oob
  subnet: 10.31.0.0/24
  gateway: 10.31.0.1
  dhcp_range: { start: 10.31.0.100, end: 10.31.0.199 }
  dns: [10.31.0.1]
boot_server:
  switch: oob
  address: 10.31.0.2/24
nodes:
  - name: vm1
    kind: vm
    management_address: 10.31.0.11
    nics:
      - { name: eth0, mac: "52:54:00:31:00:01", switch: oob, role: management }
YAML

# t(line) in seconds since power-on, for the first console line matching a pattern.
at() { awk -v t0="$2" -v re="$1" 'index($0, " ") { ts = substr($0, 1, index($0, " ") - 1); line = substr($0, index($0, " ") + 1);
       if (line ~ re) { printf "%.2f", ts - t0; exit } }' "$3"; }

printf '\n%-4s %9s %9s %8s %6s %9s %12s %11s %11s %9s\n' run firmware download kernel init bring-up registration "power-on" "kernel->reg" "rss MiB"
for run in $(seq 1 "$runs"); do
  "$here/zos" lab down >/dev/null 2>&1 || true
  log="$work/console-$run.log"; : > "$log"
  ( rc=0; "$here/zos" lab up --scenario "$work/one-vm.yaml" --vm --image "$image" --timeout 300 > "$work/up-$run.log" 2>&1 || rc=$?
    echo "$rc" > "$work/up-$run.rc" ) &
  up=$!
  # The console log appears when qemu starts: that is power-on.
  console=""
  for _ in $(seq 1 3000); do console=$(ls "$ZOS_LAB_DIR"/nodes/*/console.log 2>/dev/null | head -1 || true); [ -n "$console" ] && break; sleep 0.02; done
  [ -n "$console" ] || { cat "$work/up-$run.log"; echo "bench: no VM console appeared"; exit 1; }
  t0=$(date +%s.%N)
  ( tail -n +1 -F "$console" 2>/dev/null | sed -u 's/\r//g; s/\x1b\[[0-9;?=]*[a-zA-Z]//g' | python3 -u -c 'import sys, time
for line in sys.stdin: sys.stdout.write("%.6f %s" % (time.time(), line))' >> "$log" ) &
  tailer=$!
  wait "$up" || true; up=""
  [ "$(cat "$work/up-$run.rc")" = 0 ] || { tail -30 "$work/up-$run.log"; cp "$log" /tmp/; echo "bench: lab up failed (console: /tmp/$(basename "$log"))"; exit 1; }
  sleep 5; pkill -P "$tailer" 2>/dev/null; kill "$tailer" 2>/dev/null; tailer=""
  script=$(at 'boot/52' "$t0" "$log")                    # iPXE fetched this node's script: firmware + DHCP done
  first_init=$(at 'zos-init: Zos node image' "$t0" "$log")
  uptime=$(grep -m1 'zos-init: Zos node image' "$log" | sed -E 's/.*uptime ([0-9.]+) s.*/\1/')
  kstart=$(awk -v a="$first_init" -v u="$uptime" 'BEGIN { printf "%.2f", a - u }')
  daemon_start=$(at 'zos-init: starting zos-node' "$t0" "$log")
  online=$(at 'route out OK' "$t0" "$log")
  registered=$(at 'registered with ' "$t0" "$log")
  shell=$(ls "$ZOS_LAB_DIR"/nodes/*/shell.sock 2>/dev/null | head -1 || true)
  # zos-node's RSS, asked through the image's debug shell on the VM's second serial port (zos-debug).
  rss=$(python3 - "$shell" <<'PY' || true
import socket, sys, time, re
s = socket.socket(socket.AF_UNIX); s.connect(sys.argv[1]); s.settimeout(1)
s.sendall(b"\necho RSS=$(grep VmRSS /proc/$(pidof zos-node)/status)\n")
out, end = b"", time.time() + 6
while time.time() < end:
    try:
        d = s.recv(4096)
        if not d: break
        out += d
    except socket.timeout:
        pass
m = re.search(rb"RSS=VmRSS:\s*(\d+)", out)
print(m.group(1).decode() if m else "")
PY
)
  d() { awk -v a="$1" -v b="$2" 'BEGIN { if (a == "" || b == "") print "-"; else printf "%.1f", b - a }'; }
  printf '%-4s %9s %9s %8s %6s %9s %12s %11s %11s %9s\n' "$run" "$(d 0 "$script")" "$(d "$script" "$kstart")" \
    "$(d "$kstart" "$first_init")" "$(d "$first_init" "$daemon_start")" "$(d "$daemon_start" "$online")" "$(d "$online" "$registered")" \
    "$(d 0 "$registered")" "$(d "$kstart" "$registered")" "$(mib "$(( ${rss:-0} * 1024 ))")"
  mkdir -p "$here/artifacts"; cp "$log" "$here/artifacts/bench-image-console-$run.log" 2>/dev/null || true

  # Power loss, then power on with the state disk kept: the boot every later start of the node makes (the first one
  # above also formatted the blank disk). Only the console lines written after power-on count.
  relog="$work/console-$run-again.log"; : > "$relog"
  ( tail -n 0 -F "$console" 2>/dev/null | sed -u 's/\r//g; s/\x1b\[[0-9;?=]*[a-zA-Z]//g' | python3 -u -c 'import sys, time
for line in sys.stdin: sys.stdout.write("%.6f %s" % (time.time(), line))' >> "$relog" ) &
  tailer=$!
  "$here/zos" lab kill bench-farm/vm1 > "$work/kill-$run.log" 2>&1 || { cat "$work/kill-$run.log"; echo "bench: lab kill failed"; exit 1; }
  sleep 1
  t1=$(date +%s.%N)
  "$here/zos" lab start vm1 > "$work/start-$run.log" 2>&1 || { cat "$work/start-$run.log"; echo "bench: lab start failed"; exit 1; }
  for _ in $(seq 1 900); do grep -q 'registered with ' "$relog" && break; sleep 0.2; done
  sleep 1; pkill -P "$tailer" 2>/dev/null; kill "$tailer" 2>/dev/null; tailer=""
  first_init=$(at 'zos-init: Zos node image' "$t1" "$relog")
  uptime=$(grep -m1 'zos-init: Zos node image' "$relog" | sed -E 's/.*uptime ([0-9.]+) s.*/\1/')
  kstart=$(awk -v a="$first_init" -v u="$uptime" 'BEGIN { if (a == "" || u == "") print ""; else printf "%.2f", a - u }')
  printf '%-4s %9s %9s %8s %6s %9s %12s %11s %11s %9s\n' "$run+" "$(d 0 "$(at 'boot/52' "$t1" "$relog")")" \
    "$(d "$(at 'boot/52' "$t1" "$relog")" "$kstart")" "$(d "$kstart" "$first_init")" \
    "$(d "$first_init" "$(at 'zos-init: starting zos-node' "$t1" "$relog")")" \
    "$(d "$(at 'zos-init: starting zos-node' "$t1" "$relog")" "$(at 'route out OK' "$t1" "$relog")")" \
    "$(d "$(at 'route out OK' "$t1" "$relog")" "$(at 'registered with ' "$t1" "$relog")")" \
    "$(d 0 "$(at 'registered with ' "$t1" "$relog")")" "$(d "$kstart" "$(at 'registered with ' "$t1" "$relog")")" "-"
  cp "$relog" "$here/artifacts/bench-image-console-$run-again.log" 2>/dev/null || true
done
echo "firmware = power-on to the node's iPXE script (SeaBIOS, iPXE ROM, DHCP); download = script, kernel and initramfs over HTTP"
echo "(and the gap up to the kernel's start); kernel = kernel start to /init's first line; init = modules, state disk, until zos-node starts;"
echo "bring-up = zos-node start to a route out; registration = to registered. Goals: kernel->reg <= 10 s, power-on <= 60 s, RSS <= 60 MiB."
echo "N = the first boot (zos-state=auto formats the blank state disk); N+ = power loss and power on of the same VM, its state disk kept."
