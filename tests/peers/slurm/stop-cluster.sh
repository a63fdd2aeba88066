#!/usr/bin/env bash
# Stops the cluster start-cluster.sh started: cancels its jobs, stops slurmd, slurmctld and munged by their
# pid files, removes the state folder and the info file. Safe to run twice.
#   stop-cluster.sh <info-file>
set -uo pipefail

info_file="${1:?usage: stop-cluster.sh <info-file>}"
[[ -f "$info_file" ]] || exit 0
state="$(sed -n 's/^MLTF_SLURM_STATE_DIR=//p' "$info_file")"
[[ -n "$state" && -d "$state" && "$state" == /tmp/mltf-slurm.* ]] || { rm -f "$info_file"; exit 0; }
export PATH="$PATH:/usr/sbin"
export SLURM_CONF="$state/slurm.conf"

# Alive and not a zombie (pid 1 here may not reap orphans).
alive() {
  local pid="$1"
  [[ -r "/proc/$pid/stat" ]] || return 1
  [[ "$(awk '{print $3}' "/proc/$pid/stat" 2>/dev/null)" != "Z" ]]
}

stop_pid_file() {
  local file="$1"
  [[ -f "$file" ]] || return 0
  local pid
  pid="$(cat "$file" 2>/dev/null)"
  [[ "$pid" =~ ^[0-9]+$ ]] || return 0
  alive "$pid" || return 0
  kill "$pid" 2>/dev/null || return 0
  for _ in $(seq 1 50); do alive "$pid" || return 0; sleep 0.1; done
  kill -9 "$pid" 2>/dev/null || true
}

# Jobs first, so no job step outlives the daemons.
if [[ -f "$SLURM_CONF" ]] && command -v squeue >/dev/null; then
  jobs="$(timeout 10 squeue -h -t PD,R,CG,S -o %i 2>/dev/null || true)"
  if [[ -n "$jobs" ]]; then
    # shellcheck disable=SC2086 # one job id a word
    timeout 10 scancel $jobs 2>/dev/null || true
    for _ in $(seq 1 50); do
      [[ -z "$(timeout 5 squeue -h -t R,CG -o %i 2>/dev/null || true)" ]] && break
      sleep 0.2
    done
  fi
fi

stop_pid_file "$state/slurmd.pid"
stop_pid_file "$state/slurmctld.pid"
stop_pid_file "$state/munge/munged.pid"
rm -rf "$state"
rm -f "$info_file"
echo "stop-cluster: stopped"
