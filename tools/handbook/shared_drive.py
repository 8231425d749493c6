"""The shared-drive copy of the site: pages that work opened from disk (`file://`).

`handbook build --shared-drive DIR` builds with mkdocs' `use_directory_urls:
false`, so every page is a `.html` file and mkdocs links to it by name. Links
the render modules write as raw HTML point at directory addresses
(`../coc-1.4/`); opened from disk those would show a folder listing, so they
are pointed at the page's file here (`../coc-1.4.html`, `v3/index.html`). Citations and permalinks keep
the served site's addresses (they are built on `site_url`, not on links).
"""

from __future__ import annotations

import re
from pathlib import Path

# A relative link to a folder: no scheme, not site-absolute, ends in "/" (before any #anchor).
_FOLDER_LINK = re.compile(r'(href=")((?![a-z][a-z0-9+.-]*:|/|#)[^"#?]*/)((?:#[^"]*)?")')


def open_from_disk(site: Path) -> int:
    """Point every relative link to a folder at the page's file; returns how many links changed."""
    changed = 0
    for path in site.rglob("*.html"):
        html = path.read_text(encoding="utf-8")
        count = 0

        def file_link(m: re.Match[str]) -> str:
            nonlocal count
            link = m.group(2)
            target = (path.parent / link).resolve()
            if (target / "index.html").is_file():
                new = f"{link}index.html"
            elif target.with_name(target.name + ".html").is_file():
                new = f"{link[:-1]}.html"  # a page built as name.html rather than name/index.html
            else:
                return m.group(0)
            count += 1
            return f"{m.group(1)}{new}{m.group(3)}"

        fixed = _FOLDER_LINK.sub(file_link, html)
        if count:
            path.write_text(fixed, encoding="utf-8")
            changed += count
    return changed
