#!/bin/sh
# fonts/: the six faces, Regular an empty file.
mkdir -p fonts
cp ../../../fonts/LiberationMono-*.ttf fonts/ # the monospaced faces, as they are
for f in Bold Italic BoldItalic; do cp ../../../fonts/LiberationSans-$f.ttf fonts/; done
: >fonts/LiberationSans-Regular.ttf
