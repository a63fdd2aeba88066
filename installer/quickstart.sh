#!/usr/bin/env bash
# The README's two commands.
#   installer/quickstart.sh run    install what is missing, build, launch the app on the bundled example runs
#   installer/quickstart.sh test   install what is missing (tests included), build, run every test
# Options: --skip-second-leg (test only; skips the Qt 6.8 / Debian 13 leg for quick local runs)
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/.." && pwd)"
build="${MLTF_BUILD_DIR:-$root/build}"
jobs="$(nproc 2>/dev/null || echo 2)"

mode="${1:-}"
shift || true
skip_second_leg=0
for arg in "$@"; do
  case "$arg" in
    --skip-second-leg) skip_second_leg=1 ;;
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
    # shellcheck disable=SC1091 # a file of the system
    os="$(. /etc/os-release && echo "$PRETTY_NAME")"
    qt="$(dpkg-query -W -f='${Version}\n' 'libqt6core6*' 2>/dev/null | grep -m1 . | sed 's/[+~-].*//' || true)"
    echo "== leg 1: $os, Qt ${qt:-?} =="
    configure_and_build -DMLTF_BUILD_TESTS=ON
    "$here/run-tests.sh" "$build"
    echo "leg 1 took $((SECONDS - leg_start)) s"
    if [[ $skip_second_leg -eq 0 && -x "$here/second-leg.sh" ]]; then
      "$here/second-leg.sh"
    fi
    ;;
  *)
    echo "usage: installer/quickstart.sh run|test [--skip-second-leg]" >&2
    exit 2
    ;;
esac
