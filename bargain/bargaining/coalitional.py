"""Coalitional (transferable-utility) games: characteristic function, core, Shapley value, nucleolus.

A :class:`CoalitionalGame` gives each coalition ``S`` of ``n`` players its worth ``v(S)``,
what its members can secure together and share freely. Three answers to "how is the grand
coalition's worth split, and is it stable?":

* the **core** (Gillies 1959): allocations ``x`` with ``sum x = v(N)`` that no coalition can
  improve on (``x(S) >= v(S)`` for every ``S``); it may be empty. Decided by one linear
  program, the least core: ``min eps`` s.t. ``x(S) >= v(S) - eps``; the core is nonempty iff
  ``eps* <= 0``.
* the **Shapley value** (Shapley 1953): each player's marginal contribution averaged over
  the orders in which the coalition can form; exact with Fractions on rational worths.
* the **nucleolus** (Schmeidler 1969): the imputation that lexicographically minimises the
  coalitions' largest complaints ``e(S, x) = v(S) - x(S)``; in the core whenever the core is
  nonempty. Computed by the sequence of linear programs of Maschler, Peleg and Shapley (1979).

:func:`characteristic_function` derives ``v`` from a normal-form game with any number of
players (von Neumann and Morgenstern 1944): a coalition's worth is what it can guarantee its
members in total against the rest.
"""

from __future__ import annotations

import math
import numbers
import types
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from fractions import Fraction
from typing import Any

import numpy as np

from bargain._result import Result, Status, fmt_number
from bargain._thresholds import DEFAULT_TOL
from bargain._validate import (
    as_payoff_array,
    as_real_array,
    check_bool,
    check_choice,
    check_labels,
    check_tol,
    describe,
)
from bargain.core.exact import solve_linear, to_fraction
from bargain.core.frozen import frozen, immutable
from bargain.core.game import Game
from bargain.core.nplayer import as_nplayer_game
from bargain.errors import InvalidArgumentError, InvalidGameError, SolverError
from bargain.solvers._lp import solve_lp
from bargain.solvers.zero_sum import solve_zero_sum

__all__ = [
    "CoalitionalGame",
    "coalitional_core",
    "Allocation",
    "CoreResult",
    "core",
    "shapley_value",
    "nucleolus",
    "characteristic_function",
]

#: The largest number of players (2**n coalitions are enumerated).
MAX_PLAYERS = 16
#: A dual multiplier above this (on worths scaled to [-1, 1]) marks a coalition as fixed.
_DUAL_EPS = 1e-9


def _members(mask: int, n: int) -> tuple[int, ...]:
    return tuple(i for i in range(n) if mask >> i & 1)


@dataclass(frozen=True, eq=False, repr=False, init=False)
class CoalitionalGame:
    """A transferable-utility game: the worth ``v(S)`` of every coalition of ``n`` players.

    Parameters
    ----------
    values : mapping or array_like
        A mapping from coalitions (tuples, sets or frozensets of player indices or player
        names; ``()`` is the empty coalition) to worths; coalitions left out are worth 0.
        Or an array of length ``2**n`` indexed by bitmask: entry ``m`` is the worth of the
        coalition of the players ``i`` with bit ``i`` of ``m`` set. ``v(empty) = 0``.
        Integers and fractions are kept exactly.
    players : sequence of str, optional
        Player names (default ``P1, ..., Pn``); required when ``values`` names players.
    name : str, optional
        A title.

    Examples
    --------
    The glove game: player 1 owns a left glove, players 2 and 3 a right glove each; a pair is
    worth 1.

    >>> v = CoalitionalGame({(0, 1): 1, (0, 2): 1, (0, 1, 2): 1})
    >>> v.n_players, v.value((0, 2)), v.value(()), v.values.tolist()
    (3, 1.0, 0.0, [0.0, 0.0, 0.0, 1.0, 0.0, 1.0, 0.0, 1.0])
    """

    values: np.ndarray
    players: tuple[str, ...]
    name: str
    _exact: np.ndarray | None

    def __init__(self, values: Any, *, players: Sequence[str] | None = None, name: str = "") -> None:
        func = "CoalitionalGame"
        if isinstance(values, Mapping):
            raw, n = _from_mapping(values, players, func)
        else:
            raw = values
            n = None
        floats, exact = as_payoff_array(raw, "values", func, min_ndim=1)
        if floats.ndim != 1:
            raise InvalidGameError(
                f"{func}: values must be one worth per coalition (1-d), got shape {floats.shape}"
            )
        size = floats.shape[0]
        n = size.bit_length() - 1 if n is None else n
        if size != 2**n or n < 1:
            raise InvalidGameError(
                f"{func}: values must have 2**n entries (one per coalition, indexed by bitmask), got {size}"
            )
        if n > MAX_PLAYERS:
            raise InvalidGameError(f"{func}: at most {MAX_PLAYERS} players, got {n}")
        if floats[0] != 0:
            raise InvalidGameError(f"{func}: the empty coalition is worth 0, got {floats[0]!r}")
        if not isinstance(name, str):
            raise InvalidGameError(f"{func}: name must be a string, got {describe(name)}")
        names = tuple(f"P{i + 1}" for i in range(n)) if players is None else check_labels(
            players, n, "", "players", func
        )
        if exact is not None:
            exact = np.array([to_fraction(v, func) for v in exact.tolist()], dtype=object)
        set_ = object.__setattr__
        set_(self, "values", immutable(floats))
        set_(self, "players", names)
        set_(self, "name", name)
        set_(self, "_exact", None if exact is None else immutable(exact))

    @property
    def n_players(self) -> int:
        """Number of players ``n``."""
        return int(self.values.shape[0]).bit_length() - 1

    @property
    def grand(self) -> int:
        """Bitmask of the grand coalition ``N``."""
        return 2**self.n_players - 1

    def mask(self, coalition: Any) -> int:
        """The bitmask of a coalition given by player indices or names."""
        return _mask(coalition, self.players, self.n_players, "CoalitionalGame.mask")

    def value(self, coalition: Any) -> float:
        """The worth ``v(S)`` of a coalition (indices or names)."""
        return float(self.values[self.mask(coalition)])

    def exact_values(self) -> np.ndarray:
        """The worths as an object array of Fractions (a float read as the decimal it prints as)."""
        if self._exact is not None:
            return self._exact
        return immutable(np.array([to_fraction(v) for v in self.values.tolist()], dtype=object))

    @property
    def has_exact_values(self) -> bool:
        """True when the worths were given as integers or fractions."""
        return self._exact is not None

    def is_superadditive(self) -> bool:
        """``v(S | T) >= v(S) + v(T)`` for all disjoint ``S``, ``T`` (exact on exact worths)."""
        v = self._numbers()
        full = self.grand
        for s in range(1, full + 1):
            rest = full ^ s
            t = rest
            while t:
                if v[s | t] < v[s] + v[t]:
                    return False
                t = (t - 1) & rest
        return True

    def _numbers(self) -> list[Any]:
        return list(self.exact_values()) if self._exact is not None else self.values.tolist()

    def __repr__(self) -> str:
        title = f" {self.name!r}" if self.name else ""
        lines = [f"CoalitionalGame{title}: {self.n_players} players ({', '.join(self.players)})"]
        if self.n_players <= 4:
            v = self._numbers()
            for m in range(1, self.grand + 1):
                who = ", ".join(self.players[i] for i in _members(m, self.n_players))
                lines.append(f"  v({who}) = {fmt_number(v[m])}")
        return "\n".join(lines)


def _mask(coalition: Any, players: Sequence[str], n: int, func: str) -> int:
    if isinstance(coalition, str) or not isinstance(coalition, Sequence | set | frozenset):
        raise InvalidGameError(
            f"{func}: a coalition is a collection of players (indices or names), got {describe(coalition)}"
        )
    mask = 0
    for member in coalition:
        if isinstance(member, str):
            if member not in players:
                raise InvalidGameError(f"{func}: unknown player {member!r} (players: {', '.join(players)})")
            i = players.index(member)
        elif isinstance(member, numbers.Integral) and not isinstance(member, bool) and 0 <= member < n:
            i = int(member)
        else:
            raise InvalidGameError(
                f"{func}: a coalition member must be a player index in [0, {n}) or a name, "
                f"got {describe(member)}"
            )
        if mask >> i & 1:
            raise InvalidGameError(f"{func}: player {i} appears twice in {describe(coalition)}")
        mask |= 1 << i
    return mask


def _from_mapping(
    values: Mapping[Any, Any], players: Sequence[str] | None, func: str
) -> tuple[list[Any], int]:
    if players is not None:
        count = len(tuple(players)) if not isinstance(players, str) else 0
        names = check_labels(players, count, "", "players", func)
        n = len(names)
    else:
        indices = []
        for key in values:
            if isinstance(key, str) or not isinstance(key, Sequence | set | frozenset):
                raise InvalidGameError(
                    f"{func}: a coalition is a collection of players, got the key {describe(key)}"
                )
            for member in key:
                if isinstance(member, str):
                    raise InvalidGameError(f"{func}: coalitions name players ({member!r}): give players=")
                if isinstance(member, bool) or not isinstance(member, numbers.Integral) or member < 0:
                    raise InvalidGameError(
                        f"{func}: a coalition member must be a player index, got {describe(member)}"
                    )
                indices.append(int(member))
        if not indices:
            raise InvalidGameError(f"{func}: values names no player; give players= or a nonempty coalition")
        n = max(indices) + 1
        names = tuple(f"P{i + 1}" for i in range(n))
    if n > MAX_PLAYERS:
        raise InvalidGameError(f"{func}: at most {MAX_PLAYERS} players, got {n}")
    out: list[Any] = [0] * 2**n
    seen: dict[int, Any] = {}
    for key, worth in values.items():
        m = _mask(key, names, n, func)
        if m in seen:
            raise InvalidGameError(f"{func}: coalition {describe(key)} is given twice")
        seen[m] = worth
        out[m] = worth
    return out, n


def as_coalitional_game(game: Any, func: str) -> CoalitionalGame:
    """Accept a :class:`CoalitionalGame` (or build one from a mapping / bitmask array)."""
    if isinstance(game, CoalitionalGame):
        return game
    if isinstance(game, Mapping) or isinstance(game, list | tuple | np.ndarray):
        try:
            return CoalitionalGame(game)
        except InvalidGameError as exc:
            raise InvalidGameError(f"{func}: {exc}") from None
    raise InvalidGameError(
        f"{func}: expected a CoalitionalGame, got {type(game).__name__} ({describe(game)})"
    )


# ------------------------------------------------------------------------------ results
@dataclass(frozen=True, eq=False, repr=False)
class Allocation(Result):
    """A split of the grand coalition's worth: ``allocation`` (floats, one per player).

    ``allocation_exact``: the same as Fractions where it is known exactly, else ``None``.
    ``method``: ``"shapley"`` or ``"nucleolus"``. ``players``: the players' names.
    """

    allocation: np.ndarray
    allocation_exact: tuple[Fraction, ...] | None = None
    method: str = ""
    players: tuple[str, ...] = ()

    def __repr__(self) -> str:
        values = self.allocation_exact if self.allocation_exact is not None else self.allocation.tolist()
        parts = ", ".join(f"{p} {fmt_number(v)}" for p, v in zip(self.players, values))
        return f"Allocation({self.method}: {parts}; {self._status_line()})"


@dataclass(frozen=True, eq=False, repr=False)
class CoreResult(Result):
    """The core of a coalitional game, by its least-core linear program.

    Attributes
    ----------
    empty : bool
        True when no allocation satisfies every coalition (``epsilon > tol`` x scale).
    epsilon : float
        The least-core value ``min max_S (v(S) - x(S))`` over proper coalitions with
        ``sum x = v(N)``: the core is nonempty iff ``epsilon <= 0``; when positive, it is the
        smallest subsidy per coalition that would make the grand coalition stable.
    point : ndarray
        An allocation of the least core (in the core when the core is nonempty).
    A, b : ndarray
        The core's inequalities ``A x >= b`` (one row per proper nonempty coalition, in
        bitmask order), with the equation ``sum x = v(N)``.
    epsilon_exact, point_exact : Fraction and tuple of Fraction, or None
        With exact worths: the least-core value and a least-core point in Fractions,
        certified by an exact dual solution (the balanced weights below, whose objective is
        ``epsilon_exact``) and an exact primal one (every excess at most ``epsilon_exact``);
        ``empty`` is then decided exactly. ``None`` when the certificate could not be built
        or the worths are floats.
    balanced_weights : mapping or None
        With ``epsilon_exact``: the dual certificate, weights ``w_S > 0`` on coalitions
        (bitmasks) with ``sum over S containing i of w_S = 1`` for every player; the core is
        empty iff ``sum w_S v(S) > v(N)`` for such a balanced collection (Bondareva 1963,
        Shapley 1967), and these weights attain the least core.
    """

    empty: bool
    epsilon: float
    point: np.ndarray
    A: np.ndarray
    b: np.ndarray
    players: tuple[str, ...] = ()
    epsilon_exact: Fraction | None = None
    point_exact: tuple[Fraction, ...] | None = None
    balanced_weights: Mapping[int, Fraction] | None = None

    def contains(self, x: Any, *, tol: float = DEFAULT_TOL) -> bool:
        """Whether the allocation ``x`` lies in the core (within ``tol`` x the worths' scale)."""
        func = "CoreResult.contains"
        tol = check_tol(tol, func)
        arr = as_real_array(x, "x", func, ndim=1)
        if arr.shape[0] != self.A.shape[1]:
            raise InvalidArgumentError(f"{func}: x must have {self.A.shape[1]} entries, got {arr.shape[0]}")
        scale = max(1.0, float(np.abs(self.b).max(initial=0.0)), abs(self._total))
        efficient = abs(arr.sum() - self._total) <= tol * scale
        return bool(efficient and (self.A @ arr >= self.b - tol * scale).all())

    @property
    def _total(self) -> float:
        return float(self.point.sum())

    def __repr__(self) -> str:
        state = "empty" if self.empty else "nonempty"
        parts = ", ".join(f"{p} {v:.6g}" for p, v in zip(self.players, self.point.tolist()))
        return (
            f"CoreResult({state}, least-core epsilon {self.epsilon:.6g}; "
            f"{'least-core point' if self.empty else 'a core point'}: {parts}; {self._status_line()})"
        )


# ------------------------------------------------------------------------------ solutions
def shapley_value(game: Any) -> Allocation:
    """The Shapley value: each player's marginal contribution averaged over all orders of arrival.

    ``phi_i = sum over S not containing i of |S|! (n - |S| - 1)! / n! * (v(S + i) - v(S))``
    (Shapley 1953). Exact (Fractions, ``allocation_exact``) when the worths are integers or
    fractions. Efficient (sums to ``v(N)``), symmetric, additive, zero for a null player.

    References
    ----------
    Shapley, L. S. (1953), "A value for n-person games", in Kuhn and Tucker (eds.),
    Contributions to the Theory of Games II, Annals of Mathematics Studies 28, 307-317.

    Examples
    --------
    >>> glove = CoalitionalGame({(0, 1): 1, (0, 2): 1, (0, 1, 2): 1})
    >>> shapley_value(glove).allocation_exact
    (Fraction(2, 3), Fraction(1, 6), Fraction(1, 6))
    """
    g = as_coalitional_game(game, "shapley_value")
    n = g.n_players
    exact = g.has_exact_values
    v = g._numbers()
    fact = [math.factorial(k) for k in range(n + 1)]
    phi: list[Any] = [Fraction(0) if exact else 0.0] * n
    for s in range(g.grand + 1):
        size = bin(s).count("1")
        if size == n:
            continue
        weight: Any = Fraction(fact[size] * fact[n - size - 1], fact[n])
        if not exact:
            weight = float(weight)
        for i in range(n):
            if not s >> i & 1:
                phi[i] += weight * (v[s | 1 << i] - v[s])
    values = frozen([float(p) for p in phi])
    return Allocation(values, tuple(phi) if exact else None, method="shapley", players=g.players,
                      status=Status.SUCCESS)


def _incidence(n: int) -> np.ndarray:
    """Rows: the proper nonempty coalitions in bitmask order; columns: players (0/1)."""
    masks = np.arange(1, 2**n - 1)
    return ((masks[:, None] >> np.arange(n)[None, :]) & 1).astype(np.float64)


def _scale(values: np.ndarray) -> float:
    top = float(np.abs(values).max(initial=0.0))
    return top if top > 0 else 1.0


def core(game: Any, *, tol: float = DEFAULT_TOL) -> CoreResult:
    """The core: is there a split of ``v(N)`` that every coalition accepts? (Gillies 1959.)

    Solves the least-core LP ``min eps`` s.t. ``x(S) >= v(S) - eps`` for every proper
    nonempty coalition ``S`` and ``x(N) = v(N)`` with HiGHS (on worths scaled to [-1, 1]).
    The core is empty iff ``eps* > 0`` (decided with ``tol`` x the largest ``|v(S)|``); the
    returned point is in the core when it is nonempty.

    Examples
    --------
    >>> majority = CoalitionalGame({(0, 1): 1, (0, 2): 1, (1, 2): 1, (0, 1, 2): 1})
    >>> res = core(majority)
    >>> res.empty, round(res.epsilon, 9)
    (True, 0.333333333)
    >>> core(CoalitionalGame({(0, 1): 1, (0, 2): 1, (0, 1, 2): 1})).point.round(9).tolist()
    [1.0, 0.0, 0.0]
    """
    func = "core"
    g = as_coalitional_game(game, func)
    tol = check_tol(tol, func)
    n = g.n_players
    scale = _scale(g.values)
    v = g.values / scale
    A = _incidence(n)
    b = g.values[1 : g.grand]
    if n == 1:
        point = frozen([g.values[1]])
        return CoreResult(False, 0.0, point, frozen(np.zeros((0, 1))), frozen([]), players=g.players,
                          status=Status.SUCCESS)
    # variables (x, eps); -x(S) - eps <= -v(S)
    A_ub = np.hstack([-A, -np.ones((A.shape[0], 1))])
    b_ub = -v[1 : g.grand]
    A_eq = np.hstack([np.ones((1, n)), np.zeros((1, 1))])
    sol = solve_lp(np.r_[np.zeros(n), 1.0], A_ub=A_ub, b_ub=b_ub, A_eq=A_eq, b_eq=[v[g.grand]],
                   bounds=[(None, None)] * (n + 1))
    if not sol.optimal or sol.x is None:
        raise SolverError(f"{func}: the least-core LP ended with status {sol.status.name} ({sol.message})")
    eps = float(sol.x[-1]) * scale
    point = sol.x[:n] * scale
    empty = eps > tol * scale
    exact = _exact_least_core(g, sol.ineq_duals, point) if g.has_exact_values else None
    if exact is None:
        return CoreResult(
            empty, eps, frozen(point), frozen(A), frozen(b), players=g.players, status=Status.SUCCESS
        )
    eps_exact, x_exact, weights = exact
    return CoreResult(
        bool(eps_exact > 0), float(eps_exact), frozen([float(t) for t in x_exact]), frozen(A), frozen(b),
        players=g.players, epsilon_exact=eps_exact, point_exact=x_exact,
        balanced_weights=types.MappingProxyType(weights), status=Status.SUCCESS,
        message="least core solved exactly (primal and dual certificates in Fractions)",
    )


def _exact_least_core(
    g: CoalitionalGame, duals: np.ndarray | None, approx: np.ndarray
) -> tuple[Fraction, tuple[Fraction, ...], dict[int, Fraction]] | None:
    """The least core in Fractions, certified by a dual and a primal solution; None if not certified.

    The dual (weights on the coalitions with a positive LP multiplier, summing to 1, covering
    every player equally) is solved exactly and gives ``eps``; a point is then solved exactly
    from ``x(S) = v(S) - eps`` on those coalitions and ``x(N) = v(N)``, with the coordinates
    they leave free fixed at the LP's values read as fractions; both are checked exactly.
    """
    if duals is None:
        return None
    n, full = g.n_players, g.grand
    v = g.exact_values()
    tight = [m for m, d in zip(range(1, full), np.abs(duals)) if d > _DUAL_EPS]
    if not tight:
        return None
    k = len(tight)
    drows = [[Fraction(1)] * k + [Fraction(0)]]
    drows += [[Fraction((m >> i) & 1) for m in tight] + [Fraction(-1)] for i in range(n)]
    dual = solve_linear(drows, [Fraction(1)] + [Fraction(0)] * n, k + 1)
    if dual is None:
        return None
    lam, mu = dual[:k], dual[k]
    if min(lam) < 0 or mu <= 0:
        return None
    eps = sum(lam_s * v[m] for lam_s, m in zip(lam, tight)) - mu * v[full]
    rows = [[Fraction((m >> i) & 1) for i in range(n)] for m in tight] + [[Fraction(1)] * n]
    rhs = [v[m] - eps for m in tight] + [v[full]]
    for i in range(n):  # fix the coordinates the tight coalitions leave free
        unit = [Fraction(int(j == i)) for j in range(n)]
        if np.linalg.matrix_rank(np.array(rows + [unit], dtype=float)) > np.linalg.matrix_rank(
            np.array(rows, dtype=float)
        ):
            rows.append(unit)
            rhs.append(Fraction(float(approx[i])).limit_denominator(10**6))
    x = solve_linear(rows, rhs, n)
    if x is None:
        return None
    for m in range(1, full):  # primal feasibility: every coalition's excess is at most eps
        if v[m] - sum(x[i] for i in range(n) if m >> i & 1) > eps:
            return None
    return eps, tuple(x), {m: lam_s / mu for lam_s, m in zip(lam, tight) if lam_s > 0}


def nucleolus(game: Any, *, tol: float = DEFAULT_TOL) -> Allocation:
    """The nucleolus: the imputation that lexicographically minimises the largest complaints.

    The complaint (excess) of a coalition at ``x`` is ``e(S, x) = v(S) - x(S)``; over the
    imputations (``sum x = v(N)``, ``x_i >= v({i})``) the nucleolus makes the largest excess
    as small as possible, then the second largest, and so on (Schmeidler 1969). Computed by
    the sequence of linear programs of Maschler, Peleg and Shapley (1979): LP ``k`` minimises
    ``eps`` subject to ``e(S, x) <= eps`` for the coalitions not yet fixed and
    ``e(S, x) = eps_j`` for those fixed at an earlier level ``j``; the coalitions with a
    positive dual multiplier are tight at every optimum and are fixed at ``eps_k``, and
    coalitions whose excess is then constant leave the program. It stops when the fixed
    coalitions determine ``x``. Each LP is HiGHS on worths scaled to [-1, 1]. With exact worths
    the final system (fixed coalitions, levels ``eps_k`` as unknowns, the imputation bounds
    that bind) is solved again in Fractions (``allocation_exact``, when that system determines
    it and agrees with the LPs).
    The nucleolus lies in the core whenever the core is nonempty.

    Raises
    ------
    InvalidGameError
        When there is no imputation (``v(N) < sum v({i})``).

    References
    ----------
    Schmeidler, D. (1969), "The nucleolus of a characteristic function game", SIAM Journal on
    Applied Mathematics 17(6), 1163-1170. Maschler, M., Peleg, B. and Shapley, L. S. (1979),
    "Geometric properties of the kernel, nucleolus, and related solution concepts",
    Mathematics of Operations Research 4(4), 303-338.

    Examples
    --------
    >>> glove = CoalitionalGame({(0, 1): 1, (0, 2): 1, (0, 1, 2): 1})
    >>> nucleolus(glove).allocation_exact
    (Fraction(1, 1), Fraction(0, 1), Fraction(0, 1))
    """
    func = "nucleolus"
    g = as_coalitional_game(game, func)
    tol = check_tol(tol, func)
    n = g.n_players
    full = g.grand
    singles = np.array([g.values[1 << i] for i in range(n)])
    if g.values[full] < singles.sum() - tol * _scale(g.values):
        raise InvalidGameError(
            f"{func}: no imputation exists: v(N) = {fmt_number(g.values[full])} is less than the sum of the "
            f"players' own worths {fmt_number(singles.sum())}"
        )
    scale = _scale(g.values)
    v = g.values / scale
    masks = [m for m in range(1, full)]
    rows = {m: np.array([(m >> i) & 1 for i in range(n)], dtype=np.float64) for m in masks}
    active = list(masks)
    fixed: list[tuple[int, int]] = []  # (mask, level)
    levels: list[float] = []
    basis = [np.ones(n)]
    x = np.full(n, v[full] / n)
    bounds = [(float(v[1 << i]), None) for i in range(n)] + [(None, None)]
    for _ in range(2**n):
        active = [m for m in active if np.linalg.matrix_rank(np.vstack(basis + [rows[m]])) > len(basis)]
        if not active or len(basis) == n:
            break
        k = len(levels)
        A_ub = np.array([np.r_[-rows[m], -1.0] for m in active])
        b_ub = np.array([-v[m] for m in active])
        eq_rows = [np.r_[np.ones(n), 0.0]] + [np.r_[rows[m], 0.0] for m, _ in fixed]
        b_eq = [v[full]] + [v[m] - levels[lvl] for m, lvl in fixed]
        sol = solve_lp(np.r_[np.zeros(n), 1.0], A_ub=A_ub, b_ub=b_ub, A_eq=np.array(eq_rows), b_eq=b_eq,
                       bounds=bounds)
        if not sol.optimal or sol.x is None or sol.ineq_duals is None:
            raise SolverError(
                f"{func}: LP {k + 1} of the sequence ended with status {sol.status.name} ({sol.message})"
            )
        x = sol.x[:n]
        levels.append(float(sol.x[-1]))
        duals = np.abs(sol.ineq_duals)
        tight = [m for m, d in zip(active, duals) if d > _DUAL_EPS]
        if not tight:  # cannot happen (the duals sum to 1); guard against a solver quirk
            tight = [active[int(np.argmax(duals))]]
        for m in tight:
            if np.linalg.matrix_rank(np.vstack(basis + [rows[m]])) > len(basis):
                basis.append(rows[m])
            fixed.append((m, k))
        active = [m for m in active if m not in tight]
    allocation = x * scale
    exact = _exact_nucleolus(g, fixed, len(levels), allocation) if g.has_exact_values else None
    return Allocation(frozen(allocation), exact, method="nucleolus", players=g.players, status=Status.SUCCESS,
                      message=f"{len(levels)} linear programs")


def _exact_nucleolus(
    g: CoalitionalGame, fixed: list[tuple[int, int]], n_levels: int, approx: np.ndarray
) -> tuple[Fraction, ...] | None:
    """Solve ``x(N) = v(N)``, ``x(S) + eps_level(S) = v(S)`` exactly; None unless unique and close."""
    n = g.n_players
    v = g.exact_values()
    size = n + n_levels
    rows = [[Fraction(1)] * n + [Fraction(0)] * n_levels]
    rhs = [v[g.grand]]
    for m, level in fixed:
        row = [Fraction((m >> i) & 1) for i in range(n)] + [Fraction(0)] * n_levels
        row[n + level] = Fraction(1)
        rows.append(row)
        rhs.append(v[m])
    for i in range(n):  # imputation bounds tight at the LPs' answer
        if abs(approx[i] - float(v[1 << i])) <= 1e-9 * _scale(g.values):
            row = [Fraction(0)] * size
            row[i] = Fraction(1)
            rows.append(row)
            rhs.append(v[1 << i])
    solution = solve_linear(rows, rhs, size)
    if solution is None:
        return None
    x = solution[:n]
    if np.max(np.abs(np.array([float(t) for t in x]) - approx)) > 1e-6 * _scale(g.values):
        return None
    return tuple(x)


# ------------------------------------------------------------------------------ from a game
_KINDS = ("mixed", "alpha", "beta")


def characteristic_function(game: Any, *, kind: str = "mixed", exact: bool = False) -> CoalitionalGame:
    """The characteristic function of a normal-form game: what each coalition can guarantee itself.

    For a coalition ``S`` the worth is the value of the two-party zero-sum game in which ``S``
    chooses a joint action of its members, the others choose theirs, and ``S`` receives the
    sum of its members' payoffs (utility is transferable inside ``S``):

    * ``kind="mixed"`` (von Neumann and Morgenstern 1944): both sides may randomise jointly;
      by the minimax theorem it does not matter who moves first, so this is both the alpha
      and the beta characteristic function in mixed strategies.
    * ``kind="alpha"``: pure joint actions, ``S`` commits first (``max_s min_t``): what ``S``
      can guarantee whatever the others do (Aumann and Peleg 1960).
    * ``kind="beta"``: pure joint actions, the others commit first (``min_t max_s``): what the
      others cannot prevent ``S`` from getting.

    ``alpha <= mixed <= beta`` coalition by coalition; the grand coalition gets the largest
    total payoff of any profile and the empty coalition 0.

    Parameters
    ----------
    game : NPlayerGame or Game
        A single game with any number of players.
    kind : {"mixed", "alpha", "beta"}
    exact : bool
        Exact worths (Fractions) where the payoffs are integers or fractions (``kind="mixed"``
        solves each coalition's zero-sum game exactly).

    Examples
    --------
    Players 1 and 2 earn 1 each when they pick the same action and player 3 picks the other
    one. Committing first, the pair secures nothing; moving second it secures 2; with mixed
    strategies 1:

    >>> import numpy as np
    >>> from bargain.core.nplayer import NPlayerGame
    >>> u = np.zeros((2, 2, 2, 3), dtype=int)
    >>> u[0, 0, 1] = (1, 1, 0); u[1, 1, 0] = (1, 1, 0)
    >>> [characteristic_function(NPlayerGame(u), kind=k).value((0, 1)) for k in ("alpha", "mixed", "beta")]
    [0.0, 1.0, 2.0]
    """
    func = "characteristic_function"
    g = as_nplayer_game(game, func)
    kind = check_choice(kind, _KINDS, "kind", func)
    exact = check_bool(exact, "exact", func)
    if g.batch_shape:
        raise InvalidGameError(f"{func}: takes a single game, got a batch of shape {g.batch_shape}")
    k = g.n_players
    use_exact = exact and g.has_exact_payoffs
    U = g.exact_payoffs() if use_exact else g.payoff_array
    shape = g.shape
    worths: list[Any] = [Fraction(0) if use_exact else 0.0] * 2**k
    for m in range(1, 2**k):
        inside = list(_members(m, k))
        outside = [i for i in range(k) if i not in inside]
        total = U[..., inside].sum(axis=-1)
        if not outside:
            worths[m] = total.max()
            continue
        M = np.transpose(total, inside + outside).reshape(
            int(np.prod([shape[i] for i in inside])), int(np.prod([shape[i] for i in outside]))
        )
        if kind == "alpha":
            worths[m] = M.min(axis=1).max()
        elif kind == "beta":
            worths[m] = M.max(axis=0).min()
        else:
            res = solve_zero_sum(Game.zero_sum(M), exact=use_exact)
            worths[m] = res.value_exact if use_exact else float(res.value)
    values: Any = np.array(worths, dtype=object) if use_exact else np.array(worths, dtype=np.float64)
    if use_exact:
        values = [Fraction(w) for w in worths]
    return CoalitionalGame(values, players=g.players, name=g.name)


#: :func:`core` as the top level exports it (``bargain.core`` is the subpackage of games).
coalitional_core = core
