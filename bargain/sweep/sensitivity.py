"""Global sensitivity: first-order and total Sobol indices of a model output over its parameters.

Which parameter drives the outcome? The first-order index ``S_i`` of parameter ``i`` is
the share of the output's variance explained by ``i`` alone, ``Var(E[Y | X_i]) / Var(Y)``;
the total index ``S_Ti`` adds every interaction ``i`` takes part in,
``E[Var(Y | X_~i)] / Var(Y)`` (Sobol 2001; Saltelli et al. 2010, "Variance based
sensitivity analysis of model output", Comput. Phys. Commun. 181, for the estimators).
Parameters are drawn independently and uniformly within their bounds; the estimates come
from :func:`scipy.stats.sobol_indices` (Saltelli's design: ``n (d + 2)`` model points for
``d`` parameters), and the model is evaluated on all of them in a few batched calls.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import numpy as np

from bargain._result import Result, Status, fmt_table
from bargain._validate import as_rng, check_int, check_real, describe
from bargain.errors import InvalidArgumentError
from bargain.models._base import get_model
from bargain.sweep import engine
from bargain.sweep.grid import Design, finite_bounds
from bargain.sweep.measures import outputs, resolve

__all__ = ["SobolIndices", "sensitivity"]

_FUNC = "sweep.sensitivity"


@dataclass(frozen=True, eq=False, repr=False)
class SobolIndices(Result):
    """First-order and total Sobol indices of one output of a model.

    Attributes
    ----------
    model, output : str
        The model (``family.name``) and the variable analysed.
    parameters : tuple of str
        The parameters varied, in the order of the indices' last axis.
    bounds : tuple of (float, float)
        Their ranges (independent uniform distributions).
    first_order, total : ndarray, shape (..., d)
        ``S_i`` and ``S_Ti`` per parameter (leading axes: the output's own trailing axes).
    n : int
        Base sample size (``n (d + 2)`` model evaluations).
    variance, mean : ndarray
        Of the output over the design.
    first_order_interval, total_interval : ndarray, shape (..., d, 2), or None
        With ``confidence=``: bootstrap confidence intervals (low, high) of the indices.
    confidence : float or None
        Their confidence level.
    """

    model: str
    output: str
    parameters: tuple[str, ...]
    bounds: tuple[tuple[float, float], ...]
    first_order: np.ndarray
    total: np.ndarray
    n: int
    mean: np.ndarray
    variance: np.ndarray
    first_order_interval: np.ndarray | None = None
    total_interval: np.ndarray | None = None
    confidence: float | None = None

    @property
    def evaluations(self) -> int:
        """Number of model points evaluated."""
        return self.n * (len(self.parameters) + 2)

    def ranking(self) -> tuple[str, ...]:
        """Parameters from the most to the least influential (by total index; scalar outputs)."""
        total = np.asarray(self.total)
        if total.ndim != 1:
            raise InvalidArgumentError(f"{_FUNC}: ranking needs a scalar output; {self.output} has axes")
        return tuple(self.parameters[i] for i in np.argsort(-total, kind="stable"))

    def to_dataset(self) -> Any:
        """The indices as an :class:`xarray.Dataset` over a ``parameter`` dimension."""
        from bargain.sweep.run import require

        xr = require("xarray", "SobolIndices.to_dataset")
        lead = tuple(f"{self.output}_dim{i}" for i in range(np.ndim(self.first_order) - 1))
        dims = lead + ("parameter",)
        data = {
            "first_order": (dims, self.first_order, {"description": "first-order Sobol index"}),
            "total": (dims, self.total, {"description": "total Sobol index"}),
        }
        if self.first_order_interval is not None and self.total_interval is not None:
            level = f"{100 * (self.confidence or 0):g}% bootstrap confidence interval"
            data["first_order_interval"] = (
                dims + ("bound",),
                self.first_order_interval,
                {"description": level},
            )
            data["total_interval"] = (dims + ("bound",), self.total_interval, {"description": level})
        return xr.Dataset(
            data,
            coords={"parameter": list(self.parameters), "bound": ["low", "high"]}
            if self.first_order_interval is not None
            else {"parameter": list(self.parameters)},
            attrs={"model": self.model, "output": self.output, "n": self.n},
        )

    def __repr__(self) -> str:
        head = f"SobolIndices({self.model}: {self.output}, n={self.n}, {self.evaluations} evaluations)"
        if np.ndim(self.first_order) != 1:
            return head + f"\n  indices of shape {np.shape(self.first_order)}\n  " + self._status_line()
        labels = [f"{name} in [{lo:g}, {hi:g}]" for name, (lo, hi) in zip(self.parameters, self.bounds)]
        if self.first_order_interval is None or self.total_interval is None:
            matrix = np.round(np.stack([self.first_order, self.total], axis=-1), 3) + 0.0  # no -0
            table = fmt_table(matrix, labels, ("first order", "total"), corner="parameter")
        else:
            level = f"{100 * (self.confidence or 0):g}%"
            matrix = (
                np.round(
                    np.concatenate(
                        [
                            self.first_order[:, None],
                            self.first_order_interval,
                            self.total[:, None],
                            self.total_interval,
                        ],
                        axis=-1,
                    ),
                    3,
                )
                + 0.0
            )
            heads = ("first order", f"{level} low", "high", "total", f"{level} low", "high")
            table = fmt_table(matrix, labels, heads, corner="parameter")
        return (
            head + "\n" + "\n".join("  " + line for line in table.splitlines()) + "\n  " + self._status_line()
        )


class _Dist:
    """A uniform distribution on [lo, hi) (the integers lo..hi for a count) with the ppf scipy asks for."""

    def __init__(self, lo: float, hi: float, integer: bool) -> None:
        self.lo, self.hi, self.integer = lo, hi, integer

    def ppf(self, u: np.ndarray) -> np.ndarray:
        from bargain.sweep.grid import scale

        return scale(np.asarray(u, dtype=float), self.lo, self.hi, self.integer)


def sensitivity(
    model: Any,
    output: str,
    *,
    bounds: Mapping[str, Any] | None = None,
    fixed: Mapping[str, Any] | None = None,
    measures: Any = None,
    n: int = 1024,
    rng: Any = None,
    chunks: int = 2**18,
    confidence: float | None = None,
    resamples: int = 200,
) -> SobolIndices:
    """First-order and total Sobol indices of ``output`` over the model's parameters.

    Parameters
    ----------
    model : Model or str
        A declared model.
    output : str
        The variable analysed: a model output (``"war_probability"``, ``"welfare.war"``)
        or a variable of ``measures`` (``"eq_count"`` with ``measures="equilibria"``).
    bounds : mapping of str to (low, high) or None, optional
        The parameters varied and their ranges (``None``: the declared domain, which must
        be finite). Default: every real parameter not fixed, within its domain.
    fixed : mapping, optional
        Values of the other parameters.
    measures : optional
        As in :func:`bargain.sweep`, when ``output`` is not a model output.
    n : int
        Base sample size, a power of 2 (Saltelli's design evaluates ``n (d + 2)`` points).
    rng : numpy.random.Generator or int, optional
        Seed of the design.
    chunks : int
        Points per model call.
    confidence : float in (0, 1), optional
        Also give bootstrap confidence intervals of the indices at this level
        (``scipy``'s bootstrap of the Saltelli estimates: no new model evaluations).
    resamples : int
        Bootstrap resamples for the intervals.

    Returns
    -------
    SobolIndices
        ``first_order``, ``total`` (per parameter), ``ranking()``, ``to_dataset()``.

    Examples
    --------
    >>> import bargain as bg
    >>> from dataclasses import dataclass
    >>> from bargain.models import model, output, Parameter, Domain, ModelResult
    >>> @dataclass(frozen=True, eq=False, repr=False)
    ... class Y(ModelResult):
    ...     y: object = output("an additive output")
    >>> @model(family="example", source="a test function", result=Y, register=False,
    ...        parameters=[Parameter("a", "strong", domain=Domain(0, 1)),
    ...                    Parameter("b", "weak", domain=Domain(0, 1))])
    ... def additive(a, b):
    ...     '''y = 4 a + b.'''
    ...     return {"y": 4 * a + b}
    >>> s = bg.sweep.sensitivity(additive, "y", n=4096, rng=0)
    >>> s.ranking(), s.first_order.round(2).tolist()
    (('a', 'b'), [0.94, 0.06])
    """
    from scipy.stats import sobol_indices

    m = get_model(model)
    n = check_int(n, "n", _FUNC, low=2)
    if n & (n - 1):
        raise InvalidArgumentError(f"{_FUNC}: n must be a power of 2 (Saltelli's design), got {n}")
    chunks = check_int(chunks, "chunks", _FUNC, low=1)
    if confidence is not None:
        confidence = check_real(
            confidence, "confidence", _FUNC, low=0.0, high=1.0, low_open=True, high_open=True
        )
        resamples = check_int(resamples, "resamples", _FUNC, low=2)
    if not isinstance(output, str):
        raise InvalidArgumentError(f"{_FUNC}: output must be a variable name, got {describe(output)}")
    generator = as_rng(rng, _FUNC)
    if bounds is None:
        fixed_names = set(fixed or {})
        bounds = {p.name: None for p in m.parameters if p.sweepable and p.name not in fixed_names}
    # a one-point design checks names, bounds and fixed values the way sweep does
    from bargain.sweep.grid import sample_design

    template = sample_design(m, 1, bounds=bounds, fixed=fixed, rng=0)
    params = [m.parameter(name) for name in template.values]
    if len(params) < 2:
        raise InvalidArgumentError(
            f"{_FUNC}: Sobol indices compare parameters: vary at least two "
            f"(got {', '.join(template.values)}; a single parameter explains all the variance)"
        )
    limits = [finite_bounds(m, p, bounds[p.name]) for p in params]
    bound = resolve(m, measures if measures is not None else outputs())
    names = [v.name for b in bound for v in b.variables]
    if output not in names:
        raise InvalidArgumentError(
            f"{_FUNC}: {m.qualname} has no variable {output!r} with these measures "
            f"(variables: {', '.join(names)})"
        )
    design = Design(m, "samples", ("sample",), (1,), {}, template.fixed, "sobol")

    def func(x: np.ndarray) -> np.ndarray:
        total = x.shape[1]
        parts = []
        for start in range(0, total, chunks):
            stop = min(total, start + chunks)
            values = {p.name: x[j, start:stop] for j, p in enumerate(params)}
            res = engine.evaluate(design, bound, design.inputs_from_values(values), (stop - start,))
            parts.append(np.asarray(res[output], dtype=np.float64).reshape(stop - start, -1))
        y = np.concatenate(parts, axis=0)
        bad = ~np.isfinite(y)
        if bad.any():
            raise InvalidArgumentError(
                f"{_FUNC}: {m.qualname}.{output} is not finite at {int(bad.any(axis=1).sum())} of "
                f"{total} points (e.g. NaN where an equilibrium does not exist): Sobol indices need a "
                "finite output"
            )
        return y.T

    dists = [_Dist(lo, hi, p.domain.integer) for p, (lo, hi) in zip(params, limits)]
    res = sobol_indices(func=func, n=n, dists=dists, rng=generator)
    # trailing shape of the output (from a one-point evaluation)
    probe = engine.evaluate(
        design,
        bound,
        design.inputs_from_values({p.name: np.array([lo]) for p, (lo, _) in zip(params, limits)}),
        (1,),
    )
    trailing = probe[output].shape[1:]
    first = np.asarray(res.first_order, dtype=float).reshape(trailing + (len(params),))
    total = np.asarray(res.total_order, dtype=float).reshape(trailing + (len(params),))
    intervals: list[np.ndarray | None] = [None, None]
    if confidence is not None:
        boot = res.bootstrap(confidence_level=confidence, n_resamples=resamples)
        for k, part in enumerate((boot.first_order, boot.total_order)):
            ci = part.confidence_interval
            pair = np.stack([np.asarray(ci.low, dtype=float), np.asarray(ci.high, dtype=float)], axis=-1)
            intervals[k] = pair.reshape(trailing + (len(params), 2))
    sample = func(np.stack([d.ppf(generator.random(min(n, 4096))) for d in dists]))
    return SobolIndices(
        model=m.qualname,
        output=output,
        parameters=tuple(p.name for p in params),
        bounds=tuple(limits),
        first_order=first,
        total=total,
        n=n,
        mean=sample.mean(axis=1).reshape(trailing),
        variance=sample.var(axis=1).reshape(trailing),
        first_order_interval=intervals[0],
        total_interval=intervals[1],
        confidence=confidence,
        status=Status.SUCCESS,
        message=f"scipy.stats.sobol_indices, Saltelli design, {n} base samples",
    )
