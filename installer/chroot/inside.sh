#!/usr/bin/env bash
# Runs inside the Debian 13 chroot (installer/chroot/enter.sh starts it, the source tree is /src, read-only,
# the build folder /build): installs the packages when their list changed, then configures, builds and runs
# every test with installer/run-tests.sh, exactly as the first leg does.
#   inside.sh build|prepare|exec|shell [command]
set -euo pipefail

mode="$1" exec_cmd="${2:-}"
src=/src build=/build
export DEBIAN_FRONTEND=noninteractive

# What the chroot needs beyond installer/setup-deps.sh: fonts to render text, CA certificates for npm,
# a compiler cache (kept outside the chroot, at /ccache).
extra_packages=(fonts-dejavu-core ca-certificates ccache)
export CCACHE_DIR=/ccache CCACHE_MAXSIZE=3G

# npm: the host's, lent read-only at /opt/host-npm (installer/second-leg.sh), run with the chroot's Node.js;
# Debian's npm package only when the host has none to lend.
not_needed=(debootstrap) # makes this chroot; nothing inside uses it
if [[ -n "${MLTF_LEG2_HOST_NPM:-}" && -f /opt/host-npm/bin/npm-cli.js ]]; then
  not_needed+=(npm)
  mkdir -p /usr/local/bin
  printf '#!/bin/sh\nexec node /opt/host-npm/bin/npm-cli.js "$@"\n' >/usr/local/bin/npm
  chmod 755 /usr/local/bin/npm
else
  rm -f /usr/local/bin/npm
fi

# Packages: the same list installer/setup-deps.sh gives a Debian 13 machine. apt runs only when it changed.
t0=$SECONDS
packages="$({ "$src/installer/setup-deps.sh" --tests --list && printf '%s\n' "${extra_packages[@]}"; } |
  grep -v -x -F -f <(printf '%s\n' "${not_needed[@]}") | sort -u)"
hash="$(sha256sum <<<"$packages" | cut -c1-64)"
stamp=/var/lib/mltf-leg2/packages.sha256
packages_note="unchanged"
if [[ "$(cat "$stamp" 2>/dev/null)" != "$hash" ]]; then
  echo "leg 2: installing $(wc -l <<<"$packages") packages (the list changed)"
  log=/var/log/mltf-leg2-apt.log
  # shellcheck disable=SC2086 # one package name per word
  if ! { dpkg --configure -a && apt-get update -q && apt-get install -y -q --no-install-recommends $packages; } \
    >"$log" 2>&1; then
    tail -n 30 "$log" >&2
    echo "leg 2: apt-get failed (log inside the chroot: $log)" >&2
    exit 1
  fi
  apt-get clean
  mkdir -p "$(dirname "$stamp")"
  echo "$hash" >"$stamp"
  packages_note="installed in $((SECONDS - t0)) s"
  echo "leg 2: packages $packages_note"
fi

qt_version="$(dpkg-query -W -f='${Version}' libqt6core6t64 2>/dev/null | sed 's/[+~-].*//')"
ksh_version="$(dpkg-query -W -f='${Version}' libkf6syntaxhighlighting-dev 2>/dev/null | sed 's/[+~-].*//')"
echo "leg 2: Debian $(cat /etc/debian_version), Qt ${qt_version:-?}, KF6 SyntaxHighlighting ${ksh_version:-?}"

case "$mode" in
  prepare)
    exit 0
    ;;
  shell)
    cd "$build"
    exec env PS1='(leg 2: trixie) \w# ' bash --norc -i
    ;;
  exec)
    cd "$build"
    exec bash -c "$exec_cmd"
    ;;
esac

t0=$SECONDS
# The first leg's optimisation, without debug information: nobody debugs in this chroot, and -g makes GCC 14
# with Qt 6.8 compile markedly slower and the build folder several times larger.
cmake -S "$src" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DMLTF_BUILD_TESTS=ON \
  -DCMAKE_CXX_FLAGS_RELWITHDEBINFO="-O2 -DNDEBUG" -DCMAKE_CXX_COMPILER_LAUNCHER=ccache
configure_seconds=$((SECONDS - t0))
# This leg exists to build and test the KSyntaxHighlighting path: not finding it is a failure, not a fallback.
if ! grep -q '^KF6SyntaxHighlighting_DIR:PATH=/' "$build/CMakeCache.txt"; then
  echo "leg 2: CMake did not find KF6 SyntaxHighlighting; the Qt 6.8 leg must build with it" >&2
  exit 1
fi

t0=$SECONDS
ccache --zero-stats >/dev/null
nice -n 10 cmake --build "$build" --parallel 2 || { echo "leg 2: the build failed" >&2; exit 1; }
build_seconds=$((SECONDS - t0))
cache_note="$(ccache --print-stats | awk -F'\t' '$1 == "direct_cache_hit" || $1 == "preprocessed_cache_hit" { h += $2 }
  $1 == "cache_miss" { m = $2 } END { printf "%d cached, %d compiled", h, m }')"

t0=$SECONDS
tests_rc=0
"$src/installer/run-tests.sh" "$build" 2>&1 | tee /tmp/mltf-leg2-ctest.log || tests_rc=${PIPESTATUS[0]}
tests_seconds=$((SECONDS - t0))

total=$(($(date +%s) - ${MLTF_LEG2_START:-$(date +%s)}))
echo "leg 2 took ${total} s: chroot ${MLTF_LEG2_CHROOT_NOTE:-?} (${MLTF_LEG2_CHROOT_MB:-?} MB)," \
  "packages ${packages_note}, configure ${configure_seconds} s, build ${build_seconds} s (${cache_note})," \
  "tests ${tests_seconds} s; build folder $(du -sm "$build" | cut -f1) MB"
# ctest's own summary ("N% tests passed, F tests failed out of T") as the closing line of the leg.
summary="$(grep -E '^[0-9]+% tests passed, [0-9]+ tests? failed out of [0-9]+' /tmp/mltf-leg2-ctest.log | tail -n 1 || true)"
if [[ $summary =~ ([0-9]+)\ tests?\ failed\ out\ of\ ([0-9]+) ]]; then
  echo "leg2: $((BASH_REMATCH[2] - BASH_REMATCH[1])) passed, ${BASH_REMATCH[1]} failed"
fi
exit "$tests_rc"
