"""The human-edited mapping from CIH clause wordings to Nolan principles and council clauses.

- `model`: the entries as frozen data with closed vocabularies;
- `reader`: the file, read with ruamel.yaml (line numbers, size and alias limits);
- `checks`: every problem against the handbook, each with its line and what to do;
- `wording`: which entry applies to which clause (by wording), and the nearest reviewed wording;
- `writer`: the file written back round-trip, comments kept;
- `update`: `handbook suggest` – keep the file in step with the manifest and draft entries.
"""

from .checks import validate
from .model import (
    DEFAULT_MAPPING,
    Basis,
    BreachPosition,
    BreachRoute,
    ClauseLabel,
    ClauseMapping,
    Evidence,
    Mapping,
    MappingEntry,
    PolicyLink,
    Problem,
    ProblemKind,
    Relation,
    ReviewState,
    SourceKind,
    Status,
    clause_sort_key,
    is_error,
)
from .reader import load_mapping
from .wording import Nearest, current_entries, entry_for, nearest_reviewed, review_state, reviewed_current
from .writer import HEADER, dump_mapping

__all__ = [
    "DEFAULT_MAPPING", "HEADER", "Basis", "BreachPosition", "BreachRoute", "ClauseLabel", "ClauseMapping", "Evidence",
    "Mapping", "MappingEntry", "Nearest", "PolicyLink", "Problem", "ProblemKind", "Relation", "ReviewState", "SourceKind",
    "Status", "clause_sort_key", "current_entries", "dump_mapping", "entry_for", "is_error", "load_mapping", "nearest_reviewed",
    "review_state", "reviewed_current", "validate",
]
