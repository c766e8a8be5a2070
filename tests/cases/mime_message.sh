# mime_message: one whole e-mail message made by src/mime*.c from the
# default briefing's own PDF and chart PNGs, read back by Python's email
# package (policy.default): no defect anywhere, the headers as given, every
# part byte for byte, the HTML's cid: references matching the images'
# Content-IDs exactly, CRLF lines of at most 78; then determinism, and the
# exit codes and messages of refused input.  formail reads it too when
# procmail is installed.
#
# The message is made by the test program mime_sample (tests/unit/
# mime_sample.c), which `make check-regress` builds beside the binary:
# BIN's folder/tests/mime_sample (build/ or build-asan/), or build/tests/
# for a BIN outside a build folder (./briefing).
# $1 = binary, $2 = scratch folder.
set -u
bin=$1
s=$2
fail() { echo "mime_message: $*"; exit 1; }

sample=$(dirname "$bin")/tests/mime_sample
[ -x "$sample" ] || sample=build/tests/mime_sample
[ -x "$sample" ] || fail "no $(dirname "$bin")/tests/mime_sample: run make $(dirname "$bin")/tests/mime_sample"
command -v python3 >/dev/null || fail "python3 is needed"

# The real outputs of a run: the PDF and its chart PNGs.
mkdir -p "$s/run"
"$bin" -q --date 2024-06-14 -o "$s/run/briefing.pdf" input/briefing.md ||
	fail "briefing: exit $?"
pngs=$(ls "$s/run/charts/"*.png) && [ -n "$pngs" ] || fail "no chart PNGs in $s/run/charts"

# Text with what quoted-printable must get right: '=' signs, trailing
# spaces and tabs, a line far over 76, "From " and "." at a line's start,
# Cyrillic and Azerbaijani letters.
printf '%s\n' "Belarus – Azerbaijan Cooperation" "Report date: 14 June 2024" "" \
	"Key figures = the headline numbers   " \
	"- Товарооборот в 2021 году, млн долларов США: 424,4	" \
	"- Azərbaycan ilə ticarət dövriyyəsi: ə ğ ı İ ş Ə Ğ I İ Ş" \
	"From the annex:" "." \
	"$(printf 'a long line of words %.0s' 1 2 3 4 5 6 7 8 9 10)ending here" >"$s/text.txt"
# The HTML names every chart by cid: the first by a Content-ID given, the
# others by the ones derived from their bytes (32 hex digits of SHA-256).
{
	printf '<!DOCTYPE html>\n<html lang="az"><body style="margin:0">\n'
	printf '<table width="600" role="presentation"><tr><td><h1>Беларусь – Azərbaycan</h1>\n'
	n=0
	for p in $pngs; do
		n=$((n + 1))
		if [ $n = 1 ]; then cid=chart-1.png@briefing
		else cid=$(sha256sum "$p" | cut -c1-32)@briefing; fi
		printf '<p><img src="cid:%s" width="600" alt="chart %d"></p>\n' "$cid" $n
	done
	printf '<p>The briefing is attached: briefing.pdf.</p></td></tr></table></body></html>\n'
} >"$s/body.html"
set -- --from "Aytən Məmmədova <aytan@example.az>" \
	--to "ann@example.org" --to '"Doe, John" <john@example.com>' \
	--to "Министерство иностранных дел Республики Беларусь <mfa@example.by>" \
	--cc "Ivan Petrov <ivan.petrov@example.by>" \
	--subject "Belarus – Azerbaijan Cooperation: Беларусь и Азербайджан, ə ğ ı İ ş — 14 June 2024" \
	--date 2024-06-14 --lang az --text "$s/text.txt" --html "$s/body.html" \
	--attach "application/pdf,$s/run/briefing.pdf,брифинг-2024-06.pdf"
n=0
for p in $pngs; do
	n=$((n + 1))
	if [ $n = 1 ]; then cid=chart-1.png@briefing; else cid=-; fi
	set -- "$@" --inline "$cid,image/png,$p,$(basename "$p")"
done
"$sample" -o "$s/m.eml" "$@" || fail "mime_sample: exit $?"

python3 - "$s/m.eml" "$s/text.txt" "$s/body.html" "$s/run/briefing.pdf" $pngs <<'EOF' ||
import datetime, email, email.policy, re, sys
from email.header import decode_header, make_header

path, text_path, html_path, pdf_path, *png_paths = sys.argv[1:]
data = open(path, 'rb').read()
problems = []
def check(ok, what):
    if not ok:
        problems.append(what)

# lines: CRLF only, none over 78 (RFC 5322 2.1.1 allows 998; headers fold
# at 78, base64 and quoted-printable lines have 76)
lines = data.split(b'\r\n')
check(lines[-1] == b'', 'the message does not end with CRLF')
check(not any(b'\r' in l or b'\n' in l for l in lines), 'a bare CR or LF')
check(max(len(l) for l in lines) <= 78, 'a line of %d octets' % max(len(l) for l in lines))
check(all(b < 128 for b in data), 'a byte that is not ASCII')
# RFC 2045 6.7 (3): decoders delete white space at a line's end, so the
# encoder must leave none (Python's decoder keeps it: check it here)
check(not any(l.endswith((b' ', b'\t')) for l in lines), "white space at a line's end")

msg = email.message_from_bytes(data, policy=email.policy.default)
parts = list(msg.walk())
for p in parts:
    check(not p.defects, '%s: defects %r' % (p.get_content_type(), p.defects))

# headers
check(msg['From'].addresses[0].display_name == 'Aytən Məmmədova', 'From name: %s' % msg['From'])
check(msg['From'].addresses[0].addr_spec == 'aytan@example.az', 'From address')
# display names: CPython before gh-128110 keeps the white space between
# two encoded-words of an address header (RFC 2047 6.2 says to drop it), so
# the parsed names are compared with white space runs made one space, and
# the exact text is checked by the legacy decoder, which follows 6.2.
def names(field):
    return [(' '.join(a.display_name.split()), a.addr_spec) for a in msg[field].addresses]
def rfc2047(field):
    raw = email.message_from_bytes(data, policy=email.policy.compat32)[field]
    return str(make_header(decode_header(raw.replace('\r\n', ''))))
to = names('To')
check(to == [('', 'ann@example.org'), ('Doe, John', 'john@example.com'),
             ('Министерство иностранных дел Республики Беларусь', 'mfa@example.by')], 'To: %r' % to)
check(rfc2047('To') == 'ann@example.org, "Doe, John" <john@example.com>, '
      'Министерство иностранных дел Республики Беларусь <mfa@example.by>', 'To: %r' % rfc2047('To'))
check(rfc2047('From') == 'Aytən Məmmədova <aytan@example.az>', 'From: %r' % rfc2047('From'))
cc = names('Cc')
check(cc == [('Ivan Petrov', 'ivan.petrov@example.by')], 'Cc: %r' % cc)
check(msg['Subject'] == 'Belarus – Azerbaijan Cooperation: Беларусь и Азербайджан, ə ğ ı İ ş — 14 June 2024',
      'Subject: %r' % msg['Subject'])
check(msg['Date'] == 'Fri, 14 Jun 2024 00:00:00 +0000', 'Date: %s' % msg['Date'])
check(msg['Date'].datetime == datetime.datetime(2024, 6, 14, tzinfo=datetime.timezone.utc), 'Date value')
check(re.fullmatch(r'<[0-9a-f]{32}@example\.az>', msg['Message-ID']), 'Message-ID: %s' % msg['Message-ID'])
check(msg['MIME-Version'] == '1.0', 'MIME-Version')
check(msg['Content-Language'] == 'az', 'Content-Language')

# the layout
types = [p.get_content_type() for p in parts]
want = ['multipart/mixed', 'multipart/alternative', 'text/plain', 'multipart/related',
        'text/html'] + ['image/png'] * len(png_paths) + ['application/pdf']
check(types == want, 'layout: %r' % types)
check(parts[3].get_param('type') == 'text/html', 'multipart/related without type=text/html')

# the bodies: decoded, the text given (line ends CRLF in the message)
plain = msg.get_body(preferencelist=('plain',))
html = msg.get_body(preferencelist=('html',))
check(plain['Content-Transfer-Encoding'] == 'quoted-printable', 'text not quoted-printable')
check(plain.get_content().replace('\r\n', '\n') == open(text_path, encoding='utf-8').read(),
      'the text part differs from the text')
html_text = html.get_content().replace('\r\n', '\n')
check(html_text == open(html_path, encoding='utf-8').read(), 'the HTML part differs')

# images: each byte for byte, each named by exactly one cid: in the HTML
images = [p for p in parts if p.get_content_type() == 'image/png']
cids = [p['Content-ID'] for p in images]
refs = re.findall(r'src="cid:([^"]+)"', html_text)
check(all(c.startswith('<') and c.endswith('>') for c in cids), 'Content-ID without <>')
check(sorted(c[1:-1] for c in cids) == sorted(refs), 'cid: %r vs Content-IDs %r' % (refs, cids))
check(len(set(refs)) == len(png_paths), 'two images share a Content-ID')
for p, png in zip(images, png_paths):
    check(p.get_content() == open(png, 'rb').read(), '%s differs' % png)
    check(p.get_content_disposition() == 'inline', '%s is not inline' % png)
    check(p.get_filename() == png.rsplit('/', 1)[1], 'image file name %s' % p.get_filename())

# the attachment
atts = list(msg.iter_attachments())
check(len(atts) == 1, '%d attachments' % len(atts))
pdf = atts[0]
check(pdf.get_content_disposition() == 'attachment', 'PDF not an attachment')
check(pdf.get_filename() == 'брифинг-2024-06.pdf', 'PDF file name %r' % pdf.get_filename())
check(pdf.get_content() == open(pdf_path, 'rb').read(), 'the PDF differs from the one written')

for p in problems:
    print(p)
sys.exit(1 if problems else 0)
EOF
	fail "Python's email package found the problems above"

# File names as clients read them back: plain, quoted, RFC 2231 sections
# for long and non-ASCII names (text only: no multipart/alternative).
printf 'a,b\n1,2\n' >"$s/data.csv"
"$sample" -o "$s/names.eml" --from a@example.org --date 2024-06-14 --text "$s/text.txt" \
	--attach "text/csv,$s/data.csv,report.csv" \
	--attach "text/csv,$s/data.csv,a \"quoted\" name; with=signs,commas.csv" \
	--attach "text/csv,$s/data.csv,Ежемесячный отчёт о торговле Беларуси и Азербайджана за июнь 2024 года.csv" \
	--attach "text/csv,$s/data.csv,A long ASCII file name with spaces that goes past sixty characters.csv" \
	--attach "text/csv,$s/data.csv,ə ğ ı İ ş.csv" || fail "names: exit $?"
python3 - "$s/names.eml" "$s/data.csv" <<'EOF' || fail "file names read back wrong"
import email, email.policy, sys
data = open(sys.argv[1], 'rb').read()
msg = email.message_from_bytes(data, policy=email.policy.default)
bad = [p.get_content_type() for p in msg.walk() if p.defects]
want = ['report.csv', 'a "quoted" name; with=signs,commas.csv',
        'Ежемесячный отчёт о торговле Беларуси и Азербайджана за июнь 2024 года.csv',
        'A long ASCII file name with spaces that goes past sixty characters.csv', 'ə ğ ı İ ş.csv']
atts = list(msg.iter_attachments())
got = [a.get_filename() for a in atts]
names = [a.get_param('name') for a in atts]
csv = open(sys.argv[2], 'rb').read()
ok = (not bad and not msg.defects and got == want and names == want
      and all(a.get_content().encode() == csv for a in atts)
      and max(len(l) for l in data.split(b'\r\n')) <= 78)
if not ok:
    print('defects %r, names %r, Content-Type names %r' % (bad, got, names))
sys.exit(0 if ok else 1)
EOF

# Same inputs, same bytes; another PDF, another Message-ID.
"$sample" -o "$s/m2.eml" "$@" || fail "second run: exit $?"
cmp -s "$s/m.eml" "$s/m2.eml" || fail "two runs differ"
cp "$s/run/briefing.pdf" "$s/other.pdf" && printf '%%%% one more line\n' >>"$s/other.pdf"
"$sample" -o "$s/m3.eml" "$@" --attach "application/pdf,$s/other.pdf,other.pdf" ||
	fail "third run: exit $?"
[ "$(grep '^Message-ID:' "$s/m.eml")" != "$(grep '^Message-ID:' "$s/m3.eml")" ] ||
	fail "another attachment, the same Message-ID"

# Refused input: the exit code, the message with its column, no file.
expect() { # expect CODE MESSAGE -- mime_sample arguments…
	code=$1 msg=$2; shift 3
	rm -f "$s/bad.eml"
	"$sample" -o "$s/bad.eml" "$@" 2>"$s/err"
	rc=$?
	[ "$rc" = "$code" ] || fail "$*: exit $rc, expected $code ($(cat "$s/err"))"
	[ "$(cat "$s/err")" = "$msg" ] || fail "$*: said '$(cat "$s/err")', expected '$msg'"
	[ ! -e "$s/bad.eml" ] || fail "$*: wrote a message"
}
expect 65 "mime_sample: \"ann@@example.org\" is not an e-mail address: '@' is not allowed in the domain (column 5)" -- \
	--from a@example.org --date 2024-06-14 --text "$s/text.txt" --to "ann@@example.org"
expect 65 "mime_sample: \"Ann, Lee <ann@example.org>\" is not an e-mail address: ',' is not allowed in a display name (put the name in double quotes) (column 4)" -- \
	--from "Ann, Lee <ann@example.org>"
expect 65 "mime_sample: \"Aytən <aytən@example.az>\" is not an e-mail address: only ASCII is allowed in the address itself (an internationalised domain goes in its xn-- form) (column 11)" -- \
	--from "Aytən <aytən@example.az>"
expect 65 "mime_sample: the subject has a control character (U+000A) (column 6)" -- \
	--subject "Hello
Bcc: victim@example.org"
expect 64 "mime_sample: a message needs a From address" -- --date 2024-06-14 --text "$s/text.txt"
expect 70 "mime_sample: inline image cid:x@y is not referred to in the HTML" -- \
	--from a@example.org --date 2024-06-14 --html "$s/text.txt" --inline "x@y,image/png,$s/text.txt"

# formail (procmail) reads the headers as any mail tool would.
if command -v formail >/dev/null; then
	got=$(formail -c -x Message-ID: <"$s/m.eml" | tr -d '\r ')
	[ "$got" = "$(grep '^Message-ID:' "$s/m.eml" | tr -d '\r' | cut -d' ' -f2)" ] ||
		fail "formail: Message-ID '$got'"
	[ "$(formail -c -x Content-Language: <"$s/m.eml" | tr -d '\r ')" = az ] ||
		fail "formail: Content-Language"
fi
echo "mime_message: ok ($(wc -c <"$s/m.eml") bytes, $n images)"
