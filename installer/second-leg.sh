#!/usr/bin/env bash
# The second build leg: builds MLTF Desktop and runs every test inside a Debian 13 (trixie) chroot, that is
# against Qt 6.8 and KDE's KSyntaxHighlighting for Qt 6, while the first leg covers the host's Qt (6.4 on
# Debian 12). installer/quickstart.sh test runs it after the first leg.
#
#   installer/second-leg.sh                 create or reuse the chroot, build, run the tests
#   installer/second-leg.sh --exec 'CMD'    run CMD inside the chroot instead (source at /src, build at /build)
#   installer/second-leg.sh --shell         an interactive shell inside the chroot, same mounts
#   installer/second-leg.sh --recreate      throw the chroot away and make it anew first
#   installer/second-leg.sh --prepare       only create or update the chroot and its packages (quickstart.sh
#                                           runs this in the background while the first leg builds)
#
# The chroot is made once with debootstrap from the Debian mirror this machine's apt already uses and kept in
# /var/cache/mltf-desktop (MLTF_LEG2_DIR overrides). Its packages are reinstalled only when the package list of
# installer/setup-deps.sh changes. A lock keeps two runs from sharing it. Every mount lives in a private mount
# namespace and is undone on every exit path (installer/chroot/enter.sh); the host never sees one.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
src="$(cd "$here/.." && pwd)"
start_epoch="$(date +%s)"

if [[ $(id -u) -ne 0 ]]; then
  command -v sudo >/dev/null || { echo "second-leg: needs root (debootstrap, mount, chroot)" >&2; exit 1; }
  exec sudo --preserve-env=MLTF_LEG2_DIR,MLTF_DEBIAN_MIRROR,CI "$0" "$@"
fi

mode=build
exec_cmd=""
recreate=0
while [[ $# -gt 0 ]]; do
  case "$1" in
    --exec) mode="exec"; exec_cmd="${2:?--exec needs a command}"; shift ;;
    --shell) mode=shell ;;
    --recreate) recreate=1 ;;
    --prepare) mode=prepare ;;
    *) echo "second-leg: unknown option: $1" >&2; exit 2 ;;
  esac
  shift
done

[[ $mode == build ]] && echo "== leg 2: Debian 13, Qt 6.8 =="
[[ $mode == prepare ]] && echo "leg 2: preparing the Debian 13 chroot"

for tool in debootstrap unshare flock chroot findmnt; do
  command -v "$tool" >/dev/null || {
    echo "second-leg: $tool is missing (installer/setup-deps.sh --tests installs debootstrap)" >&2
    exit 1
  }
done

state="${MLTF_LEG2_DIR:-/var/cache/mltf-desktop}"
root="$state/trixie-chroot"
mkdir -p "$state"

# One run at a time per chroot: a second run waits here (the lock goes when this process ends, however it ends).
exec 9>"$state/trixie.lock"
if ! flock -n 9; then
  echo "second-leg: another run holds $state/trixie.lock; waiting for it"
  flock -w 3600 9 || { echo "second-leg: gave up waiting for the lock" >&2; exit 1; }
fi

# rm -rf on a folder with a mount inside would delete what is mounted (the source tree!): refuse instead.
remove_tree() {
  local dir="$1"
  [[ -e "$dir" ]] || return 0
  if findmnt -rn -o TARGET | grep -q -F -- "$(realpath "$dir")"; then
    echo "second-leg: $dir still has something mounted in it; not removing it" >&2
    exit 1
  fi
  rm -rf --one-file-system "$dir"
}

# The host's own Debian mirror (deb822 or one-line sources), else Debian's redirector.
debian_mirror() {
  if [[ -n "${MLTF_DEBIAN_MIRROR:-}" ]]; then
    echo "$MLTF_DEBIAN_MIRROR"
    return
  fi
  local uri
  uri="$(cat /etc/apt/sources.list /etc/apt/sources.list.d/*.list /etc/apt/sources.list.d/*.sources 2>/dev/null |
    sed -n -E 's%^[[:space:]]*(URIs:|deb)[[:space:]]+(\[[^]]*\][[:space:]]+)?(https?://[^[:space:]]+/debian)/?([[:space:]].*)?$%\3%p' |
    head -n 1)"
  echo "${uri:-http://deb.debian.org/debian}"
}

chroot_seconds=0
chroot_note="reused"
if [[ $recreate -eq 1 ]]; then
  remove_tree "$root"
fi
if [[ ! -f "$root/etc/mltf-leg2-ready" ]]; then
  t0=$SECONDS
  mirror="$(debian_mirror)"
  echo "second-leg: creating the Debian 13 chroot in $root from $mirror"
  partial="$root.partial"
  remove_tree "$partial"
  remove_tree "$root"
  keyring=()
  [[ -f /usr/share/keyrings/debian-archive-keyring.gpg ]] &&
    keyring=(--keyring=/usr/share/keyrings/debian-archive-keyring.gpg)
  # In its own mount namespace, so the proc/sys mounts debootstrap makes cannot outlive it.
  unshare --mount --propagation private \
    debootstrap --variant=minbase "${keyring[@]}" trixie "$partial" "$mirror" >"$state/debootstrap.log" 2>&1 || {
    tail -n 20 "$state/debootstrap.log" >&2
    echo "second-leg: debootstrap failed (full log: $state/debootstrap.log)" >&2
    exit 1
  }
  # A build machine, not a system: no services start, no recommends, no documentation.
  printf '#!/bin/sh\nexit 101\n' >"$partial/usr/sbin/policy-rc.d"
  chmod 755 "$partial/usr/sbin/policy-rc.d"
  printf 'APT::Install-Recommends "false";\nAPT::Install-Suggests "false";\nAcquire::Languages "none";\n' \
    >"$partial/etc/apt/apt.conf.d/90mltf"
  # No fsync per file: a throwaway tree (the next run finishes a broken install; --recreate starts over).
  printf 'force-unsafe-io\npath-exclude=/usr/share/doc/*\npath-exclude=/usr/share/man/*\npath-exclude=/usr/share/info/*\n' \
    >"$partial/etc/dpkg/dpkg.cfg.d/90mltf"
  touch "$partial/etc/mltf-leg2-ready"
  mv "$partial" "$root"
  remove_tree "$state/trixie-build"
  chroot_seconds=$((SECONDS - t0))
  chroot_note="created in ${chroot_seconds} s"
  echo "leg 2: chroot $chroot_note"
fi

# One build folder per source tree: Ninja trusts timestamps, so two checkouts must never share one.
# The three most recently used are kept.
key="$(printf '%s' "$src" | sha256sum | cut -c1-12)"
build="$state/trixie-build/$(basename "$src")-$key"
mkdir -p "$build"
touch "$build"
# shellcheck disable=SC2012 # names are ours: <basename>-<hex>
ls -1t "$state/trixie-build" | tail -n +4 | while read -r old; do remove_tree "$state/trixie-build/$old"; done

MLTF_LEG2_CHROOT_MB="$(du -sxm "$root" 2>/dev/null | cut -f1)"
export MLTF_LEG2_START="$start_epoch" MLTF_LEG2_CHROOT_NOTE="$chroot_note" MLTF_LEG2_CHROOT_MB

# npm for the identity provider's packages: the host's own npm, when it is a self-contained package (as
# Node.js from nodejs.org or NodeSource ship it), is lent to the chroot read-only. Debian's npm would add
# about 340 node-* packages to the chroot (minutes of dpkg on a cold run); inside.sh installs it only when
# the host has no such npm.
MLTF_LEG2_HOST_NPM=""
if host_npm="$(command -v npm)"; then
  host_npm_dir="$(dirname "$(dirname "$(readlink -f "$host_npm")")")"
  if [[ -f "$host_npm_dir/bin/npm-cli.js" && -d "$host_npm_dir/node_modules" ]]; then
    MLTF_LEG2_HOST_NPM="$host_npm_dir"
  fi
fi
export MLTF_LEG2_HOST_NPM

# Fresh mount and PID namespaces: enter.sh is PID 1 there, so when it ends every process it started ends
# too and every mount it made is gone, even after a SIGKILL.
# The compiler cache is shared by every source tree: inside, the paths are always /src and /build, so a fresh
# clone (as in CI) compiles only what changed since the last run on this machine.
ccache_dir="$state/ccache"
mkdir -p "$ccache_dir"
enter=(unshare --mount --pid --fork --propagation private
  "$here/chroot/enter.sh" "$root" "$src" "$build" "$ccache_dir" "$mode" "$exec_cmd")
if [[ $mode == shell ]]; then
  exec "${enter[@]}"
fi
# unshare holds back INT and TERM until its child ends, so this script passes them on as a TERM to enter.sh,
# which then stops what runs inside and unmounts.
"${enter[@]}" &
unshare_pid=$!
interrupted=0
# shellcheck disable=SC2317 # called from the traps
forward() {
  local inner
  inner="$(pgrep -P "$unshare_pid" || true)"
  [[ -n "$inner" ]] && kill -TERM "$inner" 2>/dev/null
}
trap forward TERM
trap 'interrupted=1; forward' INT
while true; do
  wait "$unshare_pid" && rc=0 || rc=$?
  # Above 128 either the leg died of a signal or a handled signal interrupted wait: then wait again.
  if ((rc > 128)) && kill -0 "$unshare_pid" 2>/dev/null; then continue; fi
  break
done
if [[ $interrupted -eq 1 ]]; then
  rc=130
fi
if [[ $mode == build && -f "$build/screenshots/project-editor.png" ]]; then
  echo "leg 2: screenshots (Qt 6.8, KSyntaxHighlighting) in $build/screenshots"
fi
exit "$rc"
