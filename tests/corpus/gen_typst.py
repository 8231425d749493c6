"""Typst (the `typst` Python package, compiled in-process) of the corpus.

Hazards: justified, hyphenated text (`#set par(justify: true)`, English
hyphenation on), so words split at line ends with a hyphen that is not part of
the wording, next to real compounds such as “out-of-hours” and “well-being”;
wrapped `•` and `–` bullets whose second line hangs at Typst's own indent;
ligatures (EB Garamond, Linux Libertine); numbered headings from Typst's
counter, the Code of Ethics' number in its own shaded box; a shaded block as
callout; running header and footer; two columns.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path
from typing import Any

from .common import DOCUMENTS, ExpectedSection, expected, load, rotated

_SPECIAL = re.compile(r"([\\*_#$@<>\[\]`~\"'/=+\-])")


def esc(text: str) -> str:
    """Text as Typst markup that typesets exactly these characters."""
    return _SPECIAL.sub(r"\\\1", text)


FONTS = {
    "code-of-conduct": ("EB Garamond", "11.5pt", (25, 22)),
    "code-of-ethics": ("Linux Libertine O", "11pt", (28, 24)),
    "framework": ("Linux Biolinum O", "9.5pt", (14, 18)),
    "earlier-edition": ("DejaVu Serif", "10.5pt", (32, 30)),
    "long-document": ("Liberation Sans", "10pt", (20, 20)),
}


# The second look's markers, in place of the first look's.
SECOND_MARKERS = {"•": "▪", "–": "—"}


def _list(items: list[str], marker: str, indent: str, body_indent: str) -> str:
    body = ", ".join(f"[{esc(i)}]" for i in items)
    return f"#list(marker: [{marker}], indent: {indent}, body-indent: {body_indent}, {body})\n\n"


# The third look: ragged right, other fonts and markers (✓, ▸, ◦, —), "Section 2 —" headings and a
# number in a round badge, the framework in three columns.
THIRD = {
    "code-of-conduct": ("DejaVu Sans", "9.5pt", (30, 25), "✓", "—"),
    "code-of-ethics": ("EB Garamond", "12pt", (22, 20), "▸", "—"),
    "framework": ("Liberation Sans", "8pt", (12, 14), "◦", "–"),
    "earlier-edition": ("Linux Biolinum O", "12pt", (35, 35), "▸", "–"),
    "long-document": ("DejaVu Serif", "9pt", (22, 20), "◦", "—"),
}
THIRD_HEADINGS = {
    "code-of-conduct": '#show heading: it => block(above: 1.3em, below: 0.6em, text(size: 13pt)[#if it.numbering != none '
                       '[#box(baseline: 25%, circle(radius: 8pt, fill: rgb("#1d3557"), align(center + horizon, '
                       'text(fill: white, size: 10pt)[#counter(heading).display()])))#h(6pt)]#it.body])\n',
    "code-of-ethics": '#set heading(numbering: n => [Section #n —])\n',
}


def build_source(name: str, data: dict[str, Any], variant: int = 0) -> str:
    if variant == 2:
        font, size, (margin_x, margin_y), bullet, dash = THIRD[name]
        source = _source(name, data, font, size, margin_x, margin_y, columns=3)
        source = source.replace("marker: [•]", f"marker: [{bullet}]").replace("marker: [–]", f"marker: [{dash}]")
        source = source.replace("#set par(justify: true", "#set par(justify: false")
        if name in THIRD_HEADINGS:
            source = source.replace("#show heading: it =>", "#show heading.where(level: 9): it =>")
            source = source.replace("#text(size: 26pt", THIRD_HEADINGS[name] + "#text(size: 26pt", 1)
        return source
    font, size, (margin_x, margin_y) = FONTS[rotated(name, variant)]
    source = _source(name, data, font, size, margin_x, margin_y)
    if variant:
        for first, second in SECOND_MARKERS.items():
            source = source.replace(f"marker: [{first}]", f"marker: [{second}]")
    return source


def _source(name: str, data: dict[str, Any], font: str, size: str, margin_x: int, margin_y: int, columns: int = 2) -> str:
    title = esc(data["title"])
    out = [
        f'#set page(paper: "a4", margin: (x: {margin_x}mm, y: {margin_y}mm),\n'
        f'  header: align(right, text(size: 7.5pt, fill: luma(90))[SAMPLE · {title}]),\n'
        '  footer: context align(center, text(size: 7.5pt)[Page #counter(page).display()]))\n',
        f'#set text(font: "{font}", size: {size}, lang: "en", region: "gb", hyphenate: true)\n',
        "#set par(justify: true, leading: 0.6em)\n",
        '#set heading(numbering: "1.")\n' if name in ("code-of-conduct", "long-document") else "",
        '#set heading(numbering: "1")\n' if name in ("framework", "code-of-ethics") else "",
    ]
    if name == "code-of-ethics":
        out.append(
            "#show heading: it => block(above: 1.4em, below: 0.7em, text(size: 15pt)[#if it.numbering != none "
            '[#box(fill: rgb("#4d2a66"), inset: (x: 6pt, y: 3pt), radius: 2pt, text(fill: white)[#counter(heading).display()])'
            "#h(8pt)]#it.body])\n"
        )
    out.append(f"#text(size: 26pt, weight: \"bold\")[{title}]\n\n")
    out.append(f"#block(stroke: 1pt + red, inset: 8pt, width: 100%)[*{esc(data['sample_notice'])}*]\n\n")
    out += [f"{esc(p)}\n\n" for p in data["intro"]]
    body: list[str] = []
    if name == "earlier-edition":
        body.append(f"*{esc(data['lead_in'])}*\n\n")
        body.append(_list(data["clauses"], "•", "10pt", "8pt"))
    for s in data.get("sections", []):
        body.append(f"= {esc(s['title'])}\n\n")
        if name == "code-of-ethics":
            body += [f"{esc(p)}\n\n" for p in s["narrative"]]
            body.append(f"{esc(s['intro'])}\n\n")
            body.append(_list(s["clauses"], "–", "14pt", "7pt"))
        elif name == "framework":
            body.append(f"_{esc(s['intro'])}_\n\n")
            body.append(_list(s["clauses"], "•", "4pt", "5pt"))
        else:
            body.append(f"{esc(s['intro'])}\n\n")
            body.append(_list(s["clauses"], "•", "6pt" if name == "long-document" else "12pt", "9pt"))
        if "aside" in s:
            body.append(f"#block(fill: luma(228), inset: 10pt, radius: 4pt, width: 100%)[{esc(s['aside'])}]\n\n")
    if "questions" in data:
        q = data["questions"]
        body.append(f"#heading(numbering: none)[{esc(q['title'])}]\n\n{esc(q['intro'])}\n\n")
        body.append(_list(q["items"], "–", "14pt", "7pt"))
    if name == "framework":
        return "".join(out) + f"#columns({columns}, gutter: {8 if columns == 2 else 5}mm)[\n" + "".join(body) + "]\n"
    return "".join(out) + "".join(body)


def generate(out_dir: Path, variant: int = 0) -> dict[str, tuple[Path, list[ExpectedSection]]]:
    import typst

    out: dict[str, tuple[Path, list[ExpectedSection]]] = {}
    for name in DOCUMENTS:
        data = load(name, "typst", variant)
        stem = f"typst{'-b' * variant}-{name}"
        source = out_dir / f"{stem}.typ"
        source.write_text(build_source(name, data, variant), encoding="utf-8")
        path = out_dir / f"{stem}.pdf"
        typst.compile(str(source), output=str(path), root=str(out_dir),
                      timestamp=int(dt.datetime(2025, 1, 1, tzinfo=dt.timezone.utc).timestamp()))
        out[name] = (path, expected(data))
    return out
