#!/usr/bin/env bash
# Installs everything the test suite needs from the project's own files: the Debian packages in
# tests/debian-packages.txt (when apt-get is available and any is missing) and a virtual environment
# in .venv with the project and its dev extra. Safe to run again; a second run changes nothing.
set -euo pipefail
cd "$(dirname "$0")/.."

mapfile -t packages < <(grep -vE '^\s*(#|$)' tests/debian-packages.txt)
missing=()
for pkg in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
done
if [ ${#missing[@]} -gt 0 ]; then
  if command -v apt-get >/dev/null; then
    sudo=""
    [ "$(id -u)" -eq 0 ] || sudo="sudo"
    echo "Installing Debian packages: ${missing[*]}"
    $sudo apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  else
    echo "warning: not a Debian system; install the equivalents of: ${missing[*]}" >&2
  fi
fi

# (re)create the venv unless a working one is there (a half-made .venv from a failed run is replaced)
if ! .venv/bin/python -m pip --version >/dev/null 2>&1; then
  rm -rf .venv
  python3 -m venv .venv
fi
if ! .venv/bin/python -m pip install -q --disable-pip-version-check -e '.[dev]' >.venv/pip-install.log 2>&1; then
  cat .venv/pip-install.log >&2
  exit 1
fi
.venv/bin/python -c "import desktop_app, sqlcipher3, PySide6, pytestqt"
