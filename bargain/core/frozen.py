"""Read-only arrays and compact number formatting for the frozen result types.

Every result dataclass hands out arrays that cannot be written to (so a result cannot be
changed after it was certified) and prints numbers the same way; these helpers are the one
place that does both.
"""

from __future__ import annotations

from fractions import Fraction
from typing import Any

import numpy as np

__all__ = ["frozen", "readonly", "fmt_number", "fmt_vector"]


def frozen(values: Any, dtype: Any = np.float64) -> np.ndarray:
    """A new read-only array of ``values`` (copied, converted to ``dtype``).

    >>> a = frozen([1, 2]); a.flags.writeable, a.dtype
    (False, dtype('float64'))
    """
    out = np.array(values, dtype=dtype)
    out.setflags(write=False)
    return out


def readonly(arr: Any) -> np.ndarray:
    """Mark an array read-only in place (no copy) and return it.

    >>> readonly(np.zeros(2)).flags.writeable
    False
    """
    out = np.asarray(arr)
    out.setflags(write=False)
    return out


def fmt_number(v: Any) -> str:
    """A Fraction as ``p/q``, anything else with 6 significant digits.

    >>> fmt_number(Fraction(2, 3)), fmt_number(2 / 3)
    ('2/3', '0.666667')
    """
    return str(v) if isinstance(v, Fraction) else f"{float(v):.6g}"


def fmt_vector(v: Any) -> str:
    """A vector (or any array, flattened) as ``[a, b, ...]`` with 6 significant digits.

    >>> fmt_vector(np.array([0.5, 1 / 3]))
    '[0.5, 0.333333]'
    """
    return "[" + ", ".join(f"{x:.6g}" for x in np.ravel(np.asarray(v, dtype=float))) + "]"
