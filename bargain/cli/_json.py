"""Plain JSON values of results: Fractions as ``"p/q"`` strings, arrays as lists, games as tables.

Output always parses as strict JSON: NaN becomes ``null`` and infinities the strings
``"inf"``/``"-inf"`` (``json.dumps(..., allow_nan=False)`` is used).
"""

from __future__ import annotations

import dataclasses
import json
import math
from collections.abc import Mapping
from fractions import Fraction
from typing import Any

import numpy as np

from bargain._result import Status
from bargain.core.game import Game

__all__ = ["jsonable", "dumps", "exact_or_none"]


def jsonable(value: Any) -> Any:
    """``value`` as JSON-ready Python data (recursively)."""
    if value is None or isinstance(value, bool | str):
        return value
    if isinstance(value, np.bool_):
        return bool(value)
    if isinstance(value, Fraction):
        return str(value)
    if isinstance(value, int | np.integer):
        return int(value)
    if isinstance(value, float | np.floating):
        v = float(value)
        if math.isnan(v):
            return None
        if math.isinf(v):
            return "inf" if v > 0 else "-inf"
        return v
    if isinstance(value, np.ndarray):
        if value.ndim == 0:
            return jsonable(value[()])
        return [jsonable(v) for v in value]
    if isinstance(value, Game):
        out = {
            "name": value.name,
            "players": list(value.players),
            "row_actions": list(value.row_actions),
            "col_actions": list(value.col_actions),
            "A": jsonable(value.A),
            "B": jsonable(value.B),
        }
        if value.has_exact_payoffs:
            exact_a, exact_b = value.exact_payoffs()
            out["A_exact"], out["B_exact"] = jsonable(exact_a), jsonable(exact_b)
        return out
    if isinstance(value, Mapping):
        return {str(k): jsonable(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [jsonable(v) for v in value]
    if isinstance(value, Status):
        return value.name
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: jsonable(getattr(value, f.name)) for f in dataclasses.fields(value)}
    return repr(value)


def dumps(value: Any) -> str:
    """Strict JSON text of ``value`` (indented)."""
    return json.dumps(jsonable(value), indent=2, ensure_ascii=False, allow_nan=False)


def exact_or_none(values: Any) -> list[str] | None:
    """A tuple of Fractions as strings, or ``None``."""
    return None if values is None else [str(Fraction(v)) for v in values]
