# mime_message: --mail writes the default briefing as one e-mail message,
# read back by Python's email package (policy.default): no defect anywhere,
# the headers as given, the parts in their places, the text part the
# summary (tests/data/summary/briefing.txt, with the key figures), the HTML's cid: references matching the images' Content-IDs
# exactly, every image a chart PNG of about 1,200 pixels, the PDF attached
# byte for byte as written, CRLF lines of at most 78, under 1 MB; then
# determinism, the Date header, --mail -, the locale, and the exit codes and
# messages of refused input, with nothing written.  formail (procmail) reads
# it as a mail tool would.  $1 = binary, $2 = scratch folder.
set -u
bin=$1
s=$2
fail() { echo "mime_message: $*"; exit 1; }
command -v python3 >/dev/null || fail "python3 is needed"
command -v formail >/dev/null || fail "formail is needed (procmail: make deps)"
unset SOURCE_DATE_EPOCH

from="Aytən Məmmədova <aytan@example.az>"
subject="{{title}}: Беларусь и Азербайджан, ə ğ ı İ ş — {{date}}"
mail() { # mail DIR [options…]: the default briefing and its e-mail into DIR
	d=$1; shift
	mkdir -p "$d"
	"$bin" -q --date 2024-06-14 -o "$d/брифинг-%Y-%m.pdf" --summary "$d/summary.txt" \
		--mail "$d/m.eml" --mail-from "$from" \
		--mail-to "ann@example.org, \"Doe, John\" <john@example.com>" \
		--mail-to "Министерство иностранных дел Республики Беларусь <mfa@example.by>" \
		--mail-cc "Ivan Petrov <ivan.petrov@example.by>" --mail-subject "$subject" \
		"$@" input/briefing.md
}
mail "$s/run" || fail "briefing --mail: exit $?"
pdf=$s/run/брифинг-2024-06.pdf
[ -f "$pdf" ] && [ -f "$s/run/m.eml" ] || fail "no PDF or message: $(ls "$s/run")"
# the summary is the golden (tests/cases/new_summary.sh) but for the PDF's name
sed 's/^PDF: брифинг-2024-06\.pdf /PDF: briefing.pdf /' "$s/run/summary.txt" |
	cmp -s - tests/data/summary/briefing.txt ||
	fail "the summary differs from tests/data/summary/briefing.txt"

python3 - "$s/run/m.eml" "$s/run/summary.txt" "$pdf" "$s/run/charts" <<'EOF' ||
import datetime, email, email.policy, os, re, struct, sys
from email.header import decode_header, make_header

path, text_path, pdf_path, charts = sys.argv[1:]
data = open(path, 'rb').read()
problems = []
def check(ok, what):
    if not ok:
        problems.append(what)

# lines: CRLF only, none over 78 (RFC 5322 allows 998; headers fold at 78,
# base64 and quoted-printable lines have 76), ASCII, no trailing white space
lines = data.split(b'\r\n')
check(lines[-1] == b'', 'the message does not end with CRLF')
check(not any(b'\r' in l or b'\n' in l for l in lines), 'a bare CR or LF')
check(max(len(l) for l in lines) <= 78, 'a line of %d octets' % max(len(l) for l in lines))
check(all(b < 128 for b in data), 'a byte that is not ASCII')
check(not any(l.endswith((b' ', b'\t')) for l in lines), "white space at a line's end")
check(len(data) < 1000000, 'the message has %d bytes, 1 MB or more' % len(data))

msg = email.message_from_bytes(data, policy=email.policy.default)
parts = list(msg.walk())
for p in parts:
    check(not p.defects, '%s: defects %r' % (p.get_content_type(), p.defects))

# headers (display names: see the legacy decoder's note below)
def names(field):
    return [(' '.join(a.display_name.split()), a.addr_spec) for a in msg[field].addresses]
def rfc2047(field):
    # CPython before gh-128110 keeps the white space between two
    # encoded-words of an address header (RFC 2047 6.2 drops it): the
    # legacy decoder follows 6.2
    raw = email.message_from_bytes(data, policy=email.policy.compat32)[field]
    return str(make_header(decode_header(raw.replace('\r\n', ''))))
check(names('From') == [('Aytən Məmmədova', 'aytan@example.az')], 'From: %s' % msg['From'])
check(rfc2047('From') == 'Aytən Məmmədova <aytan@example.az>', 'From: %r' % rfc2047('From'))
to = names('To')
check(to == [('', 'ann@example.org'), ('Doe, John', 'john@example.com'),
             ('Министерство иностранных дел Республики Беларусь', 'mfa@example.by')], 'To: %r' % to)
check(rfc2047('To') == 'ann@example.org, "Doe, John" <john@example.com>, '
      'Министерство иностранных дел Республики Беларусь <mfa@example.by>', 'To: %r' % rfc2047('To'))
check(names('Cc') == [('Ivan Petrov', 'ivan.petrov@example.by')], 'Cc: %s' % msg['Cc'])
check(msg['Subject'] == 'Belarus – Azerbaijan Cooperation: Беларусь и Азербайджан, ə ğ ı İ ş — 14 June 2024',
      'Subject: %r' % msg['Subject'])
check(msg['Date'] == 'Fri, 14 Jun 2024 00:00:00 +0000', 'Date: %s' % msg['Date'])
check(msg['Date'].datetime == datetime.datetime(2024, 6, 14, tzinfo=datetime.timezone.utc), 'Date value')
check(re.fullmatch(r'<[0-9a-f]{32}@example\.az>', msg['Message-ID']), 'Message-ID: %s' % msg['Message-ID'])
check(msg['MIME-Version'] == '1.0', 'MIME-Version')
check(msg['Content-Language'] == 'en', 'Content-Language: %s' % msg['Content-Language'])

# the layout: one image per chart file
pngs = sorted(f for f in os.listdir(charts) if f.endswith('.png'))
types = [p.get_content_type() for p in parts]
want = ['multipart/mixed', 'multipart/alternative', 'text/plain', 'multipart/related',
        'text/html'] + ['image/png'] * len(pngs) + ['application/pdf']
check(len(pngs) == 5, 'charts: %r' % pngs)
check(types == want, 'layout: %r' % types)
check(parts[3].get_param('type') == 'text/html', 'multipart/related without type=text/html')

# the text part: the summary, with the key figures
plain = msg.get_body(preferencelist=('plain',))
text = plain.get_content().replace('\r\n', '\n')
check(plain['Content-Transfer-Encoding'] == 'quoted-printable', 'text not quoted-printable')
check(plain.get_content_charset() == 'utf-8', 'text charset %s' % plain.get_content_charset())
check(text == open(text_path, encoding='utf-8').read(), 'the text part is not the summary')
for fig in ('- Trade turnover in 2021, USD million: 424.4', '- Year diplomatic relations began: 1993',
            '- Tractors assembled in Ganja since 2007 (about, by June 2024): 15,000'):
    check(fig in text.split('\n'), 'no key figure line %r in the text part' % fig)

# the HTML: the cid: references are the images' Content-IDs exactly; plain
# and self-contained (no script, no style sheet, nothing loaded)
html = msg.get_body(preferencelist=('html',)).get_content()
images = [p for p in parts if p.get_content_type() == 'image/png']
cids = [p['Content-ID'] for p in images]
refs = re.findall(r'src="cid:([^"]+)"', html)
check(all(c.startswith('<') and c.endswith('>') for c in cids), 'Content-ID without <>')
check(refs == [c[1:-1] for c in cids], 'cid: %r vs Content-IDs %r' % (refs, cids))
check(len(set(refs)) == len(refs), 'two images share a Content-ID')
check(len(re.findall(r'src="', html)) == len(refs), 'an image not by cid:')
for bad in ('<script', '<style', '<link', '<iframe', '<form', 'url(', 'src="http'):
    check(bad not in html.lower(), 'the HTML has %s' % bad)
check('width="600"' in html, 'the HTML is not 600 pixels wide')
alts = re.findall(r'<img [^>]*alt="([^"]*)"', html)
check(len(alts) == len(refs) and all(a.strip() for a in alts), 'an image without alt text')
check('Exported 60 (58 %); Belarusian Railways enterprises 33 (32 %)' in html,
      'the pie has not its description as alt text')
for s in ('Belarus – Azerbaijan Cooperation', 'Trade, industry and joint projects since 1993',
          '14 June 2024', 'Belarus and Azerbaijan have built their relationship', '424.4',
          'Trade turnover in full years', 'Largest: Exported, 58 % of output',
          'брифинг-2024-06.pdf (9 pages, '):
    check(s in html, 'the HTML lacks %r' % s)

# the images: the chart files' names, PNGs of about 1,200 pixels across,
# palette-encoded (the default briefing's charts all take a palette)
for p in images:
    b = p.get_content()
    check(p.get_content_disposition() == 'inline', '%s is not inline' % p.get_filename())
    check(b[:8] == b'\x89PNG\r\n\x1a\n' and b[12:16] == b'IHDR', '%s is no PNG' % p.get_filename())
    w, h, depth, ctype = struct.unpack('>IIBB', b[16:26])
    check(1150 <= w <= 1250, '%s is %d pixels wide' % (p.get_filename(), w))
    check(ctype == 3, '%s has colour type %d, not a palette' % (p.get_filename(), ctype))
check(sorted(p.get_filename() for p in images) == pngs, 'image names %r' % [p.get_filename() for p in images])

# the attachment: the PDF as written, under its file name
atts = list(msg.iter_attachments())
check(len(atts) == 1, '%d attachments' % len(atts))
check(atts[0].get_content_disposition() == 'attachment', 'PDF not an attachment')
check(atts[0].get_filename() == 'брифинг-2024-06.pdf', 'PDF file name %r' % atts[0].get_filename())
check(atts[0].get_content() == open(pdf_path, 'rb').read(), 'the PDF differs from the one written')

for p in problems:
    print(p)
sys.exit(1 if problems else 0)
EOF
	fail "Python's email package found the problems above"

# formail (procmail) reads the headers as any mail tool would
got=$(formail -c -x Message-ID: <"$s/run/m.eml" | tr -d '\r ')
[ "$got" = "$(grep '^Message-ID:' "$s/run/m.eml" | tr -d '\r' | cut -d' ' -f2)" ] ||
	fail "formail: Message-ID '$got'"
[ "$(formail -c -x Content-Language: <"$s/run/m.eml" | tr -d '\r ')" = en ] ||
	fail "formail: Content-Language"
[ "$(formail -c -x Cc: <"$s/run/m.eml" | tr -d '\r')" = " Ivan Petrov <ivan.petrov@example.by>" ] ||
	fail "formail: Cc"

# Same inputs, same bytes (elsewhere); the same PDF as without --mail, and
# the sources page names no address: the mail options are not recorded.
mail "$s/again" || fail "second run: exit $?"
cmp -s "$s/run/m.eml" "$s/again/m.eml" || fail "two runs differ"
"$bin" -q --date 2024-06-14 -o "$s/plain.pdf" --no-chart-files input/briefing.md || fail "plain run"
cmp -s "$pdf" "$s/plain.pdf" || fail "the PDF differs with --mail"
pdftotext "$pdf" - | grep -q 'example\.\|--mail' && fail "the PDF quotes a mail option"
# --mail - writes the same message to standard output (and -q prints nothing else)
mail "$s/stdout" --mail - >"$s/stdout.eml" || fail "--mail -: exit $?"
cmp -s "$s/run/m.eml" "$s/stdout.eml" || fail "--mail - differs from --mail FILE"
[ ! -e "$s/stdout/m.eml" ] || fail "--mail - wrote a file"
# --mail takes the report date's strftime conversions, as -o does
"$bin" -q --date 2024-06-14 -o "$s/p.pdf" --no-chart-files --mail "$s/pat-%Y-%m.eml" \
	--mail-from a@example.org input/briefing.md || fail "pattern: exit $?"
[ -f "$s/pat-2024-06.eml" ] || fail "--mail pattern gave $(ls "$s")"
# -v says where the message went
"$bin" -v --date 2024-06-14 -o "$s/v.pdf" --no-chart-files --mail "$s/v.eml" --mail-from a@example.org \
	input/briefing.md 2>"$s/v.err" || fail "-v: exit $?"
grep -qx "briefing: wrote $s/v.eml (the e-mail, $(wc -c <"$s/v.eml") bytes)" "$s/v.err" ||
	fail "-v: $(cat "$s/v.err")"
# --no-chart-files: no files, the same message
mail "$s/nofiles" --no-chart-files || fail "--no-chart-files: exit $?"
[ ! -e "$s/nofiles/charts" ] || fail "--no-chart-files wrote chart files"
cmp -s "$s/run/m.eml" "$s/nofiles/m.eml" || fail "--no-chart-files changed the message"

# Date: the report date at midnight UTC, or the run's time when the report
# date is that day (SOURCE_DATE_EPOCH is the clock of a reproducible run)
date_of() { grep '^Date: ' "$1" | tr -d '\r'; }
SOURCE_DATE_EPOCH=1718370000 mail "$s/sde" || fail "SOURCE_DATE_EPOCH run"
[ "$(date_of "$s/sde/m.eml")" = "Date: Fri, 14 Jun 2024 13:00:00 +0000" ] ||
	fail "SOURCE_DATE_EPOCH: $(date_of "$s/sde/m.eml")"
SOURCE_DATE_EPOCH=1718456400 mail "$s/sde2" || fail "SOURCE_DATE_EPOCH run 2"
[ "$(date_of "$s/sde2/m.eml")" = "Date: Fri, 14 Jun 2024 00:00:00 +0000" ] ||
	fail "a report dated the day before: $(date_of "$s/sde2/m.eml")"
# the clock where the run is: the zone's offset, today's date
before=$(TZ=Asia/Baku date +%F)
mkdir -p "$s/now"
TZ=Asia/Baku "$bin" -q --date "$before" -o "$s/now/b.pdf" --no-chart-files --mail "$s/now/m.eml" \
	--mail-from a@example.org input/briefing.md || fail "today's run"
after=$(TZ=Asia/Baku date +%F)
got=$(date_of "$s/now/m.eml")
case $got in
*" +0400") ;;
*) fail "today in Baku: $got" ;;
esac
[ "$before" = "$after" ] && [ "$(TZ=Asia/Baku date -d "${got#Date: }" +%F)" != "$before" ] &&
	fail "today in Baku: $got is not $before"

# The locale: Content-Language and the HTML's language; the subject's
# default is the title and the report date in the briefing's words.
mkdir -p "$s/ru"
"$bin" -q -o "$s/ru/b.pdf" --no-chart-files --mail "$s/ru/m.eml" --mail-from a@example.org \
	tests/regress/locale_ru.md || fail "ru: exit $?"
python3 - "$s/ru/m.eml" <<'EOF' || fail "the Russian message"
import email, email.policy, sys
msg = email.message_from_bytes(open(sys.argv[1], 'rb').read(), policy=email.policy.default)
html = msg.get_body(preferencelist=('html',)).get_content()
ok = (msg['Content-Language'] == 'ru' and '<html lang="ru">' in html
      and msg['Subject'].endswith(' — 28 ноября 2026 г.') and 'Полный текст брифинга во вложении' in html
      and not any(p.defects for p in msg.walk()))
if not ok:
    print(msg['Content-Language'], msg['Subject'])
sys.exit(0 if ok else 1)
EOF

# The front matter's mail keys are the defaults; options win.
sed -e 's/^paper: a4$/paper: a4\nmail-to: Desk <desk@example.org>, ann@example.org\nmail-from: "Briefing, desk" <briefing@example.net>\nmail-subject: Monthly: {{turnover_2021}} in 2021 ({{date}})/' \
	input/briefing.md >"$s/front.md"
cp input/*.csv "$s/"
"$bin" -q -o "$s/front.pdf" --no-chart-files --mail "$s/front.eml" "$s/front.md" ||
	fail "front matter: exit $?"
tr -d '\r' <"$s/front.eml" | grep -qx 'To: Desk <desk@example.org>, ann@example.org' ||
	fail "front matter To: $(grep '^To:' "$s/front.eml")"
tr -d '\r' <"$s/front.eml" | grep -qx 'From: "Briefing, desk" <briefing@example.net>' ||
	fail "front matter From: $(grep '^From:' "$s/front.eml")"
tr -d '\r' <"$s/front.eml" | grep -qx 'Subject: Monthly: 424.4 in 2021 (14 June 2024)' ||
	fail "front matter Subject: $(grep '^Subject:' "$s/front.eml")"
grep -q '^Message-ID: <[0-9a-f]*@example\.net>' "$s/front.eml" || fail "Message-ID's domain"
"$bin" -q -o "$s/front.pdf" --no-chart-files --mail "$s/front.eml" --mail-to x@example.com \
	--mail-from y@example.com --mail-subject 'Hello' "$s/front.md" || fail "options: exit $?"
tr -d '\r' <"$s/front.eml" | grep -qx 'To: x@example.com' || fail "--mail-to does not win"
tr -d '\r' <"$s/front.eml" | grep -qx 'Subject: Hello' || fail "--mail-subject does not win"

# Refused input: the exit code, the message, nothing written.
expect() { # expect CODE MESSAGE -- briefing arguments…
	code=$1 msg=$2; shift 3
	rm -rf "$s/bad" && mkdir "$s/bad"
	"$bin" -q -o "$s/bad/b.pdf" --mail "$s/bad/m.eml" "$@" >/dev/null 2>"$s/err"
	rc=$?
	[ "$rc" = "$code" ] || fail "$*: exit $rc, expected $code ($(cat "$s/err"))"
	[ "$(cat "$s/err")" = "$msg" ] || fail "$*: said '$(cat "$s/err")', expected '$msg'"
	[ -z "$(ls -A "$s/bad")" ] || fail "$*: wrote $(ls -A "$s/bad")"
}
expect 64 "briefing: error: --mail-to: \"ann@@example.org\" is not an e-mail address: '@' is not allowed in the domain" -- \
	--mail-from a@example.org --mail-to "bob@example.org, ann@@example.org" input/briefing.md
expect 64 "briefing: error: --mail-cc: \"Ann, Lee <ann@example.org>\" is not an e-mail address: ',' is not allowed in a display name (put the name in double quotes)" -- \
	--mail-from a@example.org --mail-cc "Ann, Lee <ann@example.org>" input/briefing.md
expect 64 "briefing: error: --mail-from: \"Aytən <aytən@example.az>\" is not an e-mail address: only ASCII is allowed in the address itself (an internationalised domain goes in its xn-- form)" -- \
	--mail-from "Aytən <aytən@example.az>" input/briefing.md
expect 64 "briefing: error: --mail-to names no e-mail address" -- \
	--mail-from a@example.org --mail-to " , " input/briefing.md
expect 64 "briefing: error: --mail needs a sender: give --mail-from or mail-from: in the spec's front matter" -- \
	input/briefing.md
expect 64 "briefing: error: --mail-subject: undefined value \"nope\"" -- \
	--mail-from a@example.org --mail-subject "{{title}} {{nope}}" input/briefing.md
expect 64 "briefing: error: --mail-subject: the subject has a control character (U+000A)" -- \
	--mail-from a@example.org --mail-subject "Hello
Bcc: victim@example.org" input/briefing.md
expect 64 "briefing: error: --summary - and --mail - would both write to standard output
Try 'briefing --help'." -- \
	--summary - --mail - --mail-from a@example.org input/briefing.md
expect 64 "briefing: error: --mail $s/bad/b.pdf and -o $s/bad/b.pdf name the same file" -- \
	--mail "$s/bad/b.pdf" --mail-from a@example.org input/briefing.md
# --check checks the e-mail too
"$bin" -q --check --mail - input/briefing.md 2>"$s/err" && fail "--check without a sender passed"
[ "$(cat "$s/err")" = "briefing: error: --mail needs a sender: give --mail-from or mail-from: in the spec's front matter" ] ||
	fail "--check: $(cat "$s/err")"
# the front matter's keys: errors at their line and column, exit 65
for k in "mail-to: a@example.org, ann@@example.org|8:29|mail-to: \"ann@@example.org\" is not an e-mail address: '@' is not allowed in the domain" \
	 "mail-from: Ann, Lee <a@example.org>|8:15|mail-from: \"Ann, Lee <a@example.org>\" is not an e-mail address: ',' is not allowed in a display name (put the name in double quotes)" \
	 "mail-subject: {{title}} and {{nope}}|8:29|undefined value \"nope\""; do
	line=${k%%|*} rest=${k#*|}
	sed -e "s/^paper: a4\$/paper: a4\n$line/" input/briefing.md >"$s/badfront.md"
	expect 65 "$s/badfront.md:${rest%%|*}: error: ${rest#*|}" -- --mail-from a@example.org "$s/badfront.md"
	"$bin" -q --check "$s/badfront.md" 2>"$s/err" && fail "--check passed $line"
done
echo "mime_message: ok ($(wc -c <"$s/run/m.eml") bytes, $(grep -c '^Content-Type: image/png' "$s/run/m.eml") images)"
