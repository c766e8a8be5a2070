// PdfCheck -- the PDF/A and tagged-PDF checks of the test suite, in one JVM
// for many files (a JVM takes about a second to start; PDFBox's
// Validator_A1b takes one file a run).  Run as a single-file program (the
// JRE compiles it; no javac needed), with Debian's PDFBox 2 on the class
// path (tests/cases/pdfa.sh and tests/regress.sh show how):
//
//   java -cp CLASSPATH tests/tools/PdfCheck.java FILE.pdf...
//
// For each file:
//  - PDF/A-1b: Apache PDFBox Preflight's verdict, as Validator_A1b gives it
//    ("FILE is a valid PDF/A-1b file", or each error's code and details);
//  - tagged PDF (the PDF/UA-1 model), what no Debian tool checks:
//    /MarkInfo /Marked true, /Lang, a StructTreeRoot whose first kid is a
//    Document; every painting operator inside exactly one marked-content
//    sequence with an MCID or inside an artifact, never both, nothing
//    nested in an artifact; BDC/BMC/EMC balanced and nested properly with
//    BT/ET; MCIDs unique on a page; the parent tree and the elements agree
//    both ways (each MCID's element lists it, on that page; each page's
//    array has one entry per MCID); each annotation has the Print flag,
//    /Contents and a /StructParent whose element holds an OBJR for it;
//    every element indirect with /P its parent; every Figure has a
//    non-empty /Alt; /ParentTreeNextKey above every key.
// Prints "FILE: ok (N elements, N MCIDs, N artifacts)" or the first errors;
// exits 1 when any file fails.
import java.io.File;
import java.util.*;
import org.apache.pdfbox.contentstream.operator.Operator;
import org.apache.pdfbox.cos.*;
import org.apache.pdfbox.pdfparser.PDFStreamParser;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.interactive.annotation.PDAnnotation;
import org.apache.pdfbox.preflight.PreflightDocument;
import org.apache.pdfbox.preflight.ValidationResult;
import org.apache.pdfbox.preflight.parser.PreflightParser;

public class PdfCheck {
    private final String file;
    private final List<String> errors = new ArrayList<>();
    private int elements, mcids, artifacts;

    PdfCheck(String file) { this.file = file; }

    void fail(String s) { errors.add(s); }

    static COSBase deref(COSBase b) { return b instanceof COSObject ? ((COSObject) b).getObject() : b; }

    static List<COSBase> kids(COSDictionary d) {
        List<COSBase> out = new ArrayList<>();
        COSBase k = d.getItem(COSName.K);
        if (deref(k) instanceof COSArray)
            for (COSBase b : (COSArray) deref(k)) out.add(b);
        else if (k != null)
            out.add(k);
        return out;
    }

    // The value of key in a number tree (one node with /Nums, or /Kids).
    static COSBase numberTree(COSDictionary node, int key) {
        COSBase nums = deref(node.getItem(COSName.NUMS));
        if (nums instanceof COSArray) {
            COSArray a = (COSArray) nums;
            for (int i = 0; i + 1 < a.size(); i += 2)
                if (((COSNumber) deref(a.get(i))).intValue() == key) return deref(a.get(i + 1));
        }
        COSBase k = deref(node.getItem(COSName.KIDS));
        if (k instanceof COSArray)
            for (COSBase b : (COSArray) k) {
                COSBase v = numberTree((COSDictionary) deref(b), key);
                if (v != null) return v;
            }
        return null;
    }

    void preflight() throws Exception {
        PreflightParser parser = new PreflightParser(new File(file));
        parser.parse();
        try (PreflightDocument doc = parser.getPreflightDocument()) {
            doc.validate();
            ValidationResult r = doc.getResult();
            if (r.isValid()) {
                System.out.println("The file " + file + " is a valid PDF/A-1b file");
                return;
            }
            for (ValidationResult.ValidationError e : r.getErrorsList())
                fail("PDF/A-1b: " + e.getErrorCode() + " : " + e.getDetails());
        }
    }

    // Does element e list MCID mcid of page pg (an integer kid on its own
    // /Pg, or a marked-content reference)?
    static boolean holdsMcid(COSDictionary e, int mcid, COSDictionary pg) {
        COSBase own = deref(e.getItem(COSName.PG));
        for (COSBase b : kids(e)) {
            b = deref(b);
            if (b instanceof COSInteger && ((COSInteger) b).intValue() == mcid && own == pg) return true;
            if (b instanceof COSDictionary && "MCR".equals(((COSDictionary) b).getNameAsString(COSName.TYPE))) {
                COSDictionary r = (COSDictionary) b;
                COSBase p = deref(r.getItem(COSName.PG));
                if (r.getInt(COSName.MCID) == mcid && (p == null ? own : p) == pg) return true;
            }
        }
        return false;
    }

    static boolean holdsObjr(COSDictionary e, COSDictionary annot) {
        for (COSBase b : kids(e)) {
            b = deref(b);
            if (b instanceof COSDictionary && "OBJR".equals(((COSDictionary) b).getNameAsString(COSName.TYPE))
                && deref(((COSDictionary) b).getItem(COSName.OBJ)) == annot) return true;
        }
        return false;
    }

    static final Set<String> PAINT = new HashSet<>(Arrays.asList(
        "Tj", "TJ", "'", "\"", "f", "F", "f*", "B", "B*", "b", "b*", "S", "s", "sh", "Do", "BI"));

    // One page's content: what is painted is marked, sequences nest.
    void page(PDPage page, int no, COSArray parents) throws Exception {
        COSDictionary pd = page.getCOSObject();
        PDFStreamParser parser = new PDFStreamParser(page);
        parser.parse();
        Deque<String> open = new ArrayDeque<>(); // "MCID", "ART", "BMC", "BT"
        Set<Integer> seen = new HashSet<>();
        List<COSBase> args = new ArrayList<>();
        for (Object t : parser.getTokens()) {
            if (!(t instanceof Operator)) { args.add((COSBase) t); continue; }
            String op = ((Operator) t).getName();
            boolean marked = open.contains("MCID") || open.contains("ART");
            if (op.equals("BDC") || op.equals("BMC")) {
                String tag = ((COSName) args.get(0)).getName();
                COSBase props = op.equals("BDC") ? args.get(1) : null;
                Integer mcid = props instanceof COSDictionary && ((COSDictionary) props).containsKey(COSName.MCID)
                    ? ((COSDictionary) props).getInt(COSName.MCID) : null;
                if (tag.equals("Artifact")) {
                    if (marked) fail("page " + no + ": an artifact inside marked content");
                    open.push("ART");
                    artifacts++;
                } else if (mcid != null) {
                    if (marked) fail("page " + no + ": MCID " + mcid + " inside marked content");
                    if (!seen.add(mcid)) fail("page " + no + ": MCID " + mcid + " twice");
                    COSBase e = parents != null && mcid < parents.size() ? deref(parents.get(mcid)) : null;
                    if (!(e instanceof COSDictionary))
                        fail("page " + no + ": MCID " + mcid + " is not in the parent tree");
                    else if (!holdsMcid((COSDictionary) e, mcid, pd))
                        fail("page " + no + ": the element of MCID " + mcid + " does not list it");
                    open.push("MCID");
                    mcids++;
                } else {
                    open.push("BMC");
                }
            } else if (op.equals("EMC")) {
                if (open.isEmpty() || open.peek().equals("BT")) fail("page " + no + ": EMC crosses BT or has no BDC");
                else open.pop();
            } else if (op.equals("BT")) {
                open.push("BT");
            } else if (op.equals("ET")) {
                if (open.isEmpty() || !open.peek().equals("BT")) fail("page " + no + ": ET crosses marked content");
                else open.pop();
            } else if (PAINT.contains(op) && !marked) {
                fail("page " + no + ": '" + op + "' is neither tagged nor an artifact");
            }
            args.clear();
        }
        if (!open.isEmpty()) fail("page " + no + ": left open at the end: " + open);
        if (parents != null && parents.size() != seen.size())
            fail("page " + no + ": parent tree has " + parents.size() + " entries for " + seen.size() + " MCIDs");
    }

    // Walk the tree: indirect elements, /P back, Figures' /Alt.
    void walk(COSDictionary parent, Set<COSDictionary> seen) {
        for (COSBase raw : kids(parent)) {
            COSBase b = deref(raw);
            if (!(b instanceof COSDictionary)) continue;
            COSDictionary d = (COSDictionary) b;
            String type = d.getNameAsString(COSName.TYPE);
            if ("MCR".equals(type) || "OBJR".equals(type)) continue;
            String s = d.getNameAsString(COSName.S);
            if (!(raw instanceof COSObject)) fail("element " + s + " is not indirect");
            if (!seen.add(d)) { fail("element " + s + " reached twice"); continue; }
            elements++;
            if (deref(d.getItem(COSName.P)) != parent) fail("element " + s + ": /P is not its parent");
            if ("Figure".equals(s)) {
                String alt = d.getString(COSName.getPDFName("Alt"));
                if (alt == null || alt.isEmpty()) fail("a Figure without /Alt");
            }
            walk(d, seen);
        }
    }

    void tags() throws Exception {
        try (PDDocument doc = PDDocument.load(new File(file))) {
            COSDictionary cat = doc.getDocumentCatalog().getCOSObject();
            COSBase mark = deref(cat.getItem(COSName.MARK_INFO));
            if (!(mark instanceof COSDictionary) || !((COSDictionary) mark).getBoolean(COSName.getPDFName("Marked"), false))
                fail("no /MarkInfo << /Marked true >>");
            String lang = cat.getString(COSName.LANG);
            if (lang == null || lang.isEmpty()) fail("no /Lang on the catalog");
            COSBase rootb = deref(cat.getItem(COSName.STRUCT_TREE_ROOT));
            if (!(rootb instanceof COSDictionary)) { fail("no StructTreeRoot"); return; }
            COSDictionary root = (COSDictionary) rootb;
            List<COSBase> top = kids(root);
            if (top.size() != 1 || !"Document".equals(((COSDictionary) deref(top.get(0))).getNameAsString(COSName.S)))
                fail("the structure tree's root is not one Document element");
            COSDictionary tree = (COSDictionary) deref(root.getItem(COSName.PARENT_TREE));
            int next = root.getInt(COSName.PARENT_TREE_NEXT_KEY), maxKey = -1, no = 0;
            for (PDPage page : doc.getPages()) {
                no++;
                COSDictionary pd = page.getCOSObject();
                int key = pd.getInt(COSName.STRUCT_PARENTS);
                COSBase parents = key >= 0 && tree != null ? numberTree(tree, key) : null;
                if (key < 0) fail("page " + no + " has no /StructParents");
                else if (!(parents instanceof COSArray)) fail("page " + no + ": no parent tree entry " + key);
                maxKey = Math.max(maxKey, key);
                page(page, no, parents instanceof COSArray ? (COSArray) parents : null);
                for (PDAnnotation a : page.getAnnotations()) {
                    COSDictionary ad = a.getCOSObject();
                    int k = ad.getInt(COSName.STRUCT_PARENT);
                    COSBase e = k >= 0 && tree != null ? numberTree(tree, k) : null;
                    maxKey = Math.max(maxKey, k);
                    if (!(e instanceof COSDictionary) || !holdsObjr((COSDictionary) e, ad))
                        fail("page " + no + ": an annotation's /StructParent " + k + " has no OBJR for it");
                    if ((ad.getInt(COSName.F, 0) & 4) == 0) fail("page " + no + ": an annotation without the Print flag");
                    if (ad.getString(COSName.CONTENTS) == null) fail("page " + no + ": an annotation without /Contents");
                }
            }
            if (next <= maxKey) fail("/ParentTreeNextKey " + next + " is not above the last key " + maxKey);
            walk(root, new HashSet<>());
        }
    }

    public static void main(String[] args) throws Exception {
        int bad = 0;
        for (String f : args) {
            PdfCheck c = new PdfCheck(f);
            try {
                c.preflight();
                c.tags();
            } catch (Exception e) {
                c.fail("cannot be read: " + e);
            }
            if (c.errors.isEmpty()) {
                System.out.println(f + ": ok (" + c.elements + " elements, " + c.mcids + " MCIDs, "
                                   + c.artifacts + " artifacts)");
                continue;
            }
            bad++;
            System.out.println(f + ": " + c.errors.size() + " error(s)");
            for (String e : c.errors.subList(0, Math.min(20, c.errors.size())))
                System.out.println("  " + e);
        }
        System.exit(bad == 0 ? 0 : 1);
    }
}
