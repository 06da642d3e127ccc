#!/usr/bin/env bash
# Runs the whole test suite on a fresh machine: installs what the tests need from
# Debian's packages (Unicode's bidi conformance files, Chromium for the HTML export test,
# Chromium and ImageMagick for the SVG renderer comparison), then `cargo test`.
# UI snapshot tests render with Mesa's llvmpipe through EGL (wgpu's GL backend).
set -euo pipefail
cd "$(dirname "$0")/.."

need=()
[ -f /usr/share/unicode/BidiTest.txt ] || need+=(unicode-data)
[ -e /usr/lib/x86_64-linux-gnu/libEGL_mesa.so.0 ] || need+=(libegl1 libegl-mesa0 libgl1-mesa-dri)
command -v chromium >/dev/null || need+=(chromium)
command -v convert >/dev/null || need+=(imagemagick)
if [ ${#need[@]} -gt 0 ]; then
    if [ "$(id -u)" = 0 ]; then SUDO=""; else SUDO="sudo"; fi
    export DEBIAN_FRONTEND=noninteractive
    $SUDO apt-get update -qq
    $SUDO apt-get install -y -qq --no-install-recommends "${need[@]}"
fi

cargo test --all-targets --no-fail-fast "$@"
