#!/usr/bin/env bash
# Starts a one-node SLURM cluster for the tests: munged (own socket and key), slurmctld and slurmd as
# daemons, state in a fresh temporary folder, controller and node on 127.0.0.1 with free ports.
#   start-cluster.sh <info-file>
# Writes <info-file> (shell syntax, one VAR=value a line): SLURM_CONF, MLTF_SLURM_STATE_DIR,
# MLTF_SLURM_PARTITION, MLTF_SLURM_CPUS. stop-cluster.sh <info-file> stops everything again.
# Needs root (slurmd launches jobs) and Debian's slurm-wlm + munge (installer/setup-deps.sh --tests).
set -euo pipefail

info_file="${1:?usage: start-cluster.sh <info-file>}"
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"

for tool in munged slurmctld slurmd sinfo python3; do
  if ! command -v "$tool" >/dev/null 2>&1 && [[ ! -x "/usr/sbin/$tool" ]]; then
    echo "start-cluster: '$tool' is missing; run installer/setup-deps.sh --tests (slurm-wlm, munge)" >&2
    exit 1
  fi
done
if [[ $(id -u) -ne 0 ]]; then
  echo "start-cluster: the test cluster needs root (slurmd starts jobs as their user)" >&2
  exit 1
fi
export PATH="$PATH:/usr/sbin"

# A cluster left over from an interrupted run with the same info file goes first.
if [[ -f "$info_file" ]]; then
  "$here/stop-cluster.sh" "$info_file" || true
fi
mkdir -p "$(dirname "$info_file")"

# Short path: the munge socket path must fit in a sockaddr_un.
state="$(mktemp -d /tmp/mltf-slurm.XXXXXX)"
chmod 755 "$state"
mkdir -p "$state/munge" "$state/ctld" "$state/spool" "$state/log"
chmod 700 "$state/munge"

failed() {
  echo "start-cluster: $1" >&2
  for log in "$state"/log/*.log "$state"/munge/munged.log; do
    [[ -f "$log" ]] && { echo "--- $log" >&2; tail -n 30 "$log" >&2; }
  done
  printf 'MLTF_SLURM_STATE_DIR=%s\n' "$state" >"$info_file"
  "$here/stop-cluster.sh" "$info_file" || true
  exit 1
}

free_port() {
  python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}

# munged with its own key and socket, so the machine's munge (if any) is left alone.
head -c 1024 /dev/urandom >"$state/munge/munge.key"
chmod 400 "$state/munge/munge.key"
munged --force --socket="$state/munge/munge.sock" --key-file="$state/munge/munge.key" \
  --pid-file="$state/munge/munged.pid" --log-file="$state/munge/munged.log" \
  --seed-file="$state/munge/munged.seed" || failed "munged did not start"

node="$(hostname -s)"
ctld_port="$(free_port)"
slurmd_port="$(free_port)"
while [[ "$slurmd_port" == "$ctld_port" ]]; do slurmd_port="$(free_port)"; done
cpus=8 # more than the machine has (config_overrides): test jobs run side by side

cat >"$state/slurm.conf" <<CONF
ClusterName=mltftest
SlurmctldHost=${node}(127.0.0.1)
SlurmctldPort=${ctld_port}
SlurmdPort=${slurmd_port}
SlurmUser=root
SlurmdUser=root
AuthType=auth/munge
CredType=cred/munge
AuthInfo=socket=${state}/munge/munge.sock
StateSaveLocation=${state}/ctld
SlurmdSpoolDir=${state}/spool/slurmd-%n
SlurmctldPidFile=${state}/slurmctld.pid
SlurmdPidFile=${state}/slurmd.pid
SlurmctldLogFile=${state}/log/slurmctld.log
SlurmdLogFile=${state}/log/slurmd.log
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
JobAcctGatherType=jobacct_gather/none
AccountingStorageType=accounting_storage/none
SelectType=select/cons_tres
SelectTypeParameters=CR_Core
SchedulerType=sched/backfill
# Pending jobs start within seconds of resources freeing up, not the default minute.
SchedulerParameters=sched_interval=5,bf_interval=5
ReturnToService=2
MpiDefault=none
# No mail; SLURM 24.11 refuses to start when MailProg (default /bin/mail) does not exist.
MailProg=/bin/true
# Finished jobs stay visible to squeue/scontrol (no slurmdbd here, so no sacct).
MinJobAge=3600
# Jobs over their time limit end quickly (TIMEOUT test).
OverTimeLimit=0
KillWait=2
InactiveLimit=0
SlurmdParameters=config_overrides
NodeName=${node} NodeAddr=127.0.0.1 CPUs=${cpus} RealMemory=16000 State=UNKNOWN
PartitionName=debug Nodes=ALL Default=YES MaxTime=INFINITE State=UP
CONF

# SLURM 24.05+ sets up cgroups in slurmd even with proctrack/linuxproc and task/none, and fails where no
# cgroup file system is mounted (a chroot, a container); "disabled" exists from 24.05 and is refused before.
slurm_version="$(slurmd -V | grep -o '[0-9][0-9]*\.[0-9][0-9]*' | head -n 1)"
if [[ -n "$slurm_version" ]] && (( ${slurm_version%%.*} * 100 + 10#${slurm_version#*.} >= 2405 )); then
  echo "CgroupPlugin=disabled" >"$state/cgroup.conf"
fi

export SLURM_CONF="$state/slurm.conf"
slurmctld -f "$SLURM_CONF" || failed "slurmctld did not start"
slurmd -f "$SLURM_CONF" || failed "slurmd did not start"

# Ready when the node is idle (about 4 s from an empty state).
ready=""
for _ in $(seq 1 150); do
  if [[ "$(sinfo -h -o %t 2>/dev/null || true)" == "idle" ]]; then ready=1; break; fi
  sleep 0.2
done
[[ -n "$ready" ]] || failed "the node did not become idle within 30 s"

cat >"$info_file" <<INFO
SLURM_CONF=${SLURM_CONF}
MLTF_SLURM_STATE_DIR=${state}
MLTF_SLURM_PARTITION=debug
MLTF_SLURM_CPUS=${cpus}
INFO
echo "start-cluster: up (state in $state, controller port $ctld_port)"
