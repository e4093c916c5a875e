"""Issue linkage: several repeated games enforced by one punishment (multimarket contact).

Model and timing. The same two players play ``K`` stage games ("issues": trade access and
border security, say) side by side in every period, with a common discount factor
``delta`` and perfect monitoring. In issue ``k`` the target is a pure profile with payoffs
``R_ik``; player ``i``'s best one-shot deviation there pays ``D_ik`` and the punishment
(the stage equilibrium of issue ``k`` worst for ``i``, or ``i``'s minmax level with
``strategy="minmax"``) pays ``P_ik``. A player's payoff is the sum over issues.

*Separately*, each issue is enforced by grim trigger in that issue alone: issue ``k``'s
threshold is ``max_i (D_ik - R_ik) / (D_ik - P_ik)`` (:func:`~bargain.repeated.critical_delta`).
*Linked*, a deviation in any issue triggers the punishment in every issue at once; the best
deviation is then to deviate in every issue at once, and the targets are sustained iff

    sum_k (D_ik - R_ik) <= delta / (1 - delta) * sum_k (R_ik - P_ik)     for both players,

i.e. ``delta >= max_i sum_k (D_ik - R_ik) / sum_k (D_ik - P_ik)`` (Bernheim and Whinston
1990, "Multimarket contact and collusive behavior", RAND J. Econ. 21; Spagnolo
1999, "On interdependent supergames", J. Econ. Theory 89). The linked threshold is a
weighted mean of the per-issue ratios (a mediant), so when every issue's punishment is no
better than its target for each player (``R_ik >= P_ik``) it never exceeds the larger
separate threshold, and slack enforcement power in one issue can carry another that cannot
be sustained alone. (Where some issue's punishment pays a player more than its target,
linking that issue can hurt; the result says so.) Nash reversion in every issue is a stage
equilibrium of the joint game, so the linked profile is subgame perfect with
``strategy="grim"``; with ``"minmax"`` it is a Nash equilibrium.

Payoffs of different issues are added, so they must be in common units for each player
(a common positive affine change of a player's payoffs in every issue changes nothing;
rescaling one issue alone changes the weights, as it should).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from fractions import Fraction
from typing import Any

import numpy as np

from bargain._result import Result, Status, fmt_number
from bargain._thresholds import DEFAULT_TOL
from bargain._validate import check_bool, check_choice, check_tol, describe
from bargain.core.frozen import readonly
from bargain.core.game import as_game
from bargain.errors import InvalidArgumentError, InvalidGameError
from bargain.repeated.thresholds import CriticalDelta, critical_delta

__all__ = ["linked_critical_delta", "LinkedCriticalDelta"]


@dataclass(frozen=True, eq=False, repr=False)
class LinkedCriticalDelta(Result):
    """Per-issue thresholds and the threshold when all issues share one punishment.

    Attributes
    ----------
    deltas : tuple
        Each issue's own threshold (float, or an array for batches; ``inf``: not
        sustainable alone).
    linked : float or ndarray
        Smallest discount factor sustaining every target with the linked punishment
        (``inf`` when none below 1 works).
    linked_per_player : ndarray, batch + (2,)
        Each player's linked threshold (``linked`` is their maximum).
    sustainable : bool or ndarray
        Whether the linked profile is sustained by some discount factor below 1.
    issues : tuple of CriticalDelta
        The separate results (with their ingredients ``target_payoffs``, ``deviation``,
        ``punishment``).
    gain, loss : ndarray, batch + (2,)
        ``sum_k (D_ik - R_ik)`` and ``sum_k (R_ik - P_ik)`` per player.
    linked_exact, deltas_exact : with ``exact=True``, the same as Fractions (``None`` where
        no discount factor works).
    names : tuple of str
        The issues' names (the games' names, or ``issue 1``, ...).
    """

    deltas: tuple[Any, ...]
    linked: Any
    linked_per_player: np.ndarray
    sustainable: Any
    issues: tuple[CriticalDelta, ...]
    gain: np.ndarray
    loss: np.ndarray
    strategy: str
    names: tuple[str, ...]
    linked_exact: Any = None
    deltas_exact: tuple[Any, ...] | None = None

    def __repr__(self) -> str:
        labels = self.labels
        players = labels.players if labels is not None else ("Row", "Column")
        how = "grim trigger" if self.strategy == "grim" else "grim trigger with minmax punishment"
        if np.ndim(self.linked):
            ok = np.asarray(self.sustainable)
            return (f"LinkedCriticalDelta({len(self.issues)} issues under {how}, batch of shape "
                    f"{np.shape(self.linked)}: {int(ok.sum())} of {ok.size} sustainable when linked; "
                    f"{self._status_line()})")
        exact = self.linked_exact is not None or self.deltas_exact is not None

        def show(value: Any, value_exact: Any) -> str:
            if not np.isfinite(value):
                return "never"
            return f"delta >= {fmt_number(value_exact if exact and value_exact is not None else value)}"

        who = f"{players[0]} and {players[1]}"
        if self.sustainable:
            head = (f"{who} sustain all {len(self.issues)} targets with one linked punishment "
                    f"({how}) for {show(self.linked, self.linked_exact)}")
        else:
            head = (f"{who} cannot sustain all {len(self.issues)} targets with one linked "
                    f"punishment ({how}) for any delta < 1")
        lines = [head]
        for j, (name, d) in enumerate(zip(self.names, self.deltas)):
            dx = None if self.deltas_exact is None else self.deltas_exact[j]
            lines.append(f"  {name} alone: {show(d, dx)}")
        lines.append(f"  {self._status_line()}")
        return "\n".join(lines)


def _check_targets(targets: Any, count: int, func: str) -> list[Any]:
    if targets is None:
        return [(0, 0)] * count
    if isinstance(targets, str) or not isinstance(targets, Sequence | np.ndarray):
        raise InvalidArgumentError(
            f"{func}: targets must be a sequence of (row action, column action) pairs, one per "
            f"game; got {describe(targets)}"
        )
    targets = list(targets)
    if len(targets) != count:
        raise InvalidArgumentError(
            f"{func}: targets must give one profile per game ({count}), got {len(targets)}"
        )
    return targets


def linked_critical_delta(
    games: Any,
    *,
    targets: Any = None,
    strategy: str = "grim",
    exact: bool = False,
    tol: float = DEFAULT_TOL,
) -> LinkedCriticalDelta:
    """Each issue's critical discount factor and the one with a single linked punishment.

    The model and its sources are in the module documentation
    (:mod:`bargain.repeated.linkage`).

    Parameters
    ----------
    games : sequence of Game
        The issues (each a stage game between the same two players, or a batch of them;
        batch shapes broadcast). Payoffs are added across issues.
    targets : sequence of (int, int), optional
        The pure target profile of each issue (default ``(0, 0)`` in every issue).
    strategy : {"grim", "minmax"}
        The punishment: Nash reversion (subgame perfect) or minmax (Nash), in every issue.
    exact : bool, default False
        Fractions throughout (rational payoffs).
    tol : float, default 1e-9
        Gains and losses within ``tol`` x the player's payoff range (summed over issues for
        the linked sums) count as zero.

    Returns
    -------
    LinkedCriticalDelta
        ``deltas`` (one per issue), ``linked``, ``linked_per_player``, ``sustainable``,
        ``issues``, and with ``exact=True`` ``linked_exact`` and ``deltas_exact``.

    Examples
    --------
    >>> import bargain as bg
    >>> trade = bg.Game([[3, 0], [5, 1]], [[3, 5], [0, 1]], name="trade", players=("US", "Mexico"))
    >>> border = bg.Game([[4, 0], [5, 2]], [[4, 5], [0, 2]], name="border", players=("US", "Mexico"))
    >>> res = bg.repeated.linked_critical_delta([trade, border], exact=True)
    >>> res.deltas_exact, res.linked_exact     # (5-3 + 5-4) / (5-1 + 5-2) = 3/7
    ((Fraction(1, 2), Fraction(1, 3)), Fraction(3, 7))
    >>> res
    US and Mexico sustain all 2 targets with one linked punishment (grim trigger) for delta >= 3/7
      trade alone: delta >= 1/2
      border alone: delta >= 1/3
      status=SUCCESS
    """
    func = "linked_critical_delta"
    if isinstance(games, str) or not isinstance(games, Sequence):
        raise InvalidArgumentError(
            f"{func}: games must be a sequence of stage games (one per issue), got {describe(games)}"
        )
    glist = [as_game(g, func) for g in games]
    if not glist:
        raise InvalidArgumentError(f"{func}: games is empty; give at least one stage game")
    strategy = check_choice(strategy, ("grim", "minmax"), "strategy", func)
    exact = check_bool(exact, "exact", func)
    tol = check_tol(tol, func)
    tlist = _check_targets(targets, len(glist), func)
    try:
        batch = np.broadcast_shapes(*(g.batch_shape for g in glist))
    except ValueError:
        raise InvalidGameError(
            f"{func}: the games' batch shapes {[g.batch_shape for g in glist]} do not broadcast"
        ) from None
    issues = []
    for j, (g, t) in enumerate(zip(glist, tlist)):
        try:
            issues.append(critical_delta(g, target=t, strategy=strategy, exact=exact, tol=tol))
        except InvalidArgumentError as exc:
            raise type(exc)(f"{func}: issue {j}: {exc}") from None
    shape = batch + (2,)
    ranges = [np.broadcast_to(np.asarray(g.payoff_range), shape) for g in glist]
    tie_total = tol * sum(ranges)
    gains, losses = [], []
    for res, rng in zip(issues, ranges):
        gain = np.broadcast_to(res.deviation - res.target_payoffs, shape)
        gains.append(np.where(gain <= tol * rng, 0.0, gain))
        losses.append(np.broadcast_to(res.target_payoffs - res.punishment, shape))
    G = sum(gains)
    L = sum(losses)
    linked_exact = deltas_exact = None
    if exact:
        per_exact = np.empty(shape, dtype=object)
        G_ex = np.empty(shape, dtype=object)
        L_ex = np.empty(shape, dtype=object)
        for idx in np.ndindex(*shape):
            g_sum = Fraction(0)
            l_sum = Fraction(0)
            for res in issues:
                own = res.per_player.shape  # broadcast from the right
                sub = tuple(0 if s == 1 else i for s, i in zip(own, idx[len(idx) - len(own):]))
                D = res.deviation_exact[sub]
                R = res.target_payoffs_exact[sub]
                P = res.punishment_exact[sub]
                g_sum += D - R
                l_sum += R - P
            G_ex[idx], L_ex[idx] = g_sum, l_sum
            if g_sum <= 0:
                per_exact[idx] = Fraction(0)
            elif l_sum <= 0 or g_sum >= g_sum + l_sum:
                per_exact[idx] = None
            else:
                per_exact[idx] = g_sum / (g_sum + l_sum)
        per = np.array([np.inf if v is None else float(v) for v in per_exact.ravel()]).reshape(shape)
        G = np.array([float(v) for v in G_ex.ravel()]).reshape(shape)
        L = np.array([float(v) for v in L_ex.ravel()]).reshape(shape)
        both = np.empty(batch, dtype=object)
        for idx in np.ndindex(*batch) if batch else [()]:
            pair = [per_exact[idx + (i,)] for i in (0, 1)]
            both[idx] = None if any(v is None for v in pair) else max(pair)
        linked_exact = both[()] if not batch else readonly(both)
        deltas_exact = tuple(res.delta_exact for res in issues)
    else:
        with np.errstate(divide="ignore", invalid="ignore"):
            ratio = G / (G + L)
        per = np.where(G <= tie_total, 0.0,
                       np.where((L <= tie_total) | ~(ratio < 1.0), np.inf, ratio))
    linked = np.maximum(per[..., 0], per[..., 1])
    sustainable = np.isfinite(linked)
    separate = np.maximum.reduce([np.broadcast_to(np.asarray(r.delta, dtype=float), batch)
                                  for r in issues])
    message = ""
    worse = np.asarray(linked > separate + tol) & np.isfinite(separate)
    if worse.any():
        message = (f"{func}: linking raises the threshold above the larger separate one in "
                   f"{int(worse.sum())} case(s): some issue's punishment pays a player more than "
                   "its target there, so reverting that issue rewards the deviator")
    names = tuple(g.name or f"issue {j + 1}" for j, g in enumerate(glist))
    scalar = not batch
    return LinkedCriticalDelta(
        deltas=tuple(r.delta for r in issues),
        linked=float(linked) if scalar else readonly(linked),
        linked_per_player=readonly(np.asarray(per, dtype=float)),
        sustainable=bool(sustainable) if scalar else readonly(sustainable),
        issues=tuple(issues),
        gain=readonly(np.array(G, dtype=float)),
        loss=readonly(np.array(L, dtype=float)),
        strategy=strategy,
        names=names,
        linked_exact=linked_exact,
        deltas_exact=deltas_exact,
        status=Status.SUCCESS if all(r.success for r in issues) else Status.MAX_TIME,
        message=message,
        labels=glist[0].labels,
    )
