"""The glossary: a page of terms, and abbreviations explained wherever they appear.

Terms are data (`content/glossary.yml`). Each abbreviation with an expansion
becomes a Markdown abbreviation definition appended to every page, which the
`abbr` extension turns into `<abbr title="…">` (a tooltip on hover or tap).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from .errors import HandbookError, display_path
from .render import RenderedFile, front_matter, md_text
from .urls import GLOSSARY
from .yamlio import line_of, load_yaml, text_field

ABBREVIATION = re.compile(r"^[A-Z][A-Z0-9&.-]{0,15}$")


@dataclass(frozen=True)
class Term:
    term: str
    meaning: str
    expansion: str = ""


def load_glossary(path: Path) -> tuple[Term, ...]:
    data = load_yaml(path, what="glossary")
    shown = display_path(path)
    if not isinstance(data, dict) or not isinstance(data.get("terms"), list):
        raise HandbookError(shown, "no 'terms' list", "list the terms under 'terms:'")
    terms = []
    for item in data["terms"]:
        if not isinstance(item, dict) or not text_field(item, "term", shown) or not text_field(item, "meaning", shown):
            raise HandbookError(shown, "each term needs 'term' and 'meaning'", "add them", line=line_of(item))
        terms.append(Term(text_field(item, "term", shown), text_field(item, "meaning", shown), text_field(item, "expansion", shown)))
    return tuple(sorted(terms, key=lambda t: t.term.lower()))


def glossary_markdown(terms: tuple[Term, ...]) -> str:
    out = [*front_matter("Glossary"), "# Glossary", ""]
    for term in terms:
        name = f"{md_text(term.term)} – {md_text(term.expansion)}" if term.expansion else md_text(term.term)
        out += [f"**{name}**", f": {md_text(term.meaning)}", ""]
    return "\n".join(out)


def abbreviations(terms: tuple[Term, ...]) -> str:
    """Markdown abbreviation definitions for every term that is an abbreviation."""
    # Only plain abbreviations (CIH, CSPL, EDI) and one-line expansions: a definition is a line of
    # Markdown added to every page, and a line break in it would start raw Markdown and HTML there.
    return "\n".join(
        f"*[{t.term}]: {' '.join(t.expansion.split())}" for t in terms if t.expansion.strip() and ABBREVIATION.match(t.term)
    )


def render_glossary(terms: tuple[Term, ...]) -> list[RenderedFile]:
    return [RenderedFile(GLOSSARY, glossary_markdown(terms), in_nav=True)]
