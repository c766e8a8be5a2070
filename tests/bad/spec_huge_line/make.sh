#!/bin/sh
# spec.md: front matter, then a 10 MB line of text (the limit is 64 KiB),
# made here rather than committed.
awk 'BEGIN { printf "---\ntitle: Bad input\n---\n# Long\n\n"; for (i = 0; i < 1000000; i++) printf "word word "; print "" }' >spec.md
