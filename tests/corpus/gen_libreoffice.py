"""LibreOffice headless PDF export of .docx files written with python-docx.

Hazards: real Word list numbering and bullets (numbering.xml; the “1.” and “•”
are list labels LibreOffice draws, not typed characters), including a custom
“–” bullet list; a shaded one-cell table used as a callout; running headers
and footers with a PAGE field; the Code of Ethics' number in a shaded,
bordered run; two newspaper columns for the framework.
"""

from __future__ import annotations

import subprocess
from pathlib import Path
from typing import Any

from .common import DOCUMENTS, ExpectedSection, expected, load, rotated

FONTS = {
    "code-of-conduct": ("Liberation Serif", 11.5, 2.4),
    "code-of-ethics": ("Linux Libertine O", 11, 3.0),
    "framework": ("Liberation Sans", 9.5, 1.6),
    "earlier-edition": ("DejaVu Sans", 10, 3.2),
    "long-document": ("Liberation Sans", 10, 2.0),
}


def _dash_numbering(document: Any) -> int:
    """A bullet list definition whose label is an en dash; returns its numId."""
    from docx.oxml import parse_xml
    from docx.oxml.ns import nsdecls

    numbering = document.part.numbering_part.element
    abstract_id = 90
    abstract = parse_xml(
        f'<w:abstractNum {nsdecls("w")} w:abstractNumId="{abstract_id}">'
        '<w:multiLevelType w:val="singleLevel"/>'
        '<w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="bullet"/><w:lvlText w:val="\u2013"/>'
        '<w:lvlJc w:val="left"/><w:pPr><w:ind w:left="567" w:hanging="340"/></w:pPr></w:lvl></w:abstractNum>'
    )
    numbering.insert(0, abstract)  # abstractNum elements come before num elements
    num_id = 90
    numbering.append(parse_xml(f'<w:num {nsdecls("w")} w:numId="{num_id}"><w:abstractNumId w:val="{abstract_id}"/></w:num>'))
    return num_id


def _glyph_numbering(document: Any, glyph: str, font: str, num_id: int, left: int = 425, hanging: int = 283) -> int:
    """A bullet list definition whose label is `glyph` in `font` (Word's Wingdings bullets: private-use codes); returns its numId."""
    from docx.oxml import parse_xml
    from docx.oxml.ns import nsdecls

    numbering = document.part.numbering_part.element
    numbering.insert(0, parse_xml(
        f'<w:abstractNum {nsdecls("w")} w:abstractNumId="{num_id}">'
        '<w:multiLevelType w:val="singleLevel"/>'
        f'<w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="bullet"/><w:lvlText w:val="{glyph}"/>'
        f'<w:lvlJc w:val="left"/><w:pPr><w:ind w:left="{left}" w:hanging="{hanging}"/></w:pPr>'
        f'<w:rPr><w:rFonts w:ascii="{font}" w:hAnsi="{font}" w:hint="default"/></w:rPr></w:lvl></w:abstractNum>'
    ))
    numbering.append(parse_xml(f'<w:num {nsdecls("w")} w:numId="{num_id}"><w:abstractNumId w:val="{num_id}"/></w:num>'))
    return num_id


def _lettered_numbering(document: Any, abstract_id: int = 92) -> Any:
    """A Word list labelled a), b), c); returns a function giving each list its own numId, restarting at a)."""
    from docx.oxml import parse_xml
    from docx.oxml.ns import nsdecls

    numbering = document.part.numbering_part.element
    numbering.insert(0, parse_xml(
        f'<w:abstractNum {nsdecls("w")} w:abstractNumId="{abstract_id}">'
        '<w:multiLevelType w:val="singleLevel"/>'
        '<w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="lowerLetter"/><w:lvlText w:val="%1)"/>'
        '<w:lvlJc w:val="left"/><w:pPr><w:ind w:left="567" w:hanging="397"/></w:pPr></w:lvl></w:abstractNum>'
    ))
    made = [200]

    def new_list() -> int:
        made[0] += 1
        numbering.append(parse_xml(
            f'<w:num {nsdecls("w")} w:numId="{made[0]}"><w:abstractNumId w:val="{abstract_id}"/>'
            '<w:lvlOverride w:ilvl="0"><w:startOverride w:val="1"/></w:lvlOverride></w:num>'
        ))
        return made[0]

    return new_list


# The third look: Word's own Heading styles with the number typed ("Section 2 — Respect"), Wingdings
# bullets (square, check mark, arrow) and an em dash, ragged right, three columns with a line between;
# the long document's requirements lettered a), b) by Word's list numbering.
THIRD = {
    "code-of-conduct": ("Liberation Sans", 10.0, 2.0, "\uf0a7", "Wingdings"),
    "code-of-ethics": ("DejaVu Serif", 9.5, 2.5, "\u2014", "DejaVu Serif"),
    "framework": ("Liberation Sans Narrow", 9.0, 1.4, "\uf0d8", "Wingdings"),
    "earlier-edition": ("Liberation Serif", 12.5, 3.0, "\uf0fc", "Wingdings"),
    "long-document": ("DejaVu Sans", 9.0, 2.2, "\u25aa", "DejaVu Sans"),
}


def _set_num(paragraph: Any, num_id: int) -> None:
    from docx.oxml import parse_xml
    from docx.oxml.ns import nsdecls

    paragraph._p.get_or_add_pPr().append(parse_xml(f'<w:numPr {nsdecls("w")}><w:ilvl w:val="0"/><w:numId w:val="{num_id}"/></w:numPr>'))


def _shade_run(run: Any, fill: str) -> None:
    from docx.oxml import parse_xml
    from docx.oxml.ns import nsdecls

    rpr = run._r.get_or_add_rPr()
    rpr.append(parse_xml(f'<w:bdr {nsdecls("w")} w:val="single" w:sz="4" w:space="1" w:color="{fill}"/>'))
    rpr.append(parse_xml(f'<w:shd {nsdecls("w")} w:val="clear" w:color="auto" w:fill="{fill}"/>'))


def _page_field(paragraph: Any) -> None:
    from docx.oxml import parse_xml
    from docx.oxml.ns import nsdecls

    paragraph.add_run("Page ")
    run = paragraph.add_run()
    for xml in ('<w:fldChar {} w:fldCharType="begin"/>', '<w:instrText {} xml:space="preserve"> PAGE </w:instrText>',
                '<w:fldChar {} w:fldCharType="end"/>'):
        run._r.append(parse_xml(xml.format(nsdecls("w"))))


def build_docx(name: str, data: dict[str, Any], path: Path, variant: int = 0) -> None:
    """The .docx; the second look borrows another document's font and margins, and its callout has no border."""
    from docx import Document
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.oxml import parse_xml
    from docx.oxml.ns import nsdecls
    from docx.shared import Cm, Pt, RGBColor

    font, size, margin = FONTS[rotated(name, variant)] if variant < 2 else THIRD[name][:3]
    doc = Document()
    normal = doc.styles["Normal"]
    normal.font.name = font
    normal.font.size = Pt(size)
    for style_name in ("List Bullet", "List Number"):
        doc.styles[style_name].font.name = font
    section = doc.sections[0]
    section.left_margin = section.right_margin = Cm(margin)
    section.top_margin = section.bottom_margin = Cm(margin * 0.9)
    header = section.header.paragraphs[0]
    header.text = f"SAMPLE \u00b7 {data['title']}"
    header.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    footer = section.footer.paragraphs[0]
    footer.alignment = WD_ALIGN_PARAGRAPH.CENTER
    _page_field(footer)
    if name == "framework":
        columns = 'w:num="3" w:space="340" w:sep="1"' if variant == 2 else 'w:num="2" w:space="567"'
        section._sectPr.append(parse_xml(f'<w:cols {nsdecls("w")} {columns}/>'))
    dash_id = _dash_numbering(doc) if name == "code-of-ethics" else 0
    glyph_id = _glyph_numbering(doc, *THIRD[name][3:], num_id=91) if variant == 2 else 0
    # The long document's third look letters its requirements a), b), c), each list from a).
    lettered = _lettered_numbering(doc) if variant == 2 and name == "long-document" else None

    def para(text: str, *, bold: bool = False, italic: bool = False, pt: float | None = None, style: str | None = None) -> Any:
        p = doc.add_paragraph(style=style)
        run = p.add_run(text)
        run.bold = bold
        run.italic = italic
        if pt:
            run.font.size = Pt(pt)
        return p

    def bullets(items: list[str], dash: bool = False) -> None:
        list_id = lettered() if lettered else 0
        for item in items:
            if list_id:
                _set_num(para(item), list_id)
            elif glyph_id:
                _set_num(para(item), glyph_id)
            elif dash:
                _set_num(para(item), dash_id)
            else:
                p = para(item, style="List Bullet")
                p.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY

    para(data["title"], bold=True, pt=24)
    para(data["sample_notice"], bold=True)
    for p in data["intro"]:
        para(p)
    if name == "earlier-edition":
        para(data["lead_in"], bold=True)
        bullets(data["clauses"])
    for s in data.get("sections", []):
        if variant == 2:
            label = f"Section {s['number']} \u2014 " if name == "code-of-ethics" else f"{s['number']}. "
            doc.add_heading(label + s["title"], level=1 if name != "long-document" else 2)
            for n in s.get("narrative", []):
                para(n)
            para(s["intro"], italic=name == "framework")
            bullets(s["clauses"])
        elif name == "code-of-ethics":
            p = doc.add_paragraph()
            badge = p.add_run(f" {s['number']} ")
            badge.bold = True
            badge.font.size = Pt(15)
            badge.font.color.rgb = RGBColor(0xFF, 0xFF, 0xFF)
            _shade_run(badge, "4D2A66")
            title = p.add_run(f"\t{s['title']}")
            title.bold = True
            title.font.size = Pt(15)
            for n in s["narrative"]:
                para(n).alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
            para(s["intro"])
            bullets(s["clauses"], dash=True)
        else:
            # A heading numbered by Word's own list numbering (List Number), bold and larger.
            para(s["title"], bold=True, pt=size + 3.5, style="List Number")
            para(s["intro"], italic=name == "framework")
            bullets(s["clauses"])
        if "aside" in s:
            table = doc.add_table(rows=1, cols=1)
            if not variant:
                table.style = doc.styles["Table Grid"]
            cell = table.rows[0].cells[0]
            cell._tc.get_or_add_tcPr().append(parse_xml(f'<w:shd {nsdecls("w")} w:val="clear" w:color="auto" w:fill="E4EEF2"/>'))
            cell.paragraphs[0].add_run(s["aside"]).font.size = Pt(size - 1)
            doc.add_paragraph()
    if "questions" in data:
        q = data["questions"]
        if variant == 2:
            doc.add_heading(q["title"], level=1)
        else:
            para(q["title"], bold=True, pt=15)
        para(q["intro"])
        bullets(q["items"], dash=True)
    doc.core_properties.title = data["title"]
    doc.save(path)


def generate(out_dir: Path, variant: int = 0) -> dict[str, tuple[Path, list[ExpectedSection]]]:
    out: dict[str, tuple[Path, list[ExpectedSection]]] = {}
    sources = []
    for name in DOCUMENTS:
        data = load(name, "libreoffice", variant)
        source = out_dir / f"libreoffice{'-b' * variant}-{name}.docx"
        build_docx(name, data, source, variant)
        sources.append(source)
        out[name] = (source.with_suffix(".pdf"), expected(data))
    profile = out_dir / "lo-profile"
    subprocess.run(
        ["soffice", f"-env:UserInstallation={profile.as_uri()}", "--headless", "--norestore",
         "--convert-to", "pdf", "--outdir", str(out_dir), *map(str, sources)],
        check=True, capture_output=True, timeout=300,
    )
    for name, (path, _) in out.items():
        if not path.exists():
            raise RuntimeError(f"LibreOffice did not write {path}")
    return out
