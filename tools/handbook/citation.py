"""The one standard reference for a clause, as HR puts it in a case file.

    CIH Code of Conduct (v3, in force from 2024-01-01), principle 1 "Act with
    integrity and respect", clause COC-1.4, page 2 — https://…/coc-1.4/

It names exactly what applied (document, version and its in-force date,
section, clause ID, page of the source PDF) and the permalink, which never
changes for that version.
"""

from __future__ import annotations

from .model import Clause, Section, SourceEntry

SECTION_WORD = {"code": "principle", "framework": "characteristic", "policy": "section"}


def document_name(entry: SourceEntry) -> str:
    return entry.cite_as or f"{entry.publisher} {entry.title}"


def section_reference(entry: SourceEntry, section: Section) -> str:
    if section.number == "Q":
        return f'"{section.title}"'
    return f'{SECTION_WORD.get(entry.kind, "section")} {section.number} "{section.title}"'


def version_name(label: str) -> str:
    """A version label as it reads after a title: "v3" stays, a bare number becomes "version 1.4"."""
    return label if label[:1].isalpha() else f"version {label}"


def clause_heading(entry: SourceEntry, clause_id: str) -> str:
    """What a clause page's heading and browser tab say: "COC-1.4 — CIH Code of Conduct v3",
    "DOI-2.1 — Declarations of Interest Policy version 1.4"."""
    name = document_name(entry) if entry.kind in ("code", "framework") else (entry.cite_as or entry.title)
    return f"{clause_id} — {name} {version_name(entry.version)}"


def permalink(site_url: str, url: str) -> str:
    """An absolute address when the site's address is configured, else one from the site root."""
    return f"{site_url.rstrip('/')}/{url}" if site_url else f"/{url}"


def cite(entry: SourceEntry, section: Section, clause: Clause, url: str, site_url: str = "") -> str:
    return (
        f"{document_name(entry)} ({entry.version}, in force from {entry.in_force.isoformat()}), "
        f"{section_reference(entry, section)}, clause {clause.id}, page {clause.page} — {permalink(site_url, url)}"
    )
