#!/usr/bin/env bash
# Stops the sshd start-sshd.sh started (by its pid file) and removes its keys. Safe to run twice.
#   stop-sshd.sh <info-file>
set -uo pipefail

info_file="${1:?usage: stop-sshd.sh <info-file>}"
[[ -f "$info_file" ]] || exit 0
dir="$(sed -n 's/^MLTF_SSHD_DIR=//p' "$info_file")"
if [[ -n "$dir" && -d "$dir" && "$dir" == /tmp/mltf-sshd.* ]]; then
  if [[ -f "$dir/sshd.pid" ]]; then
    pid="$(cat "$dir/sshd.pid")"
    if [[ "$pid" =~ ^[0-9]+$ ]]; then
      kill "$pid" 2>/dev/null || true
      for _ in $(seq 1 50); do
        [[ -r "/proc/$pid/stat" && "$(awk '{print $3}' "/proc/$pid/stat" 2>/dev/null)" != "Z" ]] || break
        sleep 0.1
      done
    fi
  fi
  rm -rf "$dir"
fi
rm -f "$info_file"
echo "stop-sshd: stopped"
