# briefing — one hand-written Makefile.  `make run` and `make test` are the whole
# set-up on a fresh Debian machine: both call `make deps` first.

PREFIX  ?= /usr/local
DESTDIR ?=
BINDIR  := $(PREFIX)/bin
MANDIR  := $(PREFIX)/share/man/man1
# The fonts and the template briefing (`briefing --new`).  The program looks
# here as ../share/briefing beside its own binary first, so a tree installed
# with DESTDIR and moved, or one PREFIX built and another installed, works.
DATADIR := $(PREFIX)/share/briefing
CC      ?= cc
VERSION := 0.1.0

# B is the build folder: build/ for the normal build, build-asan/ for the
# sanitizer build of the same sources (see check-asan).
B       ?= build
CFLAGS  ?= -O2 -g
LDFLAGS ?=
PKGS    := cairo freetype2 libpng md4c inih libcrypto zlib
WARN    := -std=c11 -D_GNU_SOURCE -Wall -Wextra -Wshadow -Wstrict-prototypes \
	   -Wno-missing-field-initializers -Werror
ALL_CFLAGS = $(WARN) -Iinclude $(shell pkg-config --cflags $(PKGS) 2>/dev/null) \
	     -DBRIEFING_VERSION='"$(VERSION)"' -DBRIEFING_DATADIR='"$(DATADIR)"' $(CFLAGS)
LIBS     = $(shell pkg-config --libs $(PKGS) 2>/dev/null) -lcsv -lhpdf -lm -pthread
CMOCKA   = $(shell pkg-config --cflags --libs cmocka 2>/dev/null)

MODULES  := diag num lang utf8 strbuf slug date strset query data data_ctx data_input data_open data_source data_feed data_split data_dialect data_rows data_header data_dict data_loc data_result data_pipe doc spec spec_src spec_md spec_inline spec_fence spec_kv spec_keys spec_front spec_values spec_table spec_chart spec_figures spec_dataset spec_placeholder spec_anchor spec_expand fonts scene render_pdf render_cairo chart chart_text chart_ticks chart_pie chart_axes chart_line textflow layout layout_block layout_table outfile layout_chart layout_cover layout_nav layout_sources layout_tiles pipeline layout_draw layout_page layout_style hpdf_fix sha256 summary template chartfiles cpus slurp grow samefile outfile_check outfile_stale mime mime_encode mime_addr expr expr_set numfmt period period_ticks
LIB_OBJS := $(MODULES:%=$(B)/%.o)
UNITS    := $(patsubst tests/unit/%.c,%,$(wildcard tests/unit/test_*.c))
HEADERS  := $(wildcard include/*.h src/*.h)

# Debian packages needed to build, run and test (checked by `make deps`).
DEB_PKGS := gcc make pkg-config libhpdf-dev libcairo2-dev libcsv-dev libmd4c-dev \
	    libinih-dev libpng-dev libssl-dev zlib1g-dev libcmocka-dev fonts-liberation2 poppler-utils qpdf \
	    mupdf-tools librsvg2-bin locales valgrind clang libclang-rt-14-dev mandoc groff-base \
	    python3

# The fonts the PDF embeds, copied from Debian's fonts-liberation2 (see fonts/README.md).
FONT_SRC := /usr/share/fonts/truetype/liberation2
FONTS    := $(addprefix fonts/LiberationSans-,Regular.ttf Bold.ttf Italic.ttf BoldItalic.ttf)

SAN_FLAGS := -O1 -g -fsanitize=address,undefined -fno-omit-frame-pointer \
	     -fno-sanitize-recover=all

.PHONY: all deps run test install uninstall check-unit check-regress check-asan units clean \
	test-tools check-build-unchanged

all: briefing $(FONTS)

briefing: $(B)/briefing
	cp $< $@

$(B)/briefing: $(B)/main.o $(LIB_OBJS)
	$(CC) $(ALL_CFLAGS) -o $@ $^ $(LIBS) $(LDFLAGS)

$(B)/%.o: src/%.c $(HEADERS)
	@mkdir -p $(B)
	$(CC) $(ALL_CFLAGS) -c -o $@ $<

$(B)/tests/%: tests/unit/%.c $(LIB_OBJS) $(wildcard tests/unit/*.h)
	@mkdir -p $(B)/tests
	$(CC) $(ALL_CFLAGS) -o $@ $< $(LIB_OBJS) $(CMOCKA) $(LIBS) $(LDFLAGS)

units: $(UNITS:%=$(B)/tests/%)

fonts/%.ttf:
	@test -f $(FONT_SRC)/$*.ttf || { echo "missing $(FONT_SRC)/$*.ttf: run make deps"; exit 1; }
	cp $(FONT_SRC)/$*.ttf $@

# Check every dependency; install what is missing with apt-get when we can,
# else print the exact command and fail.
deps:
	@missing=""; for p in $(DEB_PKGS); do \
	  dpkg-query -W -f='$${Status}' $$p 2>/dev/null | grep -q 'ok installed' \
	    || missing="$$missing $$p"; done; \
	if [ -z "$$missing" ]; then exit 0; fi; \
	echo "make deps: missing Debian packages:$$missing"; \
	if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing; \
	else \
	  echo "make deps: cannot install them here; run:"; \
	  echo "  sudo apt-get update && sudo apt-get install -y$$missing"; exit 1; \
	fi

run: deps
	$(MAKE) all
	./briefing input/briefing.md

# Test helpers (tests/tools/): pngprobe reads chart PNGs for the chart file
# checks; failwrite.so is an LD_PRELOAD shim whose write() fails after N
# bytes (a full disk, an I/O error) for tests/cases/atomic_output.sh.  Built
# with plain flags even in the sanitizer build: a preloaded shim must not
# need libasan.
TOOLS       := $(B)/tools
TOOL_CFLAGS := $(WARN) -O2 -g

test-tools: $(TOOLS)/pngprobe $(TOOLS)/failwrite.so

$(TOOLS)/pngprobe: tests/tools/pngprobe.c
	@mkdir -p $(TOOLS)
	$(CC) $(TOOL_CFLAGS) $(shell pkg-config --cflags libpng 2>/dev/null) -o $@ $< \
	  $(shell pkg-config --libs libpng 2>/dev/null)

$(TOOLS)/failwrite.so: tests/tools/failwrite.c
	@mkdir -p $(TOOLS)
	$(CC) $(TOOL_CFLAGS) -shared -fPIC -o $@ $< -ldl

# Tests run without make's variables in their environment: a make started
# as `make B=build-asan CFLAGS=...` (check-asan) exports those, and
# MAKEFLAGS, to every command it runs, so a test that ran make would build
# the sanitizer binary where the plain one belongs.
TEST_ENV := env -u MAKEFLAGS -u MFLAGS -u MAKELEVEL -u MAKEOVERRIDES -u B -u CFLAGS \
	    -u LDFLAGS -u CC BRIEFING_TEST_TOOLS=$(CURDIR)/$(TOOLS)

# Every test program runs, then the target fails if any failed (or skipped
# a test: make deps installs all they need).
check-unit: units
	@failed=""; for t in $(UNITS); do \
	  $(TEST_ENV) ./$(B)/tests/$$t >$(B)/tests/$$t.log 2>&1 || failed="$$failed $$t"; \
	  cat $(B)/tests/$$t.log; \
	  if grep -q '^\[  SKIPPED \]' $(B)/tests/$$t.log; then failed="$$failed $$t(skipped)"; fi; \
	done; \
	if [ -n "$$failed" ]; then echo "check-unit: failed:$$failed"; exit 1; fi; \
	echo "check-unit: all $(words $(UNITS)) test programs passed"

# tests/cases/mime_message.sh finds its test program beside the binary.
check-regress: $(B)/briefing $(FONTS) test-tools $(B)/tests/mime_sample
	@$(TEST_ENV) sh tests/regress.sh ./$(B)/briefing

# The whole suite again under AddressSanitizer and UndefinedBehaviorSanitizer.
check-asan: $(FONTS)
	$(MAKE) B=build-asan CFLAGS="$(SAN_FLAGS)" LDFLAGS="-fsanitize=address,undefined" \
	  build-asan/briefing units check-unit check-regress

# Memcheck: the default briefing and four regression specs (dialects.md
# through zlib and iconv), then three
# failing runs (error paths free what they made too), under valgrind: no
# error and no byte definitely lost.  A failing run must exit with the code
# its case expects (tests/bad/NAME/expected): valgrind's own verdict is exit
# 99, and a run killed by a signal or exiting 0 is as wrong.
VALGRIND := valgrind -q --leak-check=full --errors-for-leak-kinds=definite \
	    --show-leak-kinds=definite
VG_SPECS := input/briefing.md tests/regress/charts.md tests/regress/blocks.md tests/regress/locale_ru.md \
	    tests/regress/dialects.md
VG_BAD   := tests/bad/pie_negative tests/bad/unknown_column tests/bad/output_not_writable
.PHONY: check-valgrind
check-valgrind: $(B)/briefing $(FONTS)
	@rm -rf $(B)/vg && mkdir -p $(B)/vg; export BRIEFING_FONTS=$(CURDIR)/fonts; \
	for s in $(VG_SPECS); do \
	  $(VALGRIND) --error-exitcode=1 ./$(B)/briefing -q --date 2022-06-14 \
	    -o $(B)/vg/out.pdf --charts $(B)/vg/charts $$s || { echo "check-valgrind: $$s"; exit 1; }; \
	done; \
	for c in $(VG_BAD); do \
	  want=$$(sed -n 1p $$c/expected); \
	  $(VALGRIND) --error-exitcode=99 ./$(B)/briefing -q -o $(B)/vg/bad.pdf \
	    $$(cat $$c/args 2>/dev/null) $$c/spec.md 2>$(B)/vg/err; \
	  rc=$$?; \
	  if [ "$$rc" != "$$want" ]; then cat $(B)/vg/err; \
	    echo "check-valgrind: $$c: exit $$rc, expected $$want"; exit 1; fi; \
	done; \
	echo "check-valgrind: $(words $(VG_SPECS)) runs and $(words $(VG_BAD)) failing runs:" \
	  "0 errors, 0 bytes definitely lost"

# libFuzzer harnesses (tests/fuzz/fuzz_*.c), built with clang into
# build-fuzz/ (library objects with coverage).  make fuzz runs each for
# FUZZ_SECONDS on a scratch corpus seeded from tests/fuzz/corpus/NAME/; a
# crash stops it (the input is in build-fuzz/crashes/: fix the bug, then keep
# the input in tests/fuzz/regressions/NAME/).
FUZZERS      := fuzz_csv fuzz_spec fuzz_num fuzz_chart fuzz_expr fuzz_split
FUZZ_SECONDS ?= 60
FUZZ_CFLAGS  := -O1 -g -fsanitize=fuzzer-no-link,address,undefined \
		-fno-omit-frame-pointer -fno-sanitize-recover=all
.PHONY: fuzz fuzzers check-fuzz-regressions

$(B)/fuzz/fuzz_%: tests/fuzz/fuzz_%.c $(LIB_OBJS)
	@mkdir -p $(B)/fuzz
	$(CC) $(ALL_CFLAGS) -fsanitize=fuzzer -o $@ $< $(LIB_OBJS) $(LIBS) $(LDFLAGS)

# The same harness with tests/fuzz/replay.c's main() in place of libFuzzer.
$(B)/fuzz/replay_%: tests/fuzz/fuzz_%.c tests/fuzz/replay.c $(LIB_OBJS)
	@mkdir -p $(B)/fuzz
	$(CC) $(ALL_CFLAGS) -o $@ $< tests/fuzz/replay.c $(LIB_OBJS) $(LIBS) $(LDFLAGS)

fuzzers: $(FONTS)
	$(MAKE) B=build-fuzz CC=clang CFLAGS="$(FUZZ_CFLAGS)" \
	  LDFLAGS="-fsanitize=address,undefined" $(FUZZERS:%=build-fuzz/fuzz/%)

fuzz: deps
	$(MAKE) fuzzers
	@export BRIEFING_FONTS=$(CURDIR)/fonts; mkdir -p build-fuzz/crashes; \
	for f in $(FUZZERS); do \
	  mkdir -p build-fuzz/corpus/$$f; \
	  dict=; [ -f tests/fuzz/$$f.dict ] && dict=-dict=tests/fuzz/$$f.dict; \
	  ./build-fuzz/fuzz/$$f -max_total_time=$(FUZZ_SECONDS) -timeout=10 \
	    -rss_limit_mb=2048 -print_final_stats=1 $$dict \
	    -artifact_prefix=build-fuzz/crashes/$$f- \
	    build-fuzz/corpus/$$f tests/fuzz/corpus/$$f >build-fuzz/$$f.log 2>&1 \
	  || { tail -50 build-fuzz/$$f.log; echo "make fuzz: $$f failed: input in build-fuzz/crashes/"; \
	       exit 1; }; \
	  echo "$$f: $(FUZZ_SECONDS) s, $$(sed -n 's/^stat::number_of_executed_units: *//p' \
	    build-fuzz/$$f.log) executions, no crash"; \
	done

# Every past finding (tests/fuzz/regressions/NAME/) and the committed corpus
# replayed through the harnesses under ASan + UBSan, built with gcc and
# replay.c (no clang needed): part of make test.  Each harness must have
# inputs in both folders, and every one of them must have been replayed.
check-fuzz-regressions: $(FONTS)
	$(MAKE) B=build-asan CFLAGS="$(SAN_FLAGS)" LDFLAGS="-fsanitize=address,undefined" \
	  $(FUZZERS:fuzz_%=build-asan/fuzz/replay_%)
	@for f in $(FUZZERS); do \
	  nreg=$$(ls tests/fuzz/regressions/$$f 2>/dev/null | wc -l); \
	  ncorp=$$(ls tests/fuzz/corpus/$$f 2>/dev/null | wc -l); \
	  if [ "$$nreg" -lt 1 ] || [ "$$ncorp" -lt 1 ]; then \
	    echo "check-fuzz-regressions: $$f has $$nreg regression and $$ncorp corpus inputs;" \
	      "each folder needs at least one"; exit 1; fi; \
	  out=$$(BRIEFING_FONTS=$(CURDIR)/fonts ./build-asan/fuzz/replay_$${f#fuzz_} \
	    tests/fuzz/regressions/$$f tests/fuzz/corpus/$$f) || exit 1; \
	  echo "$$out"; \
	  if [ "$${out##*: }" != "$$((nreg + ncorp)) inputs replayed" ]; then \
	    echo "check-fuzz-regressions: $$f: expected $$((nreg + ncorp)) inputs replayed"; exit 1; fi; \
	done

# The build outputs no test may change: ./briefing and build/.  make test
# records them after building and checks them again at the end.
BUILD_OUTPUTS = briefing $(B)/briefing $(B)/main.o $(LIB_OBJS)

test: deps
	$(MAKE) all
	@sha256sum $(BUILD_OUTPUTS) >$(B)/build-outputs.sha256
	$(MAKE) check-unit
	$(MAKE) check-regress
	$(MAKE) check-asan
	$(MAKE) check-fuzz-regressions
	$(MAKE) check-valgrind
	$(MAKE) check-build-unchanged
	@echo "make test: all suites passed"

# ./briefing and build/ are as make test's build left them (no test rebuilt,
# replaced or installed over them), and ./briefing is the plain build, not
# the sanitizer one.
check-build-unchanged:
	@test -f $(B)/build-outputs.sha256 || { echo "check-build-unchanged: run make test"; exit 1; }
	@sha256sum --quiet -c $(B)/build-outputs.sha256 || \
	  { echo "check-build-unchanged: a test changed ./briefing or $(B)/ (above)"; exit 1; }
	@if ldd ./briefing | grep -E 'lib(a|ub)san'; then \
	  echo "check-build-unchanged: ./briefing is the sanitizer build"; exit 1; fi
	@echo "check-build-unchanged: ./briefing and $(B)/ are the plain build make test started with"

# make bench: the performance figures of issue 6 (tests/bench/run.sh writes
# tests/bench/RESULTS.md).  Not part of make test.  The 10-million-row CSV is
# generated once into tests/bench/trade-10m.csv (git-ignored, about 540 MB),
# and compressed once into tests/bench/trade-10m.csv.gz (issue 14, ignored too).
.PHONY: bench
BENCH_TOOLS := $(B)/bench/gen $(B)/bench/floor $(B)/bench/runner

$(B)/bench/%: tests/bench/%.c
	@mkdir -p $(B)/bench
	$(CC) $(WARN) $(CFLAGS) -o $@ $< $(if $(filter floor,$*),-lcsv) $(LDFLAGS)

bench: $(B)/briefing $(FONTS) $(BENCH_TOOLS)
	@sh tests/bench/run.sh ./$(B)/briefing $(B)/bench

TEMPLATE := input/briefing.md $(wildcard input/*.csv)

# The binary, its man page, the fonts and the template briefing (input/).
install: all
	install -d $(DESTDIR)$(BINDIR) $(DESTDIR)$(MANDIR) $(DESTDIR)$(DATADIR)/fonts \
		$(DESTDIR)$(DATADIR)/template
	install -m 755 briefing $(DESTDIR)$(BINDIR)/briefing
	install -m 644 briefing.1 $(DESTDIR)$(MANDIR)/briefing.1
	install -m 644 $(FONTS) fonts/README.md $(DESTDIR)$(DATADIR)/fonts/
	install -m 644 $(TEMPLATE) $(DESTDIR)$(DATADIR)/template/

uninstall:
	rm -f $(DESTDIR)$(BINDIR)/briefing $(DESTDIR)$(MANDIR)/briefing.1
	rm -f $(addprefix $(DESTDIR)$(DATADIR)/fonts/,$(notdir $(FONTS)) README.md)
	rm -f $(addprefix $(DESTDIR)$(DATADIR)/template/,$(notdir $(TEMPLATE)))
	-rmdir $(DESTDIR)$(DATADIR)/fonts $(DESTDIR)$(DATADIR)/template $(DESTDIR)$(DATADIR)

# make pictures: the README's two pictures of the default briefing, its cover
# and the first page with charts, rendered small from the real PDF
# (committed; run again when the look changes).
.PHONY: pictures
PICTURE_DPI := 50
pictures: briefing $(FONTS)
	@mkdir -p $(B)/pictures doc
	./briefing -q --no-chart-files -o $(B)/pictures/briefing.pdf input/briefing.md
	pdftoppm -r $(PICTURE_DPI) -png -singlefile -f 1 -l 1 $(B)/pictures/briefing.pdf doc/cover
	@n=$$(pdfinfo $(B)/pictures/briefing.pdf | awk '/^Pages:/ { print $$2 }'); p=2; \
	while [ $$p -le $$n ] && ! pdftotext -f $$p -l $$p $(B)/pictures/briefing.pdf - | \
	  grep -Eq '^Sources?: '; do p=$$((p + 1)); done; \
	[ $$p -le $$n ] || { echo "make pictures: no page with a chart"; exit 1; }; \
	echo "pdftoppm page $$p"; \
	pdftoppm -r $(PICTURE_DPI) -png -singlefile -f $$p -l $$p $(B)/pictures/briefing.pdf doc/charts
	@ls -l doc/cover.png doc/charts.png

clean:
	rm -rf build build-asan build-fuzz briefing
