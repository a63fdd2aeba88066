#!/usr/bin/env bash
# The README's two commands.
#   installer/quickstart.sh run    install what is missing, build, launch the app on the bundled example runs
#   installer/quickstart.sh test   install what is missing (tests included), build, run every test
# test runs leg 1 on this machine (Qt 6.4 on Debian 12). With --second-leg it then runs leg 2
# (installer/second-leg.sh: Qt 6.8 and KSyntaxHighlighting in a Debian 13 chroot, made once and kept in
# /var/cache/mltf-desktop). Leg 2 becomes the default once the test servers build against Qt 6.8.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/.." && pwd)"
build="${MLTF_BUILD_DIR:-$root/build}"
jobs="$(nproc 2>/dev/null || echo 2)"

mode="${1:-}"
shift || true
second_leg=0
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
    # shellcheck disable=SC1091 # a file of the system
    os="$(. /etc/os-release && echo "$PRETTY_NAME")"
    qt="$(dpkg-query -W -f='${Version}\n' 'libqt6core6*' 2>/dev/null | grep -m1 . | sed 's/[+~-].*//' || true)"
    echo "== leg 1: $os, Qt ${qt:-?} =="
    configure_and_build -DMLTF_BUILD_TESTS=ON
    "$here/run-tests.sh" "$build"
    echo "leg 1 took $((SECONDS - leg_start)) s"
    if [[ $second_leg -eq 1 ]]; then
      "$here/second-leg.sh"
    else
      echo "leg 2 (Debian 13, Qt 6.8, KSyntaxHighlighting) not run: it needs --second-leg for now"
    fi
    ;;
  *)
    echo "usage: installer/quickstart.sh run|test [--second-leg]" >&2
    exit 2
    ;;
esac
