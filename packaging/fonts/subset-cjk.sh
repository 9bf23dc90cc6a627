#!/bin/sh
# Rebuilds the bundled Chinese font: WenQuanYi Micro Hei (Apache-2.0, Debian package fonts-wqy-microhei) cut down
# to the characters of Tether's Simplified Chinese bundles, the 3755 common characters of GB2312 level 1 (so
# server names and notes typed in Chinese show too), Latin-1, punctuation, arrows and full-width forms.
# Needs: apt-get install fonts-wqy-microhei python3-fonttools. Run from the repository root after adding
# Chinese strings with new characters (CjkFontTest fails until then).
set -eu
src=/usr/share/fonts/truetype/wqy/wqy-microhei.ttc
out=src/main/resources/app/tether/fonts/wqy-microhei-subset.ttf
chars=$(mktemp)
trap 'rm -f "$chars"' EXIT
/usr/bin/python3 - "$chars" <<'PY'
import glob, sys
chars = set()
for f in glob.glob('src/main/resources/app/tether/i18n/*_zh_CN.properties'):
    chars |= set(c for c in open(f, encoding='utf-8').read() if ord(c) >= 0x20)
for hi in range(0xB0, 0xD8):
    for lo in range(0xA1, 0xFF):
        try:
            chars.add(bytes([hi, lo]).decode('gb2312'))
        except UnicodeDecodeError:
            pass
open(sys.argv[1], 'w', encoding='utf-8').write(''.join(sorted(chars)))
PY
/usr/bin/python3 -m fontTools.subset "$src" --font-number=0 --text-file="$chars" \
    --unicodes="U+0020-007E,U+00A0-00FF,U+2000-206F,U+2190-21FF,U+3000-303F,U+FF00-FFEF" \
    --output-file="$out"
ls -l "$out"
