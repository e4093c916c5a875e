"""Renamed keywords of the dynamics functions, accepted for one release (private).

The old names are not in the signatures (so the public API shows only the current
convention); they arrive through ``**legacy`` and are resolved here with a
:class:`DeprecationWarning`. Anything else in ``**legacy`` is a ``TypeError``, as for any
unknown keyword.
"""

from __future__ import annotations

from typing import Any

from bargain._result import warn
from bargain.errors import InvalidArgumentError

__all__ = ["renamed"]


def renamed(func: str, legacy: dict[str, Any], old: str, new: str, value: Any, default: Any) -> Any:
    """The value of ``new``, taking the deprecated ``old`` from ``legacy`` if it was given."""
    unknown = sorted(set(legacy) - {old})
    if unknown:
        raise TypeError(f"{func}() got an unexpected keyword argument {unknown[0]!r}")
    if old not in legacy:
        return value
    warn(f"{func}: {old} is deprecated; use {new}", DeprecationWarning)
    if value is not default and value != default:
        raise InvalidArgumentError(f"{func}: give {new} or its old name {old}, not both")
    return legacy[old]
