"""Equilibria of games with three or more players: pure (batched), regret, all equilibria of 2x2x2 games.

Pure equilibria of any :class:`~bargain.core.nplayer.NPlayerGame` batch are a boolean mask
(each player's payoff is the maximum along its own action axis). For 2x2x2 games every
Nash equilibrium is found from the polynomial conditions: with ``x_i`` the probability of
player ``i``'s first action, player ``i``'s payoff difference between its two actions is
``D_i = k0 + k1 x_j + k2 x_l + k3 x_j x_l`` (multilinear in the other two players'
probabilities); a player who mixes has ``D_i = 0``. Eliminating two probabilities from the
three indifference conditions leaves a quadratic in the third, so a generic 2x2x2 game has at
most two fully mixed equilibria (McKelvey and McLennan 1997). The supports are enumerated
(27 cases), the equations solved exactly (Fractions, or ``a + b sqrt(d)`` when a root is
irrational), and every candidate is kept only if its exact regret is zero.
"""

from __future__ import annotations

import itertools
import time
from collections.abc import Sequence
from dataclasses import dataclass
from fractions import Fraction
from typing import Any

import numpy as np

from bargain._result import Result, Status, fmt_number, fmt_vector, warn_if_uncertified
from bargain._thresholds import DEFAULT_TOL, NASH_MAX_TIME
from bargain._validate import check_bool, check_budget, check_choice, check_tol
from bargain.core.frozen import frozen
from bargain.core.nplayer import (
    NPlayerGame,
    as_nplayer_game,
    check_profile,
    nplayer_action_payoffs,
    nplayer_pure_mask,
)
from bargain.errors import InvalidGameError
from bargain.solvers.nash._surd import QuadraticIrrational, sqrt_fraction

__all__ = [
    "nplayer_pure_equilibria",
    "nplayer_max_regret",
    "nplayer_equilibria",
    "NPlayerEquilibrium",
    "NPlayerNashResult",
]

Number = Fraction | QuadraticIrrational


# ------------------------------------------------------------------------------ pure and regret
def nplayer_pure_equilibria(game: Any, *, tol: float = DEFAULT_TOL) -> np.ndarray:
    """Boolean mask ``(..., n1, ..., nk)`` of the pure Nash equilibria of a batch of k-player games.

    A profile is an equilibrium when every player's payoff there is within ``tol`` times
    that player's payoff range of the best payoff along its own action axis (ties count):
    the decision on payoffs normalised to [0, 1] per player and game, so no scale or shift
    changes the mask. No loop over the batch.

    Examples
    --------
    >>> import numpy as np
    >>> from bargain.core.nplayer import NPlayerGame
    >>> u = np.zeros((2, 2, 2, 3)); u[0, 0, 0] = 1; u[1, 1, 1] = 2   # a coordination game
    >>> np.argwhere(nplayer_pure_equilibria(NPlayerGame(u))).tolist()
    [[0, 0, 0], [1, 1, 1]]
    """
    func = "nplayer_pure_equilibria"
    g = as_nplayer_game(game, func)
    tol = check_tol(tol, func)
    return nplayer_pure_mask(g.payoff_array, tol)


def nplayer_max_regret(game: Any, strategies: Sequence[Any], *, relative: bool = False) -> float | np.ndarray:
    """Largest regret of any player at a mixed profile of a k-player game; 0 at an equilibrium.

    ``strategies`` holds one mixed strategy per player (shape ``(..., n_i)``, broadcast
    against the game's batch). With ``relative=True`` each player's regret is divided by that
    player's payoff range (the quantity solvers certify against ``tol``).

    >>> import numpy as np
    >>> from bargain.core.nplayer import NPlayerGame
    >>> u = np.zeros((2, 2, 2, 3)); u[0, 0, 0] = 1; u[1, 1, 1] = 2
    >>> g = NPlayerGame(u)
    >>> float(nplayer_max_regret(g, [[1, 0], [1, 0], [1, 0]]))
    0.0
    >>> float(nplayer_max_regret(g, [[1, 0], [0, 1], [0, 1]]))
    2.0
    """
    func = "nplayer_max_regret"
    g = as_nplayer_game(game, func)
    relative = check_bool(relative, "relative", func)
    if isinstance(strategies, str) or not isinstance(strategies, Sequence):
        raise InvalidGameError(f"{func}: strategies must be a sequence of one mixed strategy per player")
    strats = check_profile(tuple(strategies), g.shape, func)
    payoffs = g.normalized if relative else g.payoff_array
    regrets = []
    for i in range(g.n_players):
        values = nplayer_action_payoffs(payoffs, strats, i)
        current = (values * strats[i]).sum(axis=-1)
        regrets.append(values.max(axis=-1) - current)
    r = np.maximum(np.max(np.stack(np.broadcast_arrays(*regrets), axis=-1), axis=-1), 0.0)
    return float(r) if r.ndim == 0 else r


# ------------------------------------------------------------------------------ results
@dataclass(frozen=True, eq=False, repr=False)
class NPlayerEquilibrium:
    """One equilibrium of a k-player game.

    ``strategies``: one float array per player. ``strategies_exact``: the same exactly, each
    probability a :class:`~fractions.Fraction` or, for an irrational root, a
    :class:`~bargain.solvers.nash._surd.QuadraticIrrational` ``a + b sqrt(d)`` (``None`` when
    the payoffs were not read exactly). ``payoffs``: expected payoffs ``(k,)``. ``regret``:
    largest regret relative to each player's payoff range.
    """

    strategies: tuple[np.ndarray, ...]
    payoffs: np.ndarray
    strategies_exact: tuple[tuple[Any, ...], ...] | None
    regret: float

    @property
    def is_pure(self) -> bool:
        """True when every player plays one action with probability 1."""
        return all(int((s > 0).sum()) == 1 for s in self.strategies)

    @property
    def support(self) -> tuple[tuple[int, ...], ...]:
        """The actions each player plays with positive probability."""
        return tuple(tuple(int(a) for a in np.flatnonzero(s > 0)) for s in self.strategies)

    def __repr__(self) -> str:
        source = self.strategies_exact or self.strategies
        parts = ["[" + ", ".join(fmt_number(p) if isinstance(p, Fraction) else str(p) if
                                 isinstance(p, QuadraticIrrational) else f"{float(p):.6g}" for p in s) + "]"
                 for s in source]
        return f"NPlayerEquilibrium({', '.join(parts)}; payoffs {fmt_vector(self.payoffs)})"


@dataclass(frozen=True, eq=False, repr=False)
class NPlayerNashResult(Result):
    """Nash equilibria of a k-player game.

    ``equilibria``: every equilibrium found, each certified (exact regret zero for
    ``method="polynomial_2x2x2"``). ``complete``: True when the game has finitely many
    equilibria and all are listed. ``degenerate``: True when some support admits a continuum
    of solutions (then ``complete`` is False and the list holds the continuum's endpoints or
    sample points, each an equilibrium). ``max_regret``: largest relative regret over the list.
    """

    equilibria: tuple[NPlayerEquilibrium, ...] = ()
    complete: bool = False
    degenerate: bool = False
    max_regret: float = 0.0
    method: str = ""
    players: tuple[str, ...] = ()
    actions: tuple[tuple[str, ...], ...] = ()

    def __repr__(self) -> str:
        lines = [
            f"NPlayerNashResult({self.method}): {len(self.equilibria)} equilibria, complete={self.complete}, "
            f"degenerate={self.degenerate}"
        ]
        for eq in self.equilibria:
            source = eq.strategies_exact or eq.strategies
            words = []
            for who, acts, s in zip(self.players, self.actions, source):
                played = [(a, p) for a, p in zip(acts, s) if (p > 0)]
                if len(played) == 1:
                    words.append(f"{who}: {played[0][0]}")
                else:
                    words.append(f"{who}: " + ", ".join(f"{a} {_num(p)}" for a, p in played))
            lines.append("  " + "; ".join(words) + f" -> payoffs {fmt_vector(eq.payoffs)}")
        lines.append("  " + self._status_line())
        return "\n".join(lines)


def _num(p: Any) -> str:
    if isinstance(p, Fraction):
        return fmt_number(p)
    if isinstance(p, QuadraticIrrational):
        return f"{float(p):.6g} ({p})"
    return f"{float(p):.6g}"


# ------------------------------------------------------------------------------ 2x2x2
_GRID = tuple(Fraction(k, 8) for k in range(1, 8))


def _d_coefficients(U: np.ndarray, i: int) -> tuple[int, int, tuple[Fraction, ...]]:
    """Player ``i``'s payoff difference (first minus second action): ``k0 + k1 x_j + k2 x_l + k3 x_j x_l``."""
    j, l_ = (p for p in range(3) if p != i)

    def diff(aj: int, al: int) -> Fraction:
        hi = [0, 0, 0]
        lo = [1, 1, 1]
        hi[j] = lo[j] = aj
        hi[l_] = lo[l_] = al
        hi[i], lo[i] = 0, 1
        return Fraction(U[tuple(hi)][i]) - Fraction(U[tuple(lo)][i])

    d00, d01, d10, d11 = diff(0, 0), diff(0, 1), diff(1, 0), diff(1, 1)
    return j, l_, (d11, d01 - d11, d10 - d11, d00 - d01 - d10 + d11)


def _linear(coef: Any, const: Any) -> tuple[str, Any]:
    """Solve ``coef * x + const = 0``: ("one", x), ("none", None) or ("all", None)."""
    if coef != 0:
        return "one", -const / coef
    return ("all", None) if const == 0 else ("none", None)


def _poly_mul(p: list[Fraction], q: list[Fraction]) -> list[Fraction]:
    out = [Fraction(0)] * (len(p) + len(q) - 1)
    for a, u in enumerate(p):
        for b, v in enumerate(q):
            out[a + b] += u * v
    return out


def _poly_add(*polys: list[Fraction]) -> list[Fraction]:
    out = [Fraction(0)] * max(len(p) for p in polys)
    for p in polys:
        for a, u in enumerate(p):
            out[a] += u
    return out


def _roots(poly: list[Fraction]) -> list[Number] | None:
    """Real roots of a polynomial of degree <= 2 (coefficients low to high); None if it is zero."""
    c = list(poly) + [Fraction(0)] * (3 - len(poly))
    c0, c1, c2 = c[0], c[1], c[2]
    if c2 == 0:
        if c1 == 0:
            return None if c0 == 0 else []
        return [-c0 / c1]
    disc = c1 * c1 - 4 * c2 * c0
    if disc < 0:
        return []
    root = sqrt_fraction(disc)
    return [(-c1 + root) / (2 * c2), (-c1 - root) / (2 * c2)] if disc else [-c1 / (2 * c2)]


def _inside(x: Any) -> bool:
    return 0 < x < 1


class _Search:
    """The support enumeration of one 2x2x2 game (exact payoffs ``U`` of shape (2, 2, 2, 3))."""

    def __init__(self, U: np.ndarray) -> None:
        self.U = U
        self.coef = [_d_coefficients(U, i) for i in range(3)]
        self.candidates: list[tuple[Number, Number, Number]] = []
        self.continuum = False  # a continuum of equilibria certainly exists
        self.uncertain = False  # a continuum of solutions was sampled: the list may miss some

    def D(self, i: int, x: Sequence[Any]) -> Any:
        j, l_, (k0, k1, k2, k3) = self.coef[i]
        return k0 + k1 * x[j] + k2 * x[l_] + k3 * x[j] * x[l_]

    def linear_in(self, i: int, var: int, x: Sequence[Any]) -> tuple[Any, Any]:
        """``D_i`` as ``coef * x[var] + const`` with the other entries of ``x`` fixed."""
        j, l_, (k0, k1, k2, k3) = self.coef[i]
        other = l_ if var == j else j
        if var == j:
            return k1 + k3 * x[other], k0 + k2 * x[other]
        return k2 + k3 * x[other], k0 + k1 * x[other]

    def add(self, x: Sequence[Any]) -> None:
        self.candidates.append((x[0], x[1], x[2]))

    def interval(self, var: int, x: list[Any], checks: Sequence[int]) -> None:
        """Every ``x[var]`` in [0, 1] where the pure players ``checks`` keep their actions: add its ends."""
        lo, hi = Fraction(0), Fraction(1)
        for k in checks:
            coef, const = self.linear_in(k, var, x)
            sign = 1 if x[k] == 1 else -1  # x_k = 1 (first action) needs D_k >= 0
            coef, const = sign * coef, sign * const  # need coef * t + const >= 0
            if coef == 0:
                if const < 0:
                    return
            elif coef > 0:
                lo = max(lo, -const / coef)
            else:
                hi = min(hi, -const / coef)
        if lo > hi:
            return
        if lo < hi:
            self.continuum = True
        for t in {lo, hi}:
            y = list(x)
            y[var] = t
            self.add(y)

    def run(self) -> None:
        for statuses in itertools.product((0, 1, None), repeat=3):
            mixed = [i for i in range(3) if statuses[i] is None]
            x: list[Any] = [Fraction(s) if s is not None else None for s in statuses]
            if not mixed:
                self.add(x)
            elif len(mixed) == 1:
                self.one_mixed(mixed[0], x)
            elif len(mixed) == 2:
                self.two_mixed(mixed, x)
            else:
                self.all_mixed()

    def one_mixed(self, i: int, x: list[Any]) -> None:
        y = list(x)
        y[i] = Fraction(0)
        if self.D(i, y) == 0:  # D_i does not depend on x_i: player i is indifferent
            self.interval(i, y, [k for k in range(3) if k != i])

    def two_mixed(self, mixed: list[int], x: list[Any]) -> None:
        i, j = mixed
        k = 3 - i - j
        y = list(x)
        y[i] = y[j] = Fraction(0)
        kind_j, xj = _linear(*self.linear_in(i, j, y))  # D_i = 0 fixes x_j
        kind_i, xi = _linear(*self.linear_in(j, i, y))  # D_j = 0 fixes x_i
        if "none" in (kind_i, kind_j):
            return
        if kind_i == "one" and kind_j == "one":
            if _inside(xi) and _inside(xj):
                y[i], y[j] = xi, xj
                self.add(y)
        elif kind_i == "one" or kind_j == "one":
            fixed, value, free = (i, xi, j) if kind_i == "one" else (j, xj, i)
            if _inside(value):
                y[fixed] = value
                self.interval(free, y, [k])
        else:
            self.uncertain = True
            for a, b in itertools.product(_GRID, repeat=2):
                y[i], y[j] = a, b
                self.add(list(y))

    def all_mixed(self) -> None:
        # E0: A(x2) x1 = NA(x2); E1: B(x2) x0 = NB(x2); E2 bilinear in (x0, x1).
        _, _, (a0, a1, a2, a3) = self.coef[0]  # D_0 = a0 + a1 x1 + a2 x2 + a3 x1 x2
        _, _, (b0, b1, b2, b3) = self.coef[1]  # D_1 = b0 + b1 x0 + b2 x2 + b3 x0 x2
        _, _, (c0, c1, c2, c3) = self.coef[2]  # D_2 = c0 + c1 x0 + c2 x1 + c3 x0 x1
        A, NA = [a1, a3], [-a0, -a2]
        B, NB = [b1, b3], [-b0, -b2]
        zero = [Fraction(0)]
        r_values: set[Any] = set()
        sample = False
        if any(A) and any(B):
            P = _poly_add(
                [c0 * v for v in _poly_mul(A, B)],
                [c1 * v for v in _poly_mul(NB, A)],
                [c2 * v for v in _poly_mul(NA, B)],
                [c3 * v for v in _poly_mul(NA, NB)],
                zero,
            )
            roots = _roots(P)
            if roots is None:
                sample = True
            else:
                r_values.update(roots)
        for L, N in ((A, NA), (B, NB)):  # x2 where a coefficient vanishes: its numerator must too
            roots_l, roots_n = _roots(L), _roots(N)
            if roots_l is None and roots_n is None:
                sample = True
            elif roots_l is None:
                r_values.update(roots_n or [])
            elif roots_n is None:
                r_values.update(roots_l)
            else:
                r_values.update(set(roots_l) & set(roots_n))
        if sample:
            self.uncertain = True
            r_values.update(_GRID)
        for r in r_values:
            if _inside(r):
                self.fixed_r(r, (a0, a1, a2, a3), (b0, b1, b2, b3), (c0, c1, c2, c3))

    def fixed_r(self, r: Any, a: tuple, b: tuple, c: tuple) -> None:
        kind1, x1 = _linear(a[1] + a[3] * r, a[0] + a[2] * r)
        kind0, x0 = _linear(b[1] + b[3] * r, b[0] + b[2] * r)
        if "none" in (kind0, kind1):
            return
        if kind0 == "one" and kind1 == "one":
            if _inside(x0) and _inside(x1):
                self.add([x0, x1, r])
            return
        if kind1 == "one":  # x0 free: E2 is linear in x0
            if not _inside(x1):
                return
            kind, x0 = _linear(c[1] + c[3] * x1, c[0] + c[2] * x1)
            if kind == "one" and _inside(x0):
                self.add([x0, x1, r])
            elif kind == "all":
                self.continuum = True
                self.add([Fraction(1, 2), x1, r])
            return
        if kind0 == "one":  # x1 free: E2 is linear in x1
            if not _inside(x0):
                return
            kind, x1 = _linear(c[2] + c[3] * x0, c[0] + c[1] * x0)
            if kind == "one" and _inside(x1):
                self.add([x0, x1, r])
            elif kind == "all":
                self.continuum = True
                self.add([x0, Fraction(1, 2), r])
            return
        self.uncertain = True  # both free: E2 is a curve in (x0, x1)
        for s, t in itertools.product(_GRID, repeat=2):
            if c[0] + c[1] * s + c[2] * t + c[3] * s * t == 0:
                self.add([s, t, r])
        for s in _GRID:
            kind, t = _linear(c[2] + c[3] * s, c[0] + c[1] * s)
            if kind == "one" and _inside(t):
                self.add([s, t, r])


def _exact_regret(U: np.ndarray, x: Sequence[Any]) -> Any:
    """Largest regret of the three players at the profile ``x`` (probabilities of first actions), exactly."""
    worst: Any = Fraction(0)
    strategies = [(p, 1 - p) for p in x]
    for i in range(3):
        values = []
        for ai in range(2):
            total: Any = Fraction(0)
            for cell in itertools.product(range(2), repeat=3):
                if cell[i] != ai:
                    continue
                weight: Any = Fraction(1)
                for j in range(3):
                    if j != i:
                        weight = weight * strategies[j][cell[j]]
                total = total + weight * U[cell][i]
            values.append(total)
        current = strategies[i][0] * values[0] + strategies[i][1] * values[1]
        regret = max(values) - current
        worst = max(worst, regret)
    return worst


def _equilibrium(g: NPlayerGame, probs: Sequence[Sequence[Any]]) -> NPlayerEquilibrium:
    strategies = tuple(frozen([float(p) for p in s]) for s in probs)
    payoffs = frozen(g.payoffs(*strategies))
    regret = float(nplayer_max_regret(g, strategies, relative=True))
    exact = tuple(tuple(p for p in s) for s in probs)
    return NPlayerEquilibrium(strategies, payoffs, exact, regret)


def _order_key(eq: NPlayerEquilibrium) -> tuple:
    return tuple(-float(v) for s in eq.strategies for v in s)


def nplayer_equilibria(
    game: Any,
    *,
    method: str = "auto",
    tol: float = DEFAULT_TOL,
    max_time: float | None = NASH_MAX_TIME,
) -> NPlayerNashResult:
    """Nash equilibria of a single k-player game; all of them, certified, for 2x2x2 games.

    For a 2x2x2 game (``method="polynomial_2x2x2"``) the 27 supports are enumerated and each
    support's indifference conditions solved exactly: with ``x_i`` the probability of player
    ``i``'s first action, a mixing player's payoff difference ``D_i`` is multilinear in the
    other two probabilities and must vanish; eliminating ``x_0`` and ``x_1`` from the three
    conditions leaves a quadratic in ``x_2`` (at most two fully mixed equilibria, McKelvey and
    McLennan 1997). Payoffs are read exactly (integers, fractions; a float as the decimal it
    prints as); probabilities are Fractions, or ``a + b sqrt(d)`` when a root is irrational;
    each candidate is kept only when its exact regret is zero. A degenerate game (a support
    with a continuum of solutions) gets ``degenerate=True`` and ``complete=False``, with the
    continuum's end points (or sample points) listed, each an equilibrium.

    Any other shape (``method="support"``; no certified method for all mixed equilibria here):
    support enumeration. For every profile of supports the indifference conditions (each
    player's actions in its support pay the same, its probabilities sum to 1) are a square
    polynomial system, solved numerically (``scipy.optimize.root`` from the uniform profile
    and one random start) on payoffs normalised to [0, 1]; a solution is kept only when its probabilities
    are nonnegative and its regret is at most ``tol``. Every equilibrium listed is
    certified, but root finding can miss solutions, so the result says ``complete=False``.

    Parameters
    ----------
    game : NPlayerGame
        A single game (a two-player :class:`~bargain.Game` is accepted and converted, but
        :func:`bargain.nash_equilibria` is the complete method for those).
    method : {"auto", "polynomial", "support"}
        ``"auto"``: ``"polynomial"`` for 2x2x2 games, ``"support"`` otherwise.
    tol : float
        Regret tolerance of support enumeration (relative to each player's payoff range);
        the 2x2x2 method certifies exactly.
    max_time : float or None
        Wall-clock budget of support enumeration in seconds (``Status.MAX_TIME`` and a
        :class:`~bargain.ConvergenceWarning` when it runs out; ``None`` lifts it).

    Returns
    -------
    NPlayerNashResult

    References
    ----------
    McKelvey, R. D. and McLennan, A. (1997), "The maximal number of regular totally mixed Nash
    equilibria", Journal of Economic Theory 72(2), 411-425.

    Examples
    --------
    Three-player matching pennies (Jordan 1993): player 1 wants to match player 2, player 2
    to match player 3, player 3 to mismatch player 1. Its only equilibrium is fully mixed.

    >>> import numpy as np
    >>> from bargain.core.nplayer import NPlayerGame
    >>> u = np.zeros((2, 2, 2, 3), dtype=int)
    >>> for a, b, c in np.ndindex(2, 2, 2):
    ...     u[a, b, c] = (1 if a == b else -1, 1 if b == c else -1, 1 if c != a else -1)
    >>> res = nplayer_equilibria(NPlayerGame(u))
    >>> res.complete, len(res.equilibria), res.equilibria[0].strategies_exact[0]
    (True, 1, (Fraction(1, 2), Fraction(1, 2)))
    """
    func = "nplayer_equilibria"
    g = as_nplayer_game(game, func)
    tol = check_tol(tol, func)
    method = check_choice(method, ("auto", "polynomial", "support"), "method", func)
    _, max_time = check_budget(None, max_time, func)
    if g.batch_shape:
        raise InvalidGameError(
            f"{func}: takes a single game, got a batch of shape {g.batch_shape}; index it (g[i]) or use "
            "nplayer_pure_equilibria for the batch"
        )
    labels = {"players": g.players, "actions": g.actions}
    if method == "auto":
        method = "polynomial" if g.shape == (2, 2, 2) else "support"
    if method == "polynomial" and g.shape != (2, 2, 2):
        raise InvalidGameError(f"{func}: method='polynomial' solves 2x2x2 games, this one is {g.shape}")
    if method == "support":
        return _support_enumeration(g, tol, max_time, labels)
    U = g.exact_payoffs()
    search = _Search(U)
    search.run()
    found: dict[tuple, tuple] = {}
    for x in search.candidates:
        if x not in found and _exact_regret(U, x) == 0:
            found[x] = x
    eqs = sorted((_equilibrium(g, [(p, 1 - p) for p in x]) for x in found), key=_order_key)
    regret = max((e.regret for e in eqs), default=0.0)
    degenerate = search.continuum or search.uncertain
    if search.uncertain:
        message = (
            "degenerate game: some support has a continuum of solutions that was sampled; the equilibria "
            "listed are certified but the list may be incomplete"
        )
    elif search.continuum:
        message = "degenerate game: a continuum of equilibria; the end points of each segment are listed"
    else:
        message = ""
    return NPlayerNashResult(
        tuple(eqs), complete=not degenerate, degenerate=degenerate, max_regret=regret,
        method="polynomial_2x2x2", status=Status.SUCCESS, message=message, **labels,
    )


# ------------------------------------------------------------------------------ support enumeration
def _support_enumeration(
    g: NPlayerGame, tol: float, max_time: float | None, labels: dict[str, Any]
) -> NPlayerNashResult:
    """Numerical support enumeration (not certified complete); every kept profile has regret <= tol."""
    from scipy.optimize import root

    U = g.normalized
    k, shape = g.n_players, g.shape
    subsets = [
        [c for size in range(1, n + 1) for c in itertools.combinations(range(n), size)] for n in shape
    ]
    combos = sorted(itertools.product(*subsets), key=lambda c: sum(len(s) for s in c))
    deadline = None if max_time is None else time.perf_counter() + max_time
    rng = np.random.default_rng(0)
    found: list[np.ndarray] = []
    eqs: list[NPlayerEquilibrium] = []
    status = Status.SUCCESS

    def profile(z: np.ndarray, supports: tuple[tuple[int, ...], ...]) -> list[np.ndarray]:
        out, pos = [], 0
        for sup, n in zip(supports, shape):
            s = np.zeros(n)
            s[list(sup)] = z[pos : pos + len(sup)]
            out.append(s)
            pos += len(sup)
        return out

    for supports in combos:
        if deadline is not None and time.perf_counter() > deadline:
            status = Status.MAX_TIME
            break
        if _conditionally_dominated(U, supports):
            continue
        sizes = [len(s) for s in supports]
        m = sum(sizes)

        sub = U[np.ix_(*supports)]  # the game restricted to the supports
        cuts = np.cumsum([0, *sizes])

        def system(z: np.ndarray, sub: np.ndarray = sub, cuts: np.ndarray = cuts, m: int = m) -> np.ndarray:
            strats = [z[cuts[i] : cuts[i + 1]] for i in range(k)]
            res = []
            for i in range(k):
                res.append(nplayer_action_payoffs(sub, strats, i) - z[m + i])
                res.append([strats[i].sum() - 1.0])
            return np.concatenate(res)

        starts = [np.concatenate([np.full(n, 1.0 / n) for n in sizes])]
        if m > k:
            starts.append(np.concatenate([rng.dirichlet(np.ones(n)) for n in sizes]))
        for start in starts:
            parts = [start[cuts[i] : cuts[i + 1]] for i in range(k)]
            values0 = [nplayer_action_payoffs(sub, parts, i).mean() for i in range(k)]
            sol = root(system, np.concatenate([start, values0]), method="hybr")
            z = sol.x[:m]
            if not np.isfinite(z).all() or z.min() < -1e-9:
                continue
            strats = [np.clip(s, 0.0, None) / np.clip(s, 0.0, None).sum() for s in profile(z, supports)]
            if nplayer_max_regret(g, strats, relative=True) > tol:
                continue
            flat = np.concatenate(strats)
            if any(np.abs(flat - other).max() <= 1e-7 for other in found):
                continue
            found.append(flat)
            exact = None
            if all(int((s > 0).sum()) == 1 for s in strats):
                exact = tuple(tuple(Fraction(int(p == 1)) for p in s) for s in strats)
            strategies = tuple(frozen(s) for s in strats)
            eqs.append(NPlayerEquilibrium(
                strategies, frozen(g.payoffs(*strategies)), exact,
                float(nplayer_max_regret(g, strategies, relative=True)),
            ))
            break
    eqs.sort(key=_order_key)
    message = (
        "support enumeration with numerical root finding: every equilibrium listed is certified "
        f"(regret <= {tol:g}), but the list is not proven complete"
    )
    if status is Status.MAX_TIME:
        message = f"max_time ({max_time} s) ran out before every support was tried; " + message
    warn_if_uncertified(status, f"nplayer_equilibria: {message}")
    return NPlayerNashResult(
        tuple(eqs), complete=False, degenerate=False,
        max_regret=max((e.regret for e in eqs), default=0.0), method="support", status=status,
        message=message, **labels,
    )


def _conditionally_dominated(U: np.ndarray, supports: tuple[tuple[int, ...], ...]) -> bool:
    """True when some player's support holds an action strictly worse than another of its actions
    against every profile of the others' supports (no equilibrium has that support)."""
    k = len(supports)
    for i in range(k):
        index = [list(sup) for sup in supports]
        index[i] = list(range(U.shape[i]))
        sub = np.moveaxis(U[np.ix_(*index)][..., i], i, 0).reshape(U.shape[i], -1)  # (n_i, others' cells)
        beaten = (sub[None, :, :] > sub[:, None, :]).all(axis=-1)  # beaten[a, b]: b beats a everywhere
        if beaten[list(supports[i]), :].any():
            return True
    return False
