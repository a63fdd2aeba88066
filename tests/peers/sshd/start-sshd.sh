#!/usr/bin/env bash
# Starts an OpenSSH server on 127.0.0.1 on a free port with throwaway keys, for the SSH tests.
#   start-sshd.sh <info-file> [<slurm-info-file>]
# With a SLURM info file (tests/peers/slurm/start-cluster.sh), sessions get its SLURM_CONF so the
# SLURM client commands work over ssh. Writes <info-file> (VAR=value lines): MLTF_SSHD_PORT,
# MLTF_SSHD_USER, MLTF_SSHD_KEY (authorised private key), MLTF_SSHD_WRONG_KEY (a key the server does not
# know), MLTF_SSHD_KNOWN_HOSTS (holds the host key), MLTF_SSHD_DIR. stop-sshd.sh <info-file> stops it.
set -euo pipefail

info_file="${1:?usage: start-sshd.sh <info-file> [<slurm-info-file>]}"
slurm_info="${2:-}"
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"

for tool in /usr/sbin/sshd ssh ssh-keygen python3; do
  if ! command -v "$tool" >/dev/null 2>&1; then
    echo "start-sshd: '$tool' is missing; run installer/setup-deps.sh --tests (openssh-server, openssh-client)" >&2
    exit 1
  fi
done

if [[ -f "$info_file" ]]; then
  "$here/stop-sshd.sh" "$info_file" || true
fi
mkdir -p "$(dirname "$info_file")"

dir="$(mktemp -d /tmp/mltf-sshd.XXXXXX)"
chmod 700 "$dir"
ssh-keygen -q -t ed25519 -N '' -C mltf-test-host -f "$dir/host_key"
ssh-keygen -q -t ed25519 -N '' -C mltf-test-client -f "$dir/client_key"
ssh-keygen -q -t ed25519 -N '' -C mltf-test-wrong -f "$dir/wrong_key"
cp "$dir/client_key.pub" "$dir/authorized_keys"
# Known under both names: tests that must not share an SSH connection use "localhost" instead.
host_key="$(cut -d' ' -f1,2 "$dir/host_key.pub")"
printf '[127.0.0.1]:%s %s\n[localhost]:%s %s\n' PORT "$host_key" PORT "$host_key" >"$dir/known_hosts.in"

port="$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')"
sed "s/PORT/$port/g" "$dir/known_hosts.in" >"$dir/known_hosts"
rm "$dir/known_hosts.in"

slurm_conf=""
if [[ -n "$slurm_info" && -f "$slurm_info" ]]; then
  slurm_conf="$(sed -n 's/^SLURM_CONF=//p' "$slurm_info")"
fi

{
  echo "ListenAddress 127.0.0.1"
  echo "Port $port"
  echo "HostKey $dir/host_key"
  echo "AuthorizedKeysFile $dir/authorized_keys"
  echo "PubkeyAuthentication yes"
  echo "PasswordAuthentication no"
  echo "KbdInteractiveAuthentication no"
  echo "PermitRootLogin prohibit-password"
  echo "UsePAM no"
  echo "StrictModes no"
  echo "PidFile $dir/sshd.pid"
  echo "MaxSessions 50"
  echo "MaxStartups 50"
  echo "LogLevel VERBOSE"
  [[ -n "$slurm_conf" ]] && echo "SetEnv SLURM_CONF=$slurm_conf"
} >"$dir/sshd_config"

mkdir -p /run/sshd
/usr/sbin/sshd -f "$dir/sshd_config" -E "$dir/sshd.log" || {
  echo "start-sshd: sshd did not start" >&2
  cat "$dir/sshd.log" >&2 || true
  rm -rf "$dir"
  exit 1
}

user="$(id -un)"
ok=""
for _ in $(seq 1 50); do
  if ssh -p "$port" -i "$dir/client_key" -o BatchMode=yes -o IdentitiesOnly=yes -o ConnectTimeout=5 \
    -o UserKnownHostsFile="$dir/known_hosts" -o StrictHostKeyChecking=yes "$user@127.0.0.1" true \
    2>/dev/null; then
    ok=1
    break
  fi
  sleep 0.1
done
cat >"$info_file" <<INFO
MLTF_SSHD_PORT=${port}
MLTF_SSHD_USER=${user}
MLTF_SSHD_KEY=${dir}/client_key
MLTF_SSHD_WRONG_KEY=${dir}/wrong_key
MLTF_SSHD_KNOWN_HOSTS=${dir}/known_hosts
MLTF_SSHD_DIR=${dir}
INFO
if [[ -z "$ok" ]]; then
  echo "start-sshd: could not log in with the test key" >&2
  cat "$dir/sshd.log" >&2 || true
  "$here/stop-sshd.sh" "$info_file" || true
  exit 1
fi
echo "start-sshd: listening on 127.0.0.1:$port"
