#!/bin/sh
# A font subset that ends on libharu's 4096-byte buffer boundary is written
# (src/hpdf_fix.c, strip_hinting).  libharu 2.3.0 writes a TrueType subset
# into a memory stream of 4096-byte buffers, 'prep' last; an empty last
# table whose offset is the stream's end on a buffer boundary made its
# checksum pass fail with "libharu error 0x1033", exit 70.  Liberation Mono's
# subsets can end there (Liberation Sans's cannot: its tables before
# 'prep' come to an odd length), and which glyphs are used decided it, so a
# spec failed or not with the length of its folder's path (the sources page
# sets paths in Liberation Mono).  The spec below uses every ASCII
# character in both faces, so the path adds no glyph, and Cyrillic letters
# chosen so that Liberation Mono's tables before 'prep' come to exactly
# 40 960 bytes (10 buffers).  The case checks that the boundary is still
# reached (else it tests nothing: choose the letters again, as the comment
# at the end says) and that the PDF is made and reads back.
set -eu
bin=$1 tmp=$2
fail() { echo "font_subset_boundary: $*"; exit 1; }
cat >"$tmp/b.md" <<'MD'
---
title: Font subset boundary
---
# Every character

abcdefghijklmnopqrstuvwxyz ABCDEFGHIJKLMNOPQRSTUVWXYZ 0123456789 . , ; : ! ? ( ) - / ' " % + = @ # & $ \_ \* \[ \] { } ~ \^ | \< \> \\ — – … · « » № ’ ‘ “ ” ° € −

`abcdefghijklmnopqrstuvwxyz ABCDEFGHIJKLMNOPQRSTUVWXYZ 0123456789 . , ; : ! ? ( ) - / ' " % + = @ # & $ _ * [ ] { } ~ ^ | < > \` and `xБДЖЗИКЛПЦЧШЩЪЫЬЭЮЯбвдж`
MD
"$bin" -q --no-chart-files --date 2024-01-01 -o "$tmp/b.pdf" "$tmp/b.md" 2>"$tmp/err" ||
	fail "exit $?: $(cat "$tmp/err")"
qpdf --qdf --object-streams=disable "$tmp/b.pdf" "$tmp/b.qdf"
# the program of the Liberation Mono subset: its /Length1 less the table
# directory (12 + 16 * 13 bytes) and the 4 bytes 'prep' keeps
python3 - "$tmp/b.qdf" <<'PY' || fail "Liberation Mono's subset no longer ends on a 4096-byte boundary"
import re, sys
q = open(sys.argv[1], 'rb').read().decode('latin-1')
for m in re.finditer(r'/FontFile2 (\d+) 0 R', q):
    head = q[q.rfind(' obj', 0, m.start()):q.find('endobj', m.start())]
    if 'LiberationMono' not in head:
        continue
    obj = re.search(r'\n%s 0 obj\n<<(.*?)>>' % m.group(1), q, re.S).group(1)
    size = int(re.search(r'/Length1 (\d+)', obj).group(1)) - 12 - 16 * 13 - 4
    sys.exit(0 if size % 4096 == 0 else 1)
sys.exit(1)
PY
pdftotext "$tmp/b.pdf" - | grep -qF 'xБДЖЗИКЛПЦЧШЩЪЫЬЭЮЯбвдж' || fail "the code span is not in the PDF's text"
# Choosing the letters again: build the spec without the Cyrillic, take
# Liberation Mono's /Length1 L; the letters' glyphs (glyf lengths from the
# font's loca) must add up to (-(L - 220)) mod 4096 bytes.
