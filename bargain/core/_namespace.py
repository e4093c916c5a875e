"""Which array library a kernel's inputs come from: numpy (the fast paths) or another one.

The batched kernels keep their numpy code exactly as it was fastest (in-place ``out=``
operations, a cell-by-cell reduction for small games) and add a second path written only
with functions of the Python array API standard, which serves every other library that
:mod:`array_api_compat` knows (array-api-strict, CuPy, PyTorch, JAX, Dask, ...). This
module picks the path. :mod:`array_api_compat` is imported only when a non-numpy array
arrives, so ``import bargain`` and every numpy call never load it.
"""

from __future__ import annotations

from types import ModuleType
from typing import Any

import numpy as np

from bargain.errors import InvalidArgumentError

__all__ = ["namespace", "is_scalar", "as_floating", "EXTRA"]

EXTRA = 'pip install "bargain-games[array]"'

# What the numpy paths have always taken: numpy arrays and scalars, Python scalars, nested
# sequences (numpy converts them), and None (an absent optional argument).
_NUMPY_LIKE = (np.ndarray, np.generic, float, int, bool, complex, list, tuple, type(None))
# Values that broadcast as plain numbers against an array of any library.
_SCALARS = (float, int, bool, complex, np.generic)
_NDARRAY = np.ndarray
_NUMPY = (np, True)


def namespace(*arrays: Any, func: str) -> tuple[ModuleType, bool]:
    """The array namespace of ``arrays`` and whether it is numpy: ``(xp, is_numpy)``.

    Numpy arrays, numpy and Python scalars, lists, tuples and ``None`` are numpy's:
    then ``(numpy, True)`` comes back at once, with nothing imported. If any argument is
    another library's array, the namespace comes from :func:`array_api_compat.array_namespace`
    over the arrays (scalars and ``None`` are skipped, they broadcast against any library)
    and ``is_numpy`` is False.

    Parameters
    ----------
    *arrays
        The kernel's array arguments (scalars and ``None`` allowed).
    func : str
        The calling function's name, for error messages.

    Returns
    -------
    xp : module
        ``numpy`` itself, or the array-API compatible namespace of the other library
        (e.g. ``array_api_strict``, or ``array_api_compat.torch``).
    is_numpy : bool
        True when every argument is numpy's (take the numpy fast path).

    Raises
    ------
    ImportError
        A non-numpy array arrived and :mod:`array_api_compat` is not installed (the
        ``array`` extra).
    InvalidArgumentError
        The arrays come from different libraries (e.g. a numpy array with a torch tensor),
        or an argument is no array that :mod:`array_api_compat` knows.

    Examples
    --------
    >>> import numpy as np
    >>> xp, is_numpy = namespace(np.eye(2), 0.5, None, func="demo")
    >>> xp.__name__, is_numpy
    ('numpy', True)
    """
    for a in arrays:  # the numpy case costs a type check per argument (a few tens of ns)
        if type(a) is not _NDARRAY and not isinstance(a, _NUMPY_LIKE):
            return _other_namespace(arrays, func), False
    return _NUMPY


def is_scalar(value: Any) -> bool:
    """True for a Python or numpy scalar (a number that broadcasts against any library's array).

    >>> is_scalar(1e-9), is_scalar(np.float32(2)), is_scalar(np.zeros(2))
    (True, True, False)
    """
    return isinstance(value, _SCALARS)


def as_floating(xp: ModuleType, *arrays: Any) -> tuple[Any, ...]:
    """``arrays`` in one real floating dtype of namespace ``xp``, for the array-API paths.

    The floating arrays' dtype (promoted together, so float32 stays float32) if any is
    floating, else float64; an array already of that dtype is returned as it is. The array
    API standard defines no arithmetic between integer and floating arrays, hence this.

    >>> a, b = as_floating(np, np.array([1, 2]), np.array([0.5], dtype=np.float32))
    >>> a.dtype, b.dtype
    (dtype('float32'), dtype('float32'))
    >>> as_floating(np, np.array([1, 2]))[0].dtype
    dtype('float64')
    """
    floating = [a.dtype for a in arrays if xp.isdtype(a.dtype, "real floating")]
    dtype = xp.result_type(*floating) if floating else xp.float64
    return tuple(a if a.dtype == dtype else xp.astype(a, dtype) for a in arrays)


def _other_namespace(arrays: tuple[Any, ...], func: str) -> ModuleType:
    first = next(a for a in arrays if not isinstance(a, _NUMPY_LIKE))
    kind = f"{type(first).__module__}.{type(first).__qualname__}"
    try:
        import array_api_compat
    except ImportError:
        raise ImportError(
            f"{func}: got a {kind}; arrays other than numpy need array-api-compat: {EXTRA}"
        ) from None
    present = [a for a in arrays if a is not None and not isinstance(a, _SCALARS)]
    try:
        return array_api_compat.array_namespace(*present)
    except TypeError as exc:
        kinds = sorted({f"{type(a).__module__}.{type(a).__qualname__}" for a in present})
        raise InvalidArgumentError(
            f"{func}: cannot compute on arrays of types {', '.join(kinds)}: pass arrays of one "
            f"array-API library (numpy, array-api-strict, CuPy, PyTorch, JAX, Dask, ...) ({exc})"
        ) from None
