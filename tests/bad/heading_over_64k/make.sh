#!/bin/sh
# spec.md: a setext heading of four 18,000-byte lines (72,000 bytes: libharu
# refuses outline titles over 65,535), made here rather than committed.
[ -f spec.md ] && exit 0
awk 'BEGIN { printf "---\ntitle: Bad input\n---\n";
	for (j = 0; j < 4; j++) { for (i = 0; i < 3000; i++) printf "word%d ", i % 10; printf "\n" }
	print "==="; print ""; print "Text." }' >spec.md
