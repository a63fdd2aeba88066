#!/usr/bin/env bash
# Runs every test of a build folder with the peers the tests need around it:
# an Xvfb display (charts, screenshots) and a Secret Service (gnome-keyring in its own D-Bus session).
# Peers a single test needs (MLflow and gateway test servers, identity provider, SLURM, sshd) are
# started by that test or its CTest fixture, on 127.0.0.1 only.
set -euo pipefail
build="$1"
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"

xvfb_pid=""
cleanup() { [[ -n "$xvfb_pid" ]] && kill "$xvfb_pid" 2>/dev/null || true; }
trap cleanup EXIT

# A free X display for the tests that need a real X server.
for n in $(seq 90 130); do
  if [[ ! -e /tmp/.X11-unix/X$n && ! -e /tmp/.X$n-lock ]]; then display=":$n"; break; fi
done
Xvfb "$display" -screen 0 1600x1000x24 -nolisten tcp >/dev/null 2>&1 &
xvfb_pid=$!
for _ in $(seq 1 50); do [[ -e /tmp/.X11-unix/X${display#:} ]] && break; sleep 0.1; done
export DISPLAY="$display"

# Tests write settings and data under a throwaway home, never the user's.
export MLTF_TEST_HOME="$(mktemp -d)"
export XDG_CONFIG_HOME="$MLTF_TEST_HOME/config" XDG_DATA_HOME="$MLTF_TEST_HOME/data" XDG_CACHE_HOME="$MLTF_TEST_HOME/cache"

keyring_password="mltf-test-$$"
dbus-run-session -- bash -c '
  set -e
  printf "%s" "$1" | gnome-keyring-daemon --unlock --components=secrets >/dev/null
  cd "$2"
  ctest --output-on-failure --parallel 2 --timeout 600
' _ "$keyring_password" "$build"
