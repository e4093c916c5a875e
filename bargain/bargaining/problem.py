"""Two-person bargaining problems: a feasible set of payoff pairs and a disagreement point.

A bargaining problem (Nash 1950, "The Bargaining Problem", Econometrica 18(2)) is a
convex set ``S`` of utility pairs the two players can reach by agreement, together with
the disagreement point ``d`` they get when they do not agree. :class:`BargainingProblem`
builds it three ways:

* :meth:`BargainingProblem.from_points`: ``S`` is the convex hull of finitely many payoff
  pairs (lotteries over outcomes), optionally extended by free disposal;
* :meth:`BargainingProblem.from_frontier`: ``S`` lies under a concave decreasing frontier
  ``u2 = f(u1)`` on ``[0, x_max]``; array parameters make a batch of problems;
* :meth:`BargainingProblem.from_game`: ``S`` is the set of payoffs of all correlated
  outcomes of a bimatrix game (the convex hull of its payoff pairs), and ``d`` comes from
  the game: security levels, minmax levels, a Nash equilibrium, or given.

Polygonal problems keep their data exactly (:class:`fractions.Fraction`) when the input is
integer or rational, so the solutions in :mod:`bargain.bargaining.solutions` are exact.
"""

from __future__ import annotations

import numbers
from collections.abc import Callable, Mapping
from dataclasses import dataclass, replace
from fractions import Fraction
from functools import cached_property
from typing import Any

import numpy as np

from bargain._result import fmt_number as _fmt_num
from bargain._thresholds import (
    BARGAIN_FEASIBILITY_RTOL,
    FRONTIER_DF_RTOL,
    FRONTIER_DF_STEP,
    FRONTIER_SHAPE_RTOL,
)
from bargain._validate import as_real_array, check_bool, check_int, describe
from bargain.bargaining._frontier import Frontier
from bargain.bargaining._polygon import Polygon
from bargain.core.frozen import frozen as _frozen
from bargain.core.game import Game, as_single_game
from bargain.errors import InvalidProblemError, NoAgreementError

__all__ = ["BargainingProblem"]

DISAGREEMENTS = ("security", "minmax", "nash")
#: Relative tolerance (times the problem's payoff scale) of float feasibility decisions.
FEASIBILITY_RTOL = BARGAIN_FEASIBILITY_RTOL

Frame = tuple[float, float, float, float]


def _make_frame(points: list[tuple[float, float]], func: str) -> Frame:
    """Each player's ``(lo, half_range)``: float problems are solved on ``(u - lo) / range``.

    Half ranges (``hi / 2 - lo / 2``) stay finite for any finite payoffs, so payoffs near
    the float64 limits are handled; a constant coordinate gets a unit range.
    """
    out: list[float] = []
    for k in (0, 1):
        vals = [p[k] for p in points]
        lo, hi = min(vals), max(vals)
        half = hi * 0.5 - lo * 0.5
        out += [lo, half if half > 0 else 0.5]
    return (out[0], out[1], out[2], out[3])


def _to_frame(frame: Frame | None, u: tuple[Any, Any]) -> tuple[Any, Any]:
    if frame is None:
        return u
    lo1, h1, lo2, h2 = frame
    return ((u[0] * 0.5 - lo1 * 0.5) / h1, (u[1] * 0.5 - lo2 * 0.5) / h2)


def _from_frame(frame: Frame | None, u: tuple[Any, Any]) -> tuple[Any, Any]:
    if frame is None:
        return u
    lo1, h1, lo2, h2 = frame
    a, b = h1 * float(u[0]), h2 * float(u[1])
    return (lo1 + a + a, lo2 + b + b)






def _fmt_point(p: Any) -> str:
    return "(" + ", ".join(_fmt_num(v) for v in p) + ")"


def _is_exact_scalar(v: Any) -> bool:
    return isinstance(v, numbers.Rational) and not isinstance(v, bool)


def _as_float(v: Any, name: str, func: str) -> float:
    """``float(v)``, refusing numbers beyond float64 (the problem's float views hold every value)."""
    try:
        return float(v)
    except OverflowError:
        raise InvalidProblemError(
            f"{func}: {name} must fit in float64 (|value| <= 1.8e308), got {describe(v, 40)}"
        ) from None


def _parse_point(value: Any, name: str, func: str) -> tuple[tuple[Any, Any], bool]:
    """A pair of finite reals; returns it as Fractions (exact input) or floats."""
    if isinstance(value, str) or not hasattr(value, "__len__") or len(value) != 2:
        raise InvalidProblemError(f"{func}: {name} must be a pair (u1, u2), got {describe(value)}")
    out = []
    exact = True
    for v in value:
        if isinstance(v, np.generic):
            v = v.item()
        if isinstance(v, bool) or not isinstance(v, numbers.Real):
            raise InvalidProblemError(f"{func}: {name} must hold two real numbers, got {describe(value)}")
        if not np.isfinite(_as_float(v, name, func)):
            raise InvalidProblemError(f"{func}: {name} must be finite, got {describe(value)}")
        if _is_exact_scalar(v):
            out.append(Fraction(int(v.numerator), int(v.denominator)))
        else:
            exact = False
            out.append(float(v))
    if not exact:
        out = [float(v) for v in out]
    return (out[0], out[1]), exact


def _parse_points(points: Any, func: str) -> tuple[list[tuple[Any, Any]], bool]:
    """Validate a (k, 2) array-like of payoff pairs; exact when all are ints/Fractions."""
    if isinstance(points, np.ma.MaskedArray):
        if np.ma.getmaskarray(points).any():
            raise InvalidProblemError(f"{func}: points have masked entries; fill them first (a.filled(...))")
        points = np.ma.getdata(points)
    if isinstance(points, np.ndarray):
        raw = points
    else:
        try:
            raw = np.array(points, dtype=object)
        except ValueError:
            raise InvalidProblemError(
                f"{func}: points must be a sequence of (u1, u2) pairs, got {describe(points)}"
            ) from None
    if raw.size == 0:
        raise InvalidProblemError(f"{func}: the feasible set is empty (no points given)")
    if raw.ndim != 2 or raw.shape[1] != 2:
        raise InvalidProblemError(
            f"{func}: points must have shape (k, 2) (one (u1, u2) pair per row), got shape {raw.shape}"
        )
    if raw.dtype.kind == "f":
        vals = raw.astype(np.float64)
        if not np.isfinite(vals).all():
            bad = tuple(int(i) for i in np.argwhere(~np.isfinite(vals))[0])
            raise InvalidProblemError(f"{func}: points contain a non-finite value at index {bad}")
        return [(float(a), float(b)) for a, b in vals], False
    if raw.dtype.kind in "iu":
        return [(Fraction(int(a)), Fraction(int(b))) for a, b in raw], True
    if raw.dtype.kind == "b":
        raise InvalidProblemError(f"{func}: points must be numeric, got booleans")
    if raw.dtype != object:
        raise InvalidProblemError(f"{func}: points must be numeric, got dtype {raw.dtype}")
    flat = []
    exact = True
    for k, v in enumerate(raw.ravel()):
        if isinstance(v, np.generic):
            v = v.item()
        if isinstance(v, bool) or not isinstance(v, numbers.Real):
            raise InvalidProblemError(
                f"{func}: points must be numeric, found {describe(v)} at index {divmod(k, 2)}"
            )
        if not np.isfinite(_as_float(v, "points", func)):
            raise InvalidProblemError(f"{func}: points contain a non-finite value at index {divmod(k, 2)}")
        if _is_exact_scalar(v):
            flat.append(Fraction(int(v.numerator), int(v.denominator)))
        else:
            exact = False
            flat.append(v)
    if not exact:
        flat = [float(v) for v in flat]
    return [(flat[2 * i], flat[2 * i + 1]) for i in range(len(flat) // 2)], exact


def _unique(points: list[tuple[Any, Any]]) -> tuple[list[tuple[Any, Any]], list[int]]:
    """Unique points in order of first appearance, and the index of each first appearance."""
    seen: dict[tuple[Any, Any], int] = {}
    first: list[int] = []
    for k, p in enumerate(points):
        if p not in seen:
            seen[p] = len(first)
            first.append(k)
    return [points[k] for k in first], first


@dataclass(frozen=True, eq=False, repr=False, init=False)
class BargainingProblem:
    """A two-person bargaining problem ``(S, d)``, or a batch of frontier problems.

    Build it with :meth:`from_points`, :meth:`from_frontier` or :meth:`from_game`; solve it
    with :func:`~bargain.nash_bargaining`, :func:`~bargain.kalai_smorodinsky`,
    :func:`~bargain.egalitarian` or :func:`~bargain.utilitarian`.

    Every constructor checks that the disagreement point is feasible and that some feasible
    point gives *both* players strictly more than it; otherwise it raises
    :class:`~bargain.NoAgreementError` ("no gain from agreement") or
    :class:`~bargain.InvalidProblemError`.

    Attributes
    ----------
    kind : {"points", "game", "frontier"}
        How the feasible set was given.
    disagreement : ndarray, shape (2,) or batch + (2,)
        The disagreement point ``d`` (float view).
    free_disposal : bool
        Whether points weakly below a feasible point are feasible too (always the case for
        frontier problems).
    game : Game or None
        The game a ``"game"`` problem was built from.
    disagreement_source : str
        ``"explicit"``, ``"security"``, ``"minmax"`` or ``"nash"``.
    """

    kind: str
    disagreement: np.ndarray
    free_disposal: bool
    game: Game | None
    disagreement_source: str
    _poly: Polygon | None
    _d_exact: tuple[Fraction, Fraction] | None
    _frontier: Frontier | None
    _cells: tuple[tuple[int, int], ...] | None
    _frame: Frame | None = None
    _orig: tuple[tuple[Any, Any], ...] | None = None

    # ------------------------------------------------------------------ constructors
    @classmethod
    def _polygonal(
        cls,
        func: str,
        points: list[tuple[Any, Any]],
        exact_points: bool,
        d: tuple[Any, Any],
        exact_d: bool,
        free_disposal: bool,
        *,
        kind: str,
        game: Game | None = None,
        cells: list[tuple[int, int]] | None = None,
        source: str = "explicit",
        weakly_dominated_ok: bool = False,
    ) -> BargainingProblem:
        uniq, first = _unique(points)
        exact = exact_points and exact_d
        if exact:
            frame = None
            orig = tuple(uniq)
            poly = Polygon.build(uniq, True, free_disposal, FEASIBILITY_RTOL)
            d_num = d
        else:
            orig = tuple((float(x), float(y)) for x, y in uniq)
            frame = _make_frame(list(orig), func)
            poly = Polygon.build([_to_frame(frame, p) for p in orig], False, free_disposal, FEASIBILITY_RTOL)
            d_num = _to_frame(frame, (float(d[0]), float(d[1])))
        # feasibility of d
        feasible = poly.contains(d_num, comprehensive=free_disposal or weakly_dominated_ok)
        if not feasible:
            where = "the convex hull of the points"
            if free_disposal:
                where += " extended by free disposal (no feasible point weakly dominates it)"
            elif weakly_dominated_ok:
                where = "the set of payoffs weakly dominated by a correlated outcome of the game"
            raise InvalidProblemError(
                f"{func}: disagreement point {_fmt_point(d)} is not feasible: it lies outside {where}"
            )
        gain = poly.dominated_gain(d_num)
        if not gain > (0 if exact else poly.tol):
            raise NoAgreementError(
                f"{func}: no gain from agreement: no feasible point gives both players strictly "
                f"more than the disagreement point {_fmt_point(d)} (frontier from "
                f"{_fmt_point(orig[poly.chain[0]])} to {_fmt_point(orig[poly.chain[-1]])})"
            )
        obj = object.__new__(cls)
        set_ = object.__setattr__
        set_(obj, "kind", kind)
        set_(obj, "disagreement", _frozen([float(d[0]), float(d[1])]))
        set_(obj, "free_disposal", bool(free_disposal))
        set_(obj, "game", game)
        set_(obj, "disagreement_source", source)
        set_(obj, "_poly", poly)
        set_(obj, "_d_exact", (Fraction(d[0]), Fraction(d[1])) if exact else None)
        set_(obj, "_frontier", None)
        set_(obj, "_cells", None if cells is None else tuple(cells[k] for k in first))
        set_(obj, "_frame", frame)
        set_(obj, "_orig", orig)
        return obj

    @classmethod
    def from_points(
        cls, points: Any, *, disagreement: Any = (0, 0), free_disposal: bool = False
    ) -> BargainingProblem:
        """Problem whose feasible set is the convex hull of finitely many payoff pairs.

        Parameters
        ----------
        points : array_like, shape (k, 2)
            Payoff pairs ``(u1, u2)`` of the available outcomes; lotteries over them make
            the feasible set their convex hull. Integers and :class:`fractions.Fraction`
            keep the problem exact.
        disagreement : pair of numbers
            The disagreement point ``d``. It must be feasible: inside the hull, or (with
            ``free_disposal``) weakly below a point of it.
        free_disposal : bool
            Extend the set by everything weakly dominated by a feasible point.

        Raises
        ------
        InvalidProblemError
            Empty or malformed points, or ``d`` not feasible.
        NoAgreementError
            No feasible point gives both players strictly more than ``d``.

        Examples
        --------
        >>> import bargain as bg
        >>> P = bg.BargainingProblem.from_points([(0, 0), (4, 0), (0, 2)])
        >>> P.frontier.tolist(), P.exact
        ([[0.0, 2.0], [4.0, 0.0]], True)
        >>> P.ideal.tolist()
        [4.0, 2.0]
        """
        func = "BargainingProblem.from_points"
        pts, exact_pts = _parse_points(points, func)
        d, exact_d = _parse_point(disagreement, "disagreement", func)
        free_disposal = check_bool(free_disposal, "free_disposal", func)
        return cls._polygonal(func, pts, exact_pts, d, exact_d, free_disposal, kind="points")

    @classmethod
    def from_game(
        cls,
        game: Any,
        *,
        disagreement: Any = "security",
        nash_index: int = 0,
        free_disposal: bool = False,
    ) -> BargainingProblem:
        """Problem over the correlated outcomes of a bimatrix game.

        The feasible set is the convex hull of the game's payoff pairs ``(A[i, j], B[i, j])``:
        every joint distribution over action pairs the players can agree on (binding
        agreements, as in Nash 1953). A solution on this set maps back to a distribution over
        action pairs mixing at most two cells (see ``BargainingSolution.agreement``).

        Parameters
        ----------
        game : Game or nashpy.Game
            A single game.
        disagreement : {"security", "minmax", "nash"} or pair of numbers
            ``"security"``: each player's maxmin level (what they can guarantee;
            :func:`~bargain.maxmin`); ``"minmax"``: the level each can be held down to
            (:func:`~bargain.minmax`); ``"nash"``: the payoffs of the Nash equilibrium
            ``nash_index`` of :func:`~bargain.nash_equilibria`; or an explicit point.
            The point must be weakly dominated by a feasible payoff (non-agreement play
            need not be a correlated outcome, but it cannot beat every one of them).
        nash_index : int
            Which equilibrium to use with ``disagreement="nash"`` (in the solver's order).
        free_disposal : bool
            Extend the set by everything weakly dominated by a feasible point.

        Examples
        --------
        >>> import bargain as bg
        >>> g = bg.Game([[2, 0], [0, 1]], [[1, 0], [0, 2]])   # battle of the sexes
        >>> P = bg.BargainingProblem.from_game(g, disagreement="nash", nash_index=2)
        >>> P.disagreement_exact
        (Fraction(2, 3), Fraction(2, 3))
        >>> P.frontier.tolist()
        [[1.0, 2.0], [2.0, 1.0]]
        """
        func = "BargainingProblem.from_game"
        g = as_single_game(game, func)
        free_disposal = check_bool(free_disposal, "free_disposal", func)
        m, n = g.shape
        cells = [(i, j) for i in range(m) for j in range(n)]
        if g.has_exact_payoffs:
            Ae, Be = g.exact_payoffs()
            pts = [(Fraction(Ae[i, j]), Fraction(Be[i, j])) for i, j in cells]
            exact_pts = True
        else:
            pts = [(float(g.A[i, j]), float(g.B[i, j])) for i, j in cells]
            exact_pts = False
        d, exact_d, source = cls._game_disagreement(g, disagreement, nash_index, func)
        return cls._polygonal(
            func, pts, exact_pts, d, exact_d, bool(free_disposal), kind="game", game=g,
            cells=cells, source=source, weakly_dominated_ok=True,
        )

    @staticmethod
    def _game_disagreement(
        g: Game, disagreement: Any, nash_index: Any, func: str
    ) -> tuple[tuple[Any, Any], bool, str]:
        if not isinstance(disagreement, str):
            d, exact = _parse_point(disagreement, "disagreement", func)
            return d, exact, "explicit"
        if disagreement not in DISAGREEMENTS:
            raise InvalidProblemError(
                f"{func}: disagreement must be one of {', '.join(map(repr, DISAGREEMENTS))} or a pair "
                f"(d1, d2); got {disagreement!r}"
            )
        if disagreement == "nash":
            from bargain.solvers.nash.dispatch import nash_equilibria

            k = check_int(nash_index, "nash_index", func, low=0)
            res = nash_equilibria(g, exact=g.has_exact_payoffs)
            if k >= len(res.equilibria):
                raise InvalidProblemError(
                    f"{func}: nash_index={k} but the solver ({res.method}) found "
                    f"{len(res.equilibria)} equilibria"
                )
            eq = res.equilibria[k]
            if eq.payoffs_exact is not None:
                return (Fraction(eq.payoffs_exact[0]), Fraction(eq.payoffs_exact[1])), True, "nash"
            return (float(eq.payoffs[0]), float(eq.payoffs[1])), False, "nash"
        from bargain.solvers import security

        solver = security.maxmin if disagreement == "security" else security.minmax
        res = solver(g, exact=g.has_exact_payoffs)
        exact_vals = getattr(res, "values_exact", None)
        if exact_vals is not None:
            return (Fraction(exact_vals[0]), Fraction(exact_vals[1])), True, disagreement
        vals = np.asarray(res.values, dtype=np.float64)
        return (float(vals[0]), float(vals[1])), False, disagreement

    @classmethod
    def from_frontier(
        cls,
        f: Callable[..., Any],
        x_max: Any,
        *,
        disagreement: Any = (0.0, 0.0),
        df: Callable[..., Any] | None = None,
        params: Mapping[str, Any] | None = None,
    ) -> BargainingProblem:
        """Problem under a concave, nonincreasing frontier ``u2 = f(u1)`` on ``[0, x_max]``.

        The feasible set is ``{u : u1 <= x_max, u2 <= f(max(u1, 0))}`` (comprehensive).
        Array-valued ``x_max``, disagreement entries or ``params`` broadcast to a *batch* of
        problems, solved at once by every solution function (no Python loop).

        Parameters
        ----------
        f : callable
            ``f(u1, **params)``; vectorised callables (numpy expressions) are called on whole
            arrays, scalar-only callables are wrapped with :func:`numpy.vectorize`.
        x_max : float or array_like
            Right end of the frontier's domain (``> 0``).
        disagreement : pair of float or array_like
            ``(d1, d2)``; each entry may be an array (batch).
        df : callable, optional
            Derivative ``f'(u1, **params)``. Without it a central difference is used
            (solutions are then accurate to about ``1e-9`` relative instead of rounding).
        params : mapping of str to array_like, optional
            Numeric parameters passed to ``f`` (and ``df``) as keyword arguments, broadcast
            with ``x_max`` and the disagreement point.

        Raises
        ------
        InvalidProblemError
            ``f`` not callable, not finite, increasing or convex on the sample points, or
            ``d`` outside the set.
        NoAgreementError
            Some problem of the batch has no point strictly better for both than ``d``.

        Examples
        --------
        >>> import bargain as bg
        >>> P = bg.BargainingProblem.from_frontier(lambda u: 1 - u**2, 1.0)
        >>> P.batch_shape
        ()
        >>> Q = bg.BargainingProblem.from_frontier(lambda u, c: c * (1 - u), 1.0,
        ...                                        params={"c": [1.0, 2.0, 3.0]})
        >>> Q.batch_shape
        (3,)
        """
        func = "BargainingProblem.from_frontier"
        fr = _build_frontier(f, x_max, disagreement, df, params, func)
        obj = object.__new__(cls)
        set_ = object.__setattr__
        set_(obj, "kind", "frontier")
        d = np.stack([fr.d1, fr.d2], axis=-1).reshape(fr.batch_shape + (2,))
        set_(obj, "disagreement", _frozen(d))
        set_(obj, "free_disposal", True)
        set_(obj, "game", None)
        set_(obj, "disagreement_source", "explicit")
        set_(obj, "_poly", None)
        set_(obj, "_d_exact", None)
        set_(obj, "_frontier", fr)
        set_(obj, "_cells", None)
        return obj

    # ------------------------------------------------------------------ properties
    @property
    def exact(self) -> bool:
        """True when the problem is polygonal with rational data (solutions are exact)."""
        return self._d_exact is not None

    @property
    def is_polygonal(self) -> bool:
        """True for problems built from points or a game."""
        return self._poly is not None

    @property
    def batch_shape(self) -> tuple[int, ...]:
        """Shape of the batch (``()`` for a single problem; polygonal problems are single)."""
        return self._frontier.batch_shape if self._frontier is not None else ()

    @property
    def disagreement_exact(self) -> tuple[Fraction, Fraction] | None:
        """The disagreement point as Fractions (exact problems only)."""
        return self._d_exact

    @property
    def points(self) -> np.ndarray | None:
        """The distinct payoff pairs spanning the feasible set, shape (k, 2) (polygonal)."""
        if self._poly is None or self._orig is None:
            return None
        return _frozen([[float(x), float(y)] for x, y in self._orig])

    @property
    def vertices(self) -> np.ndarray | None:
        """Vertices of the convex hull, counter-clockwise, shape (h, 2) (polygonal)."""
        if self._poly is None or self._orig is None:
            return None
        return _frozen([[float(self._orig[i][0]), float(self._orig[i][1])] for i in self._poly.hull])

    @property
    def frontier(self) -> np.ndarray | None:
        """Vertices of the Pareto frontier by increasing ``u1``, shape (p, 2) (polygonal)."""
        if self._poly is None:
            return None
        return _frozen([[float(x), float(y)] for x, y in self._chain_points()])

    @property
    def frontier_exact(self) -> tuple[tuple[Fraction, Fraction], ...] | None:
        """Pareto frontier vertices as Fractions (exact problems only)."""
        if self._poly is None or not self._poly.exact:
            return None
        return tuple((Fraction(x), Fraction(y)) for x, y in self._poly.chain_points)

    @property
    def x_max(self) -> np.ndarray | None:
        """Right end of a frontier problem's domain (batch shape), else None."""
        if self._frontier is None:
            return None
        return _frozen(self._frontier.x_max.reshape(self._frontier.batch_shape))

    @cached_property
    def ideal(self) -> np.ndarray:
        """The ideal (utopia) point: each player's best payoff among feasible points that
        give the other at least their disagreement payoff (Kalai & Smorodinsky 1975)."""
        if self._poly is not None:
            a = self._from_frame(self._poly.ideal(self._d_point()))
            return _frozen([float(a[0]), float(a[1])])
        fr = self._frontier
        assert fr is not None
        a1, a2, _ = fr.ideal()
        return _frozen(np.stack([a1, a2], axis=-1).reshape(fr.batch_shape + (2,)))

    @property
    def ideal_exact(self) -> tuple[Fraction, Fraction] | None:
        """The ideal point as Fractions (exact problems only)."""
        if not self.exact:
            return None
        assert self._poly is not None
        a = self._poly.ideal(self._d_point())
        return (Fraction(a[0]), Fraction(a[1]))

    def frontier_at(self, u1: Any) -> np.ndarray:
        """Height ``u2`` of the Pareto frontier at ``u1`` (NaN outside its ``u1`` range).

        Vectorised; for a batch of frontier problems ``u1`` broadcasts with the batch.

        >>> import bargain as bg
        >>> P = bg.BargainingProblem.from_points([(0, 0), (0, 2), (1, 1), (2, 0)])
        >>> P.frontier_at([0.5, 3.0]).tolist()
        [1.5, nan]
        """
        x = np.asarray(u1, dtype=np.float64)
        if self._poly is not None:
            ch = np.array([[float(a), float(b)] for a, b in self._chain_points()])
            out = np.interp(x, ch[:, 0], ch[:, 1])
            outside = (x < ch[0, 0]) | (x > ch[-1, 0])
            return np.where(outside, np.nan, out)
        fr = self._frontier
        assert fr is not None
        shape = np.broadcast_shapes(x.shape, fr.batch_shape)
        xb = np.broadcast_to(x, shape).ravel()
        xm = np.broadcast_to(fr.x_max.reshape(fr.batch_shape), shape).ravel()
        params = tuple(np.broadcast_to(p.reshape(fr.batch_shape), shape).ravel() for p in fr.params)
        vals = fr.value(xb, xm, params)
        vals = np.where((xb < 0) | (xb > xm), np.nan, vals)
        return vals.reshape(shape)

    # ------------------------------------------------------------------ internals
    def _d_point(self) -> tuple[Any, Any]:
        """The disagreement point in the polygon's coordinates (normalised for float problems)."""
        if self._d_exact is not None:
            return self._d_exact
        return _to_frame(self._frame, (float(self.disagreement[0]), float(self.disagreement[1])))

    def _from_frame(self, u: tuple[Any, Any]) -> tuple[Any, Any]:
        """A point of the polygon's coordinates in the problem's own units."""
        return _from_frame(self._frame, u)

    def _frame_scales(self) -> tuple[float, float] | None:
        """Each player's half range (float problems), by which the polygon's units are scaled."""
        return None if self._frame is None else (self._frame[1], self._frame[3])

    def _chain_points(self) -> list[tuple[Any, Any]]:
        assert self._poly is not None and self._orig is not None
        return [self._orig[i] for i in self._poly.chain]

    def _agreement(self, point: tuple[Any, Any], poly: Polygon) -> tuple[np.ndarray, np.ndarray | None]:
        """Joint distribution over the game's action pairs whose payoffs give ``point``.

        ``poly`` is the problem's polygon in the number type of ``point``.
        """
        assert self._cells is not None and self.game is not None
        m, n = self.game.shape
        dist = np.zeros((m, n))
        exact = np.full((m, n), Fraction(0), dtype=object) if poly.exact else None
        for k, weight in poly.mixture(point):
            i, j = self._cells[k]
            dist[i, j] += float(weight)
            if exact is not None:
                exact[i, j] += weight
        dist.setflags(write=False)
        if exact is not None:
            exact.setflags(write=False)
        return dist, exact

    def __repr__(self) -> str:
        if self._frontier is not None:
            shape = self._frontier.batch_shape
            head = "frontier u2 = f(u1)"
            if shape:
                return f"BargainingProblem({head}, batch of shape {shape})"
            d = self.disagreement
            return (
                f"BargainingProblem({head} on [0, {float(self._frontier.x_max[0]):.6g}], "
                f"disagreement={_fmt_point(d)})"
            )
        assert self._poly is not None
        d = self._d_exact if self._d_exact is not None else self.disagreement
        chain = ", ".join(_fmt_point(p) for p in self._chain_points()[:8])
        if len(self._poly.chain) > 8:
            chain += ", ..."
        flags = ["exact" if self.exact else "float"]
        if self.free_disposal:
            flags.append("free disposal")
        src = "" if self.disagreement_source == "explicit" else f" ({self.disagreement_source})"
        kind = self.kind
        if self.game is not None:
            players = self.game.labels.players
            name = getattr(self.game, "name", None)
            kind = f"game{f' {name!r}' if name else ''}, players ({players[0]}, {players[1]})"
        return (
            f"BargainingProblem({kind}: frontier [{chain}], disagreement={_fmt_point(d)}{src}, "
            f"{', '.join(flags)})"
        )


def _build_frontier(
    f: Any, x_max: Any, disagreement: Any, df: Any, params: Any, func: str
) -> Frontier:
    if not callable(f):
        raise InvalidProblemError(f"{func}: f must be callable (u2 = f(u1)), got {describe(f)}")
    if df is not None and not callable(df):
        raise InvalidProblemError(f"{func}: df must be callable or None, got {describe(df)}")
    if params is None:
        params = {}
    if not isinstance(params, Mapping) or not all(isinstance(k, str) for k in params):
        raise InvalidProblemError(
            f"{func}: params must be a mapping of names to arrays, got {describe(params)}"
        )
    if isinstance(disagreement, str) or not hasattr(disagreement, "__len__") or len(disagreement) != 2:
        raise InvalidProblemError(
            f"{func}: disagreement must be a pair (d1, d2) (entries may be arrays), "
            f"got {describe(disagreement)}"
        )
    arrays: dict[str, np.ndarray] = {}
    named = {"x_max": x_max, "d1": disagreement[0], "d2": disagreement[1], **params}
    for name, value in named.items():
        arrays[name] = as_real_array(value, name, func, error=InvalidProblemError)
    try:
        shape = np.broadcast_shapes(*(a.shape for a in arrays.values()))
    except ValueError:
        shapes = {k: v.shape for k, v in arrays.items()}
        raise InvalidProblemError(
            f"{func}: x_max, disagreement and params do not broadcast: {shapes}"
        ) from None
    flat = {k: np.ascontiguousarray(np.broadcast_to(v, shape)).ravel() for k, v in arrays.items()}
    if flat["x_max"].size == 0:
        raise InvalidProblemError(f"{func}: the batch is empty (broadcast shape {shape})")
    bad = flat["x_max"] <= 0
    if bad.any():
        k = int(np.flatnonzero(bad)[0])
        raise InvalidProblemError(f"{func}: x_max must be > 0, got {flat['x_max'][k]!r} at flat index {k}")
    names = tuple(params)
    fr = Frontier(
        f=f, df=df, names=names, params=tuple(flat[k] for k in names), x_max=flat["x_max"],
        d1=flat["d1"], d2=flat["d2"], batch_shape=tuple(shape),
    )
    fr = _vectorize_if_needed(fr, func)
    f_lo, f_hi = _check_frontier(fr, func)
    if fr.df is not None:
        _check_derivative(fr, func)
    return replace(fr, f_lo=f_lo, f_hi=f_hi)


#: Fractions of x_max at which a given df is compared with f's difference quotients (away
#: from the ends, where f' may be infinite, and from simple fractions, where kinks sit).
_DF_SAMPLES = np.array([0.2718281828, 0.5772156649, 0.7071067812])


def _check_derivative(fr: Frontier, func: str) -> None:
    """Refuse a ``df`` that is not a derivative of ``f``: at a few points per problem it must
    lie between f's left and right difference quotients (any supergradient of a concave
    ``f`` does), up to a relative slack."""
    k = _DF_SAMPLES.size
    xm = np.repeat(fr.x_max, k)
    u = (fr.x_max[:, None] * _DF_SAMPLES[None, :]).ravel()
    h = FRONTIER_DF_STEP * xm
    params = tuple(np.repeat(p, k) for p in fr.params)
    mid = fr.value(u, xm, params)
    left = (mid - fr.value(u - h, xm, params)) / h
    right = (fr.value(u + h, xm, params) - mid) / h
    with np.errstate(all="ignore"):
        slope = np.asarray(fr.slope(u, xm, params), dtype=np.float64)
    if slope.shape != u.shape or not np.isfinite(slope).all():
        raise InvalidProblemError(
            f"{func}: df must return one finite value per u1 inside (0, x_max), got "
            f"{describe(slope.reshape(-1)[:6].tolist())}"
        )
    scale = np.maximum(np.abs(left) + np.abs(right), np.abs(mid) / xm) + 1e-300
    slack = FRONTIER_DF_RTOL * scale
    bad = (slope > left + slack) | (slope < right - slack)
    if bad.any():
        b = int(np.flatnonzero(bad)[0])
        raise InvalidProblemError(
            f"{func}: df is inconsistent with f: at u1 = {u[b]:.6g} (problem at flat index {b // k}) "
            f"df gives {slope[b]:.6g} but f's difference quotients are {left[b]:.6g} (left) and "
            f"{right[b]:.6g} (right); pass the derivative of f, or leave df out"
        )


def _vectorize_if_needed(fr: Frontier, func: str) -> Frontier:
    """Call ``f`` on a small array; fall back to ``numpy.vectorize`` for scalar callables."""
    k = min(fr.size, 2)
    u = fr.x_max[:k] * 0.5
    params = tuple(p[:k] for p in fr.params)

    def works(frontier: Frontier) -> bool:
        try:
            out = np.asarray(frontier.value(u, fr.x_max[:k], params), dtype=np.float64)
            if frontier.df is not None:
                dout = np.asarray(frontier.slope(u, fr.x_max[:k], params), dtype=np.float64)
                if dout.shape != u.shape:
                    return False
        except Exception:  # noqa: BLE001 - any failure means "not vectorised"
            return False
        return out.shape == u.shape

    if works(fr):
        return fr
    vf = np.vectorize(fr.f, otypes=[np.float64])
    vdf = None if fr.df is None else np.vectorize(fr.df, otypes=[np.float64])
    wrapped = Frontier(vf, vdf, fr.names, fr.params, fr.x_max, fr.d1, fr.d2, fr.batch_shape)
    try:
        wrapped.value(u, fr.x_max[:k], params)
        if vdf is not None:
            wrapped.slope(u, fr.x_max[:k], params)
    except Exception as exc:  # noqa: BLE001
        raise InvalidProblemError(f"{func}: calling f (or df) failed: {type(exc).__name__}: {exc}") from None
    return wrapped


#: Sample points (fractions of x_max) at which f is checked to be nonincreasing and concave.
_SAMPLES = np.array([0.0, 0.5, 1.0])


def _check_frontier(fr: Frontier, func: str) -> tuple[np.ndarray, np.ndarray]:
    """Check ``f`` (finite, nonincreasing, concave at sample points) and the disagreement
    point (feasible, strictly dominated); return ``f(max(d1, 0))`` and ``f(x_max)``.

    Works in cache-sized blocks of the batch."""
    from bargain.bargaining._frontier import BLOCK

    n = fr.size
    if n <= BLOCK:
        return _check_block(fr, func, 0)
    f_lo = np.empty(n)
    f_hi = np.empty(n)
    for start in range(0, n, BLOCK):
        sl = slice(start, min(start + BLOCK, n))
        f_lo[sl], f_hi[sl] = _check_block(fr.block(sl), func, start)
    return f_lo, f_hi


def _check_block(fr: Frontier, func: str, offset: int) -> tuple[np.ndarray, np.ndarray]:
    n = fr.size
    k = _SAMPLES.size
    u = (fr.x_max[:, None] * _SAMPLES[None, :]).ravel()
    xm = np.repeat(fr.x_max, k)
    params = tuple(np.repeat(p, k) for p in fr.params)
    vals = fr.value(u, xm, params)
    if vals.shape != u.shape:
        raise InvalidProblemError(f"{func}: f must return one value per u1, got shape {vals.shape}")
    vals = vals.reshape(n, k)
    if not np.isfinite(vals).all():
        b = int(np.flatnonzero(~np.isfinite(vals).all(axis=1))[0])
        at = b + offset
        raise InvalidProblemError(
            f"{func}: f is not finite on [0, x_max] (problem at flat index {at}: "
            f"f({describe(u.reshape(n, k)[b].tolist())}) = {describe(vals[b].tolist())})"
        )
    # per-player tolerances: u1 decisions relative to x_max, f (u2) decisions relative to f's
    # own variation, so that rescaling either player's utility changes no decision
    eps = np.finfo(np.float64).eps
    f_scale = np.maximum(np.ptp(vals, axis=1), 4 * eps * np.abs(vals).max(axis=1)) + np.finfo(float).tiny
    tol = FRONTIER_SHAPE_RTOL * f_scale
    tol_x = FRONTIER_SHAPE_RTOL * fr.x_max
    rising = (np.diff(vals, axis=1) > tol[:, None]).any(axis=1)
    if rising.any():
        b = int(np.flatnonzero(rising)[0])
        at = b + offset
        raise InvalidProblemError(
            f"{func}: f must be nonincreasing on [0, x_max]; at flat index {at} it rises: "
            f"f at {describe(u.reshape(n, k)[b].tolist())} = {describe(vals[b].tolist())}"
        )
    convex = ((vals[:, 2:] - 2 * vals[:, 1:-1] + vals[:, :-2]) > tol[:, None]).any(axis=1)
    if convex.any():
        b = int(np.flatnonzero(convex)[0])
        at = b + offset
        raise InvalidProblemError(
            f"{func}: f must be concave on [0, x_max]; at flat index {at} it is convex: "
            f"f at {describe(u.reshape(n, k)[b].tolist())} = {describe(vals[b].tolist())}"
        )
    # disagreement: feasible and strictly dominated
    lo = np.maximum(fr.d1, 0.0)
    f_lo = fr.value(lo, fr.x_max, fr.params)
    outside = (fr.d1 > fr.x_max + tol_x) | (fr.d2 > f_lo + tol)
    if outside.any():
        b = int(np.flatnonzero(outside)[0])
        at = b + offset
        raise InvalidProblemError(
            f"{func}: disagreement point ({fr.d1[b]:.6g}, {fr.d2[b]:.6g}) is not feasible "
            f"(flat index {at}: x_max = {fr.x_max[b]:.6g}, f(max(d1, 0)) = {f_lo[b]:.6g})"
        )
    none = ~((fr.d1 < fr.x_max - tol_x) & (fr.d2 < f_lo - tol))
    if none.any():
        b = int(np.flatnonzero(none)[0])
        at = b + offset
        raise NoAgreementError(
            f"{func}: no gain from agreement: no feasible point gives both players strictly more "
            f"than the disagreement point ({fr.d1[b]:.6g}, {fr.d2[b]:.6g}) (flat index {at}: "
            f"x_max = {fr.x_max[b]:.6g}, f(max(d1, 0)) = {f_lo[b]:.6g})"
        )
    return f_lo, np.ascontiguousarray(vals[:, -1])
