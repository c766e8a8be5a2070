#!/bin/sh
# fonts/: the six faces, Bold cut to its first 3000 bytes (a damaged file;
# a mode-000 file would not stop root).
mkdir -p fonts
cp ../../../fonts/LiberationMono-*.ttf fonts/ # the monospaced faces, as they are
for f in Regular Italic BoldItalic; do cp ../../../fonts/LiberationSans-$f.ttf fonts/; done
head -c 3000 ../../../fonts/LiberationSans-Bold.ttf >fonts/LiberationSans-Bold.ttf
