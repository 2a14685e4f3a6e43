#!/usr/bin/env bash
# Install test of the .deb on this machine (run as root, e.g. in CI): dpkg -i, the installed app's
# self-test and start-up to its first window, silent provisioning of a branch, then dpkg -r and a
# check that the branch data is left intact. Prints the figures for the closing note.
# Usage: installers/linux/test_deb.sh build/branchvault_<version>_<arch>.deb
set -euo pipefail
cd "$(dirname "$0")/../.."
deb=${1:?usage: test_deb.sh PACKAGE.deb}
[ "$(id -u)" -eq 0 ] || { echo "run as root (dpkg -i)" >&2; exit 1; }

mapfile -t needed < <(grep -vE '^\s*(#|$)' installers/linux/deb-depends.txt)
missing=()
for pkg in "${needed[@]}"; do
  dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
done
if [ ${#missing[@]} -gt 0 ]; then
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

if dpkg-query -W -f='${Status}' branchvault 2>/dev/null | grep -q "install ok installed"; then
  echo "BranchVault is already installed on this machine: this test installs and removes it, so it" >&2
  echo "refuses to touch a real installation. Run it on a CI or throw-away machine." >&2
  exit 1
fi
work=$(mktemp -d)
# Whatever fails below, the package is removed again and the scratch folder deleted.
trap 'dpkg -r branchvault >/dev/null 2>&1 || true; rm -rf "$work"' EXIT
export QT_QPA_PLATFORM=offscreen
export HOME="$work/home" && mkdir -p "$HOME"
unset BRANCHVAULT_HOME PYTHON_KEYRING_BACKEND

echo "== dpkg -i $deb ($(du -h "$deb" | cut -f1))"
dpkg -i "$deb" >/dev/null
test -x /opt/branchvault/branchvault && test -x /usr/bin/branchvault
test -f /usr/share/applications/branchvault.desktop
test -f /usr/share/icons/hicolor/256x256/apps/branchvault.png
/usr/bin/branchvault --version

echo "== installed self-test"
/usr/bin/branchvault self-test

if command -v dbus-run-session >/dev/null && command -v gnome-keyring-daemon >/dev/null; then
  echo "== installed self-test against a real Secret Service (gnome-keyring in a private D-Bus session)"
  dbus-run-session -- sh -c 'printf "ci\n" | gnome-keyring-daemon --unlock --components=secrets >/dev/null 2>&1;
    /usr/bin/branchvault self-test' 2>/dev/null | tee "$work/self-test-keyring.txt"
  grep -q '^\[OK\] keyring: keyring.backends.SecretService' "$work/self-test-keyring.txt"
fi

echo "== silent provisioning"
data="$work/branch-data"
cat > "$work/branch-config.toml" <<TOML
[branch]
code = "CI001"
name = "CI 测试门店"
[company]
name = "示例地产经纪有限公司"
contact = "400-000-0000"
[headquarters]
name = "示例地产集团总部"
contact = "021-0000-0000"
url = "https://hq.example.cn"
[install]
data_dir = "$data"
keyring = "none"
TOML
printf 'It#Admin!2026x\n' | /usr/bin/branchvault provision --config "$work/branch-config.toml" --admin it.ci --json >"$work/provision.json"
grep -q '"branch_code": "CI001"' "$work/provision.json"
printf 'It#Admin!2026x\n' | /usr/bin/branchvault provision --config "$work/branch-config.toml" --admin it.ci --json | grep -q unchanged
test -s "$data/branch.db"
before=$(sha256sum "$data/branch.db" "$data/branch.toml" "$data/keyslots.json")

echo "== cold start to the first window: installed vs from source (median of 5)"
probe() {
  local start line times=()
  for _ in 1 2 3 4 5; do
    start=$(date +%s.%N)
    line=$(BRANCHVAULT_STARTUP_PROBE=1 "$@" --data-dir "$data" 2>/dev/null | tail -1)
    case "$line" in *SignIn*) ;; *) echo "expected the sign-in window, got: $line" >&2; return 1 ;; esac
    times+=("$(python3 -c "print(f'{${line%% *} - $start:.3f}')")")
  done
  printf '%s\n' "${times[@]}" | sort -n | sed -n 3p
}
installed=$(probe /usr/bin/branchvault)
if [ -x .venv/bin/python ]; then
  source_run=$(probe .venv/bin/python -m desktop_app)
  echo "installed: ${installed} s; from source: ${source_run} s"
else
  echo "installed: ${installed} s (no .venv: no from-source comparison)"
fi

echo "== dpkg -r keeps the branch data"
dpkg -r branchvault >/dev/null
test ! -e /opt/branchvault && test ! -e /usr/bin/branchvault
after=$(sha256sum "$data/branch.db" "$data/branch.toml" "$data/keyslots.json")
[ "$before" = "$after" ] || { echo "branch data changed by removing the package" >&2; exit 1; }
echo "deb install test passed"
