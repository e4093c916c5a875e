"""Iterated elimination of dominated actions, by pure and by mixed strategies.

An action ``i`` of the row player is *strictly dominated* by a mixed strategy ``x`` (with
``x_i = 0``) when ``(x A)_j > A_ij`` for every remaining column ``j``; likewise for the
column player with ``B``. Removing strictly dominated actions never removes a Nash
equilibrium (every equilibrium of the original game is one of the reduced game and vice
versa), and the end result does not depend on the order of removal (Gilboa, Kalai and
Zemel 1990; Osborne and Rubinstein 1994, Section 4.2). Domination by a mixed strategy is
decided by the linear program

    max eps  s.t.  sum_{k != i} x_k A[k, j] - A[i, j] >= eps  for all j,  x in the simplex,

(Myerson 1991, Section 3.9): ``i`` is dominated iff ``eps > 0``. Each player's payoffs are
first shifted and scaled to [0, 1] separately (DESIGN section 3), so that neither player's
scale nor shift changes what is removed, and margins are compared with ``tol`` there: an
action dominated only by a margin within ``tol`` times its owner's payoff range is kept
(keeping an action never loses an equilibrium). Margins are reported in the game's units.

Weak dominance (``strict=False``) is available but order-dependent and can remove Nash
equilibria; a :class:`~bargain.DegenerateGameWarning` says so whenever it removes something.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np

from bargain._result import Result, Status, fmt_number, fmt_strategy, warn
from bargain._thresholds import DEFAULT_TOL, SUPPORT_EPS
from bargain._validate import check_bool, check_tol
from bargain.core.game import Game, as_single_game
from bargain.errors import DegenerateGameWarning, SolverError

__all__ = ["iterated_dominance", "DominanceResult", "Elimination"]


@dataclass(frozen=True, eq=False)
class Elimination:
    """One removed action.

    Attributes
    ----------
    round : int
        Elimination round (1-based); all actions removed in a round were dominated in the
        game left after the previous round.
    player : int
        0 for the row player, 1 for the column player.
    action : int
        Index of the removed action in the **original** game.
    label : str
        Its label.
    dominator : ndarray
        The dominating strategy over the player's **original** actions (zero on the
        action itself and on actions removed earlier).
    kind : {"pure", "mixed"}
        Whether the dominator is a pure or a properly mixed strategy.
    margin : float
        Smallest payoff advantage of the dominator over the removed action against the
        opponent's remaining actions, in the game's payoff units (above ``tol`` x the
        player's payoff range for strict dominance; for weak dominance it may be 0, with a
        positive advantage against some action).
    """

    round: int
    player: int
    action: int
    label: str
    dominator: np.ndarray
    kind: str
    margin: float

    def __post_init__(self) -> None:
        arr = np.array(self.dominator, dtype=float)
        arr.setflags(write=False)
        object.__setattr__(self, "dominator", arr)

    def __repr__(self) -> str:
        who = "row" if self.player == 0 else "col"
        return (f"Elimination(round {self.round}: {who} action {self.action} {self.label!r} "
                f"by {self.kind} [{fmt_strategy(self.dominator)}], margin={fmt_number(self.margin)})")


@dataclass(frozen=True, eq=False, repr=False)
class DominanceResult(Result):
    """The game left after iterated elimination of dominated actions.

    Attributes
    ----------
    reduced : Game
        The surviving game, with the surviving action labels (exact payoffs are kept).
    rows, cols : tuple of int
        Indices of the surviving actions in the original game.
    eliminations : tuple of Elimination
        What was removed, in order: round, player, action, dominating strategy.
    rounds : int
        Number of rounds that removed something.
    mixed, strict : bool
        The options used.
    status, message, success
        ``SUCCESS`` (elimination always ends: at most ``m + n - 2`` rounds); the message
        summarises what was removed.
    """

    reduced: Game
    rows: tuple[int, ...]
    cols: tuple[int, ...]
    eliminations: tuple[Elimination, ...]
    rounds: int
    mixed: bool
    strict: bool

    @property
    def solved(self) -> bool:
        """True when a single action profile survives (the game is dominance solvable)."""
        return len(self.rows) == 1 and len(self.cols) == 1

    def __repr__(self) -> str:
        m, n = self.reduced.shape
        kind = ("strict" if self.strict else "weak") + (" (pure and mixed)" if self.mixed else " (pure)")
        status = "status=SUCCESS" if self.success else self._status_line()
        players = self.reduced.players
        lines = [
            f"DominanceResult({kind} dominance: {len(self.eliminations)} action(s) removed in "
            f"{self.rounds} round(s); {m}x{n} game left, rows={self.rows}, cols={self.cols}, {status})"
        ]
        for e in self.eliminations:
            actions = self.labels.actions(e.player) if self.labels is not None else None
            lines.append(
                f"  round {e.round}: {players[e.player]} drops {e.label!r}, dominated by "
                f"{fmt_strategy(e.dominator, actions)} (margin {fmt_number(e.margin)})"
            )
        survivors = ", ".join(self.reduced.row_actions) + " / " + ", ".join(self.reduced.col_actions)
        lines.append(f"  left: {survivors}")
        return "\n".join(lines)


# ----------------------------------------------------------------------------- checks
def _pure_dominator(sub: np.ndarray, i: int, atol: float, strict: bool) -> tuple[int, float] | None:
    """Best pure dominator ``k`` of row ``i`` of ``sub`` (rows: own actions) and its margin."""
    diff = sub - sub[i]  # (rows, opp)
    if strict:
        margins = diff.min(axis=1)
        margins[i] = -np.inf
        k = int(np.argmax(margins))
        return (k, float(margins[k])) if margins[k] > atol else None
    ok = (diff >= -atol).all(axis=1) & (diff > atol).any(axis=1)
    ok[i] = False
    if not ok.any():
        return None
    totals = np.where(ok, diff.sum(axis=1), -np.inf)
    k = int(np.argmax(totals))
    return k, float(diff[k].min())


def _mixed_dominator(sub: np.ndarray, i: int, atol: float, strict: bool) -> tuple[np.ndarray, float] | None:
    """A mixed strategy over the other rows dominating row ``i`` (strictly or weakly), by LP."""
    from bargain.solvers._lp import LPStatus, solve_lp

    others = [k for k in range(sub.shape[0]) if k != i]
    S = sub[others]  # (k, opp)
    target = sub[i]
    k, opp = S.shape
    if strict:
        # variables (x, eps): max eps  s.t.  eps - x S_j <= -target_j
        c = np.zeros(k + 1)
        c[-1] = 1.0
        A_ub = np.hstack([-S.T, np.ones((opp, 1))])
        A_eq = np.hstack([np.ones((1, k)), np.zeros((1, 1))])
        bounds = [(0, None)] * k + [(None, None)]
        sol = solve_lp(c, A_ub=A_ub, b_ub=-target, A_eq=A_eq, b_eq=[1.0], bounds=bounds, maximize=True)
    else:
        # max sum_j (x S)_j  s.t.  x S_j >= target_j
        c = S.sum(axis=1)
        sol = solve_lp(c, A_ub=-S.T, b_ub=-target, A_eq=np.ones((1, k)), b_eq=[1.0],
                       bounds=[(0, None)] * k, maximize=True)
    if sol.status is LPStatus.INFEASIBLE:
        return None
    if not sol.optimal or sol.x is None:
        raise SolverError(
            f"iterated_dominance: the dominance LP ended with status {sol.status.name} ({sol.message})"
        )
    x = np.clip(sol.x[:k], 0.0, None)
    x /= x.sum()
    diff = x @ S - target
    full = np.zeros(sub.shape[0])
    full[others] = x
    if strict:
        margin = float(diff.min())
        return (full, margin) if margin > atol else None
    if diff.min() >= -atol and diff.sum() > atol:
        return full, float(diff.min())
    return None


def _dominated(
    own: np.ndarray, live_own: list[int], live_opp: list[int], atol: float, mixed: bool, strict: bool
) -> list[tuple[int, np.ndarray, str, float]]:
    """Dominated actions of one player; ``own[i, j]``: payoff of own action i against j."""
    sub = own[np.ix_(live_own, live_opp)]
    out = []
    if len(live_own) < 2:
        return out
    size = own.shape[0]
    for pos, action in enumerate(live_own):
        found = _pure_dominator(sub, pos, atol, strict)
        if found is not None:
            dom = np.zeros(size)
            dom[live_own[found[0]]] = 1.0
            out.append((action, dom, "pure", found[1]))
            continue
        if mixed and len(live_own) > 2:
            got = _mixed_dominator(sub, pos, atol, strict)
            if got is not None:
                dom = np.zeros(size)
                dom[live_own] = got[0]
                kind = "pure" if np.count_nonzero(dom > SUPPORT_EPS) == 1 else "mixed"
                out.append((action, dom, kind, got[1]))
    return out


# ----------------------------------------------------------------------------- public
def iterated_dominance(
    game: Any, *, mixed: bool = True, strict: bool = True, tol: float = DEFAULT_TOL
) -> DominanceResult:
    """Iteratively remove dominated actions of both players; return the reduced game.

    Each round finds every action of either player that is dominated in the game left by
    the previous round (by a pure strategy, or with ``mixed=True`` by a mixed strategy
    found by linear programming) and removes them all; rounds repeat until nothing is
    dominated. With strict dominance the reduced game has exactly the Nash equilibria of
    the original game (padded with zeros) and the order of removal does not matter
    (Gilboa, Kalai and Zemel 1990).

    Parameters
    ----------
    game : Game or nashpy.Game
        A single bimatrix game.
    mixed : bool, default True
        Also test domination by mixed strategies (one LP per action and round).
    strict : bool, default True
        Strict dominance. ``False`` removes weakly dominated actions instead: the result
        then depends on the order of elimination (here: all weakly dominated actions of both
        players per round) and Nash equilibria can be lost, so a
        :class:`~bargain.DegenerateGameWarning` is issued whenever something is removed.
    tol : float
        Payoff margins within ``tol`` times the owner's payoff range count as ties (not
        dominance); decided on each player's payoffs normalised to [0, 1], so no scale or
        shift of either player's payoffs changes what is removed.

    Returns
    -------
    DominanceResult
        ``reduced`` game, surviving ``rows``/``cols`` (original indices), and the
        ``eliminations`` with their dominating strategies.

    Examples
    --------
    Gibbons (1992, Section 1.1.B): Right is dominated by Middle, then Down by Up, then
    Left by Middle, leaving (Up, Middle).

    >>> g = bg.Game([[1, 1, 0], [0, 0, 2]], [[0, 2, 1], [3, 1, 0]],
    ...             row_actions=("Up", "Down"), col_actions=("Left", "Middle", "Right"))
    >>> res = bg.iterated_dominance(g)
    >>> res.reduced.row_actions, res.reduced.col_actions, res.rounds
    (('Up',), ('Middle',), 3)

    A row dominated only by a mixture of the other two:

    >>> res = bg.iterated_dominance(bg.Game([[3, 0], [0, 3], [1, 1]], [[0, 0], [0, 0], [0, 0]]))
    >>> res.rows, res.eliminations[0].kind, res.eliminations[0].dominator.tolist()
    ((0, 1), 'mixed', [0.5, 0.5, 0.0])
    """
    func = "iterated_dominance"
    g = as_single_game(game, func)
    mixed = check_bool(mixed, "mixed", func)
    strict = check_bool(strict, "strict", func)
    tol = check_tol(tol, func)
    m, n = g.shape
    rows, cols = list(range(m)), list(range(n))
    # decide on each player's payoffs normalised to [0, 1]; report margins in the game's units
    norm = g.normalized
    A, BT = np.asarray(norm.A), np.asarray(norm.B).T
    ranges = np.where(g.payoff_range > 0, g.payoff_range, 1.0)
    eliminations: list[Elimination] = []
    rounds = 0
    while True:
        row_out = _dominated(A, rows, cols, tol, mixed, strict)
        col_out = _dominated(BT, cols, rows, tol, mixed, strict)
        if not row_out and not col_out:
            break
        rounds += 1
        for player, found, labels in ((0, row_out, g.row_actions), (1, col_out, g.col_actions)):
            for action, dom, kind, margin in found:
                eliminations.append(
                    Elimination(rounds, player, action, labels[action], dom, kind,
                                margin * float(ranges[player]))
                )
        removed_r = {a for a, *_ in row_out}
        removed_c = {a for a, *_ in col_out}
        rows = [i for i in rows if i not in removed_r]
        cols = [j for j in cols if j not in removed_c]
    if not strict and eliminations:
        warn(
            f"{func}: weak dominance removed {len(eliminations)} action(s); the reduced game can "
            "depend on the order of elimination and can lose Nash equilibria",
            DegenerateGameWarning,
        )
    source = g.exact_payoffs() if g.has_exact_payoffs else (g.A, g.B)
    pick = np.ix_(rows, cols)
    reduced = Game(
        source[0][pick],
        source[1][pick],
        row_actions=tuple(g.row_actions[i] for i in rows),
        col_actions=tuple(g.col_actions[j] for j in cols),
        players=g.players,
        name=g.name,
    )
    kind = "strictly" if strict else "weakly"
    message = (f"{len(eliminations)} {kind} dominated action(s) removed in {rounds} round(s) "
               f"({'pure and mixed' if mixed else 'pure'} dominators)")
    return DominanceResult(
        reduced=reduced,
        rows=tuple(rows),
        cols=tuple(cols),
        eliminations=tuple(eliminations),
        rounds=rounds,
        mixed=mixed,
        strict=strict,
        status=Status.SUCCESS,
        message=message,
        labels=g.labels,
    )
