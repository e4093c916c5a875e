"""Axiomatic bargaining solutions: Nash (symmetric and weighted), Kalai-Smorodinsky,
egalitarian (proportional) and utilitarian.

Each function takes a :class:`~bargain.BargainingProblem` and returns a frozen
:class:`BargainingSolution`.

* **Polygonal problems** (from points or a game) are solved by closed forms edge by edge
  of the individually rational Pareto frontier (see :mod:`bargain.bargaining._polygon`):
  no optimiser, and exact :class:`fractions.Fraction` payoffs when the problem and the
  weights are rational. For a game, the agreement is returned as a joint distribution over
  action pairs (at most two cells: the ends of the frontier edge holding the solution).
* **Frontier problems** ``u2 = f(u1)`` are solved numerically, vectorised over the batch
  (in cache-sized blocks, no Python loop over problems): each solution is the root of a
  monotone function of one variable, found by a safeguarded secant method that keeps a
  bracket (see :func:`bargain.bargaining._frontier.find_root`). The abscissa is accurate to
  about ``1e-14`` times ``x_max``; with the built-in central difference for ``f'`` (no
  ``df`` given) the Nash and utilitarian solutions are accurate to about ``1e-9`` relative
  (Kalai-Smorodinsky and egalitarian need no derivative).

Every solution is individually rational (``payoffs >= disagreement``) and Pareto optimal.
"""

from __future__ import annotations

import numbers
from dataclasses import dataclass
from fractions import Fraction
from typing import Any

import numpy as np

from bargain._result import Labels, Result, Status, warn_if_uncertified
from bargain._result import fmt_number as _fmt
from bargain._thresholds import (
    FRONTIER_ACCURACY,
    FRONTIER_FD_ACCURACY,
    SUPPORT_EPS,
    UTILITARIAN_UNIQUE_RTOL,
)
from bargain._validate import as_real_array, describe
from bargain.bargaining._compat import renamed_keyword
from bargain.bargaining.problem import BargainingProblem
from bargain.core.exact import to_fraction
from bargain.core.frozen import frozen as _frozen
from bargain.errors import InvalidArgumentError, InvalidProblemError

__all__ = [
    "BargainingSolution",
    "nash_bargaining",
    "kalai_smorodinsky",
    "egalitarian",
    "utilitarian",
    "describe_agreement",
]







@dataclass(frozen=True, eq=False, repr=False)
class BargainingSolution(Result):
    """A bargaining solution of one problem (or of a batch of frontier problems).

    Attributes
    ----------
    name : str
        ``"nash"``, ``"kalai_smorodinsky"``, ``"egalitarian"`` or ``"utilitarian"``.
    payoffs : ndarray, shape (2,) or batch + (2,)
        The agreed utilities ``(u1, u2)``.
    gains : ndarray, same shape
        ``payoffs - disagreement``.
    disagreement : ndarray, same shape
        The problem's disagreement point.
    weights : tuple of float, or ndarray of shape batch + (2,)
        The weights as given (``(1, 1)`` for the symmetric solutions); only their ratio
        matters (they are normalised before use).
    unique : bool or ndarray of bool
        False where a whole frontier segment is optimal (utilitarian only); ``payoffs`` is
        then the segment's midpoint and ``segment`` its ends.
    segment : ndarray, shape (2, 2) or batch + (2, 2)
        Ends of the set of optimal points (both equal to ``payoffs`` when unique).
    payoffs_exact, gains_exact : tuple of Fraction or None
        Exact payoffs and gains, for polygonal problems with rational data (float weights
        are read as the decimals they print as).
    agreement : ndarray, shape (m, n), or None
        For a problem built from a game: the joint distribution over action pairs whose
        expected payoffs are ``payoffs`` (at most two cells carry probability).
    agreement_exact : ndarray of Fraction, shape (m, n), or None
        The same distribution exactly (exact game problems).
    ideal : ndarray or None
        The ideal point (Kalai-Smorodinsky only).
    tol : float
        Accuracy claimed for ``payoffs``: 0 for exact results, else a relative tolerance.
    status, success, message
        ``SUCCESS``, or ``MAX_ITER`` if the root finder did not converge for some problem
        of a batch (a :class:`~bargain.ConvergenceWarning` is issued); how it was computed.
    labels
        The game's player names and action labels (problems from a game), for the ``repr``.
    """

    name: str
    payoffs: np.ndarray
    gains: np.ndarray
    disagreement: np.ndarray
    weights: tuple[float, float] | np.ndarray
    unique: bool | np.ndarray
    segment: np.ndarray
    payoffs_exact: tuple[Fraction, Fraction] | None = None
    agreement: np.ndarray | None = None
    agreement_exact: np.ndarray | None = None
    ideal: np.ndarray | None = None
    tol: float = 0.0
    gains_exact: tuple[Fraction, Fraction] | None = None

    @property
    def exact(self) -> bool:
        """True when exact payoffs are attached."""
        return self.payoffs_exact is not None

    def __repr__(self) -> str:
        title = _TITLES.get(self.name, self.name)
        if self.payoffs.ndim > 1:
            return (
                f"BargainingSolution({title}, batch of shape {self.payoffs.shape[:-1]}, "
                f"{self._status_line()})"
            )
        names = _player_names(self.labels)
        pay = self.payoffs_exact if self.payoffs_exact is not None else self.payoffs
        gains = self.gains_exact if self.gains_exact is not None else self.gains
        lines = [f"BargainingSolution({title}"]
        lines.append(
            f"  payoffs: {names[0]} {_fmt(pay[0])}, {names[1]} {_fmt(pay[1])} "
            f"(gains over the disagreement point: {_fmt(gains[0])}, {_fmt(gains[1])})"
        )
        if not bool(self.unique):
            a, b = self.segment
            lines.append(
                f"  not unique: every point from ({_fmt(a[0])}, {_fmt(a[1])}) to "
                f"({_fmt(b[0])}, {_fmt(b[1])}) is optimal (unique=False; payoffs is the midpoint)"
            )
        if self.agreement is not None:
            src = self.agreement_exact if self.agreement_exact is not None else self.agreement
            lines.append("  agreement: " + describe_agreement(src, self.labels, indent=13))
        if not self.success:
            lines.append(f"  {self._status_line()}")
        return "\n".join(lines) + ")"


_TITLES = {
    "nash": "Nash bargaining solution",
    "kalai_smorodinsky": "Kalai-Smorodinsky solution",
    "egalitarian": "egalitarian solution",
    "utilitarian": "utilitarian solution",
}


def _player_names(labels: Labels | None) -> tuple[str, str]:
    if labels is None:
        return ("player 1", "player 2")
    return (labels.player(0), labels.player(1))


def describe_agreement(dist: Any, labels: Labels | None, *, indent: int = 0) -> str:
    """A joint distribution over action pairs in words, one outcome per line:
    ``"US: Tariff, China: Free with probability 1/2"``."""
    m, n = np.shape(dist)
    rows = labels.row_actions if labels is not None and len(labels.row_actions) == m else tuple(
        str(i) for i in range(m))
    cols = labels.col_actions if labels is not None and len(labels.col_actions) == n else tuple(
        str(j) for j in range(n))
    p1, p2 = _player_names(labels)
    parts = []
    for i in range(m):
        for j in range(n):
            w = dist[i][j]
            if (w > 0) if isinstance(w, Fraction) else (float(w) > SUPPORT_EPS):
                parts.append(f"{p1}: {rows[i]}, {p2}: {cols[j]} with probability {_fmt(w)}")
    return ("\n" + " " * indent).join(parts)


# ---------------------------------------------------------------------- validation
def _check_problem(problem: Any, func: str) -> BargainingProblem:
    if not isinstance(problem, BargainingProblem):
        raise InvalidProblemError(
            f"{func}: expected a BargainingProblem (build one with BargainingProblem.from_points, "
            f"from_frontier or from_game), got {type(problem).__name__} ({describe(problem)})"
        )
    return problem


def _weights(weights: Any, func: str, problem: BargainingProblem) -> tuple[Any, Any, tuple[Any, Any]]:
    """Two positive weights, normalised (only their ratio matters; scale-free).

    Returns ``(w1, w2, given)``: the normalised weights (Fractions for an exact problem, a
    float read as the decimal it prints as; floats; or arrays for frontier problems) and
    the weights as given, for the result.
    """
    if isinstance(weights, str) or not hasattr(weights, "__len__") or len(weights) != 2:
        raise InvalidArgumentError(f"{func}: weights must be a pair (w1, w2), got {describe(weights)}")
    out: list[Any] = []
    for w in weights:
        if isinstance(w, np.generic):
            w = w.item()
        if isinstance(w, numbers.Real) and not isinstance(w, bool):
            if not (np.isfinite(float(w)) and w > 0):
                raise InvalidArgumentError(
                    f"{func}: weights must be positive and finite, got {describe(weights)}"
                )
            out.append(w)
            continue
        if isinstance(w, bool) or problem.is_polygonal:
            raise InvalidArgumentError(
                f"{func}: weights of a polygonal problem must be two positive numbers, "
                f"got {describe(weights)}"
            )
        try:
            arr = as_real_array(w, "weights", func)
        except InvalidArgumentError:
            raise InvalidArgumentError(
                f"{func}: weights must be positive and finite numbers or arrays, got {describe(weights)}"
            ) from None
        if not (arr > 0).all():
            raise InvalidArgumentError(f"{func}: weights must be positive, got {describe(weights)}")
        out.append(arr)
    given = tuple(out)
    if problem.exact:
        f1, f2 = (to_fraction(w, func) for w in out)
        top = max(f1, f2)
        return f1 / top, f2 / top, (given[0], given[1])
    if all(np.ndim(w) == 0 for w in out):
        w1, w2 = float(out[0]), float(out[1])
        top = max(w1, w2)
        return w1 / top, w2 / top, (given[0], given[1])
    w1 = np.asarray(out[0], dtype=np.float64)
    w2 = np.asarray(out[1], dtype=np.float64)
    top = np.maximum(w1, w2)
    return w1 / top, w2 / top, (given[0], given[1])


def _given_weights(given: tuple[Any, Any]) -> tuple[float, float] | np.ndarray:
    if np.ndim(given[0]) == 0 and np.ndim(given[1]) == 0:
        return (float(given[0]), float(given[1]))
    pair = np.broadcast_arrays(np.asarray(given[0], float), np.asarray(given[1], float))
    return _frozen(np.stack(pair, -1))


def _reweigh(w1: float, w2: float, scales: tuple[float, float], power: int) -> tuple[float, float]:
    """Weights for normalised coordinates: ``w_i * scale_i ** power``, renormalised (in logs: no overflow)."""
    a = np.log(w1) + power * np.log(scales[0])
    b = np.log(w2) + power * np.log(scales[1])
    top = max(a, b)
    return float(np.exp(a - top)), float(np.exp(b - top))


# ---------------------------------------------------------------------- polygonal problems
def _polygon_solution(
    problem: BargainingProblem,
    name: str,
    weights: tuple[Any, Any, tuple[Any, Any]],
    compute: Any,
    message: str,
    *,
    weight_power: int = 0,
) -> BargainingSolution:
    """Solve on the problem's polygon and map back.

    Exact problems are solved in Fractions. Float problems are solved on each player's
    payoffs normalised to [0, 1] (so no scale or shift of either player's utilities changes
    a decision); ``weight_power`` says how the weights transform: 0 for scale-free
    solutions (Nash), -1 for gains in proportion (egalitarian), +1 for a weighted sum
    (utilitarian).
    """
    w1, w2, given = weights
    exact = problem.exact
    poly = problem._poly
    assert poly is not None
    d = problem._d_point()
    scales = problem._frame_scales()
    if not exact and scales is not None and weight_power:
        w1, w2 = _reweigh(w1, w2, scales, weight_power)
    lo_pt, hi_pt, ideal = compute(poly, d, w1, w2)
    if lo_pt == hi_pt:
        point = lo_pt
    else:
        half = Fraction(1, 2) if exact else 0.5
        point = (lo_pt[0] + half * (hi_pt[0] - lo_pt[0]), lo_pt[1] + half * (hi_pt[1] - lo_pt[1]))
    agreement = agreement_exact = None
    if problem.kind == "game":
        agreement, agreement_exact = problem._agreement(point, poly)
    back = problem._from_frame
    payoffs = _frozen([float(v) for v in back(point)])
    seg = [back(lo_pt), back(hi_pt)]
    return BargainingSolution(
        name=name,
        payoffs=payoffs,
        gains=_frozen(payoffs - problem.disagreement),
        disagreement=problem.disagreement,
        weights=_given_weights(given),
        unique=lo_pt == hi_pt,
        segment=_frozen([[float(p[0]), float(p[1])] for p in seg]),
        payoffs_exact=(Fraction(point[0]), Fraction(point[1])) if exact else None,
        gains_exact=(Fraction(point[0] - d[0]), Fraction(point[1] - d[1])) if exact else None,
        agreement=agreement,
        agreement_exact=agreement_exact,
        ideal=None if ideal is None else _frozen([float(v) for v in back(ideal)]),
        tol=0.0 if exact else FRONTIER_ACCURACY,
        status=Status.SUCCESS,
        message=message + (" (exact rational arithmetic)" if exact else " (float arithmetic)"),
        labels=problem.game.labels if problem.game is not None else None,
    )


# ---------------------------------------------------------------------- frontier problems
def _flat_weights(problem: BargainingProblem, w1: Any, w2: Any, func: str) -> tuple[np.ndarray, np.ndarray]:
    fr = problem._frontier
    assert fr is not None
    try:
        shape = np.broadcast_shapes(np.shape(w1), np.shape(w2), fr.batch_shape)
    except ValueError:
        raise InvalidArgumentError(
            f"{func}: weights of shapes {np.shape(w1)} and {np.shape(w2)} do not broadcast with the "
            f"problem's batch shape {fr.batch_shape}"
        ) from None
    if shape != fr.batch_shape:
        raise InvalidArgumentError(
            f"{func}: weights (shapes {np.shape(w1)}, {np.shape(w2)}) would enlarge the batch "
            f"{fr.batch_shape}; put array parameters into the problem instead"
        )
    f1 = np.ascontiguousarray(np.broadcast_to(np.asarray(w1, dtype=np.float64), shape)).ravel()
    f2 = np.ascontiguousarray(np.broadcast_to(np.asarray(w2, dtype=np.float64), shape)).ravel()
    return f1, f2


def _pairs(u1: np.ndarray, u2: np.ndarray, shape: tuple[int, ...]) -> np.ndarray:
    """A new read-only array ``shape + (2,)`` holding ``(u1, u2)``."""
    out = np.empty(shape + (2,))
    out[..., 0] = u1.reshape(shape)
    out[..., 1] = u2.reshape(shape)
    out.setflags(write=False)
    return out


def _frontier_solution(
    problem: BargainingProblem,
    name: str,
    func: str,
    weights: tuple[Any, Any, Any],
    u1: np.ndarray,
    u2: np.ndarray,
    ok: np.ndarray,
    message: str,
    tol: float,
    *,
    segment: tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray] | None = None,
    unique: np.ndarray | None = None,
    ideal: np.ndarray | None = None,
) -> BargainingSolution:
    fr = problem._frontier
    assert fr is not None
    shape = fr.batch_shape
    payoffs = _pairs(u1, u2, shape)
    if segment is None:
        seg = np.broadcast_to(payoffs[..., None, :], shape + (2, 2))  # read-only view
    else:
        s1, s2, e1, e2 = segment
        seg = np.empty(shape + (2, 2))
        seg[..., 0, :] = _pairs(s1, s2, shape)
        seg[..., 1, :] = _pairs(e1, e2, shape)
        seg.setflags(write=False)
    if unique is None:
        uniq: bool | np.ndarray = True if not shape else np.broadcast_to(np.True_, shape)
    else:
        uniq = bool(unique[0]) if not shape else unique.reshape(shape)
    if isinstance(uniq, np.ndarray) and uniq.flags.writeable:
        uniq.setflags(write=False)
    status = Status.SUCCESS
    if not ok.all():
        status = Status.MAX_ITER
        bad = int((~ok).sum())
        message += f"; the root finder did not converge for {bad} of {ok.size} problems"
        warn_if_uncertified(status, f"{func}: {message}")
    gains = payoffs - problem.disagreement
    gains.setflags(write=False)
    return BargainingSolution(
        name=name,
        payoffs=payoffs,
        gains=gains,
        disagreement=problem.disagreement,
        weights=_given_weights(weights[2]),
        unique=uniq,
        segment=seg,
        ideal=None if ideal is None else _frozen(ideal.reshape(shape + (2,))),
        tol=tol,
        status=status,
        message=message,
    )


def _numeric_tol(problem: BargainingProblem, needs_derivative: bool) -> float:
    fr = problem._frontier
    assert fr is not None
    return FRONTIER_FD_ACCURACY if needs_derivative and fr.df is None else FRONTIER_ACCURACY


# ---------------------------------------------------------------------- public solutions
@renamed_keyword("P", "problem")
def nash_bargaining(problem: Any, *, weights: Any = (1, 1)) -> BargainingSolution:
    """Nash bargaining solution: the feasible point maximising the (weighted) Nash product.

    Maximises ``(u1 - d1)**w1 * (u2 - d2)**w2`` over feasible ``u >= d``. With equal
    weights this is the Nash (1950) solution, the unique solution that is Pareto optimal,
    symmetric, invariant to positive affine rescaling of either player's utility and
    independent of irrelevant alternatives. Unequal weights give the asymmetric (weighted)
    Nash solution (Kalai 1977, "Nonsymmetric Nash solutions and replications of 2-person
    bargaining", IJGT 6; Roth 1979, *Axiomatic Models of Bargaining*, Sect. I.C), which
    drops symmetry; the player with the larger weight gets a larger share.

    On a polygonal frontier edge ``y = Y + k x`` (gains ``x, y``, slope ``k < 0``) the
    maximiser is ``x = a X``, ``y = (1 - a) Y`` with ``a = w1 / (w1 + w2)`` and
    ``X = -Y / k``: with rational data and weights the solution is rational.

    Parameters
    ----------
    problem : BargainingProblem
    weights : pair of positive numbers
        ``(w1, w2)``; only their ratio matters (they are normalised, so ``(1e308, 1e308)``
        is ``(1, 1)``). For a batch of frontier problems each may
        be an array broadcasting with the batch.

    Returns
    -------
    BargainingSolution

    Examples
    --------
    Split a dollar when player 1's utility is linear and player 2's is the square root:

    >>> import bargain as bg
    >>> P = bg.BargainingProblem.from_frontier(lambda u: np.sqrt(1 - u), 1.0)
    >>> s = bg.nash_bargaining(P)
    >>> round(float(s.payoffs[0]), 9)        # player 1 takes 2/3 of the dollar
    0.666666667

    Battle of the sexes, bargaining from the mixed equilibrium: the agreement is a fair coin
    between the two pure equilibria (a correlated outcome):

    >>> g = bg.Game([[2, 0], [0, 1]], [[1, 0], [0, 2]])
    >>> P = bg.BargainingProblem.from_game(g, disagreement="nash", nash_index=2)
    >>> s = bg.nash_bargaining(P)
    >>> s.payoffs_exact, s.agreement.tolist()
    ((Fraction(3, 2), Fraction(3, 2)), [[0.5, 0.0], [0.0, 0.5]])
    """
    func = "nash_bargaining"
    P = _check_problem(problem, func)
    w = _weights(weights, func, P)
    symmetric = bool(np.all(np.asarray(w[0] == w[1])))
    label = "Nash (1950) product" if symmetric else "weighted Nash product (Kalai 1977)"
    if P.is_polygonal:
        return _polygon_solution(
            P, "nash", w, lambda poly, d, w1, w2: (poly.nash(d, w1, w2),) * 2 + (None,),
            f"{label}: closed form on the frontier edges",
        )
    w1, w2 = _flat_weights(P, w[0], w[1], func)
    with np.errstate(divide="ignore", invalid="ignore"):  # f' may be infinite at an end
        u1, u2, ok = P._frontier.nash(w1, w2)  # type: ignore[union-attr]
    return _frontier_solution(
        P, "nash", func, w, u1, u2, ok,
        f"{label}: root of the first-order condition (bracketing, vectorised)",
        _numeric_tol(P, True),
    )


@renamed_keyword("P", "problem")
def kalai_smorodinsky(problem: Any) -> BargainingSolution:
    """Kalai-Smorodinsky solution: gains in proportion to the ideal gains.

    The ideal (utopia) point ``a`` gives each player the most they can get in a feasible
    agreement that leaves the other at least their disagreement payoff; the solution is
    the Pareto optimal point on the segment from ``d`` to ``a`` (Kalai & Smorodinsky 1975,
    "Other solutions to Nash's bargaining problem", Econometrica 43(3)). Gains are measured
    from ``d``, so the solution is correct for any disagreement point (it is invariant to
    positive affine rescaling and individually monotone, but not independent of irrelevant
    alternatives).

    Examples
    --------
    >>> import bargain as bg
    >>> P = bg.BargainingProblem.from_points([(0, 0), (1, 0), (0, 1), (1, 7/10)])
    >>> s = bg.kalai_smorodinsky(P)
    >>> s.payoffs.round(6).tolist(), s.ideal.tolist()
    ([0.769231, 0.769231], [1.0, 1.0])
    """
    func = "kalai_smorodinsky"
    P = _check_problem(problem, func)
    one = (Fraction(1), Fraction(1), (1, 1))

    def compute(poly: Any, d: Any, w1: Any, w2: Any) -> Any:
        pt = poly.kalai_smorodinsky(d)
        return pt, pt, poly.ideal(d)

    if P.is_polygonal:
        return _polygon_solution(
            P, "kalai_smorodinsky", one, compute,
            "Kalai-Smorodinsky (1975): segment from d to the ideal point meets the frontier",
        )
    with np.errstate(divide="ignore", invalid="ignore"):
        u1, u2, ideal, ok = P._frontier.kalai_smorodinsky()  # type: ignore[union-attr]
    return _frontier_solution(
        P, "kalai_smorodinsky", func, one, u1, u2, ok,
        "Kalai-Smorodinsky (1975): root along the segment from d to the ideal point (vectorised)",
        _numeric_tol(P, False), ideal=ideal,
    )


@renamed_keyword("P", "problem")
def egalitarian(problem: Any, *, weights: Any = (1, 1)) -> BargainingSolution:
    """Egalitarian (proportional) solution: the largest gains in a fixed proportion.

    Picks ``d + t (w1, w2)`` with the largest feasible ``t`` (Kalai 1977, "Proportional
    solutions to bargaining situations: interpersonal utility comparisons", Econometrica
    45(7)); with equal weights both players gain the same amount. ``t`` is computed on the
    set extended by free disposal; when that point lies on a flat (weakly Pareto) part,
    the lexicographic refinement moves to the end of the flat, which is Pareto optimal
    (Imai 1983, "Individual monotonicity and lexicographic maxmin solution",
    Econometrica 51(2)). Not invariant to rescaling utilities: utilities must be
    interpersonally comparable.

    Parameters
    ----------
    problem : BargainingProblem
    weights : pair of positive numbers
        Gains are in proportion ``w1 : w2``.

    Examples
    --------
    >>> import bargain as bg
    >>> P = bg.BargainingProblem.from_points([(0, 0), (4, 0), (0, 2)])
    >>> bg.egalitarian(P).payoffs_exact
    (Fraction(4, 3), Fraction(4, 3))
    >>> bg.egalitarian(P, weights=(2, 1)).payoffs_exact
    (Fraction(2, 1), Fraction(1, 1))
    """
    func = "egalitarian"
    P = _check_problem(problem, func)
    w = _weights(weights, func, P)
    if P.is_polygonal:
        return _polygon_solution(
            P, "egalitarian", w, lambda poly, d, w1, w2: (poly.egalitarian(d, w1, w2),) * 2 + (None,),
            "egalitarian/proportional (Kalai 1977): ray d + t w meets the frontier",
            weight_power=-1,
        )
    w1, w2 = _flat_weights(P, w[0], w[1], func)
    with np.errstate(divide="ignore", invalid="ignore"):
        u1, u2, ok = P._frontier.egalitarian(w1, w2)  # type: ignore[union-attr]
    return _frontier_solution(
        P, "egalitarian", func, w, u1, u2, ok,
        "egalitarian/proportional (Kalai 1977): root along the ray d + t w (vectorised)",
        _numeric_tol(P, False),
    )


@renamed_keyword("P", "problem")
def utilitarian(problem: Any, *, weights: Any = (1, 1)) -> BargainingSolution:
    """Utilitarian solution: maximise ``w1 u1 + w2 u2`` over individually rational points.

    The maximum is taken over feasible ``u >= d`` (an agreement must be acceptable to both).
    It is not unique when a whole frontier edge has slope ``-w1 / w2``: then ``unique`` is
    False, ``segment`` holds the ends of the optimal edge and ``payoffs`` is its midpoint
    (which keeps the solution symmetric on symmetric problems). See Thomson 1994,
    "Cooperative models of bargaining", Handbook of Game Theory vol. 2, ch. 35, Sect. 2.

    For frontier problems the optimal set is where ``w1 + w2 f'(u1)`` lies within
    ``1e-8 * w1`` of zero; it is reported as non-unique when it is wider than ``1e-6`` of
    the rational part of the frontier.

    Examples
    --------
    >>> import bargain as bg
    >>> P = bg.BargainingProblem.from_points([(0, 0), (3, 0), (0, 3), (2, 2)])
    >>> bg.utilitarian(P).payoffs_exact
    (Fraction(2, 1), Fraction(2, 1))
    >>> s = bg.utilitarian(bg.BargainingProblem.from_points([(0, 0), (3, 0), (0, 3)]))
    >>> s.unique, s.payoffs_exact, s.segment.tolist()
    (False, (Fraction(3, 2), Fraction(3, 2)), [[0.0, 3.0], [3.0, 0.0]])
    """
    func = "utilitarian"
    P = _check_problem(problem, func)
    w = _weights(weights, func, P)
    if P.is_polygonal:
        return _polygon_solution(
            P, "utilitarian", w, lambda poly, d, w1, w2: poly.utilitarian(d, w1, w2) + (None,),
            "utilitarian: best vertex (or edge) of the rational frontier",
            weight_power=1,
        )
    fr = P._frontier
    assert fr is not None
    w1, w2 = _flat_weights(P, w[0], w[1], func)
    with np.errstate(divide="ignore", invalid="ignore"):
        left, right, a1, ok = fr.utilitarian(w1, w2)
    mid = 0.5 * (left + right)
    val = fr.value
    u2 = val(mid, fr.x_max, fr.params)
    lo = np.maximum(fr.d1, 0.0)
    unique = (right - left) <= UTILITARIAN_UNIQUE_RTOL * np.maximum(a1 - lo, np.finfo(float).tiny)
    seg = (left, val(left, fr.x_max, fr.params), right, val(right, fr.x_max, fr.params))
    return _frontier_solution(
        P, "utilitarian", func, w, mid, u2, ok,
        "utilitarian: root of w1 + w2 f'(u1) on the rational frontier (vectorised)",
        _numeric_tol(P, True), segment=seg, unique=unique,
    )
