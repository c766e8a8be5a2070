#!/bin/sh
# fonts/: the family's four faces, but not the monospaced ones (a fonts
# folder from before code was set in Liberation Mono).
mkdir -p fonts
for f in Regular Bold Italic BoldItalic; do cp ../../../fonts/LiberationSans-$f.ttf fonts/; done
