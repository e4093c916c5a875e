"""Read-only arrays for the frozen result types.

Every result dataclass hands out arrays that cannot be written to (so a result cannot be
changed after it was certified) and prints numbers the same way; these helpers are the one
place that does it (number formatting is in :mod:`bargain._result`).
"""

from __future__ import annotations

from typing import Any

import numpy as np

__all__ = ["frozen", "readonly"]


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
