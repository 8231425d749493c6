"""The shared-drive copy of the site: pages that work opened from disk (`file://`).

`handbook build --shared-drive DIR` builds with mkdocs' `use_directory_urls:
false`, so every page is a `.html` file and mkdocs links to it by name. Links
the render modules write as raw HTML point at directory addresses
(`../coc-1.4/`); opened from disk those would show a folder listing, so they
are pointed at the page's file here (`../coc-1.4.html`, `v3/index.html`), and
each page's canonical link names its published address. Citations and permalinks keep
the served site's addresses (they are built on `site_url`, not on links).
"""

from __future__ import annotations

import os
import re
from pathlib import Path

# A relative link to a folder: no scheme, not site-absolute, ends in "/" (before any #anchor).
_FOLDER_LINK = re.compile(r'(href=")((?![a-z][a-z0-9+.-]*:|/|#)[^"#?]*/)((?:#[^"]*)?")')


# The page's published address (mkdocs writes the file's): name.html → name/, dir/index.html → dir/.
_CANONICAL = re.compile(r'(<link rel="canonical" href=")([^"]*?)(index\.html|\.html)(")')


def _published(m: re.Match[str]) -> str:
    return f"{m.group(1)}{m.group(2)}{'' if m.group(3) == 'index.html' else '/'}{m.group(4)}"


def open_from_disk(site: Path) -> int:
    """Point every relative link to a folder at the page's file; returns how many links changed."""
    changed = 0
    for path in site.rglob("*.html"):
        html = path.read_text(encoding="utf-8")
        count = 0

        # Such links were made relative to the page's folder address: name.html was name/.
        base = path.parent if path.name == "index.html" else path.with_suffix("")

        def file_link(m: re.Match[str]) -> str:
            nonlocal count
            target = Path(os.path.normpath(base / m.group(2)))
            if (target / "index.html").is_file():
                target = target / "index.html"
            elif target.with_name(target.name + ".html").is_file():
                target = target.with_name(target.name + ".html")  # a page built as name.html
            else:
                return m.group(0)
            count += 1
            return f"{m.group(1)}{os.path.relpath(target, path.parent).replace(os.sep, '/')}{m.group(3)}"

        fixed = _CANONICAL.sub(_published, _FOLDER_LINK.sub(file_link, html))
        if fixed != html:
            path.write_text(fixed, encoding="utf-8")
            changed += count
    return changed
