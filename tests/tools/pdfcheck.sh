#!/bin/sh
# pdfcheck FILE.pdf... -- tests/tools/PdfCheck.java (PDFBox Preflight's
# PDF/A-1b verdict and the tagged-PDF checks) over all the files in one
# JVM, with Debian's PDFBox 2 (libpdfbox2-java, libactivation-java,
# libjaxb-api-java; make deps installs them and a JRE).  The JRE compiles
# the one source file itself.  Exit 0 when every file passes.
j=/usr/share/java
cp=$j/preflight.jar:$j/pdfbox2.jar:$j/fontbox2.jar:$j/xmpbox.jar:$j/commons-logging.jar
cp=$cp:$j/javax.activation.jar:$j/jaxb-api.jar
for f in $(echo "$cp" | tr : ' '); do
	[ -f "$f" ] || { echo "pdfcheck: no $f (make deps installs it)"; exit 2; }
done
exec java -cp "$cp" "$(dirname "$0")/PdfCheck.java" "$@"
