"""Front matter is written by one function and read back by mkdocs exactly as given.

`render.front_matter` quotes every value (so no title can end the front
matter, add a key or become a YAML tag) and HTML-escapes the title once,
because the theme puts `page.meta.title` into the navigation, the header and
`<title>` without escaping it.
"""

from __future__ import annotations

import html

from hypothesis import given, settings
from hypothesis import strategies as st
from mkdocs.utils.meta import get_data

from handbook.render import front_matter, nav_title

AWKWARD = [
    'Policy "quoted" title',
    "it's: a colon",
    "---",
    "x\n---\ntitle: injected",
    "!!python/object:os.system",
    "& < > ' \"",
    "<img src=x onerror=alert(1)>",
    "[x](javascript:alert(1)) {{ jinja }} | pipes | *emph* &amp;",
    "#comment",
    "@at `tick` %percent",
    "\x85\u2028\u2029 \ufeff",
    "  leading and trailing  ",
]


def read_back(lines: list[str]) -> dict:
    markdown, meta = get_data("\n".join(lines) + "# Heading\n")
    assert markdown.strip() == "# Heading"  # the front matter ended where it should
    return meta


def test_awkward_titles_come_back_html_escaped_once() -> None:
    for title in AWKWARD:
        meta = read_back(front_matter(title, search_boost=0.5))
        assert meta == {"title": html.escape(" ".join(title.splitlines()), quote=True), "search": {"boost": 0.5}}, title


def test_nav_title_escapes_once() -> None:
    assert nav_title('<b>"A" & \'B\'</b>') == "&lt;b&gt;&quot;A&quot; &amp; &#x27;B&#x27;&lt;/b&gt;"


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=60))
def test_any_title_round_trips(title: str) -> None:
    meta = read_back(front_matter(title))
    assert html.unescape(meta["title"]) == " ".join(title.splitlines())  # a title is one line
