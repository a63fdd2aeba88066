#!/usr/bin/env bash
# Mounts what the Debian 13 chroot needs, runs installer/chroot/inside.sh in it and undoes every mount on
# every exit path. installer/second-leg.sh starts it as PID 1 of fresh mount and PID namespaces, so nothing
# here is visible on the host, and whatever this script leaves behind (a mount, a daemon a test started) the
# kernel removes when it ends, even on SIGKILL. The trap still unmounts in order, so a clean exit is clean.
#   enter.sh <chroot> <source tree> <build folder> <ccache folder> build|prepare|exec|shell [command]
set -euo pipefail

root="$1" src="$2" build="$3" ccache="$4" mode="$5" exec_cmd="${6:-}"

if [[ $$ -ne 1 ]]; then
  echo "enter.sh: must run as PID 1 of its own namespaces (start installer/second-leg.sh instead)" >&2
  exit 1
fi

mounted=()
# shellcheck disable=SC2317 # called from the trap
cleanup() {
  local rc=$?
  trap - EXIT INT TERM
  # PID 1 of this namespace: -1 reaches only the processes in it (tests, Xvfb, keyring, dbus daemons).
  if kill -TERM -1 2>/dev/null; then
    sleep 0.3
    kill -KILL -1 2>/dev/null || true
  fi
  wait 2>/dev/null || true
  local i
  for ((i = ${#mounted[@]} - 1; i >= 0; i--)); do
    umount "${mounted[i]}" 2>/dev/null || umount -l "${mounted[i]}" 2>/dev/null ||
      echo "leg 2: could not unmount ${mounted[i]}" >&2
  done
  exit "$rc"
}
trap cleanup EXIT
if [[ $mode == shell ]]; then
  trap ':' INT # Ctrl-C belongs to the shell inside
else
  trap 'echo "leg 2: interrupted" >&2; exit 130' INT
fi
trap 'echo "leg 2: terminated" >&2; exit 143' TERM

# mnt <path inside the chroot> <mount arguments...>
mnt() {
  local target="$root$1"
  shift
  mkdir -p "$target"
  mount "$@" "$target"
  mounted+=("$target")
}

mnt /proc -t proc proc
mnt /sys -t sysfs -o ro sysfs
mnt /dev --bind /dev
mnt /dev/pts --bind /dev/pts
mnt /dev/shm -t tmpfs -o mode=1777,nosuid,nodev shm
mnt /run -t tmpfs -o mode=755,nosuid,nodev run
mnt /tmp -t tmpfs -o mode=1777,nosuid,nodev tmp
# X displays live in the network namespace the host shares with the chroot: seeing the host's sockets
# keeps run-tests.sh from picking a display number that is already taken there.
mkdir -p /tmp/.X11-unix
chmod 1777 /tmp/.X11-unix
mnt /tmp/.X11-unix --bind /tmp/.X11-unix
mnt /src --bind "$src"
mount -o remount,bind,ro "$root/src"
mnt /build --bind "$build"
mnt /ccache --bind "$ccache"
if [[ -n "${MLTF_LEG2_HOST_NPM:-}" ]]; then
  mnt /opt/host-npm --bind "$MLTF_LEG2_HOST_NPM"
  mount -o remount,bind,ro "$root/opt/host-npm"
fi

cp -L /etc/resolv.conf "$root/etc/resolv.conf"
# The chroot trusts the CAs the host trusts (a site proxy's CA, say), for npm's TLS to the registry.
host_ca=""
if [[ -f /etc/ssl/certs/ca-certificates.crt ]]; then
  cp -L /etc/ssl/certs/ca-certificates.crt "$root/etc/mltf-host-ca-certificates.crt"
  host_ca=/etc/mltf-host-ca-certificates.crt
fi

env_vars=(
  PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin
  HOME=/root LANG=C.UTF-8 TERM="${TERM:-dumb}" CI="${CI:-}"
  MLTF_LEG2_START="${MLTF_LEG2_START:-}" MLTF_LEG2_CHROOT_NOTE="${MLTF_LEG2_CHROOT_NOTE:-}"
  MLTF_LEG2_CHROOT_MB="${MLTF_LEG2_CHROOT_MB:-}" MLTF_LEG2_HOST_NPM="${MLTF_LEG2_HOST_NPM:-}"
  NODE_EXTRA_CA_CERTS="$host_ca"
)
# Run in the background and wait, so a TERM is handled at once rather than when the child ends.
# The explicit redirection keeps the terminal as standard input for --shell.
chroot "$root" /usr/bin/env -i "${env_vars[@]}" bash /src/installer/chroot/inside.sh "$mode" "$exec_cmd" 0<&0 &
child=$!
while true; do
  wait "$child" && rc=0 || rc=$?
  # Above 128 either the child died of a signal or a handled signal interrupted wait: then wait again.
  if ((rc > 128)) && kill -0 "$child" 2>/dev/null; then continue; fi
  break
done
exit "$rc"
