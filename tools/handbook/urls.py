"""Where every page and file of the site lives: the one home of paths and links.

Paths are docs-relative Markdown files (`cih/code-of-conduct/v3/coc-1.4.md`);
mkdocs serves each at its directory URL (`cih/code-of-conduct/v3/coc-1.4/`,
see `page_url`). They are derived from the manifest's slug, the version label
and the clause ID only, so an address stays put whatever else changes in the
sources and a citation keeps working.

    /cih/<slug>/<version>/                 a CIH document version
    /cih/<slug>/<version>/<clause-id>/     one of its clauses
    /cih/<slug>/changes/                   what changed between its versions
    /council/<slug>/                       a council policy, current version (#<clause-anchor> per clause)
    /council/<slug>/<version>/             a council policy version
    /council/<slug>/<version>/<clause-id>/ one of its clauses
    /council/<slug>/changes/               what changed between its versions

Version labels become slugs (`version_slug`): "v3" stays "v3", "Edition 4"
becomes "edition-4". The navigation, the renderers, `handbook.json` and search
all take their paths from here.
"""

from __future__ import annotations

import posixpath
import re

from .model import SourceEntry

CIH_INDEX = "cih/index.md"
IN_FORCE_PAGE = "cih/in-force.md"
COUNCIL_INDEX = "council/index.md"
NOLAN_INDEX = "nolan/index.md"
REPORT_PAGE = "report/index.md"
REPORT_PDF = "report/alignment-report.pdf"
INDUCTION_INDEX = "induction/index.md"
ACKNOWLEDGEMENT = "induction/acknowledgement.md"
GLOSSARY = "glossary.md"
TENANTS = "tenants.md"  # the page for tenants and residents
CASE_SHEET = "case/index.md"
HANDBOOK_JSON = "handbook.json"
HOME = "index.md"


def version_slug(label: str) -> str:
    """A version label as a URL segment: lower case, runs outside [a-z0-9.] become '-'."""
    return re.sub(r"[^a-z0-9.]+", "-", label.lower()).strip("-")


def clause_slug(clause_id: str) -> str:
    return clause_id.lower()


# ---------------------------------------------------------------------------
# CIH documents.


def document_dir(entry: SourceEntry) -> str:
    return f"cih/{entry.slug}/{version_slug(entry.version)}"


def document_page(entry: SourceEntry) -> str:
    return f"{document_dir(entry)}/index.md"


def clause_page(entry: SourceEntry, clause_id: str) -> str:
    return f"{document_dir(entry)}/{clause_slug(clause_id)}.md"


def changes_page(slug: str) -> str:
    return f"cih/{slug}/changes.md"


# ---------------------------------------------------------------------------
# Council policies.


def policy_page(entry: SourceEntry) -> str:
    """The policy's current page, which anchors each clause (`clause_anchor`)."""
    return f"council/{entry.slug}.md"


def policy_version_page(entry: SourceEntry) -> str:
    return f"council/{entry.slug}/{version_slug(entry.version)}/index.md"


def council_clause_page(entry: SourceEntry, clause_id: str) -> str:
    return f"council/{entry.slug}/{version_slug(entry.version)}/{clause_slug(clause_id)}.md"


def policy_changes_page(slug: str) -> str:
    """What changed between a council policy's versions."""
    return f"council/{slug}/changes.md"


def clause_anchor(clause_id: str) -> str:
    """A policy clause's anchor on its policy page: ECC-4.2 → ecc-4-2."""
    return re.sub(r"[^a-z0-9]+", "-", clause_id.lower()).strip("-")


def policy_clause_target(entry: SourceEntry, clause_id: str) -> str:
    """A council clause as a place on its policy's page."""
    return f"{policy_page(entry)}#{clause_anchor(clause_id)}"


# ---------------------------------------------------------------------------
# Everything else.


def nolan_page(principle_id: str) -> str:
    return f"nolan/{principle_id}.md"


def module_page(module_id: str) -> str:
    return f"induction/{module_id}.md"


def source_pdf_path(entry: SourceEntry) -> str:
    """Where a source file is published for download. A Markdown policy is published as text
    (`name.md.txt`): as `.md` the engine would make it a page, and any HTML in it would run there."""
    name = posixpath.basename(entry.path)
    return f"sources/{name}.txt" if name.lower().endswith(".md") else f"sources/{name}"


# ---------------------------------------------------------------------------
# Links.


def page_url(path: str) -> str:
    """The directory URL mkdocs gives a page (use_directory_urls)."""
    if path.endswith("index.md"):
        return path[: -len("index.md")]
    return path[: -len(".md")] + "/"


def rel(from_page: str, to: str) -> str:
    """A Markdown link from one docs file to another docs file or asset (`to` may end in #anchor)."""
    target, hash_, anchor = to.partition("#")
    return posixpath.relpath(target, posixpath.dirname(from_page) or ".") + hash_ + anchor


def href(from_page: str, to_page: str) -> str:
    """A link for raw HTML, which mkdocs does not rewrite: from one page's URL to another's."""
    return posixpath.relpath(page_url(to_page), page_url(from_page) or ".") + "/"
