#!/usr/bin/env bash
# Regenerates the PNGs in this folder (`npm run docs:reports`, after `npm run build`): every page of
# the demo's leadership report (A4) and of its held meeting's minutes (A4), printed by the built
# `warden report` with this machine's Chromium and rasterised at 60 dpi by poppler's pdftoppm, so the
# pictures in docs/reports.md stay true to what the CLI prints. The demo is built fresh in a
# temporary app-data folder: nothing of the user's own workspace is read.
set -euo pipefail
cd "$(dirname "$0")/../.."
if [ ! -f out/cli/warden.js ]; then echo "docs:reports: run \`npm run build\` first" >&2; exit 1; fi
export WARDEN_CHROME="${WARDEN_CHROME:-$(command -v chromium || command -v chromium-browser || command -v google-chrome || true)}"
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
export XDG_CONFIG_HOME="$tmp/app-data"
warden() { node out/cli/warden.js --workspace demo "$@"; }
warden report leadership --paper a4 --out "$tmp/leadership.pdf"
warden report minutes --meeting demo-held-meeting --paper a4 --out "$tmp/minutes.pdf"
rm -f docs/reports/*.png
for report in leadership minutes; do
  pdftoppm -png -r 60 "$tmp/$report.pdf" "$tmp/$report-page"
  # pdftoppm pads page numbers to the page count's width (page-01 of 12): name them page-1, page-2, …
  for png in "$tmp/$report-page"-*.png; do
    n="${png##*-}"; n="${n%.png}"
    cp "$png" "docs/reports/$report-page-$((10#$n)).png"
  done
done
ls -l docs/reports/*.png | awk '{ print $5, $9 }'
