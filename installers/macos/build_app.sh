#!/usr/bin/env bash
# Build dist/BranchVault.app (macOS) from the PyInstaller spec, check its Info.plist, run the bundled
# self-test from inside the .app, then codesign it when BV_MAC_SIGN_IDENTITY is set.
# NOT RUN in this repository's sessions (no macOS machine): see installers/README.md.
#
# Environment:
#   BV_MAC_SIGN_IDENTITY  "Developer ID Application: …" identity in the keychain; unset: not signed.
set -euo pipefail
cd "$(dirname "$0")/../.."
[ "$(uname -s)" = Darwin ] || { echo "build_app.sh runs on macOS only" >&2; exit 1; }

app=dist/BranchVault.app
python -m PyInstaller --noconfirm --clean installers/macos/branchvault-macos.spec \
  --distpath dist --workpath build/pyinstaller-macos

[ -x "$app/Contents/MacOS/branchvault" ] || { echo "no executable in $app" >&2; exit 1; }
plutil -lint "$app/Contents/Info.plist"
bundle_id=$(/usr/libexec/PlistBuddy -c 'Print :CFBundleIdentifier' "$app/Contents/Info.plist")
[ "$bundle_id" = cn.example.branchvault ] || { echo "unexpected bundle id: $bundle_id" >&2; exit 1; }
echo "bundle: $app ($(/usr/libexec/PlistBuddy -c 'Print :CFBundleShortVersionString' "$app/Contents/Info.plist"), $(du -sh "$app" | cut -f1))"

if [ -n "${BV_MAC_SIGN_IDENTITY:-}" ]; then
  # Hardened runtime + secure timestamp: what notarization requires. --deep signs the nested
  # libraries PyInstaller placed in Contents/Frameworks and Contents/Resources.
  codesign --force --deep --options runtime --timestamp \
    --entitlements installers/macos/entitlements.plist --sign "$BV_MAC_SIGN_IDENTITY" "$app"
  codesign --verify --deep --strict --verbose=2 "$app"
else
  echo "BV_MAC_SIGN_IDENTITY is not set: BranchVault.app is NOT signed (Gatekeeper will block it on other Macs)."
fi

# After signing, so the self-test runs the binary exactly as shipped.
QT_QPA_PLATFORM=offscreen "$app/Contents/MacOS/branchvault" self-test
