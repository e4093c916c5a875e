"""Critical discount factors: how patient must both players be to sustain a target profile?

Model and timing. A stage game ``(A, B)`` is played in every period ``t = 0, 1, ...``; both
players discount payoffs by ``delta`` per period (normalised payoff ``(1 - delta) sum_t
delta^t u_t``) and observe every past action profile (perfect monitoring), except under
``noise=`` (public signal, below). The *target* is a pure action profile ``(r, c)`` both
players are asked to play in every period on the path. For player ``i`` write

    R_i  the target payoff,           D_i  the best one-shot deviation payoff against the target,
    P_i  the punishment payoff        (what player i gets for ever after deviating).

A profile's threshold is the larger of the two players' thresholds; a player with no
profitable deviation (``D_i = R_i``) has threshold 0, so a target that is itself a stage
equilibrium has ``delta = 0``. When some player gains from deviating and the punishment
does not hurt (``R_i <= P_i``, or the threshold is 1 or more), no discount factor below 1
sustains the target: ``sustainable`` is False and ``delta`` is ``inf``.

Strategies and the equilibrium notion each yields:

``"grim"``
    Grim trigger with Nash reversion (Friedman 1971): play the target until someone
    deviates, then play for ever the stage equilibrium worst for the deviator (pure or
    mixed). ``delta_i = (D_i - R_i) / (D_i - P_i)``. Reversion to a stage equilibrium is
    itself an equilibrium of every subgame, so the profile is **subgame perfect** for every
    ``delta`` at or above the threshold (Fudenberg and Tirole 1991, *Game Theory*, Chapter 5).
``"minmax"``
    Grim trigger with minmax punishment: after a deviation the opponent holds the deviator
    to its mixed minmax level ``P_i = v_i`` for ever (:func:`bargain.minmax`), the harshest
    punishment there is, so this is the lowest threshold of any trigger strategy. The
    profile is a **Nash equilibrium** of the repeated game; it is not subgame perfect in
    general (punishing for ever may not pay the punisher), only where the minmax profile
    is itself enforced (e.g. a stage equilibrium). Fudenberg and Maskin 1986.
``"k_period"`` (``k=``)
    Punish for ``k`` periods with the stage equilibrium worst for the deviator, then return
    to the target: the smallest ``delta`` with ``delta + ... + delta^k >= (D_i - R_i) /
    (R_i - P_i)`` (a polynomial root; closed form for ``k <= 2``). The punishment phase is a
    stage equilibrium, so the profile is **subgame perfect** (Abreu 1988 for the structure
    of optimal punishments; the textbook derivation in Fudenberg and Tirole 1991, Chapter 5).
``"tit_for_tat"``
    Tit-for-tat against tit-for-tat (Axelrod 1984, *The Evolution of Cooperation*,
    Proposition 2; Axelrod and Hamilton 1981): play the target action in the first period
    and after the opponent played its target action, the punishing action after any other.
    In Prisoner's Dilemma notation the profile is a **Nash equilibrium** iff ``delta >= max((T - R) / (T - P),
    (T - R) / (R - S))`` (tit-for-tat is not subgame perfect in general). Generalisation to
    any target in any game (ours): player ``j``'s punishing action is the action other than
    its target action that holds player ``i``'s best reply lowest (first such action on
    ties; in a 2x2 game the other action, i.e. literal tit-for-tat), and for player ``i``:
    ``T_i`` = best payoff of a non-target action against the target action, ``S_i`` = the
    target action against the punishing action, ``Q_i`` = the best non-target action against
    it. Against tit-for-tat the deviator solves a two-state decision problem whose only
    alternatives to cooperating are defecting for ever and alternating, so cooperation is a
    best reply iff ``delta (T_i - Q_i) >= T_i - R_i`` and ``delta (R_i - S_i) >= T_i - R_i``;
    with ``Q = P`` this is Axelrod's condition. In general the set can be an interval
    ``[delta, delta_max]`` (it is an up-set in the Prisoner's Dilemma).
``noise=eps`` (grim and minmax)
    Public-signal imperfect monitoring in the manner of Green and Porter (1984): a period in
    which both players play the target is publicly read as a defection with probability
    ``eps`` (which triggers the punishment, as a real defection does). The value of
    cooperating then solves ``V = R + delta ((1 - eps) V + eps P / (1 - delta))``, and the
    threshold becomes ``(D_i - R_i) / ((1 - eps)(D_i - P_i))``: noise never lowers it.

Numbers: float decisions (is a gain zero? does the punishment hurt?) are made within
``tol`` x each player's payoff range, so no positive affine change of either player's
payoffs changes an answer. ``exact=True`` computes in Fractions for rational payoffs (the
grim, minmax, tit-for-tat and noisy thresholds are rational); a k-period threshold is an
algebraic number, returned exactly when rational and otherwise as a float certified to a
dyadic bracket of Fractions (``bracket``, exact polynomial evaluation at both ends).

Batches: games of shape ``(..., m, n)`` share one target. For 2x2 batches grim (and
k-period) use the 2x2 equilibrium kernel's sign-pattern tables directly, with no Python
loop over the batch (a million games in a fraction of a second); tit-for-tat is vectorised for any
size; minmax uses the batched :func:`bargain.minmax` (block LPs). Nash reversion in larger
games needs the full equilibrium set: it loops over the games with
:func:`bargain.nash_equilibria`. The exact path loops over the games.
"""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction
from typing import Any

import numpy as np

from bargain._result import Result, Status, fmt_number, warn_if_uncertified
from bargain._thresholds import DEFAULT_TOL, K_PERIOD_EXACT_MAX
from bargain._validate import (
    as_real_array,
    check_bool,
    check_choice,
    check_int,
    check_real,
    check_tol,
    describe,
)
from bargain.core.frozen import readonly
from bargain.core.game import Game, as_game
from bargain.errors import InvalidArgumentError, InvalidGameError
from bargain.repeated import _threshold_kernels as kern

__all__ = ["critical_delta", "CriticalDelta", "STRATEGIES"]

#: The strategy profiles ``critical_delta`` knows.
STRATEGIES = ("grim", "k_period", "tit_for_tat", "minmax")

_NOTION = {
    "grim": "subgame perfect (Nash reversion)",
    "k_period": "subgame perfect (k periods of Nash reversion)",
    "tit_for_tat": "Nash equilibrium of tit-for-tat against tit-for-tat",
    "minmax": "Nash equilibrium (minmax punishment; not subgame perfect in general)",
}


def _strategy_name(strategy: str, k: int | None, noise: Any) -> str:
    name = {
        "grim": "grim trigger",
        "k_period": f"{k}-period punishment",
        "tit_for_tat": "tit-for-tat",
        "minmax": "grim trigger with minmax punishment",
    }[strategy]
    if np.ndim(noise):
        name += " with noise (an array)"
    elif noise:
        name += f" with noise {fmt_number(noise)}"
    return name


# ----------------------------------------------------------------------------- result
@dataclass(frozen=True, eq=False, repr=False)
class CriticalDelta(Result):
    """The smallest discount factor sustaining a target profile, per game and per player.

    Attributes
    ----------
    delta : float or ndarray (batch)
        Smallest discount factor at which the target is sustained (``0``: a stage
        equilibrium; ``inf``: no discount factor below 1 works).
    delta_max : float or ndarray
        Largest such discount factor (``1.0``: every ``delta`` from ``delta`` up to 1;
        below 1 only for the tit-for-tat generalisation; NaN where none works).
    sustainable : bool or ndarray of bool
        Whether some discount factor below 1 sustains the target.
    per_player : ndarray, batch + (2,)
        Each player's own threshold (the profile's is their maximum).
    target_payoffs, deviation, punishment : ndarray, batch + (2,)
        ``R``, ``D`` (for tit-for-tat ``T``, the best non-target action) and ``P`` (for
        tit-for-tat ``Q``, the best non-target reply to the punishing action), per player,
        in the game's own units.
    sucker : ndarray or None
        Tit-for-tat only: ``S``, the target action against the punishing action.
    punishing_actions : ndarray or None
        Tit-for-tat only, batch + (2,): entry ``i`` is the action the opponent of player ``i``
        plays to punish ``i`` (a column action for the row player, a row action for the column).
    strategy, target, k, noise, notion
        What was asked and the equilibrium notion the threshold refers to.
    delta_exact, per_player_exact : Fraction (object arrays for a batch) or None
        With ``exact=True``: the thresholds as Fractions (``None`` where no discount factor
        works, or where a k-period root is irrational: see ``bracket``).
    target_payoffs_exact, deviation_exact, punishment_exact : object arrays or None
        With ``exact=True``: ``R``, ``D``, ``P`` as Fractions (batch + (2,)).
    bracket : tuple of two Fractions (for a batch, an object array of such pairs) or None
        With ``exact=True`` and an irrational k-period root: ``(lo, hi]`` contains it, width
        ``2**-64``, certified by exact evaluation; ``delta`` is then ``float(hi)``.
    """

    delta: Any
    delta_max: Any
    sustainable: Any
    per_player: np.ndarray
    target_payoffs: np.ndarray
    deviation: np.ndarray
    punishment: np.ndarray
    strategy: str
    target: tuple[int, int]
    notion: str
    k: int | None = None
    noise: Any = 0.0
    sucker: np.ndarray | None = None
    punishing_actions: np.ndarray | None = None
    delta_exact: Any = None
    per_player_exact: Any = None
    bracket: Any = None
    target_payoffs_exact: Any = None
    deviation_exact: Any = None
    punishment_exact: Any = None

    @property
    def batch_shape(self) -> tuple[int, ...]:
        """Shape of the batch of games (``()`` for one game)."""
        return self.per_player.shape[:-1]

    def _fmt(self, value: Any, exact: Any) -> str:
        return fmt_number(exact if exact is not None else value)

    def __repr__(self) -> str:
        labels = self.labels
        players = labels.players if labels is not None else ("Row", "Column")
        r, c = self.target
        if labels is not None and labels.row_actions and labels.col_actions:
            profile = f"({labels.row_actions[r]}, {labels.col_actions[c]})"
        else:
            profile = f"({r}, {c})"
        how = _strategy_name(self.strategy, self.k, self.noise)
        if self.batch_shape:
            ok = np.asarray(self.sustainable)
            finite = np.asarray(self.delta)[ok]
            span = (f", delta from {fmt_number(finite.min())} to {fmt_number(finite.max())}"
                    if finite.size else "")
            return (f"CriticalDelta({how}, target {profile}, batch of shape {self.batch_shape}: "
                    f"{int(ok.sum())} of {ok.size} sustainable{span}; {self._status_line()})")
        who = f"{players[0]} and {players[1]}"
        if not self.sustainable:
            head = f"{who} cannot sustain {profile} under {how} for any delta < 1"
        else:
            lo = self._fmt(self.delta, self.delta_exact)
            if self.bracket is not None:
                lo = f"{fmt_number(self.delta)} (an algebraic root, certified to 2**-64: see .bracket)"
            hi = self.delta_max
            if hi < 1:
                head = f"{who} sustain {profile} under {how} for {lo} <= delta <= {fmt_number(hi)}"
            else:
                head = f"{who} sustain {profile} under {how} for delta >= {lo}"
            if self.delta == 0:
                head += " (no one gains by deviating)"
        lines = [head]
        dev = "temptation" if self.strategy == "tit_for_tat" else "deviation"
        for i in (0, 1):
            own = self.per_player[i]
            own_exact = None if self.per_player_exact is None else self.per_player_exact[i]
            verdict = ("never" if not np.isfinite(own) else
                       f"delta >= {self._fmt(own, own_exact)}")
            exact = self.target_payoffs_exact is not None
            R, D, P = ((self.target_payoffs_exact, self.deviation_exact, self.punishment_exact)
                       if exact else (self.target_payoffs, self.deviation, self.punishment))
            parts = [f"target {fmt_number(R[i])}", f"{dev} {fmt_number(D[i])}",
                     f"punishment {fmt_number(P[i])}"]
            if self.sucker is not None:
                parts.append(f"sucker {fmt_number(self.sucker[i])}")
            lines.append(f"  {players[i]}: {', '.join(parts)} -> {verdict}")
        lines.append(f"  {self.notion}; {self._status_line()}")
        return "\n".join(lines)


# ----------------------------------------------------------------------------- checks
def _check_target(target: Any, shape: tuple[int, int], func: str) -> tuple[int, int]:
    m, n = shape
    if isinstance(target, np.ndarray):
        target = target.tolist()
    if not isinstance(target, tuple | list) or len(target) != 2:
        raise InvalidArgumentError(
            f"{func}: target must be a pair (row action, column action) of action indices, "
            f"got {describe(target)}"
        )
    r = check_int(target[0], "target[0] (row action)", func, low=0, high=m - 1)
    c = check_int(target[1], "target[1] (column action)", func, low=0, high=n - 1)
    return r, c


def _options(
    strategy: Any, k: Any, noise: Any, exact: Any, tol: Any, func: str
) -> tuple[str, int | None, Any, bool, float]:
    strategy = check_choice(strategy, STRATEGIES, "strategy", func)
    if strategy == "k_period":
        if k is None:
            raise InvalidArgumentError(f"{func}: strategy='k_period' needs the punishment length k= (>= 1)")
        k = check_int(k, "k", func, low=1)
    elif k is not None:
        raise InvalidArgumentError(
            f"{func}: k= is the punishment length of strategy='k_period'; got k={describe(k)} "
            f"with strategy={strategy!r}"
        )
    if isinstance(noise, np.ndarray | list | tuple):
        noise = as_real_array(noise, "noise", func, low=0.0)
        if (noise >= 1.0).any():
            raise InvalidArgumentError(
                f"{func}: noise must be < 1 (a probability below 1), got {describe(noise.max().item())}"
            )
        noise = readonly(noise)
    else:
        noise = check_real(noise, "noise", func, low=0.0, high=1.0, high_open=True)
    if np.any(noise) and strategy not in ("grim", "minmax"):
        raise InvalidArgumentError(
            f"{func}: noise= (public-signal monitoring) applies to strategy='grim' or 'minmax', "
            f"got strategy={strategy!r} with noise={noise!r}"
        )
    exact = check_bool(exact, "exact", func)
    if exact and strategy == "k_period" and k > K_PERIOD_EXACT_MAX:  # type: ignore[operator]
        raise InvalidArgumentError(
            f"{func}: exact=True evaluates the k-period polynomial exactly up to "
            f"k={K_PERIOD_EXACT_MAX}; got k={k}; use exact=False"
        )
    return strategy, k, noise, exact, check_tol(tol, func)


# ----------------------------------------------------------------------------- ingredients
def _target_payoffs(A: Any, B: Any, r: int, c: int) -> tuple[np.ndarray, np.ndarray]:
    """``R`` and ``D`` (best deviation, the target included) per player, batch + (2,)."""
    R = np.stack([A[..., r, c], B[..., r, c]], axis=-1)
    D = np.stack([A[..., :, c].max(axis=-1), B[..., r, :].max(axis=-1)], axis=-1)
    return R, D


def _nash_punishments(g: Game, tol: float, func: str) -> tuple[np.ndarray, bool]:
    """Worst stage-equilibrium payoff of each player on ``g`` (a loop over the batch)."""
    from bargain.solvers.nash.dispatch import nash_equilibria

    batch = g.batch_shape
    out = np.empty(batch + (2,))
    complete = True
    for idx in np.ndindex(*batch) if batch else [()]:
        sub = g[idx] if batch else g
        res = nash_equilibria(sub, tol=tol)
        complete &= bool(res.complete)
        pay = np.array([eq.payoffs for eq in res.equilibria])
        out[idx] = pay.min(axis=0)
    return out, complete


def _tft_ingredients(
    A: np.ndarray, B: np.ndarray, r: int, c: int, tie: np.ndarray
) -> tuple[np.ndarray, ...]:
    """``R, T, S, Q`` per player and the punishing actions, vectorised over the batch."""

    def side(M: np.ndarray, own: int, other: int, tie_i: np.ndarray) -> tuple[np.ndarray, ...]:
        # M[..., a, b]: this player's payoff for own action a against the opponent's b
        best = M.max(axis=-2)  # this player's best reply value to each opponent action
        best = best.copy()
        best[..., other] = np.inf
        low = best.min(axis=-1, keepdims=True)
        punish = np.argmax(best <= low + tie_i[..., None], axis=-1)  # first within the tie
        others = np.delete(M, own, axis=-2)
        R = M[..., own, other]
        T = others[..., :, other].max(axis=-1)
        S = np.take_along_axis(M[..., own, :], punish[..., None], axis=-1)[..., 0]
        against = np.take_along_axis(others, punish[..., None, None], axis=-1)[..., 0]
        Q = against.max(axis=-1)
        return R, T, S, Q, punish

    row = side(A, r, c, tie[..., 0])
    col = side(np.swapaxes(B, -1, -2), c, r, tie[..., 1])
    return tuple(np.stack([x, y], axis=-1) for x, y in zip(row, col))


# ----------------------------------------------------------------------------- float path
def _float_path(g: Game, strategy: str, target: tuple[int, int], k: int | None, noise: float,
                tol: float, func: str) -> dict[str, Any]:
    r, c = target
    ranges = np.asarray(g.payoff_range)
    out: dict[str, Any] = {"complete": True}
    if strategy == "tit_for_tat":
        lo = np.stack([g.A.min(axis=(-2, -1)), g.B.min(axis=(-2, -1))], axis=-1)
        norm = g.normalized
        tie = np.full(g.batch_shape + (2,), tol)
        R, T, S, Q, punish = _tft_ingredients(norm.A, norm.B, r, c, tie)
        low, high = kern.tft_intervals(R, T, S, Q, tie)
        def back(v: np.ndarray) -> np.ndarray:
            return lo + ranges * v

        out.update(per_player=low, high=high, R=back(R), D=back(T), P=back(Q), S=back(S),
                   punish=punish)
        return out
    if strategy == "k_period":
        def rule(gain: np.ndarray, loss: np.ndarray, tie: np.ndarray) -> np.ndarray:
            return kern.k_period_thresholds(gain, loss, tie, k)  # type: ignore[arg-type]
    else:
        def rule(gain: np.ndarray, loss: np.ndarray, tie: np.ndarray) -> np.ndarray:
            return kern.grim_thresholds(gain, loss, tie, 0.0)  # noise is applied afterwards
    if strategy in ("grim", "k_period") and g.shape == (2, 2):
        D, R, P, per, _ = kern.grim_ingredients_2x2(g.A, g.B, target, tol, rule)
        out.update(R=R, D=D, P=P, per_player=per)
    else:
        norm = g.normalized
        lo = np.stack([g.A.min(axis=(-2, -1)), g.B.min(axis=(-2, -1))], axis=-1)
        Rn, Dn = _target_payoffs(norm.A, norm.B, r, c)
        if strategy == "minmax":
            from bargain.solvers.security import minmax

            Pn = np.asarray(minmax(norm, tol=tol).values)
        else:
            Pn, complete = _nash_punishments(norm, tol, func)
            out["complete"] = complete
        tie = np.full(g.batch_shape + (2,), tol)
        gain = Dn - Rn
        loss = Rn - Pn
        out.update(R=lo + ranges * Rn, D=lo + ranges * Dn, P=lo + ranges * Pn,
                   per_player=rule(gain, loss, tie))
    return out


# ----------------------------------------------------------------------------- exact path
def _exact_path(g: Game, strategy: str, target: tuple[int, int], k: int | None, noise: float,
                tol: float, func: str) -> dict[str, Any]:

    r, c = target
    Ae, Be = g.exact_payoffs()
    batch = g.batch_shape
    per = np.empty(batch + (2,), dtype=object)
    high = np.ones(batch + (2,))
    brackets = np.empty(batch + (2,), dtype=object)
    fields = {name: np.empty(batch + (2,), dtype=object) for name in ("R", "D", "P", "S")}
    punish_actions = np.zeros(batch + (2,), dtype=np.int64)
    minmax_values = None
    if strategy == "minmax":
        from bargain.solvers.security import minmax

        minmax_values = minmax(g, exact=True, tol=tol).values_exact
    complete = True
    for idx in np.ndindex(*batch) if batch else [()]:
        a, b = Ae[idx], Be[idx]
        R = (a[r, c], b[r, c])
        if strategy == "tit_for_tat":
            vals = _tft_exact(a, b, r, c)
            for i in (0, 1):
                Ri, Ti, Si, Qi, pi = vals[i]
                fields["R"][idx + (i,)], fields["D"][idx + (i,)] = Ri, Ti
                fields["P"][idx + (i,)], fields["S"][idx + (i,)] = Qi, Si
                punish_actions[idx + (i,)] = pi
                span = kern.tft_interval_exact(Ri, Ti, Si, Qi)
                per[idx + (i,)] = None if span is None else span[0]
                high[idx + (i,)] = np.nan if span is None else float(span[1])
            continue
        D = (max(a[:, c]), max(b[r, :]))
        if strategy == "minmax":
            P = tuple(minmax_values[idx + (i,)] for i in (0, 1))  # type: ignore[index]
        else:
            from bargain.solvers.nash.dispatch import nash_equilibria

            res = nash_equilibria(g[idx] if batch else g, exact=True, tol=tol)
            complete &= bool(res.complete)
            P = tuple(min(eq.payoffs_exact[i] for eq in res.equilibria) for i in (0, 1))
        for i in (0, 1):
            fields["R"][idx + (i,)], fields["D"][idx + (i,)], fields["P"][idx + (i,)] = R[i], D[i], P[i]
            gain, loss = D[i] - R[i], R[i] - P[i]
            if strategy == "k_period":
                value, bracket, ok = kern.k_period_threshold_exact(gain, loss, k)  # type: ignore[arg-type]
                per[idx + (i,)] = value
                brackets[idx + (i,)] = bracket
                if not ok:
                    high[idx + (i,)] = np.nan
            else:
                per[idx + (i,)] = kern.grim_threshold_exact(gain, loss, Fraction(0))
    return {"per_exact": per, "high": high, "brackets": brackets, "fields": fields,
            "punish": punish_actions, "complete": complete}


def _tft_exact(a: np.ndarray, b: np.ndarray, r: int, c: int) -> list[tuple[Any, ...]]:
    def side(M: list[list[Fraction]], own: int, other: int) -> tuple[Any, ...]:
        n_opp = len(M[0])
        best = [max(M[x][y] for x in range(len(M))) for y in range(n_opp)]
        punish = min((y for y in range(n_opp) if y != other), key=lambda y: (best[y], y))
        rows = [x for x in range(len(M)) if x != own]
        return (M[own][other], max(M[x][other] for x in rows), M[own][punish],
                max(M[x][punish] for x in rows), punish)

    A = [list(row) for row in a]
    BT = [list(col) for col in zip(*b)]
    return [side(A, r, c), side(BT, c, r)]


def _broadcast_exact(res: dict[str, Any], batch: tuple[int, ...]) -> dict[str, Any]:
    """The exact path's per-game arrays broadcast to the result's batch (a noise grid)."""
    shape = batch + (2,)
    if res["per_exact"].shape == shape:
        return res

    def grow(arr: np.ndarray) -> np.ndarray:
        return np.array(np.broadcast_to(arr, shape))

    out = dict(res)
    for key in ("per_exact", "high", "brackets", "punish"):
        out[key] = grow(res[key])
    out["fields"] = {name: grow(arr) for name, arr in res["fields"].items()}
    return out


def _noisy_exact(per: np.ndarray, noise: Any, batch: tuple[int, ...], func: str) -> np.ndarray:
    """Exact noisy thresholds from the noiseless ones: ``delta / (1 - eps)`` while below 1."""
    from bargain.core.exact import to_fraction

    eps_all = np.broadcast_to(np.asarray(noise, dtype=float), batch)
    out = np.empty(per.shape, dtype=object)
    for idx in np.ndindex(*per.shape):
        base = per[idx]
        eps = to_fraction(float(eps_all[idx[:-1]]), func)
        if base is None or base == 0:
            out[idx] = base
        else:
            value = base / (1 - eps)
            out[idx] = value if value < 1 else None
    return out


def _why_not(per: np.ndarray, R: np.ndarray, D: np.ndarray, P: np.ndarray, strategy: str,
             k: int | None, noise: Any, g: Game, tol: float, batch: tuple[int, ...]) -> str:
    """The message of a result where no discount factor below 1 works (empty otherwise)."""
    never = ~np.isfinite(per)
    if not never.any():
        return ""
    if batch:
        bad = int(np.count_nonzero(never.any(axis=-1)))
        return (f"{bad} of {int(np.prod(batch))} targets cannot be sustained by any discount factor "
                "below 1 (per_player is inf for the player who cannot be held to the target)")
    reasons = []
    for i in (0, 1):
        if not never[i]:
            continue
        who = g.players[i]
        if strategy == "tit_for_tat":
            reasons.append(f"for {who} no discount factor makes cooperating a best reply to tit-for-tat")
        elif R[i] - P[i] <= tol * float(np.asarray(g.payoff_range)[i]):
            reasons.append(f"the punishment pays {who} {fmt_number(P[i])}, no less than the target "
                           f"{fmt_number(R[i])}, so it deters nothing")
        elif strategy == "k_period":
            reasons.append(f"{who}'s one-shot gain {fmt_number(D[i] - R[i])} is at least {k} periods "
                           f"of the punishment's loss {fmt_number(R[i] - P[i])}")
        else:
            reasons.append(f"with noise {fmt_number(noise)} the punishment is triggered too often on "
                           f"the path: {who} would need a discount factor of 1 or more")
        # (the cases above are exhaustive: a gain with a finite loss and no noise always has delta < 1)
    return "no discount factor below 1 sustains the target: " + "; ".join(reasons)


# ----------------------------------------------------------------------------- public API
def critical_delta(
    game: Any,
    *,
    target: Any = (0, 0),
    strategy: str = "grim",
    k: int | None = None,
    noise: float = 0.0,
    exact: bool = False,
    tol: float = DEFAULT_TOL,
) -> CriticalDelta:
    """The smallest discount factor at which ``target`` is sustained by ``strategy``.

    The model, the strategies, their closed forms and the equilibrium notion each yields
    are in the module documentation (:mod:`bargain.repeated.thresholds`).

    Parameters
    ----------
    game : Game or nashpy.Game
        The stage game, or a batch ``(..., m, n)`` of stage games sharing ``target``.
    target : (int, int), default (0, 0)
        The pure action profile (row action, column action) to sustain on the path.
    strategy : {"grim", "k_period", "tit_for_tat", "minmax"}
        Grim trigger with Nash reversion (subgame perfect), ``k``-period Nash punishment
        (subgame perfect), tit-for-tat against tit-for-tat (Nash), grim trigger with minmax
        punishment (Nash).
    k : int, optional
        Length of the punishment phase; required by (and only for) ``"k_period"``.
    noise : float in [0, 1), or an array of them, default 0
        Probability that a period of cooperation is publicly read as a defection (grim and
        minmax; Green-Porter 1984). An array broadcasts against the batch of games (a grid of
        noise levels in one call; the result's batch is the broadcast shape).
    exact : bool, default False
        Compute in Fractions (payoffs read exactly; floats as the decimals they print as).
    tol : float, default 1e-9
        Gains and losses within ``tol`` x the player's payoff range count as zero.

    Returns
    -------
    CriticalDelta
        ``delta`` (float, or an array for a batch; ``inf`` when no discount factor below 1
        works), ``sustainable``, ``per_player``, the ingredients ``target_payoffs``,
        ``deviation``, ``punishment``, and with ``exact=True`` ``delta_exact`` (or
        ``bracket`` for an irrational k-period root).

    Examples
    --------
    >>> import bargain as bg
    >>> pd = bg.Game([[3, 0], [5, 1]], [[3, 5], [0, 1]], row_actions=("Free trade", "Tariff"),
    ...              col_actions=("Free trade", "Tariff"), players=("US", "China"))
    >>> r = bg.repeated.critical_delta(pd, exact=True)
    >>> r.delta_exact, r.delta
    (Fraction(1, 2), 0.5)
    >>> r
    US and China sustain (Free trade, Free trade) under grim trigger for delta >= 1/2
      US: target 3, deviation 5, punishment 1 -> delta >= 1/2
      China: target 3, deviation 5, punishment 1 -> delta >= 1/2
      subgame perfect (Nash reversion); status=SUCCESS
    >>> bg.repeated.critical_delta(pd, strategy="tit_for_tat", exact=True).delta_exact  # max(1/2, 2/3)
    Fraction(2, 3)
    >>> bg.repeated.critical_delta(pd, noise=0.2, exact=True).delta_exact               # (1/2) / (4/5)
    Fraction(5, 8)
    >>> round(bg.repeated.critical_delta(pd, strategy="k_period", k=2).delta, 6)        # d + d^2 = 1
    0.618034
    """
    func = "critical_delta"
    g = as_game(game, func)
    strategy, k, noise, exact, tol = _options(strategy, k, noise, exact, tol, func)
    target = _check_target(target, g.shape, func)
    if strategy == "tit_for_tat" and min(g.shape) < 2:
        raise InvalidGameError(
            f"{func}: tit-for-tat needs a punishing action besides the target action for each "
            f"player; the game has shape {g.shape}"
        )
    batch = g.batch_shape
    high = None
    delta_exact = per_exact = bracket = sucker = punish = None
    fields_exact: dict[str, Any] = {}
    if np.ndim(noise):
        batch = np.broadcast_shapes(batch, np.shape(noise))
    if exact:
        res = _exact_path(g, strategy, target, k, noise, tol, func)
        res = _broadcast_exact(res, batch)
        if np.any(noise):
            res["per_exact"] = _noisy_exact(res["per_exact"], noise, batch, func)
        per_exact = res["per_exact"]
        fields = res["fields"]
        high = res["high"]
        flat = per_exact.ravel()
        brackets = res["brackets"].ravel()
        per_float = np.array(
            [float(v) if v is not None else (float(br[1]) if br is not None else np.inf)
             for v, br in zip(flat, brackets)]
        ).reshape(per_exact.shape)
        d_exact = np.empty(batch, dtype=object)
        d_bracket = np.empty(batch, dtype=object)
        for idx in np.ndindex(*batch) if batch else [()]:
            pair = [per_exact[idx + (i,)] for i in (0, 1)]
            brs = [res["brackets"][idx + (i,)] for i in (0, 1)]
            if any(np.isinf(per_float[idx + (i,)]) for i in (0, 1)):
                d_exact[idx] = None
                continue
            top = int(np.argmax([per_float[idx + (0,)], per_float[idx + (1,)]]))
            d_exact[idx] = pair[top]
            d_bracket[idx] = brs[top]
        R = np.vectorize(float, otypes=[float])(fields["R"])
        D = np.vectorize(float, otypes=[float])(fields["D"])
        P = np.vectorize(float, otypes=[float])(fields["P"])
        if strategy == "tit_for_tat":
            sucker = np.vectorize(float, otypes=[float])(fields["S"])
            punish = res["punish"]
        complete = res["complete"]
        fields_exact = {f"{name}_exact": readonly(fields[key]) for name, key in
                        (("target_payoffs", "R"), ("deviation", "D"), ("punishment", "P"))}
        if batch:
            delta_exact, per_exact = readonly(d_exact), readonly(per_exact)
            bracket = readonly(d_bracket) if strategy == "k_period" else None
        else:
            delta_exact, bracket = d_exact[()], d_bracket[()]
            per_exact = tuple(per_exact)
    else:
        res = _float_path(g, strategy, target, k, noise, tol, func)
        per_float = np.broadcast_to(res["per_player"], batch + (2,))
        if np.any(noise):
            per_float = kern.noisy(per_float, noise)
        R, D, P = (np.broadcast_to(res[key], batch + (2,)) for key in ("R", "D", "P"))
        if strategy == "tit_for_tat":
            high = res["high"]
            sucker, punish = res["S"], res["punish"]
        complete = res["complete"]
    delta = kern.combine_players(per_float)
    sustainable = np.isfinite(delta)
    if high is None:  # an up-set: every delta from the threshold up to 1
        delta_max = np.where(sustainable, 1.0, np.nan)
    else:
        delta_max = np.where(sustainable, np.fmin(high[..., 0], high[..., 1]), np.nan)
    status = Status.SUCCESS
    message = _why_not(per_float, R, D, P, strategy, k, noise, g, tol, batch)
    if not complete:
        status = Status.MAX_TIME
        message = (f"{func}: the equilibrium enumeration of some stage game ran out of time; the "
                   "threshold uses the worst equilibria found (a valid, possibly higher, threshold)")
        warn_if_uncertified(status, message)
    scalar = not batch
    return CriticalDelta(
        delta=float(delta) if scalar else readonly(delta),
        delta_max=float(delta_max) if scalar else readonly(delta_max),
        sustainable=bool(sustainable) if scalar else readonly(sustainable),
        per_player=readonly(np.asarray(per_float, dtype=float)),
        target_payoffs=readonly(np.asarray(R, dtype=float)),
        deviation=readonly(np.asarray(D, dtype=float)),
        punishment=readonly(np.asarray(P, dtype=float)),
        strategy=strategy,
        target=target,
        notion=_NOTION[strategy],
        k=k,
        noise=noise,
        sucker=None if sucker is None else readonly(np.asarray(sucker, dtype=float)),
        punishing_actions=None if punish is None else readonly(np.asarray(punish)),
        delta_exact=delta_exact,
        per_player_exact=per_exact,
        bracket=bracket,
        **fields_exact,
        status=status,
        message=message,
        labels=g.labels,
    )
