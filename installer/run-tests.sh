#!/usr/bin/env bash
# Runs every test of a build folder with the peers the tests need around it:
# an Xvfb display (charts, screenshots) and a Secret Service (gnome-keyring in its own D-Bus session).
# Peers a single test needs (MLflow and gateway test servers, identity provider, SLURM, sshd) are
# started by that test or its CTest fixture, on 127.0.0.1 only.
# MLTF_CTEST_EXCLUDE_LABELS (a CTest label regex) with MLTF_CTEST_EXCLUDE_REASON leaves tests out, saying why:
# for a leg whose environment cannot host a peer. Nothing is left out by default.
set -euo pipefail
build="$1"

xvfb_pid=""
cleanup() { if [[ -n "$xvfb_pid" ]]; then kill "$xvfb_pid" 2>/dev/null || true; fi; }
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
MLTF_TEST_HOME="$(mktemp -d)"
export MLTF_TEST_HOME
export XDG_CONFIG_HOME="$MLTF_TEST_HOME/config" XDG_DATA_HOME="$MLTF_TEST_HOME/data" XDG_CACHE_HOME="$MLTF_TEST_HOME/cache"

ctest_args=(--output-on-failure --parallel 2 --timeout 600)
if [[ -n "${MLTF_CTEST_EXCLUDE_LABELS:-}" ]]; then
  ctest_args+=(--label-exclude "$MLTF_CTEST_EXCLUDE_LABELS")
  echo "run-tests: leaving out the tests labelled '$MLTF_CTEST_EXCLUDE_LABELS': ${MLTF_CTEST_EXCLUDE_REASON:-no reason given}"
fi

keyring_password="mltf-test-$$"
# shellcheck disable=SC2016 # expanded by the inner shell
dbus-run-session -- bash -c '
  set -e
  printf "%s" "$1" | gnome-keyring-daemon --unlock --components=secrets >/dev/null
  cd "$2"
  shift 2
  ctest "$@"
' _ "$keyring_password" "$build" "${ctest_args[@]}"
