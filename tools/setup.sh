#!/usr/bin/env bash
# Installs every Debian package that building, testing and running CADA Inspect needs.
# Idempotent: when everything is present it prints nothing and returns in well under a second.
# Works as root (CI) or through sudo.
set -euo pipefail

PACKAGES=(
    cmake g++ ninja-build ccache pkg-config dpkg-dev
    qt6-base-dev qt6-tools-dev qt6-tools-dev-tools qt6-l10n-tools libqt6sql6-sqlite libqt6svg6
    qt6-translations-l10n
    libqcustomplot-dev libgl-dev
    libopencv-dev libjpeg62-turbo-dev libtiff-dev
    libtorch-dev libopenblas0-pthread
    libfaiss-dev
    libcli11-dev nlohmann-json3-dev libssl-dev
    xvfb xauth
)

missing=()
for p in "${PACKAGES[@]}"; do
    status=$(dpkg-query -W -f='${Status}' "$p" 2>/dev/null || true)
    [[ "$status" == "install ok installed" ]] || missing+=("$p")
done
[[ ${#missing[@]} -eq 0 ]] && exit 0

echo "setup: installing missing packages: ${missing[*]}"
SUDO=""
if [[ $(id -u) -ne 0 ]]; then
    command -v sudo >/dev/null || { echo "setup: need root or sudo to install: ${missing[*]}" >&2; exit 1; }
    SUDO="sudo"
fi
export DEBIAN_FRONTEND=noninteractive
# Refresh the package lists once when they are missing or older than a day.
if [[ -z "$(find /var/lib/apt/lists -maxdepth 1 -name '*Packages*' -mmin -1440 2>/dev/null | head -1)" ]]; then
    $SUDO apt-get update -qq
fi
$SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
echo "setup: done"
