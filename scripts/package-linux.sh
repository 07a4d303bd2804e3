#!/usr/bin/env bash
# Completes the tarball Fyne's packager made (binary, desktop file, one
# pixmap icon) into RayFix's Linux package: adds the icon at every size and
# as SVG, the AppStream metadata, and RayFix's own Makefile (install,
# uninstall, user-install, honouring PREFIX and DESTDIR).
# Usage: package-linux.sh FYNE_TARBALL OUT_TARBALL
set -euo pipefail
in=$1 out=$2
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
tar -xJf "$in" -C "$work"
pkg="$work/rayfix"
share="$pkg/usr/local/share"
install -Dm644 assets/io.rayfix.app.metainfo.xml "$share/metainfo/io.rayfix.app.metainfo.xml"
install -Dm644 assets/icon.svg "$share/icons/hicolor/scalable/apps/io.rayfix.app.svg"
for s in 16 24 32 48 64 128 256 512; do
  install -Dm644 "assets/icons/icon-$s.png" "$share/icons/hicolor/${s}x${s}/apps/io.rayfix.app.png"
done
install -m644 assets/package.mk "$pkg/Makefile"
# Our menu entry over the generated one: it passes an address on (%u).
install -m644 assets/io.rayfix.app.desktop "$share/applications/io.rayfix.app.desktop"
tar -cJf "$out" -C "$work" rayfix
