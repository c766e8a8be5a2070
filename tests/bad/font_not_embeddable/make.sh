#!/bin/sh
# fonts/: the six faces, BoldItalic with its OS/2 fsType set to 2
# ("restricted licence: no embedding"): FreeType reads it, libharu refuses to
# embed it.  Layout loads a face only when the text uses it, so the failure
# comes when the first bold italic word is measured.
mkdir -p fonts
cp ../../../fonts/LiberationMono-*.ttf fonts/ # the monospaced faces, as they are
for f in Regular Bold Italic; do cp ../../../fonts/LiberationSans-$f.ttf fonts/; done
src=../../../fonts/LiberationSans-BoldItalic.ttf
# the table directory entry of OS/2 gives its offset; fsType is at +8
n=$(od -An -tu1 -j4 -N2 "$src" | awk '{ print $1 * 256 + $2 }')
off=
i=0
while [ "$i" -lt "$n" ]; do
	e=$((12 + 16 * i))
	tag=$(dd if="$src" bs=1 skip="$e" count=4 2>/dev/null)
	if [ "$tag" = "OS/2" ]; then
		off=$(od -An -tu1 -j$((e + 8)) -N4 "$src" |
			awk '{ print ((($1 * 256 + $2) * 256 + $3) * 256 + $4) }')
		break
	fi
	i=$((i + 1))
done
[ -n "$off" ] || exit 1
cp "$src" fonts/LiberationSans-BoldItalic.ttf
printf '\000\002' | dd of=fonts/LiberationSans-BoldItalic.ttf bs=1 seek=$((off + 8)) conv=notrunc 2>/dev/null
