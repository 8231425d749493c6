"""Chromium print-to-PDF (Playwright, Debian's /usr/bin/chromium) of the corpus as HTML.

Hazards this producer brings: CSS list markers (disc, square, circle) drawn as
vector paths rather than characters; `::before` glyph bullets (• and –); CSS
columns; a running header and footer from Chromium's templates; soft hyphens
(U+00AD) inserted with pyphen into every long word of the running text, so a
word broken at a line end shows a hyphen that is not part of the wording; the
EB Garamond / Linux Libertine fonts with ligatures and kerning; a shaded
callout box whose text is an aside.
"""

from __future__ import annotations

import html
import re
from pathlib import Path
from typing import Any

import pyphen

from .common import DOCUMENTS, ExpectedSection, expected, load, rotated

CHROMIUM = "/usr/bin/chromium"
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", "--no-first-run", "--font-render-hinting=none"]

_HYPHENATOR = pyphen.Pyphen(lang="en_GB")
_WORD = re.compile(r"[A-Za-z]{6,}")


def shy(text: str) -> str:
    """Escaped HTML with soft hyphens at every break point pyphen finds in long words."""
    return html.escape(_WORD.sub(lambda m: _HYPHENATOR.inserted(m.group(0), hyphen="\u00ad"), text), quote=False)


BASE_CSS = """
@page { size: A4; }
body { margin: 0; color: #222; }
h1 { font-size: 30pt; margin: 0 0 6pt; }
.notice { border: 1.5pt solid #a33; padding: 8pt; font-weight: bold; margin: 12pt 0 20pt; }
.front p { margin: 0 0 8pt; }
ul { padding-left: 0; margin: 4pt 0 12pt; }
li { margin: 0 0 4pt; text-align: justify; hyphens: manual; }
.callout { background: #e4eef2; padding: 9pt 12pt; margin: 10pt 0 14pt; border-radius: 4pt; font-size: 0.92em; }
"""

STYLES: dict[str, str] = {
    # EB Garamond, each principle with a different marker: disc, square, circle, then a • glyph.
    "code-of-conduct": """
body { font-family: 'EB Garamond'; font-size: 12.5pt; line-height: 1.3; }
h2 { font-size: 17pt; color: #0b5563; margin: 16pt 0 4pt; }
p.lead { margin: 0 0 2pt; }
ul { margin-left: 22pt; }
ul.m1 { list-style: disc outside; } ul.m2 { list-style: square outside; } ul.m3 { list-style: circle outside; }
ul.m4 { list-style: none; margin-left: 22pt; }
ul.m4 li { position: relative; }
ul.m4 li::before { content: "\\2022"; position: absolute; left: -16pt; color: #0b5563; }
""",
    # Linux Libertine; the section number in its own shaded inline box; questions with – glyphs.
    "code-of-ethics": """
body { font-family: 'Linux Libertine O'; font-size: 11.5pt; line-height: 1.35; }
h2 { font-size: 18pt; margin: 18pt 0 6pt; color: #4d2a66; }
h2 .badge { display: inline-block; background: #4d2a66; color: white; padding: 2pt 8pt; margin-right: 10pt; border-radius: 3pt; }
.narrative p { text-align: justify; hyphens: manual; margin: 0 0 7pt; }
ul { list-style: none; margin-left: 26pt; }
ul li { position: relative; }
ul li::before { content: "\\2013"; position: absolute; left: -15pt; }
""",
    # Linux Biolinum in two CSS columns; square markers.
    "framework": """
body { font-family: 'Linux Biolinum O'; font-size: 10pt; line-height: 1.3; }
.cols { column-count: 2; column-gap: 24pt; }
h2 { font-size: 14pt; color: #1b4d8c; margin: 10pt 0 3pt; break-after: avoid; }
p.def { font-style: italic; margin: 0 0 3pt; }
ul { list-style: square outside; margin-left: 16pt; }
""",
    # The earlier edition: one lead-in, ten disc bullets, Liberation Serif.
    "earlier-edition": """
body { font-family: 'Liberation Serif'; font-size: 13pt; line-height: 1.4; }
p.lead { font-weight: bold; margin: 14pt 0 4pt; }
ul { list-style: disc outside; margin-left: 24pt; }
""",
    # 105 numbered headings in DejaVu Sans; circle markers.
    "long-document": """
body { font-family: 'DejaVu Sans'; font-size: 9.5pt; line-height: 1.3; }
h2 { font-size: 12pt; margin: 9pt 0 2pt; }
p.lead { margin: 0 0 1pt; }
ul { list-style: circle outside; margin-left: 18pt; }
""",
}

MARGINS = {
    "code-of-conduct": {"top": "26mm", "bottom": "24mm", "left": "24mm", "right": "24mm"},
    "code-of-ethics": {"top": "24mm", "bottom": "22mm", "left": "30mm", "right": "28mm"},
    "framework": {"top": "20mm", "bottom": "20mm", "left": "15mm", "right": "15mm"},
    "earlier-edition": {"top": "30mm", "bottom": "30mm", "left": "35mm", "right": "35mm"},
    "long-document": {"top": "22mm", "bottom": "22mm", "left": "20mm", "right": "20mm"},
}


THIRD_MARGINS = {
    "code-of-conduct": {"top": "30mm", "bottom": "28mm", "left": "32mm", "right": "40mm"},
    "code-of-ethics": {"top": "18mm", "bottom": "20mm", "left": "20mm", "right": "20mm"},
    "framework": {"top": "15mm", "bottom": "15mm", "left": "12mm", "right": "12mm"},
    "earlier-edition": {"top": "40mm", "bottom": "35mm", "left": "40mm", "right": "40mm"},
    "long-document": {"top": "20mm", "bottom": "20mm", "left": "25mm", "right": "25mm"},
}


def _items(clauses: list[str], css_class: str = "") -> str:
    cls = f' class="{css_class}"' if css_class else ""
    return f"<ul{cls}>" + "".join(f"<li>{shy(c)}</li>" for c in clauses) + "</ul>"


# The second look: another document's body font and size, and other bullet glyphs.
BODY_FONTS = {
    "code-of-conduct": "body { font-family: 'EB Garamond'; font-size: 12.5pt; }",
    "code-of-ethics": "body { font-family: 'Linux Libertine O'; font-size: 11.5pt; }",
    "framework": "body { font-family: 'Linux Biolinum O'; font-size: 10pt; }",
    "earlier-edition": "body { font-family: 'Liberation Serif'; font-size: 13pt; }",
    "long-document": "body { font-family: 'DejaVu Sans'; font-size: 9.5pt; }",
}
SECOND_LOOK = """
ul.m1 { list-style: square outside; } ul.m2 { list-style: circle outside; } ul.m3 { list-style: disc outside; }
.narrative + p + ul li::before { content: "\\2014"; }
li { text-align: left; }
h2 { font-size: 1.35em; }
"""
# Only the code of conduct draws its fourth list's bullets with ::before.
SECOND_LOOK_CODE = 'ul.m4 li::before { content: "\\25AA"; }'


# The third look: each document its own brochure style, fonts and list markers the other looks never use.
THIRD_LOOK = {
    # Liberation Sans, ragged right, airy; the number in a round badge; ✓, ►, string "– " and ◦ markers.
    "code-of-conduct": """
body { font-family: 'Liberation Sans'; font-size: 10.5pt; line-height: 1.5; }
h2 { font-size: 15pt; color: #1d3557; } h2 .num { display: inline-block; width: 22pt; height: 22pt; line-height: 22pt;
  border-radius: 50%; background: #1d3557; color: white; text-align: center; margin-right: 8pt; font-size: 12pt; }
li { text-align: left; }
ul.m1 { list-style: '\\2713  ' outside; } ul.m2 { list-style: '\\25BA  ' outside; } ul.m3 { list-style: '\\2013  ' outside; }
ul.m4 li::before { content: "\\25E6"; font-size: 14pt; top: -3pt; }
""",
    # DejaVu Serif, justified; "Section 2 — Respect" headings with a rule under them; — string markers.
    "code-of-ethics": """
body { font-family: 'DejaVu Serif'; font-size: 9.5pt; line-height: 1.45; }
h2 { font-size: 13pt; border-bottom: 0.75pt solid #4d2a66; padding-bottom: 3pt; }
h2 .badge { display: inline; background: none; color: #4d2a66; padding: 0; margin-right: 0; }
ul { list-style: '\\2014  ' outside; margin-left: 20pt; } ul li::before { content: none; }
""",
    # Three columns with a rule between them, DejaVu Sans Condensed 8.5pt; small ■ bullets drawn by ::before.
    "framework": """
body { font-family: 'DejaVu Sans Condensed', 'DejaVu Sans'; font-size: 8.5pt; line-height: 1.25; }
.cols { column-count: 3; column-gap: 14pt; column-rule: 0.5pt solid #999; }
h2 { font-size: 11pt; }
ul { list-style: none; margin-left: 11pt; } ul li { position: relative; }
ul li::before { content: "\\25A0"; position: absolute; left: -10pt; font-size: 5pt; top: 2pt; color: #1b4d8c; }
""",
    # EB Garamond 14pt with coloured ✓ markers, wide margins.
    "earlier-edition": """
body { font-family: 'EB Garamond'; font-size: 14pt; line-height: 1.35; }
ul { list-style: '\\2713   ' outside; margin-left: 28pt; } li::marker { color: #2a7a2a; }
""",
    # Liberation Serif, headings bold at the text's own size with a larger number hung in the margin, "– " string markers.
    "long-document": """
body { font-family: 'Liberation Serif'; font-size: 10pt; line-height: 1.2; margin-left: 30pt; }
h2 { font-size: 1em; margin: 8pt 0 1pt; position: relative; }
h2 .num { position: absolute; left: -34pt; font-size: 16pt; color: #777; top: -2pt; }
ul { list-style: '\\2013  ' outside; margin-left: 14pt; }
""",
}


def _third_look(name: str) -> str:
    return THIRD_LOOK[name]


def _second_look(name: str) -> str:
    return BODY_FONTS[rotated(name, 1)] + SECOND_LOOK + (SECOND_LOOK_CODE if name == "code-of-conduct" else "")


_LOOKS = (lambda name: "", _second_look, _third_look)


def build_html(name: str, data: dict[str, Any], variant: int = 0) -> str:
    parts = [f"<h1>{html.escape(data['title'])}</h1>", f"<div class='notice'>{html.escape(data['sample_notice'])}</div>"]
    parts.append("<div class='front'>" + "".join(f"<p>{shy(p)}</p>" for p in data["intro"]) + "</div>")
    body: list[str] = []
    if name == "earlier-edition":
        body.append(f"<p class='lead'>{html.escape(data['lead_in'])}</p>" + _items(data["clauses"]))
    for n, s in enumerate(data.get("sections", []), 1):
        if name == "code-of-ethics" and variant == 2:
            body.append(f"<h2><span class='badge'>Section {s['number']} \u2014 </span>{html.escape(s['title'])}</h2>")
            body.append("<div class='narrative'>" + "".join(f"<p>{shy(p)}</p>" for p in s["narrative"]) + "</div>")
            body.append(f"<p class='lead'>{html.escape(s['intro'])}</p>" + _items(s["clauses"]))
        elif name == "code-of-ethics":
            body.append(f"<h2><span class='badge'>{s['number']}</span>{html.escape(s['title'])}</h2>")
            body.append("<div class='narrative'>" + "".join(f"<p>{shy(p)}</p>" for p in s["narrative"]) + "</div>")
            body.append(f"<p class='lead'>{html.escape(s['intro'])}</p>" + _items(s["clauses"]))
        elif name == "framework":
            body.append(f"<h2>Characteristic {s['number']}: {html.escape(s['title'])}</h2><p class='def'>{shy(s['intro'])}</p>")
            body.append(_items(s["clauses"]))
        else:
            number = f"{s['number']}. "
            if variant == 2 and name in ("code-of-conduct", "long-document"):
                number = f"<span class='num'>{s['number']}</span>"
            body.append(f"<h2>{number}{html.escape(s['title'])}</h2><p class='lead'>{html.escape(s['intro'])}</p>")
            body.append(_items(s["clauses"], f"m{(n - 1) % 4 + 1}"))
        if "aside" in s:
            body.append(f"<div class='callout'>{shy(s['aside'])}</div>")
    if "questions" in data:
        q = data["questions"]
        body.append(f"<h2>{html.escape(q['title'])}</h2><p class='lead'>{html.escape(q['intro'])}</p>" + _items(q["items"]))
    main = "".join(body)
    if name == "framework":
        main = f"<div class='cols'>{main}</div>"
    return (
        "<!doctype html><html lang='en-GB'><head><meta charset='utf-8'>"
        f"<style>{BASE_CSS}{STYLES[name]}{_LOOKS[variant](name)}</style>"
        f"</head><body>{''.join(parts)}{main}</body></html>"
    )


def generate(out_dir: Path, variant: int = 0) -> dict[str, tuple[Path, list[ExpectedSection]]]:
    """Print every document; in a thread of its own, because the browser tests' Playwright keeps an
    event loop running in the main thread, where the sync API refuses to start another."""
    import concurrent.futures

    with concurrent.futures.ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(_generate, out_dir, variant).result()


def _generate(out_dir: Path, variant: int) -> dict[str, tuple[Path, list[ExpectedSection]]]:
    from playwright.sync_api import sync_playwright

    out: dict[str, tuple[Path, list[ExpectedSection]]] = {}
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        try:
            page = browser.new_page()
            page.route("**/*", lambda route: route.abort())  # offline: the HTML is self-contained
            for name in DOCUMENTS:
                data = load(name, "chromium", variant)
                page.set_content(build_html(name, data, variant), wait_until="load")
                page.evaluate("document.fonts.ready")
                path = out_dir / f"chromium{'-b' * variant}-{name}.pdf"
                page.pdf(
                    path=str(path),
                    format="A4",
                    margin=MARGINS[rotated(name, variant)] if variant < 2 else THIRD_MARGINS[name],
                    print_background=True,
                    display_header_footer=True,
                    header_template=(
                        "<div style='font-family: Liberation Sans; font-size: 7.5pt; width: 100%; "
                        f"text-align: right; margin-right: 18mm; color: #555'>SAMPLE · {html.escape(data['title'])}</div>"
                    ),
                    footer_template=(
                        "<div style='font-family: Liberation Sans; font-size: 7.5pt; width: 100%; text-align: center'>"
                        "Page <span class='pageNumber'></span> of <span class='totalPages'></span></div>"
                    ),
                )
                out[name] = (path, expected(data))
        finally:
            browser.close()
    return out
