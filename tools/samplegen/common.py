"""Helpers shared by the sample PDF renderers."""

from __future__ import annotations

import datetime as dt
from typing import Any


def in_force(data: dict[str, Any]) -> dt.date:
    value = data["in_force"]
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value))
    except ValueError:
        raise ValueError(f"in_force: {value!r} is not a date (YYYY-MM-DD)") from None


def long_date(day: dt.date) -> str:
    return f"{day.day} {day:%B %Y}"
