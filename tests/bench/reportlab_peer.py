"""reportlab_peer.py: the ReportLab peer of make bench (issue 17, goal 3).

Makes a briefing like the default one (input/briefing.md) with ReportLab,
so that the default run's time has a fair yardstick: A4, the project's
Liberation Sans TrueType faces embedded (subset, as briefing embeds them),
a cover with four figure tiles, a contents page, the spec's prose as
headings and paragraphs, the five charts of the default briefing drawn from
the same CSV files (bar, grouped bar, horizontal bar, pie, line; vector, in
the PDF), the statements, timeline and sources tables, page headers and
numbers; with CHARTS, every chart also as a 200-dpi PNG (renderPM) and an
SVG (renderSVG), as briefing writes them.
    /usr/bin/python3 tests/bench/reportlab_peer.py FONTS INPUT OUT.pdf [CHARTS]
FONTS is the project's fonts/ folder, INPUT its input/ folder.
"""
import csv
import os
import re
import sys

from reportlab.graphics import renderPM, renderSVG, shapes
from reportlab.graphics.charts.barcharts import HorizontalBarChart, VerticalBarChart
from reportlab.graphics.charts.linecharts import HorizontalLineChart
from reportlab.graphics.charts.piecharts import Pie
from reportlab.graphics.shapes import Drawing, String
from reportlab import rl_config
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.platypus import (PageBreak, Paragraph, SimpleDocTemplate, Spacer, Table,
                                TableStyle)
from reportlab.platypus.tableofcontents import TableOfContents

PALETTE = [colors.HexColor(c) for c in ("#0b63b6", "#e69f00", "#009e73", "#cc79a7", "#56b4e9")]
WIDTH = A4[0] - 40 * mm


def rows(path):
    with open(path, newline="", encoding="utf-8") as f:
        return list(csv.DictReader(f))


def styles():
    base = ParagraphStyle("body", fontName="Sans", fontSize=9.5, leading=13, spaceAfter=6)
    return {
        "body": base,
        "title": ParagraphStyle("title", parent=base, fontName="Sans-Bold", fontSize=24,
                                leading=28, spaceAfter=8),
        "sub": ParagraphStyle("sub", parent=base, fontSize=12, leading=15,
                              textColor=colors.HexColor("#555555")),
        "h1": ParagraphStyle("h1", parent=base, fontName="Sans-Bold", fontSize=15, leading=19,
                             spaceBefore=10),
        "h2": ParagraphStyle("h2", parent=base, fontName="Sans-Bold", fontSize=11.5, leading=15,
                             spaceBefore=6),
        "cell": ParagraphStyle("cell", parent=base, fontSize=8, leading=10, spaceAfter=0),
        "caption": ParagraphStyle("caption", parent=base, fontName="Sans-Italic", fontSize=7.5,
                                  leading=9.5, textColor=colors.HexColor("#555555")),
    }


class Doc(SimpleDocTemplate):
    """Headings feed the table of contents, as briefing's contents page."""

    def afterFlowable(self, flowable):
        if isinstance(flowable, Paragraph) and flowable.style.name in ("h1", "h2"):
            self.notify("TOCEntry", (0 if flowable.style.name == "h1" else 1,
                                     flowable.getPlainText(), self.page))


def chart_frame(title, subtitle, height):
    d = Drawing(WIDTH, height + 40)
    d.add(String(0, height + 26, title, fontName="Sans-Bold", fontSize=10))
    d.add(String(0, height + 14, subtitle, fontName="Sans", fontSize=7.5,
                 fillColor=colors.HexColor("#555555")))
    return d


def bar_chart(labels, series, title, subtitle, height, horizontal=False):
    d = chart_frame(title, subtitle, height)
    c = HorizontalBarChart() if horizontal else VerticalBarChart()
    c.x, c.y, c.width, c.height = (110 if horizontal else 40), 20, WIDTH - 130, height - 30
    c.data = series
    c.categoryAxis.categoryNames = labels
    for axis in (c.categoryAxis, c.valueAxis):
        axis.labels.fontName = "Sans"
        axis.labels.fontSize = 7
    c.valueAxis.valueMin = 0
    c.barLabelFormat = "%.1f"
    c.barLabels.fontName = "Sans"
    c.barLabels.fontSize = 6.5
    c.barLabels.nudge = 6
    for i in range(len(series)):
        c.bars[i].fillColor = PALETTE[i % len(PALETTE)]
        c.bars[i].strokeColor = None
    d.add(c)
    return d


def pie_chart(labels, values, title, subtitle, height):
    d = chart_frame(title, subtitle, height)
    p = Pie()
    p.x, p.y, p.width, p.height = WIDTH / 2 - (height - 40) / 2, 10, height - 40, height - 40
    total = sum(values)
    p.data = values
    p.labels = [f"{lab} {v / total * 100:.1f} %" for lab, v in zip(labels, values)]
    p.simpleLabels = 0
    p.slices.fontName = "Sans"
    p.slices.fontSize = 7
    p.slices.strokeColor = colors.white
    for i in range(len(values)):
        p.slices[i].fillColor = PALETTE[i % len(PALETTE)]
    d.add(p)
    return d


def line_chart(labels, values, title, subtitle, height):
    d = chart_frame(title, subtitle, height)
    c = HorizontalLineChart()
    c.x, c.y, c.width, c.height = 50, 20, WIDTH - 70, height - 30
    c.data = [values]
    c.categoryAxis.categoryNames = labels
    for axis in (c.categoryAxis, c.valueAxis):
        axis.labels.fontName = "Sans"
        axis.labels.fontSize = 7
    c.valueAxis.valueMin = 0
    c.valueAxis.visibleGrid = 1
    c.valueAxis.gridStrokeColor = colors.HexColor("#dddddd")
    c.lines[0].strokeColor = PALETTE[0]
    c.lines[0].strokeWidth = 1.5
    d.add(c)
    return d


def table(header, body, widths, st):
    data = [[Paragraph(h, st["cell"]) for h in header]]
    data += [[Paragraph(str(v).replace("&", "&amp;").replace("<", "&lt;"), st["cell"])
              for v in r] for r in body]
    t = Table(data, colWidths=[w * WIDTH for w in widths], repeatRows=1)
    t.setStyle(TableStyle([
        ("FONT", (0, 0), (-1, 0), "Sans-Bold"),
        ("LINEBELOW", (0, 0), (-1, 0), 0.8, colors.black),
        ("ROWBACKGROUNDS", (0, 1), (-1, -1), [colors.white, colors.HexColor("#f2f2f2")]),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
    ]))
    return t


def charts(inp):
    trade = rows(os.path.join(inp, "trade.csv"))
    full = [r for r in trade if r["flow"] == "total" and r["months"] == "12"]
    periods = []
    for r in trade:
        if r["flow"] != "total" and r["direction"] != "unstated" and r["period"] not in periods:
            periods.append(r["period"])
    directions = ["Belarus → Azerbaijan", "Azerbaijan → Belarus"]
    by_dir = [[sum(float(r["value_usd_m"]) for r in trade if r["period"] == p and
                   r["direction"] == dr) for p in periods] for dr in directions]
    agri = [r for r in rows(os.path.join(inp, "agrifood.csv"))
            if r["year"] == "2020" and r["flow"] != "total"]
    agri.sort(key=lambda r: -float(r["value_usd_m"]))
    shares = [r for r in rows(os.path.join(inp, "factory.csv"))
              if r["series"] == "belta-2022-06" and r["measure"] == "share"]
    tractors = [r for r in rows(os.path.join(inp, "production.csv"))
                if r["kind"] == "cumulative" and r["product"] == "tractors"]
    tractors.sort(key=lambda r: r["date"])
    return [
        ("trade-full-years", bar_chart(
            [r["period"] for r in full], [[float(r["value_usd_m"]) for r in full]],
            "Trade turnover in full years", "Goods, both directions. USD million", 210)),
        ("trade-direction", bar_chart(
            periods, by_dir, "Trade by direction, where published",
            "Partial years keep their label. USD million", 210)),
        ("agrifood-2020", bar_chart(
            [r["direction"] for r in agri], [[float(r["value_usd_m"]) for r in agri]],
            "Agri-food trade in 2020", "By direction. USD million", 110, horizontal=True)),
        ("factory-shares", pie_chart(
            [r["item"] for r in shares], [float(r["value"]) for r in shares],
            "Where the Borisov plant's output goes, mid-2022", "Shares of output", 200)),
        ("ganja-tractors", line_chart(
            [r["date"] for r in tractors], [float(r["units"]) for r in tractors],
            "Tractors assembled in Ganja since 2007, running total", "Rounded figures", 200)),
    ]


def prose(spec):
    """The spec's Markdown outside fences and front matter: (kind, text)."""
    out, fence, front, para = [], False, 0, []
    for line in open(spec, encoding="utf-8"):
        line = line.rstrip("\n")
        if line == "---" and front < 2:
            front += 1
            continue
        if front == 1:
            continue
        if line.startswith("```"):
            fence = not fence
            if para:
                out.append(("p", " ".join(para)))
                para = []
            if fence and line.startswith("```chart"):
                out.append(("chart", ""))
            if fence and line.startswith("```table"):
                out.append(("table", ""))
            continue
        if fence:
            continue
        m = re.match(r"(#+) (.*)", line)
        if m or not line.strip():
            if para:
                out.append(("p", " ".join(para)))
                para = []
            if m:
                out.append(("h1" if len(m.group(1)) == 1 else "h2", m.group(2)))
            continue
        para.append(line.strip())
    return out


def inline(text):
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    text = re.sub(r"\{\{[^}]*\}\}", "0.0", text)
    text = re.sub(r"\*\*([^*]+)\*\*", r"<b>\1</b>", text)
    text = re.sub(r"\*([^*]+)\*", r"<i>\1</i>", text)
    return re.sub(r"\[([^\]]+)\]\([^)]*\)", r"\1", text)


def main(fonts, inp, out, chart_dir=None):
    for name, face in (("Sans", "Regular"), ("Sans-Bold", "Bold"), ("Sans-Italic", "Italic"),
                       ("Sans-BoldItalic", "BoldItalic")):
        pdfmetrics.registerFont(TTFont(name, os.path.join(fonts, f"LiberationSans-{face}.ttf")))
    pdfmetrics.registerFontFamily("Sans", normal="Sans", bold="Sans-Bold", italic="Sans-Italic",
                                  boldItalic="Sans-BoldItalic")
    # renderPM starts every drawing in Times-Roman, a Type 1 face Debian
    # does not ship: start it in the embedded face instead
    shapes.STATE_DEFAULTS["fontName"] = "Sans"
    rl_config.canvas_basefontname = "Sans"  # the canvas's first font, else Helvetica
    st = styles()
    drawings = charts(inp)
    if chart_dir:
        os.makedirs(chart_dir, exist_ok=True)
        for name, d in drawings:
            renderPM.drawToFile(d, os.path.join(chart_dir, name + ".png"), fmt="PNG", dpi=200)
            renderSVG.drawToFile(d, os.path.join(chart_dir, name + ".svg"))
    tiles = Table([[Paragraph(f"<b>{v}</b><br/>{t}", st["body"]) for v, t in (
        ("424.4", "Trade turnover in 2021, USD million"), ("1993", "Diplomatic relations"),
        ("60 %", "Share of the Borisov plant's output exported"),
        ("15,000", "Tractors assembled in Ganja"))]], colWidths=[WIDTH / 4] * 4)
    tiles.setStyle(TableStyle([("BACKGROUND", (0, 0), (-1, -1), colors.HexColor("#eef3f8")),
                               ("BOX", (0, 0), (-1, -1), 0.5, colors.white),
                               ("INNERGRID", (0, 0), (-1, -1), 4, colors.white)]))
    story = [Spacer(1, 60 * mm), Paragraph("Belarus – Azerbaijan Cooperation", st["title"]),
             Paragraph("Trade, industry and joint projects since 1993", st["sub"]),
             Spacer(1, 10 * mm), tiles, PageBreak()]
    toc = TableOfContents()
    toc.levelStyles = [ParagraphStyle("toc1", parent=st["body"], fontName="Sans-Bold"),
                       ParagraphStyle("toc2", parent=st["body"], leftIndent=12)]
    story += [Paragraph("Contents", st["h1"]), toc, PageBreak()]
    statements = rows(os.path.join(inp, "statements.csv"))
    timeline = rows(os.path.join(inp, "timeline.csv"))
    tables = [table(["Year", "Speaker", "Role", "USD million", "As stated"],
                    [[r["period"], r["speaker"], r["role"], r["value_usd_m"], r["qualifier"]]
                     for r in statements], [0.09, 0.22, 0.38, 0.14, 0.17], st),
              table(["Date", "Event"], [[r["date"], r["event"]] for r in timeline],
                    [0.16, 0.84], st)]
    ci = ti = 0
    for kind, text in prose(os.path.join(inp, "briefing.md")):
        if kind == "chart" and ci < len(drawings):
            story += [drawings[ci][1], Spacer(1, 4 * mm)]
            ci += 1
        elif kind == "table" and ti < len(tables):
            story += [tables[ti], Spacer(1, 4 * mm)]
            ti += 1
        elif kind in ("h1", "h2"):
            story.append(Paragraph(inline(text), st[kind]))
        elif kind == "p":
            story.append(Paragraph(inline(text), st["body"]))
    sources = {}
    for f in sorted(os.listdir(inp)):
        if f.endswith(".csv"):
            for r in rows(os.path.join(inp, f)):
                sources.setdefault(r.get("source", ""), set()).add(f)
    story += [PageBreak(), Paragraph("Sources", st["h1"]),
              table(["Source", "Used by"], [[s, ", ".join(sorted(v))]
                                            for s, v in sorted(sources.items())],
                    [0.45, 0.55], st)]

    def page(canvas, doc):
        canvas.saveState()
        canvas.setFont("Sans", 7.5)
        canvas.drawString(20 * mm, A4[1] - 12 * mm, "Belarus – Azerbaijan Cooperation")
        canvas.drawRightString(A4[0] - 20 * mm, 12 * mm, f"page {doc.page}")
        canvas.restoreState()

    doc = Doc(out, pagesize=A4, leftMargin=20 * mm, rightMargin=20 * mm, topMargin=20 * mm,
              bottomMargin=20 * mm, title="Belarus – Azerbaijan Cooperation",
              author="Briefing desk")
    doc.multiBuild(story, onLaterPages=page)


if __name__ == "__main__":
    if len(sys.argv) not in (4, 5):
        sys.exit("usage: reportlab_peer.py FONTS INPUT OUT.pdf [CHARTS]")
    main(*sys.argv[1:])
