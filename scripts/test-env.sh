#!/usr/bin/env bash
# Runs a command with what RayFix's tests need from the desktop:
#  - a display: an Xvfb server when none is set (CI has no display);
#  - a keychain: a private D-Bus session with gnome-keyring unlocked, so
#    go-keyring talks to a real Secret Service, never the user's own keyring.
set -euo pipefail
if [ -z "${RAYFIX_IN_TEST_ENV:-}" ]; then
  export RAYFIX_IN_TEST_ENV=1
  exec dbus-run-session -- bash "$0" "$@"
fi
# On exit: stop our Xvfb, and the keyring daemon started below (it forks
# away from us and outlives the D-Bus session; found by its data folder).
cleanup() {
  [ -n "${XVFB_PID:-}" ] && kill "$XVFB_PID" 2>/dev/null
  if [ -n "${RAYFIX_KEYRING_HOME:-}" ]; then
    for p in $(pgrep -x gnome-keyring-d 2>/dev/null); do
      { tr '\0' '\n' < "/proc/$p/environ"; } 2>/dev/null | grep -qx "XDG_DATA_HOME=$RAYFIX_KEYRING_HOME" && kill "$p" 2>/dev/null
    done
    rm -rf "$RAYFIX_KEYRING_HOME"
  fi
  return 0
}
trap cleanup EXIT
if [ -z "${DISPLAY:-}" ]; then
  # Xvfb picks a free display number itself and tells us which (-displayfd):
  # choosing one here from the lock files raced with a second test run
  # starting at the same moment, and the two shared one server until the
  # first run stopped it under the second.
  dfile=$(mktemp)
  Xvfb -displayfd 5 -screen 0 1280x900x24 -nolisten tcp 5>"$dfile" >/dev/null 2>&1 &
  XVFB_PID=$!
  for _ in $(seq 100); do [ -s "$dfile" ] && break; sleep 0.1; done
  n=$(head -n1 "$dfile"); rm -f "$dfile"
  [ -n "$n" ] || { echo "test-env: Xvfb did not start" >&2; exit 1; }
  export DISPLAY=":$n"
  for _ in $(seq 50); do xdpyinfo -display "$DISPLAY" >/dev/null 2>&1 && break; sleep 0.1; done
fi
# A throwaway keyring home: tests never touch the developer's real keyring.
RAYFIX_KEYRING_HOME="$(mktemp -d)"
export XDG_DATA_HOME="$RAYFIX_KEYRING_HOME"
# The daemon's control socket goes in the runtime folder: a folder of our
# own, so two test runs at once (a developer's and CI's) never reach each
# other's keyring.
export XDG_RUNTIME_DIR="$RAYFIX_KEYRING_HOME/run"
mkdir -m 700 "$XDG_RUNTIME_DIR"
eval "$(printf 'rayfix-test' | gnome-keyring-daemon --unlock --components=secrets 2>/dev/null)" || true
eval "$(gnome-keyring-daemon --start --components=secrets 2>/dev/null)" || true
# Touch the keyring once, serially, so the parallel test processes find the
# login collection ready instead of racing to create it (which would ask for
# a password on a display the daemon cannot see).
for _ in 1 2 3 4 5; do
  if printf warm | secret-tool store --label=rayfix-warmup rayfix warmup 2>/dev/null; then
    secret-tool clear rayfix warmup 2>/dev/null || true
    break
  fi
  sleep 0.5
done
export LANG=en_US.UTF-8 LC_ALL=
export RAYFIX_REQUIRE_KEYRING=1 RAYFIX_REQUIRE_DISPLAY=1
"$@"
