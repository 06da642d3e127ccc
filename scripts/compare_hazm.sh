#!/usr/bin/env bash
# Times hazm's Normalizer().normalize and `gahnegar normalize` on the same ~1 MB file (the
# seed texts repeated) and prints the ratio. Not run in CI: it needs the network for pip.
#
#   scripts/compare_hazm.sh      (input: the texts of tests/data/ the import bench repeats)
set -euo pipefail
cd "$(dirname "$0")/.."
work=${TMPDIR:-/tmp}/gahnegar-hazm
mkdir -p "$work"
venv="$work/venv"
if [ ! -x "$venv/bin/python" ]; then
    python3 -m venv "$venv"
fi
"$venv/bin/pip" install --quiet hazm
# ~1 MB input: the seed texts repeated.
input="$work/input-1mb.txt"
: > "$input"
while [ "$(stat -c %s "$input")" -lt 1048576 ]; do
    for f in tests/data/seed/caucasus-gem.raw.txt tests/data/news/news-items-fa.txt \
        tests/data/news/damaged-pdf-fa.txt; do
        cat "$f" >> "$input"
        printf '\n\n' >> "$input"
    done
done
cargo build --release --quiet
bin=target/release/gahnegar
[ -n "${CARGO_TARGET_DIR:-}" ] && bin="$CARGO_TARGET_DIR/release/gahnegar"
"$venv/bin/python" - "$input" "$bin" <<'PY'
import subprocess, sys, time
from hazm import Normalizer
path, binary = sys.argv[1], sys.argv[2]
text = open(path, encoding="utf-8").read()
size_mb = len(text.encode("utf-8")) / 1e6
normalizer = Normalizer()          # construction (loading word lists) not timed
normalizer.normalize(text[:1000])  # warm up
def best(f, n=3):
    times = []
    for _ in range(n):
        t = time.perf_counter(); f(); times.append(time.perf_counter() - t)
    return min(times)
hazm_s = best(lambda: normalizer.normalize(text))
def run_gahnegar():
    subprocess.run([binary, "normalize", path], check=True, stdout=subprocess.DEVNULL)
gahnegar_s = best(run_gahnegar)
print(f"input: {size_mb:.2f} MB")
print(f"hazm Normalizer().normalize: {hazm_s*1e3:8.1f} ms  ({size_mb/hazm_s:6.1f} MB/s)")
print(f"gahnegar normalize (process): {gahnegar_s*1e3:8.1f} ms  ({size_mb/gahnegar_s:6.1f} MB/s)")
print(f"ratio hazm / gahnegar: {hazm_s/gahnegar_s:.1f}x")
PY
