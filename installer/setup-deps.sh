#!/usr/bin/env bash
# Installs exactly the Debian/Ubuntu packages MLTF Desktop needs that are missing.
# Idempotent and non-interactive; works as root or through sudo.
#   installer/setup-deps.sh           build and run the app
#   installer/setup-deps.sh --tests   also everything the tests and their peers need
#   installer/setup-deps.sh [--tests] --list   only print the package names for this distribution
# Supported: Debian 12 (bookworm), Debian 13 (trixie), Ubuntu 24.04 (noble).
set -euo pipefail

build_packages=(
  g++ cmake ninja-build pkg-config git
  qt6-base-dev qt6-base-dev-tools qt6-charts-dev qt6-networkauth-dev qt6-svg-dev
  qt6-tools-dev qt6-l10n-tools qt6-httpserver-dev qt6-websockets-dev
  qtkeychain-qt6-dev libyaml-cpp-dev libarchive-dev
  qt6-qpa-plugins
)
test_packages=(
  xvfb xauth libgtest-dev libbenchmark-dev libssl-dev
  gnome-keyring dbus dbus-x11 libsecret-tools
  shellcheck curl imagemagick
  nodejs npm chromium
  debootstrap
  slurm-wlm munge openssh-server openssh-client
)

# Debian 13 and later fold Qt's OpenGL headers into qt6-base-dev and ship KSyntaxHighlighting for Qt 6;
# Debian 12 and Ubuntu 24.04 need the separate OpenGL package and have no KF6.
# shellcheck disable=SC1091 # a file of the system, not ours
codename="$(. /etc/os-release 2>/dev/null && echo "${VERSION_CODENAME:-}")"
case "$codename" in
  bookworm | noble) build_packages+=(libqt6opengl6-dev) ;;
  *) build_packages+=(libkf6syntaxhighlighting-dev) ;;
esac

want=("${build_packages[@]}")
list_only=0
for arg in "$@"; do
  case "$arg" in
    --tests) want+=("${test_packages[@]}") ;;
    --list) list_only=1 ;;
    *) echo "setup-deps: unknown option: $arg" >&2; exit 2 ;;
  esac
done
if [[ $list_only -eq 1 ]]; then
  printf '%s\n' "${want[@]}"
  exit 0
fi

missing=()
for pkg in "${want[@]}"; do
  # A Node.js from elsewhere (e.g. NodeSource's nodejs, which bundles npm and conflicts with Debian's npm)
  # counts as installed: installing Debian's npm would replace it.
  case "$pkg" in
    nodejs) command -v node >/dev/null && continue ;;
    npm) command -v npm >/dev/null && continue ;;
  esac
  if ! dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$pkg")
  fi
done

if [[ ${#missing[@]} -eq 0 ]]; then
  echo "setup-deps: all ${#want[@]} packages already installed"
  exit 0
fi

sudo_cmd=()
if [[ $(id -u) -ne 0 ]]; then
  command -v sudo >/dev/null || { echo "setup-deps: need root or sudo to install: ${missing[*]}" >&2; exit 1; }
  sudo_cmd=(sudo)
fi

echo "setup-deps: installing ${#missing[@]} missing packages: ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
"${sudo_cmd[@]}" apt-get update -qq
"${sudo_cmd[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}"
