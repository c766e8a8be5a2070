# briefing — one hand-written Makefile.  `make run` and `make test` are the whole
# set-up on a fresh Debian machine: both call `make deps` first.

PREFIX  ?= /usr/local
DESTDIR ?=
CC      ?= cc
VERSION := 0.1.0

# B is the build folder: build/ for the normal build, build-asan/ for the
# sanitizer build of the same sources (see check-asan).
B       ?= build
CFLAGS  ?= -O2 -g
LDFLAGS ?=
PKGS    := cairo freetype2 libpng md4c inih
WARN    := -std=c11 -D_GNU_SOURCE -Wall -Wextra -Wshadow -Wstrict-prototypes \
	   -Wno-missing-field-initializers -Werror
ALL_CFLAGS = $(WARN) -Iinclude $(shell pkg-config --cflags $(PKGS) 2>/dev/null) \
	     -DBRIEFING_VERSION='"$(VERSION)"' $(CFLAGS)
LIBS     = $(shell pkg-config --libs $(PKGS) 2>/dev/null) -lcsv -lhpdf -lm
CMOCKA   = $(shell pkg-config --cflags --libs cmocka 2>/dev/null)

MODULES  := diag num utf8 date data spec fonts scene render_pdf render_cairo chart chart_text chart_ticks chart_pie chart_axes chart_line textflow layout layout_block layout_table outfile layout_chart
LIB_OBJS := $(MODULES:%=$(B)/%.o)
UNITS    := $(patsubst tests/unit/%.c,%,$(wildcard tests/unit/test_*.c))
HEADERS  := $(wildcard include/*.h src/*.h)

# Debian packages needed to build, run and test (checked by `make deps`).
DEB_PKGS := gcc make pkg-config libhpdf-dev libcairo2-dev libcsv-dev libmd4c-dev \
	    libinih-dev libpng-dev libcmocka-dev fonts-liberation2 poppler-utils qpdf mupdf-tools \
	    librsvg2-bin locales

# The fonts the PDF embeds, copied from Debian's fonts-liberation2 (see fonts/README.md).
FONT_SRC := /usr/share/fonts/truetype/liberation2
FONTS    := $(addprefix fonts/LiberationSans-,Regular.ttf Bold.ttf Italic.ttf BoldItalic.ttf)

SAN_FLAGS := -O1 -g -fsanitize=address,undefined -fno-omit-frame-pointer \
	     -fno-sanitize-recover=all

.PHONY: all deps run test check-unit check-regress check-asan units clean

all: briefing $(FONTS)

briefing: $(B)/briefing
	cp $< $@

$(B)/briefing: $(B)/main.o $(LIB_OBJS)
	$(CC) $(ALL_CFLAGS) -o $@ $^ $(LIBS) $(LDFLAGS)

$(B)/%.o: src/%.c $(HEADERS)
	@mkdir -p $(B)
	$(CC) $(ALL_CFLAGS) -c -o $@ $<

$(B)/tests/%: tests/unit/%.c $(LIB_OBJS) tests/unit/testutil.h
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

check-unit: units
	@for t in $(UNITS); do ./$(B)/tests/$$t || exit 1; done

check-regress: $(B)/briefing $(FONTS)
	@sh tests/regress.sh ./$(B)/briefing

# The whole suite again under AddressSanitizer and UndefinedBehaviorSanitizer.
check-asan: $(FONTS)
	$(MAKE) B=build-asan CFLAGS="$(SAN_FLAGS)" LDFLAGS="-fsanitize=address,undefined" \
	  build-asan/briefing units check-unit check-regress

test: deps
	$(MAKE) all
	$(MAKE) check-unit
	$(MAKE) check-regress
	$(MAKE) check-asan
	@echo "make test: all suites passed"

clean:
	rm -rf build build-asan briefing
