"""Crisis bargaining: when does a dispute end in a deal, and when in war (Fearon 1995; Powell 2006).

Selective intervention and deterrence without war rest on one observation: war destroys
value, so two states that agree on who would win have a range of deals both prefer to
fighting. War then needs a reason: private information with an incentive to bluff
(:func:`risk_return`), or a shift of power that today's stronger side cannot trust
tomorrow's to respect (:func:`power_shift`). :func:`fearon` gives the range itself.

Conventions: the disputed good is a pie of size 1; ``x`` is A's share; a war is won by A
with probability ``p`` and costs A ``cost_a`` and B ``cost_b`` (shares of the pie); both
sides are risk-neutral.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np

from bargain._result import Status, warn
from bargain.errors import InvalidModelError
from bargain.models._base import (
    DISCOUNT,
    NONNEGATIVE,
    PROBABILITY,
    ModelResult,
    Parameter,
    constant,
    exact_array,
    is_exact,
    maximum,
    minimum,
    model,
    output,
    pick,
    require,
)

__all__ = [
    "fearon",
    "risk_return",
    "power_shift",
    "FearonResult",
    "RiskReturnResult",
    "PowerShiftResult",
    "GRID_POINTS",
    "REFINE_ITER",
    "VALUE_TOL",
]

#: risk_return with a distribution: points of the grid over B's cost threshold t = x - p in [0, 1].
GRID_POINTS = 4097
#: risk_return with a distribution: golden-section steps refining the best grid cell (budget):
#: the bracket of two grid cells shrinks by 0.618 per step, to about 3e-10.
REFINE_ITER = 30
#: risk_return with a distribution: the result is SUCCESS when A's expected utility is proved
#: within this (share of pie) of the optimum by the monotone bound; UNCERTIFIED (and a warning) beyond.
VALUE_TOL = 1e-3
#: Distinct ``cost_a`` values tabulated at once on the grid (memory: CHUNK x GRID_POINTS floats).
_CHUNK = 256
#: Up to this many distinct ``cost_a`` values the grid is tabulated per value; beyond, the
#: prefix maxima come from upper envelopes of lines (same answers, O(points log grid)).
_TABLE_MAX_DISTINCT = 512


# ------------------------------------------------------------------------------ shared helpers
def _values(arr: np.ndarray, exact: bool) -> np.ndarray:
    """An object array of Fractions as the implementation's number type."""
    return arr if exact else arr.astype(np.float64)


def _fit(arr: np.ndarray, shape: tuple[int, ...], name: str, where: str, trailing: int = 0) -> np.ndarray:
    """Broadcast an object parameter to the real parameters' shape (it may not add axes)."""
    lead = arr.shape[: arr.ndim - trailing]
    try:
        ok = np.broadcast_shapes(lead, shape) == shape
    except ValueError:
        ok = False
    if not ok:
        raise InvalidModelError(
            f"{where}: {name} of shape {arr.shape} must broadcast to the shape {shape} of the other "
            "parameters (give those parameters its leading axes)"
        )
    return np.broadcast_to(arr, shape + arr.shape[arr.ndim - trailing:])


# ------------------------------------------------------------------------------ fearon
@dataclass(frozen=True, eq=False, repr=False)
class FearonResult(ModelResult):
    """The bargaining range of a crisis, each side's war payoff and the take-it-or-leave-it deals."""

    range: Any = output(
        "the deals both sides prefer to war: A's shares [low, high]", unit="share of pie", dims=("bound",)
    )
    war_payoffs: Any = output("expected payoff of war to A and to B", unit="share of pie", dims=("player",))
    status_quo_in_range: Any = output(
        "whether the status quo lies in the range (False when no status quo is given)", unit="bool"
    )
    a_proposes: Any = output("A's share when A makes a take-it-or-leave-it offer", unit="share of pie")
    b_proposes: Any = output("A's share when B makes a take-it-or-leave-it offer", unit="share of pie")


def _check_status_quo(value: Any, where: str) -> Any:
    if value is None:
        return None
    arr = exact_array(value, "status_quo", where)
    require((arr >= 0) & (arr <= 1), where, "status_quo must be in [0, 1] (A's share under the status quo) "
            "or None", status_quo=np.asarray(arr, dtype=float))
    return arr


@model(
    family="crisis",
    source="Fearon (1995), 'Rationalist explanations for war', International Organization 49(3), "
    "section 'The existence of a bargaining range'",
    parameters=[
        Parameter("p", "probability that A wins a war", domain=PROBABILITY),
        Parameter("cost_a", "A's cost of war", unit="share of pie", domain=NONNEGATIVE),
        Parameter("cost_b", "B's cost of war", unit="share of pie", domain=NONNEGATIVE),
        Parameter(
            "status_quo",
            "A's share under the status quo (None: no status quo)",
            unit="share of pie",
            kind="object",
            default=None,
            check=_check_status_quo,
        ),
    ],
    result=FearonResult,
    exact=True,
)
def fearon(p, cost_a, cost_b, status_quo):
    """The bargaining range of a crisis under complete information (Fearon 1995).

    Models deterrence without war: as long as fighting is costly and both sides agree on
    its odds, some split of the disputed good leaves each side better off than war, so a
    crisis need not end in fighting.

    Model and assumptions: a good of size 1 is disputed; ``x`` is A's share, ``1 - x`` B's.
    War gives A the whole good with probability ``p`` and B with ``1 - p``, and costs A
    ``cost_a`` and B ``cost_b`` (non-negative, in shares of the good); both sides are
    risk-neutral and know everything above.

    Closed form: A's war payoff is ``p - cost_a`` and B's is ``1 - p - cost_b``. A prefers the
    deal ``x`` to war iff ``x >= p - cost_a``; B iff ``1 - x >= 1 - p - cost_b``, i.e.
    ``x <= p + cost_b``. The range is ``[p - cost_a, p + cost_b]`` intersected with
    ``[0, 1]``; it is never empty (``p`` lies in it) and its width ``cost_a + cost_b`` (before
    clipping) grows with either cost. With a take-it-or-leave-it offer the proposer keeps
    everything the other side values less than war: A proposing gets ``min(1, p + cost_b)``,
    B proposing leaves A ``max(0, p - cost_a)`` (the responder accepts when indifferent).
    A status quo ``q`` is peaceful iff it lies in the range; outside it one side prefers war.

    Parameters
    ----------
    p : array_like
        Probability that A wins a war, in [0, 1].
    cost_a, cost_b : array_like
        Each side's cost of war, >= 0 (shares of the good).
    status_quo : array_like or None, optional
        A's share under the status quo, in [0, 1]. It does not add axes: its shape must
        broadcast to the shape of ``p``, ``cost_a`` and ``cost_b``. ``None`` (the default):
        no status quo, and ``status_quo_in_range`` is ``False`` everywhere (read it as "not
        known to be peaceful"; the message says so).
    exact : bool, optional
        Fractions in, Fractions out (every output is rational).

    Returns
    -------
    FearonResult
        ``range`` (shape ``(..., 2)``: low, high), ``war_payoffs`` (shape ``(..., 2)``: A, B),
        ``status_quo_in_range`` (bool), ``a_proposes`` and ``b_proposes`` (A's share under
        each take-it-or-leave-it offer).

    References
    ----------
    Fearon, J. D. (1995). Rationalist explanations for war. International Organization 49(3),
    379-414, section "The existence of a bargaining range".

    Examples
    --------
    >>> from bargain.models.crisis import fearon
    >>> r = fearon(p=0.6, cost_a=0.1, cost_b=0.2, status_quo=0.45, exact=True)
    >>> [str(v) for v in r.range], bool(r.status_quo_in_range)
    (['1/2', '4/5'], False)
    >>> str(r.a_proposes), str(r.b_proposes)
    ('4/5', '1/2')
    >>> fearon(p=[0.1, 0.9], cost_a=0.2, cost_b=0.2).range.tolist()
    [[0.0, 0.3], [0.7, 1.0]]
    """
    exact = is_exact(p)
    where = "crisis.fearon"
    low = maximum(p - cost_a, constant(0, p))
    high = minimum(p + cost_b, constant(1, p))
    out: dict[str, Any] = {
        "range": np.stack([low, high], axis=-1),
        "war_payoffs": np.stack([p - cost_a, 1 - p - cost_b], axis=-1),
        "a_proposes": high,
        "b_proposes": low,
    }
    if status_quo is None:
        out["status_quo_in_range"] = np.zeros(np.shape(p), dtype=bool)
        out["message"] = "no status quo given: status_quo_in_range is False everywhere"
    else:
        q = _fit(_values(status_quo, exact), np.shape(p), "status_quo", where)
        out["status_quo_in_range"] = np.asarray((q >= low) & (q <= high), dtype=bool)
    return out


# ------------------------------------------------------------------------------ risk_return
@dataclass(frozen=True, eq=False, repr=False)
class RiskReturnResult(ModelResult):
    """A's optimal demand against an opponent of unknown resolve, the risk of war it runs, its value."""

    demand: Any = output("A's optimal demand (its share if B accepts)", unit="share of pie")
    war_probability: Any = output("probability that B rejects the demand and fights", unit="probability")
    expected_utility: Any = output("A's expected payoff at the optimal demand", unit="share of pie")


def _is_distribution(value: Any) -> bool:
    from scipy.stats._distn_infrastructure import rv_frozen

    return isinstance(value, rv_frozen)


def _check_cost_b(value: Any, where: str) -> Any:
    if _is_distribution(value):
        from scipy.stats import rv_continuous

        if not isinstance(value.dist, rv_continuous):
            raise InvalidModelError(
                f"{where}: cost_b must be a continuous distribution, got the discrete {value.dist.name}"
            )
        low = float(value.support()[0])
        if not low >= 0:
            raise InvalidModelError(
                f"{where}: cost_b's distribution must have non-negative support (costs of war), "
                f"got {value.dist.name} with support starting at {low}"
            )
        return value
    hint = "(low, high) of a uniform cost with 0 <= low <= high, or a frozen scipy.stats distribution"
    try:
        arr = exact_array(value, "cost_b", where)
    except InvalidModelError as exc:
        raise InvalidModelError(f"{exc}; cost_b must be {hint}") from None
    if arr.ndim < 1 or arr.shape[-1] != 2:
        raise InvalidModelError(f"{where}: cost_b must be {hint}; got shape {arr.shape}")
    lo, hi = arr[..., 0], arr[..., 1]
    require((lo >= 0) & (hi >= lo), where, f"cost_b must be {hint}",
            low=np.asarray(lo, dtype=float), high=np.asarray(hi, dtype=float))
    return arr


@model(
    family="crisis",
    source="Fearon (1995), 'Rationalist explanations for war', International Organization 49(3), "
    "section 'Private information and incentives to misrepresent' (uniform closed form derived here)",
    parameters=[
        Parameter("p", "probability that A wins a war", domain=PROBABILITY),
        Parameter("cost_a", "A's cost of war", unit="share of pie", domain=NONNEGATIVE),
        Parameter(
            "cost_b",
            "B's private cost of war: (low, high) of a uniform, or a frozen scipy.stats distribution",
            unit="share of pie",
            kind="object",
            check=_check_cost_b,
        ),
    ],
    result=RiskReturnResult,
    exact=True,
)
def risk_return(p, cost_a, cost_b):
    """The risk-return trade-off: how much to demand of an opponent whose resolve is unknown.

    Models coercive diplomacy under uncertainty: a larger demand is worth more when accepted
    but is refused by more of the opponent's possible types, and a refusal means war. The
    optimal demand therefore accepts a positive risk of war whenever the opponent's cost is
    uncertain enough: war without anyone wanting it.

    Model and assumptions: A demands ``x`` (its share of a good of size 1) once; B, whose cost
    of war ``c_B`` only B knows, accepts iff ``1 - x >= 1 - p - c_B``, i.e. ``c_B >= x - p``, and
    fights otherwise. A's war payoff is ``p - cost_a``; A knows the distribution of ``c_B``
    (non-negative). Risk neutrality; one round, no counter-offers.

    Closed form (uniform ``c_B`` on ``[l, h]``), with ``t = x - p`` the cost threshold:
    A's expected utility is ``p - cost_a + (t + cost_a) P(c_B >= t)`` and
    ``P(c_B >= t) = (h - t) / (h - l)`` on ``[l, h]``. The concave quadratic peaks at
    ``t* = (h - cost_a) / 2``; below ``l`` every type accepts and utility rises with ``t``.
    So ``t = min(max(l, t*), 1 - p)``, the demand is ``p + t``, and:

    - ``cost_a >= h - 2 l`` (A's own war is costly, or B surely tough): the safe demand
      ``p + l``, accepted by every type; no war.
    - interior: demand ``p + (h - cost_a)/2``, war probability
      ``(h - cost_a - 2 l) / (2 (h - l))``, expected utility
      ``p - cost_a + (h + cost_a)^2 / (4 (h - l))``. With the mean ``m`` fixed and the
      half-width ``s`` of the support growing, the war probability
      ``3/4 - (m + cost_a) / (4 s)`` rises: more uncertainty, more war.
    - the pie's edge ``p + t > 1``: A demands everything (``x = 1``).
    - ``l = h`` (no uncertainty): demand ``min(1, p + l)``, no war (Fearon's complete-information case).

    With a frozen ``scipy.stats`` distribution the same utility is maximised numerically over
    ``t`` in ``[0, 1 - p]`` (a demand below ``p`` is accepted by every type and is dominated):
    on a grid of :data:`GRID_POINTS` thresholds, then by golden-section refinement of the best
    cell (:data:`REFINE_ITER` steps), vectorised over ``p`` and ``cost_a`` (the grid is
    tabulated once per distinct ``cost_a``; with many distinct values its prefix maxima are
    read from upper envelopes of lines in ``cost_a`` instead). Because ``P(c_B >= t)`` falls in ``t``, on each
    grid cell ``[t_i, t_j]`` utility is at most ``p - cost_a + (t_j + cost_a) P(c_B >= t_i)``,
    which exceeds the value at ``t_i`` by at most ``t_j - t_i``: the best grid point alone is
    proved within ``1/(GRID_POINTS - 1)`` of the optimum, whatever the distribution. The
    largest cell bound minus the value found (a tighter proved gap) is given in the message;
    the status is ``SUCCESS`` when it is at most :data:`VALUE_TOL`, else ``UNCERTIFIED`` with
    a warning (only if the distribution's ``sf`` returns NaN, or the constants are changed).
    The demand is located to golden-section precision where the maximum is smooth.
    ``exact=True`` needs the uniform ``(low, high)`` form.

    Parameters
    ----------
    p : array_like
        Probability that A wins a war, in [0, 1].
    cost_a : array_like
        A's cost of war, >= 0.
    cost_b : (low, high) or scipy.stats frozen distribution
        B's private cost: an array with a last axis of 2 (a uniform on ``[low, high]``,
        ``0 <= low <= high``; its leading axes must broadcast to the shape of ``p`` and
        ``cost_a``), or a frozen continuous distribution with non-negative support.
    exact : bool, optional
        Fractions in, Fractions out (uniform cost only).

    Returns
    -------
    RiskReturnResult
        ``demand``, ``war_probability``, ``expected_utility``.

    References
    ----------
    Fearon, J. D. (1995). Rationalist explanations for war. International Organization 49(3),
    379-414, section "Private information and incentives to misrepresent" (the risk-return
    trade-off; the uniform closed form is derived here).

    Examples
    --------
    >>> from bargain.models.crisis import risk_return
    >>> r = risk_return(p=0.5, cost_a=0.1, cost_b=(0, 0.4), exact=True)
    >>> str(r.demand), str(r.war_probability), str(r.expected_utility)
    ('13/20', '3/8', '89/160')
    >>> from scipy import stats
    >>> s = risk_return(p=0.5, cost_a=0.1, cost_b=stats.uniform(0, 0.4))
    >>> round(float(s.demand), 6), s.status
    (0.65, Status.SUCCESS)
    """
    where = "crisis.risk_return"
    shape = np.shape(p)
    exact = is_exact(p)
    if _is_distribution(cost_b):
        if exact:
            raise InvalidModelError(
                f"{where}: exact=True needs cost_b as (low, high) of a uniform, not a distribution"
            )
        return _risk_return_numeric(np.asarray(p), np.asarray(cost_a), cost_b)
    bounds = _fit(_values(cost_b, exact), shape, "cost_b", where, trailing=1)
    low, high = bounds[..., 0], bounds[..., 1]
    t = minimum(maximum(low, (high - cost_a) / 2), 1 - p)
    spread = high - low
    uncertain = np.asarray(spread > 0, dtype=bool)
    q = (t - low) / pick(uncertain, spread, constant(1, p))
    q = pick(uncertain & np.asarray(q > 0, dtype=bool), q, constant(0, p))
    demand = p + t
    return {
        "demand": demand,
        "war_probability": q,
        "expected_utility": demand * (1 - q) + (p - cost_a) * q,
    }


def _risk_return_numeric(p: np.ndarray, cost_a: np.ndarray, dist: Any) -> dict[str, Any]:
    """The numerical path of :func:`risk_return` (see its docstring): grid, refinement, bound."""
    shape = p.shape
    b = np.ascontiguousarray(1.0 - p, dtype=np.float64).ravel()
    c = np.ascontiguousarray(cost_a, dtype=np.float64).ravel()
    grid = np.linspace(0.0, 1.0, GRID_POINTS)
    surv = np.asarray(dist.sf(grid), dtype=np.float64)
    # K = number of grid points <= b (>= 1 since grid[0] = 0 <= b)
    k_last = np.searchsorted(grid, b, side="right") - 1
    uc, inv = np.unique(c, return_inverse=True)
    inv = inv.ravel()
    if uc.size <= _TABLE_MAX_DISTINCT:
        best_idx, best_val, cell_bound = _by_table(grid, surv, uc, inv, k_last)
    else:
        best_idx, best_val, cell_bound = _by_envelope(grid, surv, c, k_last)
    end_val = (b + c) * np.asarray(dist.sf(b), dtype=np.float64)
    last_cell = (b + c) * surv[k_last]  # the partial cell [grid[k], b]
    upper = np.maximum(cell_bound, last_cell)
    # refinement bracket around the best grid point (or the endpoint b)
    at_end = end_val > best_val
    centre = np.where(at_end, k_last, best_idx)
    lo = grid[np.maximum(centre - 1, 0)]
    hi = np.where(at_end, b, np.minimum(grid[np.minimum(centre + 1, GRID_POINTS - 1)], b))
    # brackets inside [0, b] depend only on (cost_a, grid cell): refine each distinct one once;
    # brackets cut by b are refined point by point
    touch = hi < grid[np.minimum(centre + 1, GRID_POINTS - 1)]
    touch |= at_end
    func = _utility_gain(dist)
    t_ref, v_ref = np.empty(b.size), np.empty(b.size)
    free = np.flatnonzero(~touch)
    codes, cinv = np.unique(inv[free] * GRID_POINTS + centre[free], return_inverse=True)
    cells = codes % GRID_POINTS
    tf, vf = _golden_max(
        func, grid[np.maximum(cells - 1, 0)], grid[np.minimum(cells + 1, GRID_POINTS - 1)],
        uc[codes // GRID_POINTS],
    )
    t_ref[free], v_ref[free] = tf[cinv.ravel()], vf[cinv.ravel()]
    cut = np.flatnonzero(touch)
    t_ref[cut], v_ref[cut] = _golden_max(func, lo[cut], hi[cut], c[cut])
    t_grid = np.where(at_end, b, grid[best_idx])
    v_grid = np.maximum(best_val, end_val)
    use_ref = v_ref > v_grid
    t = np.where(use_ref, t_ref, t_grid)
    v = np.where(use_ref, v_ref, v_grid)
    gap = float(np.max(upper - v)) if v.size else 0.0
    gap = max(gap, 0.0) if gap == gap else gap  # NaN stays NaN
    war = np.asarray(dist.cdf(t), dtype=np.float64)
    pf, cf = p.ravel(), c
    text = (
        f"numerical: grid of {GRID_POINTS} thresholds and {REFINE_ITER} golden-section steps; "
        f"A's expected utility is within {gap:.2g} of the optimum (bound from the falling acceptance "
        "probability)"
    )
    status = Status.SUCCESS
    if not gap <= VALUE_TOL:
        status = Status.UNCERTIFIED
        text += f", more than {VALUE_TOL:g}"
        warn(f"crisis.risk_return: {text}")
    return {
        "demand": (pf + t).reshape(shape),
        "war_probability": war.reshape(shape),
        "expected_utility": (pf - cf + v).reshape(shape),
        "status": status,
        "message": text,
    }


def _by_table(
    grid: np.ndarray, surv: np.ndarray, uc: np.ndarray, inv: np.ndarray, k_last: np.ndarray
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Best grid point in ``[0, b]`` and the largest cell bound, tabulated per distinct ``cost_a``.

    ``O(distinct cost_a x GRID_POINTS)``: the fast path when few ``cost_a`` values are distinct.
    """
    order = np.argsort(inv, kind="stable")  # points grouped by their cost_a value
    starts = np.searchsorted(inv[order], np.arange(0, uc.size + _CHUNK, _CHUNK))
    best_idx = np.empty(inv.size, dtype=np.intp)
    best_val = np.empty(inv.size)
    cell_bound = np.full(inv.size, -np.inf)
    cell_right, cell_surv = grid[1:] * surv[:-1], surv[:-1]  # cell i: (grid[i+1] + c) S(grid[i])
    for block, start in enumerate(range(0, uc.size, _CHUNK)):  # blocks of distinct cost_a values
        cu = uc[start:start + _CHUNK, None]
        g = (grid + cu) * surv
        run = np.maximum.accumulate(g, axis=1)
        arg = _running_argmax(g, run)
        bound = np.maximum.accumulate(cell_right + cu * cell_surv, axis=1)
        sel = order[starts[block]:starts[block + 1]]
        rows, ks = inv[sel] - start, k_last[sel]
        best_idx[sel] = arg[rows, ks]
        best_val[sel] = run[rows, ks]
        full = ks >= 1  # the cells [grid[i], grid[i+1]] inside [0, b] are i <= k - 1
        cell_bound[sel[full]] = bound[rows[full], ks[full] - 1]
    return best_idx, best_val, cell_bound


def _by_envelope(
    grid: np.ndarray, surv: np.ndarray, c: np.ndarray, k_last: np.ndarray
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """The same as :func:`_by_table` in ``O(points x log GRID_POINTS)``, for many distinct ``cost_a``.

    The value at grid point ``i`` is the line ``S_i c + t_i S_i`` in ``c``, and the bound of
    cell ``i`` the line ``S_i c + t_{i+1} S_i``; slopes ``S_i`` fall with ``i``, so the prefix
    maxima are upper envelopes built line by line (the convex hull trick).
    """
    best_idx, _ = _prefix_envelope(surv, grid * surv, c, k_last + 1)
    best_val = (grid[best_idx] + c) * surv[best_idx]
    _, cell_bound = _prefix_envelope(surv[:-1], grid[1:] * surv[:-1], c, k_last)
    return best_idx, best_val, cell_bound


def _prefix_envelope(
    slopes: np.ndarray, intercepts: np.ndarray, x: np.ndarray, count: np.ndarray
) -> tuple[np.ndarray, np.ndarray]:
    """For each query ``j``: the best of the lines ``i < count[j]`` at ``x[j]`` (index, value).

    Lines come in order of non-increasing slope, so each new line is best furthest left; the
    upper envelope is a stack (bottom: the steepest line) with its crossing points falling
    from bottom to top. A query with ``count 0`` gets index -1 and value -inf. The loop runs
    over the lines (GRID_POINTS of them); the queries are answered in batches.
    """
    n_lines = slopes.size
    index = np.full(x.size, -1, dtype=np.intp)
    value = np.full(x.size, -np.inf)
    order = np.argsort(count, kind="stable")
    first = np.searchsorted(count[order], np.arange(n_lines + 2), side="left")
    sl, ic = slopes.tolist(), intercepts.tolist()
    lines = np.empty(n_lines, dtype=np.intp)  # the envelope, bottom (steepest) to top
    neg_cross = np.empty(n_lines)  # -(where lines[j] and lines[j + 1] meet): increasing in j
    top = 0  # lines[:top] is the envelope
    for i in range(n_lines):
        s, h = sl[i], ic[i]
        keep = True
        if top and sl[lines[top - 1]] == s:
            if h <= ic[lines[top - 1]]:
                keep = False
            else:
                top -= 1
        while keep and top >= 2:
            last = lines[top - 1]
            if -(h - ic[last]) / (sl[last] - s) <= neg_cross[top - 2]:
                top -= 1  # the new line meets the top one right of where that one starts to lead
            else:
                break
        if keep:
            if top:
                last = lines[top - 1]
                neg_cross[top - 1] = -(h - ic[last]) / (sl[last] - s)
            lines[top] = i
            top += 1
        queries = order[first[i + 1]:first[i + 2]]
        if queries.size:
            xs = x[queries]
            pick = lines[np.searchsorted(neg_cross[:top - 1], -xs, side="left")]
            index[queries] = pick
            value[queries] = slopes[pick] * xs + intercepts[pick]
    return index, value


def _utility_gain(dist: Any) -> Any:
    """``(t, c) -> (t + c) P(c_B >= t)``: A's expected utility above its war payoff."""

    def gain(t: np.ndarray, c: np.ndarray) -> np.ndarray:
        return (t + c) * np.asarray(dist.sf(t), dtype=np.float64)

    return gain


def _running_argmax(values: np.ndarray, running: np.ndarray) -> np.ndarray:
    """Index of the (first) maximum of ``values[:, :k+1]`` for every ``k`` (rows independent)."""
    cols = np.arange(values.shape[1])
    hit = np.where(values >= running, cols, 0)
    return np.maximum.accumulate(hit, axis=1)


def _golden_max(
    func: Any, lo: np.ndarray, hi: np.ndarray, arg: np.ndarray
) -> tuple[np.ndarray, np.ndarray]:
    """Golden-section maximisation of ``func(t, arg)`` on ``[lo, hi]``, vectorised over rows.

    A fixed budget of :data:`REFINE_ITER` steps; one new evaluation per row and step.
    Returns the best point seen (the bracket's ends included) and its value.
    """
    ratio = (np.sqrt(5.0) - 1.0) / 2.0
    a, b = np.asarray(lo, dtype=np.float64), np.asarray(hi, dtype=np.float64)
    x1, x2 = b - ratio * (b - a), a + ratio * (b - a)
    f1, f2 = func(x1, arg), func(x2, arg)
    for _ in range(REFINE_ITER):
        left = f1 >= f2  # the maximum is in [a, x2]
        a, b = np.where(left, a, x1), np.where(left, x2, b)
        x1_new = np.where(left, b - ratio * (b - a), x2)
        x2_new = np.where(left, x1, a + ratio * (b - a))
        fe = func(np.where(left, x1_new, x2_new), arg)
        f1, f2 = np.where(left, fe, f2), np.where(left, f1, fe)
        x1, x2 = x1_new, x2_new
    t, v = a, func(a, arg)
    for tt, vv in ((b, func(b, arg)), (x1, f1), (x2, f2)):
        better = vv > v
        t, v = np.where(better, tt, t), np.where(better, vv, v)
    return t, v


# ------------------------------------------------------------------------------ power_shift
@dataclass(frozen=True, eq=False, repr=False)
class PowerShiftResult(ModelResult):
    """Whether a declining state fights now rather than accept what a rising one can promise."""

    war: Any = output("whether A fights now (no offer today buys peace)", unit="bool")
    critical_p_later: Any = output(
        "the smallest p_later at which peace holds (0: peace for any shift)", unit="probability"
    )
    offer_now: Any = output(
        "the share A needs today to accept (above 1: no split buys peace)", unit="share of pie"
    )
    offer_later: Any = output("B's offer in every later period once power has shifted", unit="share of pie")


@model(
    family="crisis",
    source="Fearon (1995), International Organization 49(3), section 'Commitment problems' "
    "(preventive war); Powell (2006), 'War as a commitment problem', International Organization 60(1)",
    parameters=[
        Parameter("delta", "A's discount factor per period", domain=DISCOUNT),
        Parameter("p_now", "A's chance of winning a war fought this period", domain=PROBABILITY),
        Parameter("p_later", "A's chance of winning a war fought in any later period", domain=PROBABILITY),
        Parameter("cost", "A's one-time cost of war", unit="share of pie", domain=NONNEGATIVE),
    ],
    result=PowerShiftResult,
    exact=True,
)
def power_shift(delta, p_now, p_later, cost):
    """The commitment problem: a shift of power can make war rational for the declining side.

    Models selective intervention against a rising power: a state whose military edge is
    about to erode may fight now, because the rising side cannot credibly promise to keep
    paying tomorrow what it would have to offer today.

    Model and assumptions: every period a good of size 1 is split; B proposes, A accepts or
    fights. War is absorbing: fought in a period where A's chance is ``p``, it gives A ``p``
    every period forever and costs A ``cost`` once, so A's war value is ``p/(1 - delta) -
    cost``. A's chance is ``p_now`` this period and ``p_later`` in every later period. B cannot
    commit to future offers; A accepts when indifferent; B prefers any peace it can buy to war
    (war destroys ``cost``, so a peace giving A its war value leaves B more than war).

    Closed form. Later periods are stationary: B offers the least A accepts,
    ``offer_later = max(0, p_later - (1 - delta) cost)``, so A's continuation value is
    ``V = max(0, p_later/(1 - delta) - cost)``. Today A accepts ``x`` iff
    ``x + delta V >= p_now/(1 - delta) - cost``, and B can offer at most ``x = 1``. Hence
    ``offer_now = max(0, p_now/(1 - delta) - cost - delta V)`` and A fights iff
    ``offer_now > 1``, i.e. iff ``D = p_now/(1 - delta) - cost - 1 > delta V``. Peace for every
    ``p_later`` when ``D <= 0``; otherwise peace needs ``p_later/(1 - delta) - cost >= D/delta``:
    ``critical_p_later = (p_now - (1 - delta) - (1 - delta)^2 cost) / delta``, never above
    ``p_now`` (no shift, no war) and 0 when ``D <= 0``. War happens iff
    ``p_later < critical_p_later``: iff the shift is large enough.

    Parameters
    ----------
    delta : array_like
        Discount factor, in [0, 1).
    p_now, p_later : array_like
        A's chance of winning now and after the shift, in [0, 1].
    cost : array_like
        A's one-time cost of war, >= 0.
    exact : bool, optional
        Fractions in, Fractions out.

    Returns
    -------
    PowerShiftResult
        ``war`` (bool), ``critical_p_later``, ``offer_now``, ``offer_later``.

    References
    ----------
    Fearon, J. D. (1995). Rationalist explanations for war. International Organization 49(3),
    379-414, section "Commitment problems" (preventive war). Powell, R. (2006). War as a
    commitment problem. International Organization 60(1), 169-203.

    Examples
    --------
    >>> from bargain.models.crisis import power_shift
    >>> r = power_shift(delta=0.9, p_now=0.5, p_later=0.2, cost=1, exact=True)
    >>> bool(r.war), str(r.critical_p_later), str(r.offer_now)
    (True, '13/30', '31/10')
    >>> bool(power_shift(delta=0.9, p_now=0.5, p_later=0.45, cost=1).war)
    False
    """
    zero = constant(0, delta)
    rest = 1 - delta
    later = p_later - rest * cost
    offer_later = maximum(later, zero)
    value_later = offer_later / rest
    offer_now = maximum(p_now / rest - cost - delta * value_later, zero)
    gap = p_now / rest - cost - 1
    positive = np.asarray(gap > 0, dtype=bool)
    safe_delta = pick(positive, delta, constant(1, delta))  # gap > 0 implies delta > 0
    critical = pick(positive, (p_now - rest - rest * rest * cost) / safe_delta, zero)
    return {
        "war": np.asarray(offer_now > 1, dtype=bool),
        "critical_p_later": critical,
        "offer_now": offer_now,
        "offer_later": offer_later,
    }
