"""Every generated file of the site, from the render modules, in one list.

The mkdocs plugin calls only this, so adding a kind of page means adding it
here, not touching the adapter.
"""

from __future__ import annotations

from dataclasses import dataclass

from .glossary import Term, render_glossary
from .induction import Module, render_induction
from .pipeline import Handbook
from .render import RenderedFile, handbook_json, render_handbook
from .render_policies import render_policy_pages
from .render_versions import render_version_pages, superseded_note


@dataclass(frozen=True)
class Content:
    """The hand-edited data besides the sources: induction modules and glossary."""

    modules: tuple[Module, ...] = ()
    glossary: tuple[Term, ...] = ()


def site_files(handbook: Handbook, site_url: str = "", content: Content = Content()) -> list[RenderedFile]:
    files = render_handbook(handbook, site_url, notice=lambda source, clause, here: superseded_note(handbook, source, clause, here))
    files += render_version_pages(handbook)
    files += render_policy_pages(handbook)
    links = {name: path for name, path in (("nolan", "nolan/index.md"), ("council", "council/index.md")) if any(f.path == path for f in files)}
    if content.modules:
        files += render_induction(content.modules, handbook, links)
    if content.glossary:
        files += render_glossary(content.glossary)
    files.append(RenderedFile("handbook.json", handbook_json(handbook, site_url)))
    return files
