"""The design of a sweep: which parameter points a model is evaluated at.

A :class:`Design` is either a **grid** (the outer product of one 1-d axis per swept
parameter; the result has one dimension per axis) or a **sample** (``n`` points drawn by a
Latin hypercube or a scrambled Sobol sequence inside declared bounds; the result has one
dimension, ``sample``, and each parameter is a coordinate along it). The other parameters
are held at fixed values. A design hands out the parameter arrays of any rectangular block
of its points (:meth:`Design.block_inputs`), already shaped to broadcast against each
other, so a model evaluates a block in one call whatever backend runs it.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from bargain._result import fmt_number, warn
from bargain._validate import as_real_array, as_rng, check_choice, check_int, describe
from bargain.errors import InvalidModelError
from bargain.models._base import REQUIRED, Domain, Model, Parameter, get_model

__all__ = ["Design", "grid_design", "sample_design", "sample_unit", "finite_bounds", "SAMPLE_DIM"]

#: Name of the one dimension of a sampled design.
SAMPLE_DIM = "sample"

_FUNC = "sweep"


@dataclass(frozen=True, eq=False)
class Design:
    """The parameter points of a sweep.

    Attributes
    ----------
    model : Model
        The model swept.
    kind : {"grid", "samples"}
        An outer-product grid or a sampled design.
    dims : tuple of str
        The result's dimensions (the swept parameters for a grid, ``("sample",)`` otherwise).
    shape : tuple of int
        Their lengths.
    values : dict
        Each swept parameter's values: the axis of a grid, the ``n`` sampled values otherwise.
    fixed : dict
        The parameters held fixed (everything the model gets besides the swept ones).
    method : str
        ``"grid"``, ``"sobol"`` or ``"lhs"``.
    """

    model: Model
    kind: str
    dims: tuple[str, ...]
    shape: tuple[int, ...]
    values: Mapping[str, np.ndarray]
    fixed: Mapping[str, Any] = field(default_factory=dict)
    method: str = "grid"

    @property
    def size(self) -> int:
        """Number of parameter points."""
        return math.prod(self.shape)

    @property
    def swept(self) -> tuple[str, ...]:
        """The swept parameters, in declaration order of the design."""
        return tuple(self.values)

    def coordinate_dims(self, name: str) -> tuple[str, ...]:
        """The dimensions the coordinate of swept parameter ``name`` lies along."""
        return (name,) if self.kind == "grid" else (SAMPLE_DIM,)

    def block_inputs(self, slices: Sequence[slice]) -> dict[str, Any]:
        """The model's keyword arguments for the block ``slices`` of the design (one slice per dim).

        Grid axes come as arrays of length 1 on every other axis, so the model broadcasts
        them to the block's shape; fixed parameters come as given.
        """
        inputs = dict(self.fixed)
        ndim = len(self.dims)
        if self.kind == "grid":
            for axis, name in enumerate(self.dims):
                shape = [1] * ndim
                part = self.values[name][slices[axis]]
                shape[axis] = part.shape[0]
                inputs[name] = part.reshape(shape)
        else:
            for name, vals in self.values.items():
                inputs[name] = vals[slices[0]]
        return inputs

    def inputs_from_values(self, values: Mapping[str, np.ndarray]) -> dict[str, Any]:
        """The model's keyword arguments for explicit values of the swept parameters (1-d, same length)."""
        inputs = dict(self.fixed)
        inputs.update(values)
        return inputs

    def describe_shape(self) -> str:
        """``"p (200) x cost (300)"``: the design's axes and lengths, for messages."""
        return " x ".join(f"{d} ({n})" for d, n in zip(self.dims, self.shape))


# ------------------------------------------------------------------------------ checks
def _parameter(m: Model, name: Any, where: str) -> Parameter:
    if not isinstance(name, str):
        raise InvalidModelError(f"{_FUNC}: {where} keys must be parameter names, got {describe(name)}")
    try:
        return m.parameter(name)
    except InvalidModelError as exc:
        raise InvalidModelError(f"{_FUNC}: {where}: {exc}") from None


def _sweepable(m: Model, name: Any, where: str) -> Parameter:
    p = _parameter(m, name, where)
    if not p.sweepable:
        raise InvalidModelError(
            f"{_FUNC}: {m.qualname}: parameter {name!r} is of kind {p.kind!r}; only real parameters "
            f"can be swept (hold it fixed with fixed={{{name!r}: ...}})"
        )
    return p


def _check_in_domain(m: Model, p: Parameter, values: np.ndarray, where: str) -> None:
    ok = p.domain.contains(values)
    if not ok.all():
        idx = int(np.argmax(~ok))
        raise InvalidModelError(
            f"{_FUNC}: {m.qualname}: {where} must be in {p.domain} ({p.meaning}), "
            f"got {fmt_number(values[idx])} at index {idx}"
        )


def _check_fixed(m: Model, fixed: Any, swept: Sequence[str]) -> dict[str, Any]:
    if fixed is None:
        fixed = {}
    if not isinstance(fixed, Mapping):
        raise InvalidModelError(
            f"{_FUNC}: fixed must be a mapping of parameter names to values, got {describe(fixed)}"
        )
    out: dict[str, Any] = {}
    for name, value in fixed.items():
        p = _parameter(m, name, "fixed")
        if name in swept:
            raise InvalidModelError(f"{_FUNC}: {m.qualname}: parameter {name!r} is both swept and fixed")
        if p.kind == "real" and np.ndim(value) != 0:
            raise InvalidModelError(
                f"{_FUNC}: {m.qualname}: fixed value of {name!r} must be a scalar (sweep it with grid= "
                f"instead), got shape {np.shape(value)}"
            )
        if p.kind == "vector" and np.ndim(value) != 1:
            raise InvalidModelError(
                f"{_FUNC}: {m.qualname}: fixed value of the vector parameter {name!r} must be 1-d "
                f"(one entry per {p.dim}), got shape {np.shape(value)}"
            )
        out[name] = value
    missing = [
        p.name for p in m.parameters if p.default is REQUIRED and p.name not in out and p.name not in swept
    ]
    if missing:
        raise InvalidModelError(
            f"{_FUNC}: {m.qualname}: required parameter(s) {', '.join(map(repr, missing))} are neither "
            "swept nor fixed (give them in grid= or fixed=)"
        )
    return out


def grid_design(model: Any, grid: Any, fixed: Any = None) -> Design:
    """A grid design: the outer product of 1-d axes of declared real parameters."""
    m = get_model(model)
    if not isinstance(grid, Mapping) or not grid:
        raise InvalidModelError(
            f"{_FUNC}: grid must be a non-empty mapping of parameter names to 1-d arrays, "
            f"got {describe(grid)}"
        )
    values: dict[str, np.ndarray] = {}
    for name, axis in grid.items():
        p = _sweepable(m, name, "grid")
        where = f"grid[{name!r}]"
        arr = as_real_array(axis, where, f"{_FUNC}: {m.qualname}", ndim=1, error=InvalidModelError)
        _check_in_domain(m, p, arr, where)
        arr.flags.writeable = False
        values[name] = arr
    fixed_checked = _check_fixed(m, fixed, tuple(values))
    return Design(
        model=m,
        kind="grid",
        dims=tuple(values),
        shape=tuple(v.shape[0] for v in values.values()),
        values=values,
        fixed=fixed_checked,
        method="grid",
    )


def finite_bounds(m: Model, p: Parameter, given: Any) -> tuple[float, float]:
    """Sampling bounds of ``p``: ``given`` (checked inside the domain), or the domain when finite."""
    d: Domain = p.domain
    if given is None:
        if d.low is None or d.high is None:
            raise InvalidModelError(
                f"{_FUNC}: {m.qualname}: cannot sample {p.name!r} from its domain {d} (an infinite side): "
                f"give finite bounds, e.g. bounds={{{p.name!r}: (low, high)}}"
            )
        return float(d.low), float(d.high)
    try:
        lo, hi = (float(v) for v in given)
    except (TypeError, ValueError):
        raise InvalidModelError(
            f"{_FUNC}: {m.qualname}: bounds[{p.name!r}] must be a pair (low, high), got {describe(given)}"
        ) from None
    if not (np.isfinite(lo) and np.isfinite(hi) and lo < hi):
        raise InvalidModelError(
            f"{_FUNC}: {m.qualname}: bounds[{p.name!r}] must be finite with low < high, got {describe(given)}"
        )
    inside = Domain(d.low, d.high, integer=False)  # endpoints may touch an open side: samples never do
    if not inside.contains(np.array([lo, hi])).all():
        raise InvalidModelError(
            f"{_FUNC}: {m.qualname}: bounds[{p.name!r}] = ({lo!r}, {hi!r}) leave the domain {d} ({p.meaning})"
        )
    return lo, hi


def sample_unit(n: int, d: int, method: str, rng: np.random.Generator) -> np.ndarray:
    """``n`` points in the unit cube ``[0, 1)^d``: Latin hypercube or scrambled Sobol."""
    import warnings

    from scipy.stats import qmc

    if method == "lhs":
        return qmc.LatinHypercube(d, rng=rng).random(n)
    if n & (n - 1):
        warn(
            f"{_FUNC}: a Sobol sample is balanced only when its size is a power of 2; got {n} "
            f"(use {1 << n.bit_length()} or method='lhs')",
            UserWarning,
        )
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", UserWarning)  # scipy's own version of the warning above
        return qmc.Sobol(d, scramble=True, rng=rng).random(n)


def scale(u: np.ndarray, lo: float, hi: float, integer: bool) -> np.ndarray:
    """Map unit-interval values to ``[lo, hi)`` (to the integers ``lo..hi`` for a count)."""
    if integer:
        return np.minimum(np.floor(lo + u * (hi - lo + 1)), hi)
    return lo + u * (hi - lo)


def sample_design(
    model: Any,
    samples: Any,
    *,
    bounds: Any = None,
    fixed: Any = None,
    method: str = "sobol",
    rng: Any = None,
) -> Design:
    """A sampled design: ``samples`` points within ``bounds`` (default: the declared domains)."""
    m = get_model(model)
    n = check_int(samples, "samples", f"{_FUNC}: {m.qualname}", low=1, error=InvalidModelError)
    method = check_choice(method, ("sobol", "lhs"), "method", _FUNC, error=InvalidModelError)
    generator = as_rng(rng, _FUNC)
    if bounds is None:
        fixed_names = set(fixed or {})
        names = [p.name for p in m.parameters if p.sweepable and p.name not in fixed_names]
        bounds = dict.fromkeys(names)
    if not isinstance(bounds, Mapping) or not bounds:
        raise InvalidModelError(
            f"{_FUNC}: bounds must be a non-empty mapping of parameter names to "
            f"(low, high) or None, got {describe(bounds)}"
        )
    params = [_sweepable(m, name, "bounds") for name in bounds]
    limits = [finite_bounds(m, p, bounds[p.name]) for p in params]
    unit = sample_unit(n, len(params), method, generator)
    values: dict[str, np.ndarray] = {}
    for j, (p, (lo, hi)) in enumerate(zip(params, limits)):
        arr = scale(unit[:, j], lo, hi, p.domain.integer)
        _check_in_domain(m, p, arr, f"samples of {p.name!r}")
        arr.flags.writeable = False
        values[p.name] = arr
    fixed_checked = _check_fixed(m, fixed, tuple(values))
    return Design(
        model=m,
        kind="samples",
        dims=(SAMPLE_DIM,),
        shape=(n,),
        values=values,
        fixed=fixed_checked,
        method=method,
    )
