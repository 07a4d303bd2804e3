#!/usr/bin/env bash
# Runs Fyne's packager (bin/fyne) for one target in a copy of the source
# tree and puts what it made into dist/. The packager rewrites FyneApp.toml
# (it counts builds); working on a copy leaves the tree as it was and lets
# the Linux and Windows packages build at the same time.
# Usage: fyne-package.sh TARGET OUTPUT    e.g. linux RayFix.tar.xz
# (environment such as CC and CGO_ENABLED passes through to the packager)
set -euo pipefail
target=$1 output=$2
root=$(pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
tar --exclude=./.git --exclude=./bin --exclude=./dist --exclude=./out -cf - . | tar -xf - -C "$work"
(cd "$work" && "$root/bin/fyne" package --target "$target" --release --app-id io.rayfix.app --icon assets/icon.png)
mkdir -p dist
rm -rf "dist/$output"
mv "$work/$output" "dist/$output"
