#!/usr/bin/env bash
# The install command: Debian packages the tests need, then npm packages from the lockfile.
set -euo pipefail
cd "$(dirname "$0")/.."

# Debian packages used by the tests (browser for the UI tests, office and fonts for documents
# (TrueType fonts for the charts: main/deliverables/chartImage.ts),
# strace for the fault suite's count of fsyncs, xmllint for the OOXML schema checks).
DEBIAN_PACKAGES=(chromium libreoffice-writer-nogui libreoffice-calc-nogui poppler-utils fonts-noto-cjk fonts-dejavu-core fonts-droid-fallback strace libxml2-utils)
missing=()
for pkg in "${DEBIAN_PACKAGES[@]}"; do
  dpkg -s "$pkg" >/dev/null 2>&1 || missing+=("$pkg")
done
if [ "${#missing[@]}" -gt 0 ]; then
  SUDO=""
  [ "$(id -u)" -eq 0 ] || SUDO="sudo"
  $SUDO apt-get update
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y --no-install-recommends "${missing[@]}"
fi

# The Electron binary cannot be downloaded in CI; node-gyp builds better-sqlite3 against
# Node's own headers, offline.
export ELECTRON_SKIP_BINARY_DOWNLOAD=1
export npm_config_nodedir="${npm_config_nodedir:-/usr}"
# The committed lockfile names every platform's optional packages, so npm ci installs it as it
# is, never rewriting it.
npm ci --no-audit --no-fund

# The command line runs compiled JavaScript (scripts/cliBuild.cjs into dist/cli): built once here,
# and rebuilt by `npm run csm` itself whenever a source under main/ or shared/ changed since.
node scripts/cliBuild.cjs
