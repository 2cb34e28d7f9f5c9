#!/usr/bin/env bash
# Installs the Debian packages Zos needs on a fresh Debian 12 machine. Idempotent:
# packages already present are skipped, and apt is only asked when something is missing.
# Usage: scripts/install-deps.sh [runtime|test]
set -euo pipefail
profile="${1:-test}"

# What the node daemon, lab and boot server run (see DESIGN.md "Dependencies").
# `zos image build` runs depmod (kmod); `zos boot media` writes FAT and ISO images with dosfstools, mtools,
# syslinux/isolinux and xorriso; `zos lab up --vm` runs qemu: all of them are runtime. The image's zos-node is
# compiled with Native AOT, whose native link runs gcc against libc's development files (gcc, libc6-dev).
runtime=(iproute2 kmod gcc libc6-dev nftables wireguard-tools wireguard-go busybox dnsmasq radvd iputils-ping fping procps util-linux ipxe grub-efi-amd64-bin grub-common
         mtools dosfstools syslinux syslinux-common isolinux xorriso qemu-system-x86)
# What the test suite uses in addition: observers, peers nobody here wrote, databases, a browser, and lintian for the .deb.
test_only=(isc-dhcp-client tcpdump netcat-openbsd nmap ovmf kea-admin tftpd-hpa tftp-hpa postgresql chromium
           iptables strace lintian)

pkgs=("${runtime[@]}")
[ "$profile" = test ] && pkgs+=("${test_only[@]}")

missing=()
for p in "${pkgs[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ "${#missing[@]}" -gt 0 ]; then
  echo "zos: installing Debian packages: ${missing[*]}" >&2
  export DEBIAN_FRONTEND=noninteractive
  # Keep apt from starting the daemons it installs (dnsmasq, radvd, postgresql, tftpd-hpa): tests start their own.
  # Only for this install: left in place it would keep every later service start on the host from working.
  if [ ! -e /usr/sbin/policy-rc.d ]; then
    printf '#!/bin/sh\nexit 101\n' > /usr/sbin/policy-rc.d; chmod +x /usr/sbin/policy-rc.d
    trap 'rm -f /usr/sbin/policy-rc.d' EXIT
  fi
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi
