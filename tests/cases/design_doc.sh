#!/bin/sh
# doc/DESIGN.md stays true: it names every source file and header (src/*.c,
# src/*.h, include/*.h), and every such path it names exists.  Nothing in
# the project refers to files outside the repository: not the team's shared
# folder (/work/shared, shared/STYLE.md, shared/facts.md …), and no DESIGN or
# LOOK notes but those in doc/.
set -u
fail=0
for f in src/*.c src/*.h include/*.h; do
	grep -q "$f" doc/DESIGN.md || { echo "design_doc: doc/DESIGN.md does not name $f"; fail=1; }
done
for f in $(grep -oE '(src|include)/[a-z0-9_]+\.[ch]' doc/DESIGN.md | sort -u); do
	[ -f "$f" ] || { echo "design_doc: doc/DESIGN.md names $f, which does not exist"; fail=1; }
done
[ -f doc/LOOK.md ] || { echo "design_doc: no doc/LOOK.md"; fail=1; }
# references that leave the repository
if grep -rnE '/work/shared|shared/(LOOK|DESIGN|STYLE|facts|testdata|tools|hooks)' --include='*.c' --include='*.h' \
	--include='*.sh' --include='*.md' --include=Makefile --include='*.1' \
	src include tests Makefile README.md briefing.1 doc fonts input 2>/dev/null |
	grep -v '^tests/cases/design_doc.sh:'; then
	echo "design_doc: a reference to files outside the repository"; fail=1
fi
if grep -rnE '(LOOK|DESIGN)\.md' src include tests README.md | grep -v 'tests/cases/design_doc.sh' |
	grep -vE 'doc/(LOOK|DESIGN)\.md|\]\((LOOK|DESIGN)\.md\)'; then
	echo "design_doc: LOOK.md or DESIGN.md cited without its folder (doc/)"; fail=1
fi
[ "$fail" = 0 ] && echo "design_doc: $(ls src/*.c src/*.h include/*.h | wc -l) files, all named"
[ "$fail" = 0 ]
