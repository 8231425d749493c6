"""The page for tenants and residents: what they can expect from housing staff, in plain words.

The Regulator of Social Housing's Competence and Conduct Standard (from
October 2026) asks landlords to make their code of conduct accessible to
tenants and to show that staff understand and apply it. The page's words are
data the council edits (`content/tenants.yml`); each plain-words promise names
the clauses it stands for, and the page shows their current wording verbatim
beneath it, so the plain words can always be checked against the standard.

load → check against the handbook (every named clause is a current clause) →
facts from the resolved handbook (wording, address, heading) → Markdown.
"""

from __future__ import annotations

import html
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .errors import HandbookError, display_path
from .model import Handbook
from .render import RenderedFile, front_matter, md_text
from .resolve import Resolved, lettered_items
from .urls import CIH_INDEX, COUNCIL_INDEX, TENANTS, href, rel
from .yamlio import line_of, load_yaml


@dataclass(frozen=True)
class Promise:
    text: str
    clauses: tuple[str, ...]
    line: int | None = None  # where it is in the file, for errors


@dataclass(frozen=True)
class TenantsPage:
    source: str  # the file, as shown in errors
    title: str
    intro: tuple[str, ...]
    promises: tuple[Promise, ...]
    concerns: tuple[str, ...] = ()
    applied: tuple[str, ...] = ()
    formats: tuple[str, ...] = ()


def load_tenants(path: Path) -> TenantsPage:
    data = load_yaml(path, what="tenants page")
    shown = display_path(path)
    if not isinstance(data, dict):
        raise HandbookError(shown, "not a mapping of keys", "start from the sample content/tenants.yml")
    title = data.get("title")
    if not isinstance(title, str) or not title.strip():
        raise HandbookError(shown, "no 'title'", "give the page a title, e.g. title: What you can expect from our housing staff")
    items = data.get("promises")
    if not isinstance(items, list) or not items:
        raise HandbookError(shown, "no 'promises' list", "list each promise with its text and the clauses it stands for", line=line_of(data))
    return TenantsPage(
        shown,
        " ".join(title.split()),
        _texts(data, "intro", shown),
        tuple(_promise(item, shown) for item in items),
        _texts(data, "concerns", shown),
        _texts(data, "applied", shown),
        _texts(data, "formats", shown),
    )


def _texts(data: dict, key: str, shown: str) -> tuple[str, ...]:
    value = data.get(key) or []
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
        raise HandbookError(shown, f"'{key}' is not a list of paragraphs", f"write each paragraph of '{key}' as a line starting with '- '", line=line_of(data))
    return tuple(" ".join(v.split()) for v in value)


def _promise(item: Any, shown: str) -> Promise:
    line = line_of(item)
    if not isinstance(item, dict) or not isinstance(item.get("text"), str) or not item["text"].strip():
        raise HandbookError(shown, "a promise has no 'text'", "give each promise its text in plain words", line=line)
    clauses = item.get("clauses")
    if isinstance(clauses, str):
        clauses = [clauses]
    if not isinstance(clauses, list) or not clauses or not all(isinstance(c, str) and c.strip() for c in clauses):
        raise HandbookError(
            shown, f"the promise \"{_short(item['text'])}\" names no clauses", "list the clause IDs it stands for, e.g. clauses: [COC-1.1]", line=line
        )
    return Promise(" ".join(item["text"].split()), tuple(c.strip().upper() for c in clauses), line)


def _short(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= 50 else text[:47] + "…"


def tenants_problems(page: TenantsPage, handbook: Handbook) -> list[HandbookError]:
    """A promise naming a clause that is not a clause of the current CIH documents or council policies."""
    known = set(handbook.current_clauses) | {c.id for s in handbook.policies for c in s.document.clauses}
    return [
        HandbookError(
            page.source,
            f"the promise \"{_short(p.text)}\" names {cid}, which is not a clause of the current CIH documents or council policies",
            "use the ID shown on the clause's page (COC-1.4, GIF-2.1), or remove it",
            line=p.line,
        )
        for p in page.promises
        for cid in p.clauses
        if cid not in known
    ]


# ---------------------------------------------------------------------------
# Facts, from the resolved handbook: nothing is decided while the page is laid out.


@dataclass(frozen=True)
class Wording:
    """A clause as the page quotes it: current wording, its page and its heading."""

    id: str
    heading: str  # "COC-1.4 — CIH Code of Conduct v3"
    page: str  # its own page (docs path)
    text: str
    items: tuple[str, ...] = ()  # a council clause's lettered items, which complete it


@dataclass(frozen=True)
class TenantsFacts:
    page: TenantsPage
    wordings: tuple[tuple[Promise, tuple[Wording, ...]], ...]
    policies: bool  # the handbook has council policies to point to


def tenants_facts(page: TenantsPage, resolved: Resolved) -> TenantsFacts:
    found: dict[str, Wording] = {}
    for version in resolved.current_documents:
        for c in version.clauses:
            found[c.clause.id] = Wording(c.clause.id, c.heading, c.page, c.clause.text)
    for history in resolved.policy_histories:
        clauses = [c.clause for c in history.current.clauses]
        for c in history.current.clauses:
            items = tuple(i.text for i in lettered_items(clauses, c.clause))
            found[c.clause.id] = Wording(c.clause.id, c.heading, c.page, c.clause.text, items)
    return TenantsFacts(page, tuple((p, tuple(found[cid] for cid in p.clauses if cid in found)) for p in page.promises), bool(resolved.policies))


# ---------------------------------------------------------------------------
# The page.


def tenants_markdown(facts: TenantsFacts) -> str:
    page = facts.page
    out = [*front_matter(page.title), f"# {md_text(page.title)}", ""]
    out += [f"{md_text(p)}\n" for p in page.intro]
    out += ["## What we promise", "", '<ol class="handbook-promises">']
    for promise, wordings in facts.wordings:
        quotes = "".join(
            f'<blockquote class="handbook-promise-quote"><p>{html.escape(w.text)}</p>'
            + (f"<ul>{''.join(f'<li>{html.escape(i)}</li>' for i in w.items)}</ul>" if w.items else "")
            + f'<footer><a href="{href(TENANTS, w.page)}">{html.escape(w.heading)}</a></footer></blockquote>'
            for w in wordings
        )
        label = "What the standard says" if len(wordings) == 1 else "What the standards say"
        # The quoted wording is indexed on each clause's own page; here it is kept out of search.
        out.append(
            f"<li><p>{html.escape(promise.text)}</p>"
            f"<details class=\"handbook-promise-source\" data-search-exclude><summary>{label}</summary>{quotes}</details></li>"
        )
    out += ["</ol>", ""]
    if page.concerns:
        out += ["## If a member of staff falls short", "", *(f"{md_text(p)}\n" for p in page.concerns)]
    if page.applied:
        out += ["## How we make sure staff follow the standards", "", *(f"- {md_text(a)}" for a in page.applied), ""]
    if page.formats:
        out += ["## Other formats and languages", "", *(f"{md_text(p)}\n" for p in page.formats)]
    out += [
        "## The full standards",
        "",
        f"The standards are published here in full, word for word: the [CIH standards]({rel(TENANTS, CIH_INDEX)})"
        + (f" and the [council's policies]({rel(TENANTS, COUNCIL_INDEX)})." if facts.policies else "."),
        "",
    ]
    return "\n".join(out)


def render_tenants(page: TenantsPage, resolved: Resolved) -> list[RenderedFile]:
    return [RenderedFile(TENANTS, tenants_markdown(tenants_facts(page, resolved)), in_nav=True)]
