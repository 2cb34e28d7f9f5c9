#!/usr/bin/env bash
# Builds the farm servers' release artifacts (issue 17):
#   OUT/zos                     zos published self-contained as one file for linux-x64 (no .NET needed to run it)
#   OUT/zos_<version>_amd64.deb  /usr/bin/zos, zos-registry.service, zos-boot.service, /etc/zos (packaging/)
# Usage: scripts/build-release.sh [OUT]     (default: artifacts/release)
#   ZOS_VERSION=1.2.3          the package version (default: `zos version` of the binary, without +commit)
#   ZOS_READY_TO_RUN=1         compile ahead of time (ReadyToRun): faster starts, ~45 MB more, minutes more to build
#   ZOS_RELEASE_BINARY=FILE    package this published zos instead of publishing again
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
out="${1:-$here/artifacts/release}"
mkdir -p "$out"
out="$(cd "$out" && pwd)"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

say() { echo "build-release: $*" >&2; }

for tool in dpkg-deb gzip; do
  command -v "$tool" >/dev/null || { echo "build-release: $tool is missing (Debian package dpkg / gzip)" >&2; exit 2; }
done

if [ -n "${ZOS_RELEASE_BINARY:-}" ]; then
  [ -x "$ZOS_RELEASE_BINARY" ] || { echo "build-release: ZOS_RELEASE_BINARY=$ZOS_RELEASE_BINARY is not an executable file" >&2; exit 2; }
  say "packaging $ZOS_RELEASE_BINARY"
  install -m 0755 "$ZOS_RELEASE_BINARY" "$work/zos"
else
  command -v dotnet >/dev/null || { echo "build-release: the .NET SDK (dotnet) is not on PATH" >&2; exit 2; }
  say "publishing zos (self-contained, single file, linux-x64)"
  # Native libraries (libsodium, SQLite) ride inside the file and are unpacked at start to
  # DOTNET_BUNDLE_EXTRACT_BASE_DIR (the units point it at their cache directory).
  if ! dotnet publish "$here/src/Zos.Cli/Zos.Cli.csproj" -c Release -r linux-x64 --self-contained true \
        -p:PublishSingleFile=true -p:IncludeNativeLibrariesForSelfExtract=true \
        -p:PublishReadyToRun="$([ "${ZOS_READY_TO_RUN:-0}" = 1 ] && echo true || echo false)" \
        -p:DebugType=none -p:DebugSymbols=false -p:GenerateDocumentationFile=false \
        -o "$work/publish" --nologo -v q > "$work/publish.log" 2>&1; then
    grep -E "error" "$work/publish.log" | sort -u | head -20 >&2
    echo "build-release: dotnet publish failed (log above)" >&2
    exit 1
  fi
  install -m 0755 "$work/publish/zos" "$work/zos"
fi
install -m 0755 "$work/zos" "$out/zos"

version="${ZOS_VERSION:-$(DOTNET_BUNDLE_EXTRACT_BASE_DIR="$work/extract" "$out/zos" version | awk '{print $2}' | cut -d+ -f1)}"
[[ "$version" =~ ^[0-9][A-Za-z0-9.+~]*$ ]] || { echo "build-release: '$version' is not a Debian version (ZOS_VERSION)" >&2; exit 2; }
# The package's dates follow the source (reproducible builds), not the clock.
epoch="${SOURCE_DATE_EPOCH:-$(git -C "$here" log -1 --format=%ct 2>/dev/null || date +%s)}"

say "assembling zos $version"
root="$work/root"
pkg="$here/packaging"
install -d "$root/DEBIAN" "$root/usr/bin" "$root/lib/systemd/system" "$root/etc/zos" "$root/usr/share/doc/zos" "$root/usr/share/lintian/overrides"
install -m 0755 "$work/zos" "$root/usr/bin/zos"
install -m 0644 "$pkg/systemd/zos-registry.service" "$pkg/systemd/zos-boot.service" "$root/lib/systemd/system/"
install -m 0644 "$pkg/etc/registry.env" "$pkg/etc/boot.env" "$pkg/etc/boot.yaml" "$root/etc/zos/"
install -m 0644 "$pkg/debian/copyright" "$pkg/debian/README.Debian" "$root/usr/share/doc/zos/"
install -m 0644 "$pkg/debian/lintian-overrides" "$root/usr/share/lintian/overrides/zos"
sed -e "s/@VERSION@/$version/" -e "s/@DATE@/$(date -u -R -d "@$epoch")/" "$pkg/debian/changelog" \
  | gzip -9n > "$root/usr/share/doc/zos/changelog.gz"
chmod 0644 "$root/usr/share/doc/zos/changelog.gz"
install -m 0644 "$pkg/debian/conffiles" "$root/DEBIAN/conffiles"
install -m 0755 "$pkg/debian/postinst" "$pkg/debian/prerm" "$pkg/debian/postrm" "$root/DEBIAN/"
size="$(du -sk --apparent-size --exclude=DEBIAN "$root" | cut -f1)"
sed -e "s/@VERSION@/$version/" -e "s/@INSTALLED_SIZE@/$size/" "$pkg/debian/control" > "$root/DEBIAN/control"
find "$root" -exec touch -h -d "@$epoch" {} +

deb="$out/zos_${version}_amd64.deb"
# gzip: xz takes minutes on a 100 MB executable for a few MB less.
SOURCE_DATE_EPOCH="$epoch" dpkg-deb --root-owner-group -Zgzip --build "$root" "$deb" >/dev/null
say "$out/zos ($(du -h "$out/zos" | cut -f1)), $deb ($(du -h "$deb" | cut -f1))"
echo "$deb"
