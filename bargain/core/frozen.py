"""Read-only arrays for the frozen result types.

Every result dataclass hands out arrays that cannot be written to (so a result cannot be
changed after it was certified) and prints numbers the same way; these helpers are the one
place that does it (number formatting is in :mod:`bargain._result`).
"""

from __future__ import annotations

from typing import Any

import numpy as np

__all__ = ["frozen", "readonly", "immutable"]


def frozen(values: Any, dtype: Any = np.float64) -> np.ndarray:
    """A new read-only array of ``values`` (copied, converted to ``dtype``).

    >>> a = frozen([1, 2]); a.flags.writeable, a.dtype
    (False, dtype('float64'))
    """
    return readonly(np.array(values, dtype=dtype))


def readonly(arr: Any) -> np.ndarray:
    """Mark an array read-only in place (no copy) and return a view of it that stays read-only.

    The view's ``setflags(write=True)`` raises, because its base is read-only too.

    >>> a = readonly(np.zeros(2)); a.flags.writeable
    False
    >>> a.setflags(write=True)
    Traceback (most recent call last):
    ...
    ValueError: cannot set WRITEABLE flag to True of this array
    """
    out = np.asarray(arr)
    base = out
    while isinstance(base.base, np.ndarray):
        base.setflags(write=False)
        base = base.base
    base.setflags(write=False)
    out.setflags(write=False)
    return out.view()


def immutable(values: Any) -> np.ndarray:
    """An owned copy that can never be written: neither the array nor its base.

    A float or integer array is copied into an immutable ``bytes`` buffer, so its
    ``WRITEABLE`` flag cannot be set again (``setflags(write=True)`` raises) and its
    ``base`` (the bytes) has no item assignment. Object arrays (exact Fractions) cannot
    live in a buffer: they get a read-only view of a private copy. What a :class:`Game`
    stores.

    >>> a = immutable([1.0, 2.0]); a.flags.writeable, isinstance(a.base, bytes)
    (False, True)
    """
    arr = np.asarray(values)
    if arr.dtype == object:
        return readonly(arr.copy())
    # tobytes copies any layout in C order: one copy, even of a transposed batch
    return np.ndarray(arr.shape, dtype=arr.dtype, buffer=arr.tobytes())
