"""Argument checks shared by every public function (one place; solvers never copy a preamble).

Every check takes the public function's name (``func``) so that the error names the
function the user called, and the argument's name so that it names the bad value.
"""

from __future__ import annotations

import numbers
from collections.abc import Iterable, Sequence
from decimal import Decimal
from fractions import Fraction
from typing import Any

import numpy as np

from bargain._thresholds import SIMPLEX_TOL
from bargain.errors import InvalidArgumentError, InvalidGameError

__all__ = [
    "as_payoff_array",
    "as_real_array",
    "check_bool",
    "check_budget",
    "as_strategy",
    "check_choice",
    "check_int",
    "check_labels",
    "check_real",
    "check_tol",
    "as_rng",
    "describe",
]


def describe(value: Any, limit: int = 80) -> str:
    """Short ``repr`` of a bad value for an error message."""
    text = repr(value)
    if len(text) > limit:
        text = text[: limit - 3] + "..."
    return text


def _first_bad_index(mask: np.ndarray) -> tuple[int, ...]:
    return tuple(int(i) for i in np.argwhere(mask)[0])


def as_payoff_array(
    value: Any, name: str, func: str, *, min_ndim: int = 2, allow_exact: bool = True, copy: bool = True
) -> tuple[np.ndarray, np.ndarray | None]:
    """Convert payoffs to a new float64 array, checking that they are finite, numeric and non-empty.

    Accepts nested sequences, numpy arrays (a masked array only without masked entries) and
    anything with ``to_numpy()`` (a pandas DataFrame). Booleans, strings, NaN, infinities,
    ragged input and numbers beyond float64 are refused with an :class:`InvalidGameError`
    naming ``func``, ``name`` and the bad value.

    ``copy=False`` lets float64 input through without a copy (for a caller that copies
    anyway, as :class:`~bargain.Game` does into its immutable buffer).

    Returns
    -------
    (values, exact_source)
        ``values`` is a new float64 array (or the input itself, with ``copy=False``).
        ``exact_source`` is the input as an exact array when it was integer or rational
        (``None`` for float input): an int64 array, or an object array of exact scalars
        (``int``, :class:`fractions.Fraction`; a float among them is kept as given, for
        :func:`bargain.core.exact.to_fraction` to read). It lets
        the exact path recover payoffs that float64 would round.

    >>> values, exact = as_payoff_array([[3, 0], [5, 1]], "A", "f")
    >>> values.dtype, exact.dtype
    (dtype('float64'), dtype('int64'))
    """
    raw = _payoff_source(value, name, func)
    if raw.dtype == object:
        exact = _object_to_exact(raw, name, func)
        values = _exact_to_float(exact, name, func)
    elif raw.dtype.kind == "b":
        raise InvalidGameError(
            f"{func}: {name} must hold numbers, got an array of booleans; "
            "convert it (a.astype(int)) if 0/1 payoffs are meant"
        )
    elif raw.dtype.kind in "iu":
        if raw.dtype.kind == "u" and raw.size and int(raw.max()) > np.iinfo(np.int64).max:
            exact = np.array(raw.tolist(), dtype=object) if allow_exact else None
        else:
            exact = raw.astype(np.int64, copy=True) if allow_exact else None
        values = raw.astype(np.float64)
    elif raw.dtype.kind == "f":
        exact = None
        values = raw.astype(np.float64, copy=copy)
    else:
        raise InvalidGameError(
            f"{func}: {name} must be numeric, got dtype {raw.dtype} ({describe(value)})"
        )
    if values.ndim < min_ndim:
        raise InvalidGameError(
            f"{func}: {name} must have at least {min_ndim} dimensions (..., m, n), "
            f"got shape {values.shape}"
        )
    if values.size == 0 or 0 in values.shape[-2:]:
        raise InvalidGameError(f"{func}: {name} is empty (shape {values.shape})")
    with np.errstate(over="ignore", invalid="ignore"):
        total = values.sum()  # finite only if every value is (a NaN or infinity spreads)
    finite = np.isfinite(values) if not np.isfinite(total) else None
    if finite is not None and not finite.all():
        idx = _first_bad_index(~finite)
        raise InvalidGameError(
            f"{func}: {name} contains a non-finite value {float(values[idx])!r} at index {idx}"
        )
    return values, exact


def _payoff_source(value: Any, name: str, func: str) -> np.ndarray:
    """The input as a plain ndarray: masked arrays checked, data frames unwrapped, lists parsed."""
    if isinstance(value, np.ma.MaskedArray):
        mask = np.ma.getmaskarray(value)
        if mask.any():
            idx = _first_bad_index(mask)
            raise InvalidGameError(
                f"{func}: {name} has masked entries (first at index {idx}); a payoff cannot be "
                "missing: fill them (a.filled(value)) or drop those actions"
            )
        return np.asarray(np.ma.getdata(value))
    if isinstance(value, np.ndarray):
        return np.asarray(value)  # a plain ndarray (np.matrix and other subclasses dropped)
    if hasattr(value, "to_numpy") and not isinstance(value, list | tuple):
        try:
            value = value.to_numpy()
        except (TypeError, ValueError):
            raise InvalidGameError(f"{func}: {name} is not array-like: {describe(value)}") from None
        return _payoff_source(value, name, func)
    exact, boolean = _scan_scalars(value)
    if boolean:
        raise InvalidGameError(
            f"{func}: {name} must hold numbers, found a boolean in {describe(value)}; "
            "write 0/1 if those payoffs are meant"
        )
    try:
        return np.array(value, dtype=object if exact else None)
    except (ValueError, TypeError) as exc:  # ragged nested lists
        raise InvalidGameError(
            f"{func}: {name} is ragged or not array-like ({exc}); got {describe(value)}"
        ) from None


def _scan_scalars(value: Any) -> tuple[bool, bool]:
    """(exact, boolean): whether a nested sequence holds Fraction/Decimal scalars, or booleans."""
    stack = [value]
    seen = 0
    exact = boolean = False
    while stack and seen < 10_000:
        item = stack.pop()
        seen += 1
        if isinstance(item, Fraction | Decimal):
            exact = True
        elif isinstance(item, bool | np.bool_):
            boolean = True
        elif isinstance(item, list | tuple):
            stack.extend(item)
    return exact, boolean


def _object_to_exact(raw: np.ndarray, name: str, func: str) -> np.ndarray:
    """Exact scalars of an object array: int and Fraction (a Decimal becomes a Fraction), floats kept."""
    out = np.empty(raw.shape, dtype=object)
    flat_out = out.ravel()
    for i, v in enumerate(raw.ravel()):
        if isinstance(v, bool | np.bool_):
            raise InvalidGameError(
                f"{func}: {name} must hold numbers, found the boolean {v!r} at flat index {i}"
            )
        if isinstance(v, numbers.Integral):
            flat_out[i] = int(v)
        elif isinstance(v, numbers.Rational):
            flat_out[i] = Fraction(int(v.numerator), int(v.denominator))
        elif isinstance(v, Decimal) and v.is_finite():
            flat_out[i] = Fraction(v)
        elif isinstance(v, numbers.Real) and np.isfinite(float(v)):
            flat_out[i] = float(v)
        elif isinstance(v, numbers.Real | Decimal):
            raise InvalidGameError(
                f"{func}: {name} contains a non-finite value {v!r} at flat index {i}"
            )
        else:
            raise InvalidGameError(
                f"{func}: {name} must be numeric, found {describe(v)} at flat index {i}"
            )
    return out


def _exact_to_float(exact: np.ndarray, name: str, func: str) -> np.ndarray:
    """The float64 values of exact scalars; a number beyond float64 is refused (not an OverflowError)."""
    flat = exact.ravel()
    out = np.empty(flat.shape, dtype=np.float64)
    for i, v in enumerate(flat):
        try:
            out[i] = float(v)
        except OverflowError:
            raise InvalidGameError(
                f"{func}: {name} holds a number too large for float64 (about 10**{_magnitude(v)}) "
                f"at flat index {i}; rescale the payoffs"
            ) from None
    return out.reshape(exact.shape)


def _magnitude(v: Any) -> int:
    """Decimal order of magnitude of a huge exact number (for the overflow message)."""
    f = Fraction(v)
    return len(str(abs(f.numerator))) - len(str(f.denominator))


def as_strategy(
    value: Any, size: int, name: str, func: str, *, tol: float = SIMPLEX_TOL
) -> np.ndarray:
    """Validate a (stack of) mixed strategies of ``size`` actions: shape ``(..., size)``, on the simplex."""
    try:
        arr = np.asarray(value, dtype=np.float64)
    except (TypeError, ValueError):
        raise InvalidGameError(
            f"{func}: {name} must be a probability vector, got {describe(value)}"
        ) from None
    if arr.ndim == 0 or arr.shape[-1] != size:
        raise InvalidGameError(
            f"{func}: {name} must have {size} entries in its last axis, got shape {arr.shape}"
        )
    if not np.isfinite(arr).all():
        raise InvalidGameError(f"{func}: {name} contains a non-finite value: {describe(value)}")
    if (arr < -tol).any():
        raise InvalidGameError(f"{func}: {name} has a negative probability: {describe(value)}")
    sums = arr.sum(axis=-1)
    if (np.abs(sums - 1.0) > max(tol, SIMPLEX_TOL) * size).any():
        raise InvalidGameError(
            f"{func}: {name} must sum to 1 (a point of the simplex), sums are {describe(sums)}"
        )
    return arr


def check_choice(
    value: Any,
    choices: Iterable[Any],
    name: str,
    func: str,
    *,
    error: type[InvalidArgumentError] = InvalidArgumentError,
) -> Any:
    """Check that ``value`` is one of ``choices``."""
    options = tuple(choices)
    if isinstance(value, bool | np.bool_) or not isinstance(value, str | int | tuple) or value not in options:
        raise error(
            f"{func}: {name} must be one of {', '.join(map(repr, options))}; got {describe(value)}"
        )
    return value


def check_real(
    value: Any,
    name: str,
    func: str,
    *,
    low: float | None = None,
    high: float | None = None,
    low_open: bool = False,
    high_open: bool = False,
    error: type[InvalidArgumentError] = InvalidArgumentError,
) -> float:
    """Check a finite real scalar inside an interval and return it as ``float``.

    Booleans, strings and arrays are refused (``True`` is not a number here).
    """
    if isinstance(value, bool | np.bool_) or not isinstance(value, numbers.Real):
        raise error(f"{func}: {name} must be a real number, got {describe(value)}")
    try:
        x = float(value)
    except OverflowError:
        raise error(f"{func}: {name} is too large for a float64, got {describe(value)}") from None
    if not np.isfinite(x):
        raise error(f"{func}: {name} must be finite, got {value!r}")
    if low is not None and (x < low or (low_open and x == low)):
        raise error(
            f"{func}: {name} must be {'>' if low_open else '>='} {low}, got {value!r}"
        )
    if high is not None and (x > high or (high_open and x == high)):
        raise error(
            f"{func}: {name} must be {'<' if high_open else '<='} {high}, got {value!r}"
        )
    return x


def check_int(
    value: Any,
    name: str,
    func: str,
    *,
    low: int | None = None,
    high: int | None = None,
    error: type[InvalidArgumentError] = InvalidArgumentError,
) -> int:
    """Check an integer scalar (not bool) with optional bounds."""
    if isinstance(value, bool | np.bool_) or not isinstance(value, numbers.Integral):
        raise error(f"{func}: {name} must be an integer, got {describe(value)}")
    if low is not None and value < low:
        raise error(f"{func}: {name} must be >= {low}, got {value!r}")
    if high is not None and value > high:
        raise error(f"{func}: {name} must be <= {high}, got {value!r}")
    return int(value)


def check_tol(value: Any, func: str, name: str = "tol") -> float:
    """A tolerance relative to the payoff range: finite, non-negative, below 1."""
    return check_real(value, name, func, low=0.0, high=1.0, high_open=True)


def check_bool(value: Any, name: str, func: str) -> bool:
    """A flag: ``True`` or ``False`` (numpy bools accepted), nothing else.

    >>> check_bool(np.True_, "exact", "f")
    True
    """
    if not isinstance(value, bool | np.bool_):
        raise InvalidArgumentError(f"{func}: {name} must be True or False, got {describe(value)}")
    return bool(value)


def check_budget(max_iter: Any, max_time: Any, func: str) -> tuple[int | None, float | None]:
    """Budgets of an iterative solver: ``max_iter`` (int >= 1) and ``max_time`` (seconds > 0).

    ``None`` lifts a budget. Returned in the order of the public convention.

    >>> check_budget(100, None, "f")
    (100, None)
    """
    if max_iter is not None:
        max_iter = check_int(max_iter, "max_iter", func, low=1)
    if max_time is not None:
        max_time = check_real(max_time, "max_time", func, low=0.0, low_open=True)
    return max_iter, max_time


def as_real_array(
    value: Any,
    name: str,
    func: str,
    *,
    ndim: int | None = None,
    min_ndim: int = 0,
    low: float | None = None,
    high: float | None = None,
    error: type[InvalidArgumentError] = InvalidArgumentError,
) -> np.ndarray:
    """A finite float64 array (a new, owned copy) with optional bounds and dimension checks.

    Refuses booleans, strings, objects, ragged lists, masked arrays with masked entries,
    empty input, NaN and infinities, naming ``func``, ``name`` and the bad value.

    >>> as_real_array([0.5, 1], "lam", "f", low=0).tolist()
    [0.5, 1.0]
    """
    if isinstance(value, np.ma.MaskedArray):
        if np.ma.getmaskarray(value).any():
            raise error(f"{func}: {name} has masked entries; fill them first (a.filled(...))")
        value = np.ma.getdata(value)
    if isinstance(value, bool | np.bool_):
        raise error(f"{func}: {name} must be real, got {describe(value)}")
    try:
        raw = np.array(value)
    except (ValueError, TypeError, OverflowError):
        raise error(f"{func}: {name} must be a real array, got {describe(value)}") from None
    if raw.dtype == object:
        try:
            raw = raw.astype(np.float64)
        except (ValueError, TypeError, OverflowError):
            raise error(f"{func}: {name} must be a real array, got {describe(value)}") from None
    if raw.dtype.kind not in "iuf":
        raise error(f"{func}: {name} must be real numbers, got dtype {raw.dtype} ({describe(value)})")
    arr = raw.astype(np.float64, copy=True)
    if ndim is not None and arr.ndim != ndim:
        raise error(f"{func}: {name} must have {ndim} dimension(s), got shape {arr.shape}")
    if arr.ndim < min_ndim:
        raise error(f"{func}: {name} must have at least {min_ndim} dimension(s), got shape {arr.shape}")
    if arr.size == 0:
        raise error(f"{func}: {name} is empty (shape {arr.shape})")
    finite = np.isfinite(arr)
    if not finite.all():
        idx = _first_bad_index(~finite) if arr.ndim else ()
        raise error(f"{func}: {name} must be finite, got {arr[idx]!r}" + (f" at index {idx}" if idx else ""))
    if low is not None and (arr < low).any():
        raise error(f"{func}: {name} must be >= {low}, got {describe(arr.min().item())}")
    if high is not None and (arr > high).any():
        raise error(f"{func}: {name} must be <= {high}, got {describe(arr.max().item())}")
    return arr


def check_labels(
    labels: Sequence[Any] | None, count: int, default_prefix: str, name: str, func: str
) -> tuple[str, ...]:
    """Validate a label tuple of the right length, or make default labels."""
    if labels is None:
        return tuple(f"{default_prefix}{i}" for i in range(count))
    if isinstance(labels, str):
        raise InvalidGameError(
            f"{func}: {name} must be a sequence of {count} labels, got the string {labels!r}"
        )
    try:
        out = tuple(str(x) for x in labels)
    except TypeError:
        raise InvalidGameError(
            f"{func}: {name} must be a sequence of {count} labels, got {describe(labels)}"
        ) from None
    if len(out) != count:
        raise InvalidGameError(
            f"{func}: {name} must have {count} labels, got {len(out)}: {describe(out)}"
        )
    if len(set(out)) != len(out):
        raise InvalidGameError(f"{func}: {name} must be distinct, got {describe(out)}")
    return out


def as_rng(rng: np.random.Generator | int | None, func: str) -> np.random.Generator:
    """Normalise ``rng`` (Generator, seed or None) without touching numpy's global state."""
    if isinstance(rng, np.random.Generator):
        return rng
    if rng is None or (isinstance(rng, numbers.Integral) and not isinstance(rng, bool) and rng >= 0):
        return np.random.default_rng(rng)
    raise InvalidArgumentError(
        f"{func}: rng must be a numpy.random.Generator, a non-negative int seed or None, got {describe(rng)}"
    )
