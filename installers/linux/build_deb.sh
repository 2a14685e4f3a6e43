#!/usr/bin/env bash
# Build build/branchvault_<version>_<arch>.deb from the PyInstaller bundle in dist/branchvault
# (build it first: see installers/README.md). dpkg-deb only; no packaging service.
# Layout: /opt/branchvault (the bundle), /usr/bin/branchvault, a .desktop entry and an icon.
# The package holds no data: branch data lives in the data directory, which removing the package
# never touches.
set -euo pipefail
cd "$(dirname "$0")/../.."

bundle=dist/branchvault
[ -x "$bundle/branchvault" ] || { echo "no bundle at $bundle: build it first (installers/README.md)" >&2; exit 1; }
# The build environment's Python (3.11+, tomllib) rather than the system one, which may be older.
python=.venv/bin/python
[ -x "$python" ] || python=python3
version=$("$python" -c 'import tomllib; print(tomllib.load(open("pyproject.toml","rb"))["project"]["version"])')
arch=$(dpkg --print-architecture)
name="branchvault_${version}_${arch}"
stage="build/deb/$name"
rm -rf "$stage"
mkdir -p "$stage/DEBIAN" "$stage/opt" "$stage/usr/bin" "$stage/usr/share/applications" \
  "$stage/usr/share/icons/hicolor/256x256/apps" "$stage/usr/share/doc/branchvault"
cp -a "$bundle" "$stage/opt/branchvault"
cat > "$stage/usr/bin/branchvault" <<'SH'
#!/bin/sh
exec /opt/branchvault/branchvault "$@"
SH
chmod 0755 "$stage/usr/bin/branchvault"
install -m 0644 installers/linux/branchvault.desktop "$stage/usr/share/applications/branchvault.desktop"
install -m 0644 resources/icons/branchvault.png "$stage/usr/share/icons/hicolor/256x256/apps/branchvault.png"
install -m 0644 installers/linux/copyright "$stage/usr/share/doc/branchvault/copyright"

# Run-time libraries the bundle takes from the system (Qt's xcb platform and OpenGL, fonts, D-Bus for
# the Secret Service keyring); everything else is inside the bundle.
depends=$(grep -vE '^\s*(#|$)' installers/linux/deb-depends.txt | paste -sd, - | sed 's/,/, /g')
size_kib=$(du -sk "$stage" | cut -f1)
cat > "$stage/DEBIAN/control" <<CONTROL
Package: branchvault
Version: ${version}
Architecture: ${arch}
Maintainer: BranchVault IT <it@example.cn>
Installed-Size: ${size_kib}
Depends: ${depends}
Section: misc
Priority: optional
Homepage: https://example.cn/branchvault
Description: Encrypted client records for real-estate branch offices
 BranchVault keeps clients' personal information (ID numbers, phones, addresses,
 income) in an encrypted local database, prints privacy notices and consent forms,
 and keeps a hash-chained audit log (PIPL, GB/T 35273). Removing the package never
 deletes branch data.
CONTROL
# Removing or purging the package leaves the data directory alone: no maintainer script touches it.
find "$stage" -type d -exec chmod 0755 {} +
dpkg-deb --root-owner-group -Zxz --build "$stage" "build/$name.deb" >/dev/null
echo "build/$name.deb"
