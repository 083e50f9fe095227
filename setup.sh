#!/usr/bin/env bash
# Install everything briefpress needs on Debian 12, then build the default briefings.
#
#   bash setup.sh
#
# System packages: Pango and HarfBuzz's subsetter for WeasyPrint, fontconfig and
# the Noto fonts the styles name; qpdf, poppler, mupdf and Ghostscript, the
# independent readers the tests check every PDF with (poppler's pdftoppm also
# draws the preview's thumbnails); Chromium, the browser the preview's tests
# drive headless, and libatomic1, which the node binary bundled in Playwright
# needs (no Debian package brings it along). Then a Python virtual environment
# in .venv with briefpress and its test tools; at the end `briefpress doctor`'s
# checks name the package of anything still missing (a shared library of a
# program the tests start, a font) and fail.
set -euo pipefail
cd "$(dirname "$0")"

APT_PACKAGES=(
  python3 python3-venv
  libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0
  fontconfig fonts-noto-core fonts-noto-cjk
  qpdf poppler-utils mupdf-tools ghostscript
  chromium libatomic1
)

missing=()
for package in "${APT_PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" || missing+=("$package")
done
if [ ${#missing[@]} -gt 0 ]; then
  sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  echo "Installing system packages: ${missing[*]}"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi

python="${PYTHON:-python3}"
if [ ! -x .venv/bin/python ]; then
  "$python" -m venv .venv
fi
.venv/bin/python -m pip install --quiet --upgrade pip
.venv/bin/python -m pip install --quiet --constraint constraints.txt --editable '.[test]'

.venv/bin/python build.py
.venv/bin/python -m briefpress.checks.doctor
