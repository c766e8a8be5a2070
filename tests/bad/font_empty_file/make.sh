#!/bin/sh
# fonts/: the four faces, Regular an empty file.
mkdir -p fonts
for f in Bold Italic BoldItalic; do cp ../../../fonts/LiberationSans-$f.ttf fonts/; done
: >fonts/LiberationSans-Regular.ttf
