#!/usr/bin/env bash
# Builds the Chinese and Japanese fonts RayFix ships, so the visitor side
# reads on a machine without CJK fonts (Fyne's own font has no CJK
# glyphs). Each is a subset of Noto Sans CJK (Debian's fonts-noto-cjk,
# SIL Open Font License 1.1): every character of that language's
# translations and country names, plus the common characters (GB2312 level 1 for Chinese;
# JIS X 0208 level 1 kanji and the kana for Japanese), so a site name or
# a new sentence seldom falls outside it. Each comes in regular and bold
# (headlines, titles and buttons are bold; without a bold CJK face their
# Latin words were bold and their Chinese or Japanese not). Run it after changing a
# translation; it needs fonts-noto-cjk and python3-fonttools.
set -euo pipefail
cd "$(dirname "$0")/.."
ttc=/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc
bold=/usr/share/fonts/opentype/noto/NotoSansCJK-Bold.ttc
py=/usr/bin/python3
[ -f "$ttc" ] && [ -f "$bold" ] || { echo "cjk-fonts: install fonts-noto-cjk" >&2; exit 1; }
"$py" -c 'import fontTools' 2>/dev/null || { echo "cjk-fonts: install python3-fonttools" >&2; exit 1; }
out=assets/fonts
mkdir -p "$out"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# every country's name in each language (the card names the visitor's)
for lang in zh-CN ja; do go run ./scripts/countrynames "$lang" > "$tmp/countries-$lang.txt"; done

# chars LANG CODEC: the characters of the translations and country names,
# and the common ones a codec's first level holds.
"$py" - "$tmp" <<'PY'
import json, sys
tmp = sys.argv[1]
def level1(codec, rows, cols=range(0xA1, 0xFF)):
    out = set()
    for hi in rows:
        for lo in cols:
            try:
                out |= set(bytes([hi, lo]).decode(codec))
            except UnicodeDecodeError:
                pass
    return out
punct = set("、。，．：；？！「」『』（）【】《》〈〉…—～・“”‘’")
ascii_ = {chr(c) for c in range(0x20, 0x7F)}
sets = {
    "zh-CN": level1("gb2312", range(0xB0, 0xD8)) | level1("gb2312", range(0xA1, 0xA4)),
    "ja": level1("euc_jp", range(0xB0, 0xD0)) | level1("euc_jp", range(0xA1, 0xA6)),
}
for lang, common in sets.items():
    text = json.load(open(f"internal/i18n/locales/{lang}.json", encoding="utf-8"))
    countries = open(f"{tmp}/countries-{lang}.txt", encoding="utf-8").read()
    chars = set("".join(text.values())) | set(countries) | common | punct | set("简体中文日本語")
    chars -= ascii_ - {" "}  # Latin comes from Fyne's own font; a space between CJK sentences must not be a missing glyph
    open(f"{tmp}/{lang}.txt", "w", encoding="utf-8").write("".join(sorted(chars)))
PY

subset() { # COLLECTION INDEX LANG NAME
  local collection=$1; shift
  "$py" -m fontTools.subset "$collection" --font-number="$1" --text-file="$tmp/$2.txt" \
    --layout-features='*' --no-hinting --name-IDs='*' \
    --output-file="$out/$3"
  echo "cjk-fonts: $out/$3 $(stat -c %s "$out/$3") bytes, $(wc -m < "$tmp/$2.txt") characters"
}
subset "$ttc" 2 zh-CN NotoSansSC-RayFix.otf        # index 2 of the collection: Simplified Chinese
subset "$bold" 2 zh-CN NotoSansSC-Bold-RayFix.otf
subset "$ttc" 0 ja NotoSansJP-RayFix.otf           # index 0: Japanese
subset "$bold" 0 ja NotoSansJP-Bold-RayFix.otf
