#!/usr/bin/env bash
# Runs the release app under Xvfb and takes a screenshot (for looking at the rendering).
# Needs: apt-get install xvfb imagemagick. Usage: scripts/screenshot.sh [out.png] [args…]
set -euo pipefail
cd "$(dirname "$0")/.."
out=${1:-shot.png}; shift || true
Xvfb :99 -screen 0 1400x900x24 >/dev/null 2>&1 &
xvfb=$!
trap 'kill $app $xvfb 2>/dev/null || true' EXIT
sleep 1
DISPLAY=:99 target/release/gahnegar "$@" &
app=$!
sleep "${WAIT:-4}"
DISPLAY=:99 import -window root "$out"
echo "wrote $out"
