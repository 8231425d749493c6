"""Every generated file of the site, from the render modules, in one list.

The mkdocs plugin calls only this, so adding a kind of page means adding it
here, not touching the adapter.
"""

from __future__ import annotations

from .pipeline import Handbook
from .render import RenderedFile, handbook_json, render_handbook
from .render_versions import render_version_pages, superseded_note


def site_files(handbook: Handbook, site_url: str = "") -> list[RenderedFile]:
    files = render_handbook(handbook, site_url, notice=lambda source, clause, here: superseded_note(handbook, source, clause, here))
    files += render_version_pages(handbook)
    files.append(RenderedFile("handbook.json", handbook_json(handbook, site_url)))
    return files
