#!/usr/bin/env bash
# Rebuilds the embedded fallback fonts in fonts/noto/ from Debian's fonts-noto-core
# package: drops hinting and keeps only the Unicode ranges Gahnegar needs (see
# fonts/README.md). Needs apt-get (Debian) and python3; installs fontTools in a throwaway
# virtual environment. The output is byte-for-byte reproducible for the same versions.
set -euo pipefail
cd "$(dirname "$0")/.."

NOTO_DEB_VERSION=20201225-1
FONTTOOLS_VERSION=4.68.0

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
(cd "$work" && apt-get download "fonts-noto-core=$NOTO_DEB_VERSION")
dpkg -x "$work"/fonts-noto-core_*.deb "$work/deb"
python3 -m venv "$work/venv"
"$work/venv/bin/pip" install -q "fonttools==$FONTTOOLS_VERSION"

src="$work/deb/usr/share/fonts/truetype/noto"
out=fonts/noto
mkdir -p "$out"

# Latin (all of it, so that a base letter and its combining mark come from one font),
# IPA and spacing modifiers, combining marks, Greek, Cyrillic with its supplement, Latin
# Extended Additional (transliteration: ḥ ṣ ẓ), punctuation, currency (₽ ₺ ₾ ₼ ₪),
# letterlike symbols (№) and number forms.
sans='U+0020-007E,U+00A0-024F,U+0250-02FF,U+0300-036F,U+0370-03FF,U+0400-052F,'\
'U+1E00-1EFF,U+2000-206F,U+20A0-20CF,U+2100-214F,U+2150-218F'
# Arrows, mathematical operators, supplemental arrows A and B.
math='U+2190-21FF,U+2200-22FF,U+27F0-27FF,U+2900-297F'
# Miscellaneous technical, geometric shapes, miscellaneous symbols, dingbats,
# miscellaneous symbols and arrows.
symbols='U+2300-23FF,U+25A0-25FF,U+2600-26FF,U+2700-27BF,U+2B00-2BFF'

subset() { # source-file unicodes output-file
    "$work/venv/bin/pyftsubset" "$src/$1" --unicodes="$2" --output-file="$out/$3" \
        --no-hinting --desubroutinize --notdef-outline --drop-tables+=DSIG \
        --name-IDs='*' --name-languages='*'
}

for w in Regular Bold; do
    subset "NotoSans-$w.ttf" "$sans" "NotoSans-$w.ttf"
    subset "NotoSansHebrew-$w.ttf" '*' "NotoSansHebrew-$w.ttf"
    subset "NotoSansArmenian-$w.ttf" '*' "NotoSansArmenian-$w.ttf"
    subset "NotoSansGeorgian-$w.ttf" '*' "NotoSansGeorgian-$w.ttf"
done
subset NotoSansMath-Regular.ttf "$math" NotoSansMath-Regular.ttf
subset NotoSansSymbols2-Regular.ttf "$symbols" NotoSansSymbols2-Regular.ttf
ls -l "$out"
