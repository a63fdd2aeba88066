#!/usr/bin/env bash
# The README's two commands.
#   installer/quickstart.sh run    install what is missing, build, launch the app on the bundled example runs
#   installer/quickstart.sh test   install what is missing (tests included), build, run every test
# test runs leg 1 on this machine (Qt 6.4 on Debian 12), then leg 2 (installer/second-leg.sh: Qt 6.8 and
# KSyntaxHighlighting in a Debian 13 chroot, made once and kept in /var/cache/mltf-desktop). The chroot is
# made and its packages installed in the background while leg 1 compiles. --skip-second-leg leaves leg 2
# out, for quick local runs; CI runs both legs.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/.." && pwd)"
build="${MLTF_BUILD_DIR:-$root/build}"
jobs="$(nproc 2>/dev/null || echo 2)"

mode="${1:-}"
shift || true
second_leg=1
for arg in "$@"; do
  case "$arg" in
    --second-leg) second_leg=1 ;;
    --skip-second-leg) second_leg=0 ;;
    *) echo "unknown option: $arg" >&2; exit 2 ;;
  esac
done

configure_and_build() {
  cmake -S "$root" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo "$@"
  cmake --build "$build" --parallel "$jobs"
}

case "$mode" in
  run)
    "$here/setup-deps.sh"
    configure_and_build -DMLTF_BUILD_TESTS=OFF
    exec "$build/app/mltf-desktop"
    ;;
  test)
    leg_start=$SECONDS
    "$here/setup-deps.sh" --tests
    prepare_pid=""
    if [[ $second_leg -eq 1 ]]; then
      # debootstrap and apt mostly download and unpack: they overlap leg 1's compiling. setsid gives the
      # preparation its own process group, so an early exit can stop all of it.
      prepare_log="$(mktemp)"
      setsid "$here/second-leg.sh" --prepare >"$prepare_log" 2>&1 &
      prepare_pid=$!
      trap '[[ -n "$prepare_pid" ]] && kill -TERM -- "-$prepare_pid" 2>/dev/null; rm -f "$prepare_log"' EXIT
    fi
    # shellcheck disable=SC1091 # a file of the system
    os="$(. /etc/os-release && echo "$PRETTY_NAME")"
    qt="$(dpkg-query -W -f='${Version}\n' 'libqt6core6*' 2>/dev/null | grep -m1 . | sed 's/[+~-].*//' || true)"
    echo "== leg 1: $os, Qt ${qt:-?} =="
    configure_and_build -DMLTF_BUILD_TESTS=ON
    # A failing leg 1 still lets leg 2 run: one CI run then tells about both.
    leg1_rc=0
    "$here/run-tests.sh" "$build" || leg1_rc=$?
    echo "leg 1 took $((SECONDS - leg_start)) s"
    leg2_rc=0
    if [[ $second_leg -eq 1 ]]; then
      wait "$prepare_pid" || echo "leg 2: preparing the chroot failed; trying again in the foreground"
      prepare_pid=""
      sed 's/^/  /' "$prepare_log"
      "$here/second-leg.sh" || leg2_rc=$?
    else
      echo "leg 2 (Debian 13, Qt 6.8, KSyntaxHighlighting) left out (--skip-second-leg)"
    fi
    if [[ $leg1_rc -ne 0 || $leg2_rc -ne 0 ]]; then
      echo "tests failed: leg 1 exit $leg1_rc, leg 2 exit $leg2_rc" >&2
      exit 1
    fi
    ;;
  *)
    echo "usage: installer/quickstart.sh run|test [--skip-second-leg]" >&2
    exit 2
    ;;
esac
