"""Repeated games with monetary transfers: what is sustainable for every discount factor.

Model (Goldlücke and Kranz 2012, "Infinitely repeated games with public monitoring and
monetary transfers", *Journal of Economic Theory* 147, with perfect monitoring as the special
case where the public signal is the action profile; Levin 2003, "Relational incentive
contracts", *AER* 93, is the classic it generalises). Two players repeat a finite stage game
forever and discount by ``delta`` per period. Utility is quasi-linear: a dollar paid is a
dollar of payoff lost to the payer and gained by the payee, in ONE money unit for both. Each
period has two stages, seen by both players: a payment stage (voluntary transfers to each
other) and then the stage game. Equilibrium notion: subgame-perfect equilibrium in pure
strategies (payments and actions; mixed stage strategies are outside this function's scope).
A player who refuses a payment is punished from the stage game that follows; one who deviates
in the stage game, from the next period's payment stage. Payoffs are average discounted
payoffs; ``v_i`` below is a value at the start of a stage game.

Optimal simple strategies (GK 2012's characterisation, specialised to perfect monitoring;
the same structure for a single state in Goldlücke and Kranz 2018, "Discounted stochastic
games with voluntary transfers", *Economic Theory* 66). Every SPE payoff is achieved by
strategies with
(i) a stationary equilibrium regime: one profile ``a_e`` every period, with up-front
payments that split the joint payoff ``U(a_e)`` as agreed; and
(ii) for each player ``i`` a stick-and-carrot punishment regime: one period of a punishment
profile ``a_i``, after which ``i`` pays a fine and play returns to the equilibrium regime.
Write ``c_i(a)`` for ``i``'s best-reply payoff against ``a_-i``, ``L(a) = sum_i (c_i(a) -
u_i(a))`` for the sum of the one-shot deviation gains, and ``r = delta / (1 - delta)``. Then

* ``a`` is **sustainable** (playable every period on the path) iff
  ``r (U(a) - v_1 - v_2) >= L(a)``;
* ``a`` is **enforceable** (playable in some period followed by the optimal continuation, in
  particular usable as a stick) iff ``r (U* - v_1 - v_2) >= L(a)``;
* ``U*(delta)`` is the largest joint payoff of a sustainable profile, and player ``i``'s
  lowest equilibrium payoff is ``v_i = min { c_i(a) : a enforceable }``: the punished
  player, who must be willing to take the stick, gets exactly his best-reply payoff against
  it (the fine takes away the rest of his carrot).

The three conditions refer to each other; the equilibrium values are the largest fixed point
(largest slack ``U* - v_1 - v_2``), found exactly by iterating downward from "every profile
allowed" (derivation in :mod:`bargain.repeated._transfer_core`). The set of SPE payoffs then has
the Pareto frontier ``{u : u_1 + u_2 = U*, u_i >= v_i}`` (payments move along it) and lies in
the triangle ``{u : u_i >= v_i, u_1 + u_2 <= U*}``; when players may also burn money (as in
Goldlücke-Kranz 2018) it is that whole triangle. Scope: pure strategies, perfect monitoring,
two players. The derivation (necessity and sufficiency under the timing above) is written out
in :mod:`bargain.repeated._transfer_core`; the tests check it against an enumeration of every
self-enforcing set of profiles.

Every answer depends on ``delta`` only through which inequalities ``L(a) <= r s`` hold, so it is
piecewise constant in ``delta``: :func:`transfer_equilibria` returns the critical discount
factors (exact fractions) and the regime on each interval ``[lower, upper)``, all discount
factors at once, and evaluates any array of discount factors in one call.

Numbers: everything is decided in exact integer arithmetic (both players' payoffs multiplied
by one common denominator; a float payoff is read as the decimal it prints as). Transfers need
a common money unit, so a common positive rescaling of both players' payoffs and a shift of
either player's payoffs change no answer, but rescaling ONE player's payoffs does (it changes
the exchange rate of money into that player's utility): this solver deliberately does not work
on the per-player normalised game.
"""

from __future__ import annotations

import bisect
import math
import time
from collections.abc import Sequence
from dataclasses import dataclass
from fractions import Fraction
from typing import Any

import numpy as np

from bargain._result import Result, Status, fmt_number, warn_if_uncertified
from bargain._validate import as_real_array, check_bool, check_budget, check_int, describe
from bargain.core.frozen import readonly
from bargain.core.game import Game, as_single_game
from bargain.errors import InvalidArgumentError
from bargain.repeated._transfer_core import Regime, transfer_regimes

__all__ = ["transfer_equilibria", "TransferEquilibria", "TransferRegime"]

_FUNC = "transfer_equilibria"
Number = Fraction | float
Profile = tuple[int, int]


def _fmt_profile(p: Profile, labels: Any) -> str:
    return f"({labels.row_actions[p[0]]}, {labels.col_actions[p[1]]})"


def _fmt_profiles(ps: Sequence[Profile], labels: Any) -> str:
    return ", ".join(_fmt_profile(p, labels) for p in ps) if ps else "none"


# ----------------------------------------------------------------------------- results
@dataclass(frozen=True, eq=False, repr=False)
class TransferRegime(Result):
    """The equilibria with transfers on one interval of discount factors ``[lower, upper)``.

    Attributes
    ----------
    lower, upper : Fraction or float
        The interval of ``delta`` (``lower`` included, ``upper`` excluded; ``upper = 1`` for
        the last one).
    exists : bool
        Whether a pure-strategy subgame-perfect equilibrium exists on this interval.
    joint_payoff : Fraction, float or None
        ``U*``: the largest joint (summed) average payoff of a sustainable profile.
    punishment_payoffs : tuple of two numbers, or None
        ``(v_1, v_2)``: each player's lowest equilibrium payoff (what a deviator is held to).
    equilibrium_profiles : tuple of (row_action, col_action)
        Sustainable profiles with joint payoff ``U*`` (the optimal ``a_e``).
    punishment_profiles : tuple of two tuples of (row_action, col_action)
        For each player, the enforceable profiles that hold him to ``v_i`` (the optimal sticks).
    sustainable : tuple of (row_action, col_action)
        Profiles playable every period on the equilibrium path.
    enforceable : tuple of (row_action, col_action)
        Profiles playable in a period followed by the optimal continuation.
    """

    lower: Number
    upper: Number
    exists: bool
    joint_payoff: Number | None
    punishment_payoffs: tuple[Number, Number] | None
    equilibrium_profiles: tuple[Profile, ...]
    punishment_profiles: tuple[tuple[Profile, ...], tuple[Profile, ...]]
    sustainable: tuple[Profile, ...]
    enforceable: tuple[Profile, ...]

    def payoff_region(self) -> np.ndarray:
        """Vertices (k, 2) of the triangle ``u_i >= v_i, u_1 + u_2 <= U*`` (empty if none).

        Counter-clockwise from ``(v_1, v_2)``; a point when ``U* = v_1 + v_2``.
        """
        if not self.exists:
            return readonly(np.empty((0, 2)))
        v1, v2 = (float(v) for v in self.punishment_payoffs)  # type: ignore[union-attr]
        top = float(self.joint_payoff)  # type: ignore[arg-type]
        pts = [(v1, v2), (top - v2, v2), (v1, top - v1)]
        if pts[1] == pts[0]:
            pts = pts[:1]
        return readonly(np.array(pts, dtype=float))

    def _line(self) -> str:
        labels = self.labels
        span = f"delta in [{fmt_number(self.lower)}, {fmt_number(self.upper)})"
        if not self.exists:
            return f"{span}: no pure-strategy equilibrium"
        v = ", ".join(fmt_number(x) for x in self.punishment_payoffs)  # type: ignore[union-attr]
        return (
            f"{span}: U* = {fmt_number(self.joint_payoff)}, v = ({v}); "
            f"path {_fmt_profiles(self.equilibrium_profiles, labels)}; "
            f"sustainable {_fmt_profiles(self.sustainable, labels)}; "
            f"sticks {_fmt_profiles(self.punishment_profiles[0], labels)} / "
            f"{_fmt_profiles(self.punishment_profiles[1], labels)}; "
            f"enforceable {len(self.enforceable)} of {len(labels.row_actions) * len(labels.col_actions)}"
        )

    def __repr__(self) -> str:
        return f"TransferRegime({self._line()}; {self._status_line()})"


@dataclass(frozen=True, eq=False, repr=False)
class TransferEquilibria(Result):
    """Equilibria of the repeated game with transfers, for every discount factor.

    Attributes
    ----------
    regimes : tuple of TransferRegime
        One per interval of discount factors on which the answer is constant, in order,
        covering ``[0, 1)`` (on a time-out: ``[0, covered)``).
    breakpoints : tuple of Fraction or float
        The critical discount factors: the left ends of ``regimes[1:]``.
    covered : Fraction or float
        The sweep reached this discount factor (``1`` unless ``max_time`` ran out).
    exact : bool
        Whether numbers are reported as :class:`~fractions.Fraction`.
    deltas : ndarray or None
        The discount factors asked for (``deltas=``), else ``None``; then also
        ``joint_payoff`` (shape of ``deltas``; NaN where no pure equilibrium exists),
        ``punishment_payoffs`` (``deltas.shape + (2,)``), ``sustainable`` (boolean,
        ``deltas.shape + (m, n)``) and ``exists`` (boolean, shape of ``deltas``).
    """

    regimes: tuple[TransferRegime, ...]
    breakpoints: tuple[Number, ...]
    covered: Number
    exact: bool
    deltas: np.ndarray | None = None
    joint_payoff: np.ndarray | None = None
    punishment_payoffs: np.ndarray | None = None
    sustainable: np.ndarray | None = None
    exists: np.ndarray | None = None

    def at(self, delta: Any) -> TransferRegime:
        """The regime in force at discount factor ``delta`` (decided exactly)."""
        d = _scalar_delta(delta, "TransferEquilibria.at")
        if d >= Fraction(self.covered):
            raise InvalidArgumentError(
                f"TransferEquilibria.at: the sweep stopped at delta = {fmt_number(self.covered)} "
                f"(max_time ran out); got delta = {delta!r}"
            )
        lowers = [Fraction(r.lower) for r in self.regimes]
        return self.regimes[bisect.bisect_right(lowers, d) - 1]

    def critical_delta(self, target: Any) -> Number | None:
        """Smallest discount factor at which ``target = (row, col)`` is sustainable on the path.

        Sustainability is monotone in ``delta`` (it is kept at every larger discount factor);
        ``None`` when no discount factor below ``covered`` sustains the target.
        """
        labels = self.labels
        m, n = len(labels.row_actions), len(labels.col_actions)  # type: ignore[union-attr]
        p = _profile(target, m, n, "TransferEquilibria.critical_delta")
        for reg in self.regimes:
            if p in reg.sustainable:
                return reg.lower
        return None

    def __len__(self) -> int:  # not "how many equilibria": refuse the ambiguity
        raise TypeError("TransferEquilibria has no len(); use len(result.regimes)")

    def __repr__(self) -> str:
        head = f"TransferEquilibria({len(self.regimes)} regime(s) of discount factors"
        if self.labels is not None:
            head += f", {self.labels.players[0]} vs {self.labels.players[1]}"
        lines = [head + "; transfers, perfect monitoring, pure-strategy SPE)"]
        lines += ["  " + reg._line() for reg in self.regimes]
        if self.deltas is not None:
            lines.append(f"  evaluated at {self.deltas.size} discount factor(s)")
        lines.append("  " + self._status_line())
        return "\n".join(lines)


# ----------------------------------------------------------------------------- helpers
def _scalar_delta(delta: Any, func: str) -> Fraction:
    from bargain.core.exact import to_fraction

    real = int | float | Fraction | np.integer | np.floating
    if isinstance(delta, bool | np.bool_) or not isinstance(delta, real):
        raise InvalidArgumentError(f"{func}: delta must be a real number in [0, 1), got {describe(delta)}")
    if isinstance(delta, float | np.floating) and not math.isfinite(delta):
        raise InvalidArgumentError(f"{func}: delta must be finite, got {delta!r}")
    d = to_fraction(delta, func)
    if not 0 <= d < 1:
        raise InvalidArgumentError(f"{func}: delta must be in [0, 1), got {delta!r}")
    return d


def _profile(target: Any, m: int, n: int, func: str) -> Profile:
    if isinstance(target, str) or not isinstance(target, Sequence | np.ndarray) or len(target) != 2:
        raise InvalidArgumentError(f"{func}: target must be a pair (row, col), got {describe(target)}")
    i = check_int(target[0], "target[0]", func, low=0, high=m - 1)
    j = check_int(target[1], "target[1]", func, low=0, high=n - 1)
    return (i, j)


def _integer_game(g: Game) -> tuple[list[list[int]], list[list[int]], int]:
    """Both players' payoffs times ONE common denominator, each shifted to min 0."""
    A, B = g.exact_payoffs()
    dens = [x.denominator for x in list(A.ravel()) + list(B.ravel())]
    D = math.lcm(*dens)
    ai = [[int(x * D) for x in row] for row in A.tolist()]
    bi = [[int(x * D) for x in row] for row in B.tolist()]
    return ai, bi, D


def _regime(reg: Regime, upper: Fraction, shift: tuple[int, int], D: int,
            exact: bool, labels: Any) -> TransferRegime:
    """A public regime: payoffs back on the caller's scale (``(x + shift) / D``)."""
    def num(x: Fraction) -> Number:
        return x if exact else float(x)

    lower = reg.r / (1 + reg.r)
    if not reg.exists:
        return TransferRegime(
            num(lower), num(upper), False, None, None, (), ((), ()), (), (),
            status=Status.SUCCESS, labels=labels,
        )
    joint = Fraction(reg.joint + shift[0] + shift[1], D)  # type: ignore[operator]
    v = tuple(Fraction(x + s, D) for x, s in zip(reg.punish, shift, strict=True))  # type: ignore[arg-type]
    return TransferRegime(
        num(lower), num(upper), True, num(joint), (num(v[0]), num(v[1])),
        reg.equilibria, reg.sticks, reg.sustainable, reg.enforceable,
        status=Status.SUCCESS, labels=labels,
    )


# ----------------------------------------------------------------------------- public
def transfer_equilibria(
    game: Any,
    *,
    deltas: Any = None,
    exact: bool = False,
    max_time: float | None = None,
) -> TransferEquilibria:
    """Subgame-perfect equilibria with monetary transfers, for every discount factor at once.

    Goldlücke and Kranz (2012), optimal simple strategies under perfect monitoring (see the
    module docstring for the model, timing, equilibrium notion and the characterisation).

    Parameters
    ----------
    game : Game or nashpy.Game
        One stage game (payoffs in one common money unit).
    deltas : array_like, optional
        Discount factors in ``[0, 1)`` (any shape) at which to evaluate the answer as arrays.
        The regimes for all discount factors are returned either way.
    exact : bool
        Report numbers as :class:`~fractions.Fraction` (decisions are exact either way).
    max_time : float, optional
        Seconds before the sweep over candidate breakpoints stops (status ``MAX_TIME``; the
        regimes then cover ``delta < covered``). Small games finish in milliseconds.

    Returns
    -------
    TransferEquilibria

    Examples
    --------
    Prisoner's Dilemma, T = 5, R = 3, P = 1, S = 0: with transfers the one-sided profiles
    (joint payoff 5) are sustainable from delta = 1/4, mutual cooperation (6) from 1/2.

    >>> import bargain as bg
    >>> g = bg.Game([[3, 0], [5, 1]], [[3, 5], [0, 1]], row_actions=("C", "D"), col_actions=("C", "D"))
    >>> res = bg.repeated.transfer_equilibria(g, exact=True)
    >>> res.breakpoints
    (Fraction(1, 4), Fraction(1, 2))
    >>> [r.joint_payoff for r in res.regimes]
    [Fraction(2, 1), Fraction(5, 1), Fraction(6, 1)]
    >>> res.critical_delta((0, 0))
    Fraction(1, 2)
    """
    g = as_single_game(game, _FUNC)
    exact = check_bool(exact, "exact", _FUNC)
    _, max_time = check_budget(None, max_time, _FUNC)
    d_arr = None
    if deltas is not None:
        d_arr = as_real_array(deltas, "deltas", _FUNC, low=0.0, high=1.0)
        if (d_arr >= 1).any():
            raise InvalidArgumentError(
                f"{_FUNC}: deltas must be < 1 (a discount factor of 1 has no discounted payoff), "
                f"got {describe(d_arr.max().item())}"
            )
    start = time.perf_counter()
    ai, bi, D = _integer_game(g)
    lo_a = min(min(r) for r in ai)
    lo_b = min(min(r) for r in bi)
    ai = [[x - lo_a for x in r] for r in ai]
    bi = [[x - lo_b for x in r] for r in bi]
    budget = None if max_time is None else max(max_time - (time.perf_counter() - start), 1e-9)
    raw, stopped = transfer_regimes(ai, bi, max_time=budget)
    covered = Fraction(1) if stopped is None else stopped / (1 + stopped)
    labels = g.labels
    regimes = []
    for k, reg in enumerate(raw):
        upper = raw[k + 1].r / (1 + raw[k + 1].r) if k + 1 < len(raw) else covered
        regimes.append(_regime(reg, upper, (lo_a, lo_b), D, exact, labels))
    status, message = Status.SUCCESS, ""
    if stopped is not None:
        status = Status.MAX_TIME
        message = (
            f"max_time={max_time} s ran out: regimes are known for delta < {fmt_number(covered)} only"
        )
        warn_if_uncertified(status, message)
    fields: dict[str, Any] = {}
    if d_arr is not None:
        fields = _evaluate(regimes, d_arr, g.shape, covered)
    return TransferEquilibria(
        tuple(regimes),
        tuple(r.lower for r in regimes[1:]),
        covered if exact else float(covered),
        exact,
        status=status,
        message=message,
        labels=labels,
        **fields,
    )


def _evaluate(regimes: list[TransferRegime], d: np.ndarray, shape: tuple[int, int],
              covered: Fraction) -> dict[str, Any]:
    """Arrays at the discount factors ``d`` (regime lookup, exact at breakpoints)."""
    from bargain.core.exact import to_fraction

    lowers_exact = [Fraction(r.lower) for r in regimes]
    lowers = np.array([float(x) for x in lowers_exact])
    idx = np.searchsorted(lowers, d, side="right") - 1
    # a float within a few ulps of a breakpoint: decide exactly on the decimal typed
    gap = 4 * np.spacing(np.maximum(lowers, np.finfo(float).tiny))
    nxt = np.minimum(idx + 1, len(lowers) - 1)
    near = (np.abs(d - lowers[idx]) <= gap[idx]) | (np.abs(d - lowers[nxt]) <= gap[nxt])
    for pos in zip(*np.nonzero(near), strict=True):
        idx[pos] = bisect.bisect_right(lowers_exact, to_fraction(float(d[pos]))) - 1
    if (d >= float(covered)).any() and covered < 1:
        raise InvalidArgumentError(
            f"{_FUNC}: max_time ran out at delta = {fmt_number(covered)}; deltas up to "
            f"{describe(d.max().item())} were asked for (raise max_time)"
        )
    m, n = shape
    joint = np.array([np.nan if not r.exists else float(r.joint_payoff) for r in regimes])  # type: ignore[arg-type]
    pun = np.array([(np.nan, np.nan) if not r.exists else tuple(map(float, r.punishment_payoffs))  # type: ignore[arg-type]
                    for r in regimes])
    sus = np.zeros((len(regimes), m, n), dtype=bool)
    for k, r in enumerate(regimes):
        for i, j in r.sustainable:
            sus[k, i, j] = True
    ex = np.array([r.exists for r in regimes])
    return {
        "deltas": readonly(d),
        "joint_payoff": readonly(joint[idx]),
        "punishment_payoffs": readonly(pun[idx]),
        "sustainable": readonly(sus[idx]),
        "exists": readonly(ex[idx]),
    }
