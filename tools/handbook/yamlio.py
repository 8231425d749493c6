"""YAML loading that remembers line numbers, for errors people can act on.

The manifest and the mapping are edited by hand, so a mistake must be
reported with the file and line where it is. Mappings are loaded as
`LineDict`s carrying the line of their first key.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from .errors import HandbookError, display_path


class LineDict(dict[str, Any]):
    line: int = 0


# libyaml's parser when PyYAML was built with it: the same results, several times faster.
class _LineLoader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):  # type: ignore[misc]
    pass


def _construct_mapping(loader: _LineLoader, node: yaml.MappingNode) -> LineDict:
    loader.flatten_mapping(node)
    data = LineDict()
    data.line = node.start_mark.line + 1
    for key_node, value_node in node.value:
        key = loader.construct_object(key_node, deep=True)
        if key in data:
            raise HandbookError(
                loader.name, f"key '{key}' appears twice in one entry", "remove one of them", line=key_node.start_mark.line + 1
            )
        data[key] = loader.construct_object(value_node, deep=True)
    return data


_LineLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)


def load_yaml(path: Path, *, what: str) -> Any:
    """Parse a YAML file; a syntax error becomes one HandbookError line."""
    return load_yaml_tree(path, what=what)[0]


def load_yaml_tree(path: Path, *, what: str) -> tuple[Any, yaml.Node | None]:
    """The parsed data and the YAML node tree it came from (for the line of any key)."""
    shown = display_path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise HandbookError(shown, f"{what} not found", f"create it or point the configuration at the right {what}") from None
    except UnicodeDecodeError:
        raise HandbookError(shown, f"{what} is not UTF-8 text", "save it as UTF-8") from None
    try:
        loader = _LineLoader(text)
    except yaml.YAMLError as exc:  # e.g. a control character the YAML reader refuses
        first = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
        raise HandbookError(shown, f"contains text YAML cannot read ({first})", f"remove the character from the {what}") from None
    loader.name = shown
    try:
        node = loader.get_single_node()
        return (loader.construct_document(node) if node is not None else None), node
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark
        line = mark.line + 1 if mark else None
        problem = (exc.problem or "syntax error").splitlines()[0]
        raise HandbookError(shown, f"malformed YAML ({problem})", f"fix the {what}'s syntax", line=line) from None
    except yaml.YAMLError as exc:
        first = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
        raise HandbookError(shown, f"malformed YAML ({first})", f"fix the {what}'s syntax") from None
    finally:
        loader.dispose()


def line_of(data: Any) -> int | None:
    return getattr(data, "line", None) or None
