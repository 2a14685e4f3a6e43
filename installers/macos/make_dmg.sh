#!/usr/bin/env bash
# Make dist/BranchVault-<version>.dmg from dist/BranchVault.app (build_app.sh first) with an
# Applications link for drag-and-drop install; sign and notarize it when the variables are set;
# then mount it read-only and run the self-test from the app on the mounted image.
# NOT RUN in this repository's sessions (no macOS machine): see installers/README.md.
#
# Environment:
#   BV_MAC_SIGN_IDENTITY  signing identity (as build_app.sh); unset: the .dmg is not signed.
#   BV_NOTARY_PROFILE     `xcrun notarytool store-credentials` profile name; unset: not notarized.
set -euo pipefail
cd "$(dirname "$0")/../.."
[ "$(uname -s)" = Darwin ] || { echo "make_dmg.sh runs on macOS only" >&2; exit 1; }

app=dist/BranchVault.app
[ -d "$app" ] || { echo "no $app: run installers/macos/build_app.sh first" >&2; exit 1; }
version=$(/usr/libexec/PlistBuddy -c 'Print :CFBundleShortVersionString' "$app/Contents/Info.plist")
dmg="dist/BranchVault-${version}.dmg"
stage=$(mktemp -d)
mnt=$(mktemp -d)
cleanup() { hdiutil detach "$mnt" -quiet 2>/dev/null || true; rm -rf "$stage"; rmdir "$mnt" 2>/dev/null || true; }
trap cleanup EXIT

ditto "$app" "$stage/BranchVault.app"   # ditto keeps symlinks, extended attributes and signatures
ln -s /Applications "$stage/Applications"
rm -f "$dmg"
hdiutil create -volname "BranchVault ${version}" -srcfolder "$stage" -fs HFS+ -format UDZO -ov "$dmg"

if [ -n "${BV_MAC_SIGN_IDENTITY:-}" ]; then
  codesign --force --timestamp --sign "$BV_MAC_SIGN_IDENTITY" "$dmg"
else
  echo "BV_MAC_SIGN_IDENTITY is not set: the .dmg is NOT signed."
fi
if [ -n "${BV_NOTARY_PROFILE:-}" ]; then
  [ -n "${BV_MAC_SIGN_IDENTITY:-}" ] || { echo "notarizing needs a signed app and .dmg (BV_MAC_SIGN_IDENTITY)" >&2; exit 1; }
  xcrun notarytool submit "$dmg" --keychain-profile "$BV_NOTARY_PROFILE" --wait
  xcrun stapler staple "$dmg"
  xcrun stapler validate "$dmg"
else
  echo "BV_NOTARY_PROFILE is not set: the .dmg is NOT notarized."
fi
echo "dmg: $dmg ($(du -h "$dmg" | cut -f1))"

# The self-test from the app as a user would get it: on the mounted image, read-only.
hdiutil attach "$dmg" -readonly -nobrowse -noautoopen -mountpoint "$mnt"
[ -L "$mnt/Applications" ] || { echo "the image has no Applications link" >&2; exit 1; }
QT_QPA_PLATFORM=offscreen "$mnt/BranchVault.app/Contents/MacOS/branchvault" self-test
echo "self-test passed from the mounted .dmg"
