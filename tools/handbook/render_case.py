"""The case sheet (`/case/`): a clause as it stood on a date, for a letter or a hearing bundle.

The page is a form (clause ID and date, read from the query string too, so a
letter can link to `/case/?clause=COC-1.4&date=2020-06-01`) and an empty
sheet; `docs/assets/case.js` fills the sheet in the browser from
`handbook.json`, so it works on any static web server. This module only lays
out the form and formats the facts the sheet needs that `handbook.json` does
not already carry (the principles' names).
"""

from __future__ import annotations

import html
from typing import Any

from .citation import permalink
from .render import RenderedFile, front_matter
from .resolve import Resolved, clause_sort_key
from .urls import CASE_SHEET, HANDBOOK_JSON, page_url, rel


def render_case_sheet(resolved: Resolved) -> list[RenderedFile]:
    return [RenderedFile(CASE_SHEET, case_sheet_markdown(resolved), in_nav=True)]


def clause_ids(resolved: Resolved) -> list[str]:
    """Every clause ID of every CIH document and council policy version, once each."""
    ids = {c.clause.id for v in resolved.documents for c in v.clauses}
    ids |= {c.clause.id for h in resolved.policy_histories for v in h.versions for c in v.clauses}
    return sorted(ids, key=clause_sort_key)


def case_sheet_markdown(resolved: Resolved) -> str:
    options = "".join(f'<option value="{html.escape(i, quote=True)}"></option>' for i in clause_ids(resolved))
    data_url = html.escape(rel(CASE_SHEET, HANDBOOK_JSON), quote=True)
    stamp = permalink(resolved.site_url, page_url(CASE_SHEET))
    lines = [
        *front_matter("Case sheet", search_exclude=True),
        "# Case sheet",
        "",
        '<div class="handbook-case" markdown="0" data-search-exclude>',
        '<p class="handbook-case-intro">Choose a clause (a CIH clause such as COC-1.4 or a council clause such as DOI-2.1) '
        "and the date of the conduct. The sheet shows the wording in force on that date, the council policy clauses it "
        "engaged as they stood then, the mapping as reviewed, the Nolan principles and the disciplinary route, each with "
        "its citation. A letter can link straight to a sheet: <code>case/?clause=COC-1.4&amp;date=2020-06-01</code>.</p>",
        f'<form class="handbook-case-form" id="handbook-case-form" method="get" data-json="{data_url}">',
        '<p><label for="handbook-case-clause">Clause ID</label> '
        '<input id="handbook-case-clause" name="clause" type="text" list="handbook-case-ids" required '
        'autocomplete="off" spellcheck="false" size="14">'
        f'<datalist id="handbook-case-ids">{options}</datalist></p>',
        '<p><label for="handbook-case-date">Date of the conduct</label> '
        '<input id="handbook-case-date" name="date" type="date" required></p>',
        '<p><button type="submit" class="md-button md-button--primary">Show the sheet</button></p>',
        "</form>",
        '<div id="handbook-case-sheet" class="handbook-case-sheet" aria-live="polite">'
        '<noscript><p>The case sheet needs JavaScript to read handbook.json.</p></noscript></div>',
        # The printed sheet's footer: case.js adds the clause and date to the address.
        f'<p class="handbook-print-note" id="handbook-case-stamp" data-permalink="{html.escape(stamp, quote=True)}">'
        "Printed from the Professional Standards Handbook.</p>",
        "</div>",
        "",
    ]
    return "\n".join(lines)


def principles_json(resolved: Resolved) -> list[dict[str, Any]]:
    """The Nolan principles by ID, for handbook.json (the mapping names them by ID)."""
    if resolved.principles is None:
        return []
    return [{"id": p.id, "name": p.name} for p in resolved.principles.items]
