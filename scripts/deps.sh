#!/usr/bin/env bash
# Installs the Debian/Ubuntu packages RayFix's cgo build and tests need, only
# when something is missing (so `make run`/`make test` stay fast after the
# first time). Uses sudo when not root. Extra packages may be named as
# arguments (make package-windows adds the mingw-w64 cross compiler).
set -euo pipefail
pkgs=(gcc pkg-config libgl1-mesa-dev xorg-dev xvfb xdotool x11-utils gnome-keyring dbus-x11 libsecret-tools imagemagick fonts-dejavu-core appstream desktop-file-utils tesseract-ocr tesseract-ocr-chi-sim tesseract-ocr-rus "$@")
missing=()
for p in "${pkgs[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
[ ${#missing[@]} -eq 0 ] && exit 0
if ! command -v apt-get >/dev/null; then
  echo "deps: missing ${missing[*]}; install them with your package manager (apt-get not found)" >&2
  exit 1
fi
SUDO=""
[ "$(id -u)" -ne 0 ] && SUDO="sudo"
echo "deps: installing ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
