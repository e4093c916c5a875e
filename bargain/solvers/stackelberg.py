"""Commitment (Stackelberg) equilibria and the value of commitment.

A *leader* announces a strategy and is believed; the *follower* observes it and best
responds. In a **strong Stackelberg equilibrium** the follower breaks ties in the leader's
favour, so the leader's optimal commitment exists (von Stengel & Zamir 2010, Sect. 2).
Committing to a *mixed* strategy can be worth more than any Nash equilibrium and more than
any pure commitment: that difference is the measured worth of strategic ambiguity.

Algorithms
----------
* ``commitment="mixed"``, ``method="lp"``: one linear program per follower action ``j``
  (Conitzer & Sandholm 2006, "Computing the optimal strategy to commit to", EC'06,
  Sect. 3): maximise the leader's payoff over leader strategies that make ``j`` a best
  response; the best of the feasible LPs is the optimal commitment. Each game of a batch
  is solved in a Python loop (``n`` small LPs per game).
* ``commitment="mixed"``, ``method="breakpoints"`` (leader with two actions): the leader's
  optimum is attained where the follower's best response changes or at a pure strategy, so
  the candidates ``p`` in ``{0, 1}`` and every pairwise indifference point of the
  follower are evaluated at once, vectorised over the batch (no loop).
* ``commitment="pure"``: direct enumeration of the leader's actions, vectorised.

Numbers (DESIGN section 3): every method works on each player's payoffs shifted and scaled
to [0, 1] separately, so neither player's scale or shift changes the answer, and decides the
follower's ties the same way: an action is a best response when its payoff is within ``tol``
of the best on the follower's normalised payoffs (within ``tol`` times the follower's own
payoff range). Payoffs are reported on the original game.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np

from bargain._result import Result, Status, fmt_number, fmt_strategy, warn_if_uncertified
from bargain._thresholds import DEFAULT_TOL
from bargain._validate import check_choice, check_tol
from bargain.core import kernels
from bargain.core.frozen import frozen as _frozen
from bargain.core.game import Game, as_game, as_single_game
from bargain.errors import InvalidArgumentError, SolverError
from bargain.solvers._lp import LPStatus, solve_lp

__all__ = ["stackelberg", "commitment_value", "StackelbergResult", "CommitmentValue"]

LEADERS = ("row", "col")
COMMITMENTS = ("mixed", "pure")
METHODS = ("auto", "lp", "breakpoints")


@dataclass(frozen=True, eq=False, repr=False)
class StackelbergResult(Result):
    """The leader's optimal commitment and the follower's response (one game or a batch).

    Array fields carry the game's batch shape in front (``...``).

    Attributes
    ----------
    leader, commitment : str
        ``"row"`` or ``"col"``; ``"mixed"`` or ``"pure"``.
    leader_strategy : ndarray, shape (..., k)
        The leader's commitment (a probability vector over the leader's ``k`` actions).
    follower_action : int or ndarray of int, shape (...)
        The follower's response: a best response to ``leader_strategy``, ties broken in the
        leader's favour.
    follower_label : str or ndarray of str
        Label of ``follower_action`` (the game's action label).
    follower_strategy : ndarray, shape (..., r)
        ``follower_action`` as a pure strategy (one-hot vector).
    payoffs : ndarray, shape (..., 2)
        Expected payoffs ordered ``(row player, column player)`` whoever leads, in the
        game's units.
    best_responses : ndarray of bool, shape (..., r)
        All the follower's best responses to ``leader_strategy`` (within ``tol`` of the
        best, relative to the follower's payoff range); more than one means the follower is
        indifferent and the tie was broken for the leader.
    follower_regret : float or ndarray
        Follower's best payoff minus the payoff of ``follower_action``, in the game's units
        (certificate: ``<= tol`` x the follower's payoff range).
    method : str
        ``"lp"``, ``"breakpoints"`` or ``"enumeration"``.
    tol : float
        Tolerance relative to the follower's payoff range.
    status, message, success
        ``SUCCESS`` when every game is certified (follower best-responds within tol and, for
        the LP method, every LP ended optimal or proved infeasible).
    """

    leader: str
    commitment: str
    leader_strategy: np.ndarray
    follower_action: int | np.ndarray
    follower_label: str | np.ndarray
    follower_strategy: np.ndarray
    payoffs: np.ndarray
    best_responses: np.ndarray
    follower_regret: float | np.ndarray
    method: str
    tol: float

    @property
    def batch_shape(self) -> tuple[int, ...]:
        """Shape of the batch of games (``()`` for a single game)."""
        return self.payoffs.shape[:-1]

    @property
    def row(self) -> np.ndarray:
        """The row player's strategy: the commitment if the row player leads, else its response."""
        return self.leader_strategy if self.leader == "row" else self.follower_strategy

    @property
    def col(self) -> np.ndarray:
        """The column player's strategy: the commitment if the column player leads, else its response."""
        return self.leader_strategy if self.leader == "col" else self.follower_strategy

    @property
    def leader_payoff(self) -> float | np.ndarray:
        """The leader's expected payoff (the Stackelberg value)."""
        v = self.payoffs[..., 0 if self.leader == "row" else 1]
        return float(v) if v.ndim == 0 else v

    @property
    def follower_payoff(self) -> float | np.ndarray:
        """The follower's expected payoff."""
        v = self.payoffs[..., 1 if self.leader == "row" else 0]
        return float(v) if v.ndim == 0 else v

    @property
    def ties(self) -> tuple[int, ...]:
        """Indices of the follower's best responses (single game only)."""
        if self.batch_shape:
            raise InvalidArgumentError(
                "StackelbergResult.ties: defined for a single game; use best_responses for a batch"
            )
        return tuple(int(j) for j in np.flatnonzero(self.best_responses))

    def __repr__(self) -> str:
        status = "status=SUCCESS" if self.success else self._status_line()
        head = f"StackelbergResult({self.commitment} commitment, method={self.method!r}"
        if self.batch_shape:
            return f"{head}, batch of shape {self.batch_shape}, {status})"
        lead = 0 if self.leader == "row" else 1
        labels = self.labels
        players = labels.players if labels is not None else ("Row", "Column")
        acts = labels.actions(lead) if labels is not None else None
        follower_acts = labels.actions(1 - lead) if labels is not None else None
        lines = [
            f"{head}, {status})",
            f"  {players[lead]} commits to {fmt_strategy(self.leader_strategy, acts)}; "
            f"{players[1 - lead]} answers {self.follower_label}",
        ]
        if len(self.ties) > 1:
            names = [follower_acts[j] if follower_acts else str(j) for j in self.ties]
            lines.append(f"  ({players[1 - lead]} is indifferent between {', '.join(names)}; "
                         f"the tie goes to {players[lead]})")
        lines.append(f"  payoffs: {players[0]} {fmt_number(self.payoffs[0])}, "
                     f"{players[1]} {fmt_number(self.payoffs[1])}")
        return "\n".join(lines)


# ---------------------------------------------------------------------------- kernels
# All kernels take the game with the leader as the row player: L (leader payoffs) and
# F (follower payoffs), shape (..., k, r), each normalised to [0, 1], and tol, the follower's
# tie tolerance on that scale (the same rule in every method).


def _pure_commitment(L: np.ndarray, F: np.ndarray, tol: float) -> np.ndarray:
    """Leader strategies (one-hot, (..., k)) of the optimal pure commitment, vectorised."""
    br = kernels.best_response_mask(F, tol)  # (..., k, r)
    value = np.where(br, L, -np.inf).max(axis=-1)  # (..., k): tie broken for the leader
    return np.eye(L.shape[-2])[value.argmax(axis=-1)]


def _breakpoint_commitment(L: np.ndarray, F: np.ndarray, tol: float) -> np.ndarray:
    """Optimal mixed commitment of a two-action leader, vectorised over the batch."""
    r = F.shape[-1]
    F0, F1 = F[..., 0, :], F[..., 1, :]
    D = F0 - F1  # follower's payoff slope in p (probability of leader action 0)
    cands = [np.zeros(F.shape[:-2] + (1,)), np.ones(F.shape[:-2] + (1,))]
    if r > 1:
        j, l = np.triu_indices(r, 1)
        num = F1[..., l] - F1[..., j]
        den = D[..., j] - D[..., l]
        with np.errstate(divide="ignore", invalid="ignore"):
            p = np.where(den != 0, num / np.where(den != 0, den, 1.0), 0.0)
        p = np.where((p >= 0.0) & (p <= 1.0), p, 0.0)
        cands.append(p)
    p = np.concatenate(cands, axis=-1)  # (..., K)
    pe = p[..., :, None]
    u = pe * F0[..., None, :] + (1.0 - pe) * F1[..., None, :]  # (..., K, r)
    w = pe * L[..., None, 0, :] + (1.0 - pe) * L[..., None, 1, :]
    br = kernels.best_response_mask(u, tol)
    value = np.where(br, w, -np.inf).max(axis=-1)  # (..., K)
    best = value.argmax(axis=-1)
    pstar = np.take_along_axis(p, best[..., None], axis=-1)[..., 0]
    return np.stack([pstar, 1.0 - pstar], axis=-1)


def _row_normalised(M: np.ndarray) -> np.ndarray:
    """Divide each row by its largest absolute entry and drop all-zero rows (LP conditioning)."""
    size = np.abs(M).max(axis=1)
    keep = size > 0
    return M[keep] / size[keep, None]


def _lp_commitment_one(
    L: np.ndarray, F: np.ndarray, tol: float, func: str
) -> tuple[np.ndarray, list[str], float]:
    """Conitzer-Sandholm: one LP per follower action, for a single game.

    Returns the commitment, the LPs that ended without a proven optimum or infeasibility,
    and the best LP value (the leader payoff the commitment must reach).
    """
    k, r = L.shape
    if k == 1:  # nothing to choose: the follower's best responses, tie to the leader
        return np.ones(1), [], float(L[0][F[0] >= F[0].max() - tol].max())
    best_value = -np.inf
    best_x: np.ndarray | None = None
    problems: list[str] = []
    ones = np.ones((1, k))
    for j in range(r):
        # follower prefers j to every l: x . (F[:, l] - F[:, j]) <= 0, each row normalised
        G = _row_normalised((F - F[:, [j]]).T)
        A_ub, b_ub = (G, np.zeros(G.shape[0])) if G.shape[0] else (None, None)
        size = float(np.abs(L[:, j]).max())
        c = L[:, j] / size if size > 0 else np.zeros(k)
        sol = solve_lp(c, A_ub=A_ub, b_ub=b_ub, A_eq=ones, b_eq=[1.0], maximize=True)
        if sol.status is LPStatus.INFEASIBLE:
            continue  # j is never a best response: a normal outcome
        if not sol.optimal:
            problems.append(f"follower action {j}: {sol.status.name} ({sol.message})")
            continue
        value = float(sol.x @ L[:, j])
        if value > best_value:
            best_value, best_x = value, sol.x
    if best_x is None:
        raise SolverError(
            f"{func}: no follower-action LP ended optimal; HiGHS reported: "
            + "; ".join(problems or ["every LP infeasible"])
        )
    x = np.clip(best_x, 0.0, None)
    return x / x.sum(), problems, best_value


def _lp_commitment(
    L: np.ndarray, F: np.ndarray, tol: float, func: str
) -> tuple[np.ndarray, list[str], np.ndarray]:
    """Loop of :func:`_lp_commitment_one` over the batch (documented per-game loop)."""
    batch = L.shape[:-2]
    out = np.empty(batch + (L.shape[-2],))
    best = np.empty(batch)
    problems: list[str] = []
    for idx in np.ndindex(batch):
        x, probs, best[idx] = _lp_commitment_one(L[idx], F[idx], tol, func)
        out[idx] = x
        where = f"game {idx}: " if batch else ""
        problems += [where + p for p in probs]
    return out, problems, best


# ---------------------------------------------------------------------------- public API


def stackelberg(
    game: Any,
    *,
    leader: str = "row",
    commitment: str = "mixed",
    method: str = "auto",
    tol: float = DEFAULT_TOL,
) -> StackelbergResult:
    """The leader's optimal commitment: a strong Stackelberg equilibrium.

    The leader commits to a strategy, the follower observes it and plays a best response,
    breaking ties in the leader's favour (strong Stackelberg equilibrium). With
    ``commitment="mixed"`` the leader may commit to a mixed strategy (Conitzer & Sandholm
    2006, EC'06, Sect. 3: one LP per follower action; von Stengel & Zamir 2004, "Leadership
    with commitment to mixed strategies", LSE-CDAM-2004-01, published as "Leadership games
    with convex strategy sets", GEB 69, 2010); with ``"pure"`` only to one of its actions.

    Parameters
    ----------
    game : Game or nashpy.Game
        A game or a batch of games ``(..., m, n)``.
    leader : {"row", "col"}
        Who commits.
    commitment : {"mixed", "pure"}
        Strategies the leader may commit to.
    method : {"auto", "lp", "breakpoints"}
        For mixed commitment: ``"lp"`` (one LP per follower action; a batch is solved game
        by game in a loop), ``"breakpoints"`` (a leader with two actions only: the closed
        form over the follower's indifference points, vectorised). ``"auto"`` uses
        breakpoints when the leader has two actions, else LPs. Ignored for pure commitment
        (vectorised enumeration).
    tol : float
        The follower's regret tolerance, relative to its payoff range: an action within
        ``tol`` of the follower's best counts as a best response (a tie the leader breaks).
        Decided on each player's payoffs normalised to [0, 1], the same way by every
        method, so no scale or shift of either player's payoffs changes the answer.

    Returns
    -------
    StackelbergResult
        Payoffs are ordered ``(row player, column player)`` whoever leads.

    Raises
    ------
    InvalidArgumentError
        Bad game (:class:`~bargain.InvalidGameError`), leader, commitment, method or tol.
    SolverError
        HiGHS failed on every follower LP of a game.

    Examples
    --------
    The example of Conitzer & Sandholm (2006, Sect. 1): ``Up`` strictly dominates, so the
    only Nash equilibrium gives the row player 2, pure commitment to ``Down`` gives 3, and
    committing to an even mix (the follower is indifferent, the tie goes to the leader)
    gives 3.5.

    >>> import bargain as bg
    >>> g = bg.Game([[2, 4], [1, 3]], [[1, 0], [0, 1]],
    ...             row_actions=("Up", "Down"), col_actions=("Left", "Right"))
    >>> res = bg.stackelberg(g, leader="row", commitment="mixed")
    >>> res.leader_strategy.tolist(), res.follower_label, res.payoffs.tolist()
    ([0.5, 0.5], 'Right', [3.5, 0.5])
    >>> res.ties
    (0, 1)
    >>> bg.stackelberg(g, commitment="pure").payoffs.tolist()
    [3.0, 1.0]

    A trade standoff in which the US leads:

    >>> trade = bg.Game([[2, 4], [1, 3]], [[1, 0], [0, 1]], row_actions=("Tariff", "Free"),
    ...                 col_actions=("Retaliate", "Free"), players=("US", "China"))
    >>> bg.stackelberg(trade)
    StackelbergResult(mixed commitment, method='breakpoints', status=SUCCESS)
      US commits to Tariff 0.5, Free 0.5; China answers Free
      (China is indifferent between Retaliate, Free; the tie goes to US)
      payoffs: US 3.5, China 0.5
    """
    func = "stackelberg"
    g = as_game(game, func)
    leader = check_choice(leader, LEADERS, "leader", func)
    commitment = check_choice(commitment, COMMITMENTS, "commitment", func)
    method = check_choice(method, METHODS, "method", func)
    tol = check_tol(tol, func)
    return _stackelberg(g, leader, commitment, method, tol, func)


def _stackelberg(
    g: Game, leader: str, commitment: str, method: str, tol: float, func: str
) -> StackelbergResult:
    norm = g.normalized  # each player's payoffs in [0, 1]: ties and certificates are decided here
    if leader == "row":
        L, F, follower_labels = norm.A, norm.B, g.col_actions
        L_orig, F_orig = g.A, g.B
        f_range = g.payoff_range[..., 1]
    else:
        swap = np.swapaxes
        L, F, follower_labels = swap(norm.B, -1, -2), swap(norm.A, -1, -2), g.row_actions
        L_orig, F_orig = swap(g.B, -1, -2), swap(g.A, -1, -2)
        f_range = g.payoff_range[..., 0]
    k = L.shape[-2]
    problems: list[str] = []
    lp_best = None
    if commitment == "pure":
        x = _pure_commitment(L, F, tol)
        used = "enumeration"
    else:
        if method == "breakpoints" and k != 2:
            raise InvalidArgumentError(
                f"{func}: method 'breakpoints' needs a leader with two actions, the "
                f"{leader} player has {k}"
            )
        if method == "breakpoints" or (method == "auto" and k == 2):
            x = _breakpoint_commitment(L, F, tol)
            used = "breakpoints"
        else:
            x, problems, lp_best = _lp_commitment(L, F, tol, func)
            used = "lp"
    # the follower's response to x, ties broken for the leader (strong Stackelberg)
    fvals = kernels.col_action_payoffs(F, x)  # (..., r), normalised
    lvals = kernels.col_action_payoffs(L, x)
    br = kernels.best_response_mask(fvals, tol)
    j = np.where(br, lvals, -np.inf).argmax(axis=-1)
    r = F.shape[-1]
    y = np.eye(r)[j]
    f_regret01 = fvals.max(axis=-1) - np.take_along_axis(fvals, j[..., None], axis=-1)[..., 0]
    certified = bool(np.all(f_regret01 <= tol))
    # the answer reaches the best of the follower-action LPs (tie-breaking only adds)
    lead01 = np.take_along_axis(lvals, j[..., None], axis=-1)[..., 0]
    reaches = True if lp_best is None else bool(np.all(lead01 >= lp_best - tol))
    # payoffs and regret on the original game (convex combinations: no overflow)
    pick = j[..., None]
    lead = np.take_along_axis(kernels.col_action_payoffs(L_orig, x), pick, axis=-1)[..., 0]
    follow = np.take_along_axis(kernels.col_action_payoffs(F_orig, x), pick, axis=-1)[..., 0]
    f_regret = f_regret01 * f_range
    payoffs = np.stack([lead, follow] if leader == "row" else [follow, lead], axis=-1)
    status = Status.SUCCESS if certified and reaches and not problems else Status.UNCERTIFIED
    notes = [
        f"{commitment} commitment by the {leader} player ({used}); follower ties broken in "
        "the leader's favour"
    ]
    if not certified:
        notes.append(
            f"follower regret {float(np.max(f_regret01)):.3g} (relative to its payoff range) exceeds tol"
        )
    if not reaches:
        notes.append("the leader payoff falls short of the best follower-action LP by more than tol")
    if problems:
        notes.append("LPs without a proven optimum, so the commitment may be suboptimal: "
                     + "; ".join(problems))
    message = "; ".join(notes)
    warn_if_uncertified(status, f"{func}: {message}")
    labels = np.array(follower_labels, dtype=object)
    single = j.ndim == 0
    return StackelbergResult(
        leader=leader,
        commitment=commitment,
        leader_strategy=_frozen(x),
        follower_action=int(j) if single else _frozen(j, np.int64),
        follower_label=str(labels[j]) if single else _frozen(labels[j], object),
        follower_strategy=_frozen(y),
        payoffs=_frozen(payoffs),
        best_responses=_frozen(br, bool),
        follower_regret=float(f_regret) if single else _frozen(f_regret),
        method=used,
        tol=tol,
        status=status,
        message=message,
        labels=g.labels,
    )


@dataclass(frozen=True, eq=False, repr=False)
class CommitmentValue(Result):
    """What commitment and ambiguity are worth to a leader in one game.

    Attributes
    ----------
    leader : str
        ``"row"`` or ``"col"``.
    mixed : float
        Leader's payoff from its optimal mixed commitment (strong Stackelberg).
    pure : float
        Leader's payoff from its optimal pure commitment.
    best_nash : float
        Leader's best payoff over the Nash equilibria found (NaN if none was found).
    value_of_commitment : float
        ``mixed - best_nash``: what moving first with a mixed commitment adds to the best
        simultaneous-move outcome (>= 0: von Stengel & Zamir 2010).
    value_of_ambiguity : float
        ``mixed - pure``: what the freedom to randomise (to keep the follower guessing)
        adds to commitment (>= 0).
    complete : bool
        Whether the Nash equilibria used are all of them (from :func:`bargain.nash_equilibria`);
        when False, ``best_nash`` is only a lower bound and ``value_of_commitment`` an
        upper bound.
    status, message, success
        ``SUCCESS`` when both commitments and the Nash equilibria are certified;
        ``MAX_ITER`` / ``MAX_TIME`` when the Nash search ran out of budget (what it found is
        certified, ``complete`` says whether it is everything); ``UNCERTIFIED`` otherwise.
    """

    leader: str
    mixed: float
    pure: float
    best_nash: float
    value_of_commitment: float
    value_of_ambiguity: float
    complete: bool

    def __repr__(self) -> str:
        status = "status=SUCCESS" if self.success else self._status_line()
        players = self.labels.players if self.labels is not None else ("Row", "Column")
        who = players[0 if self.leader == "row" else 1]
        bound = "" if self.complete else " (Nash equilibria possibly incomplete)"
        return (
            f"CommitmentValue({who} leads, {status})\n"
            f"  {who} gets {fmt_number(self.mixed)} with a mixed commitment, {fmt_number(self.pure)} "
            f"with a pure one, {fmt_number(self.best_nash)} in the best Nash equilibrium{bound}\n"
            f"  value of commitment {fmt_number(self.value_of_commitment)}, "
            f"value of ambiguity {fmt_number(self.value_of_ambiguity)}"
        )


def commitment_value(game: Any, *, leader: str = "row", tol: float = DEFAULT_TOL) -> CommitmentValue:
    """The value of commitment (over Nash) and of ambiguity (mixed over pure commitment).

    ``value_of_commitment`` is the leader's mixed Stackelberg payoff minus its best Nash
    equilibrium payoff (Letchford, Korzhyk & Conitzer 2014, "On the value of commitment",
    AAMAS J. 28, call the ratio version the *value of mixed commitment*);
    ``value_of_ambiguity`` is mixed minus pure commitment. Nash equilibria come from
    :func:`bargain.nash_equilibria`; its ``complete`` flag is passed on. All values are in
    the leader's payoff units.

    Parameters
    ----------
    game : Game or nashpy.Game
        A single game.
    leader : {"row", "col"}
        Who commits.
    tol : float
        Regret tolerance relative to each player's payoff range (see :func:`stackelberg`).

    Returns
    -------
    CommitmentValue

    Examples
    --------
    Conitzer & Sandholm's (2006) example: Nash gives the row player 2, pure commitment 3,
    mixed commitment 3.5.

    >>> import bargain as bg
    >>> cv = bg.commitment_value(bg.Game([[2, 4], [1, 3]], [[1, 0], [0, 1]], players=("US", "China")))
    >>> cv.mixed, cv.pure, cv.best_nash, cv.value_of_commitment, cv.value_of_ambiguity
    (3.5, 3.0, 2.0, 1.5, 0.5)
    >>> cv.complete
    True
    >>> cv
    CommitmentValue(US leads, status=SUCCESS)
      US gets 3.5 with a mixed commitment, 3 with a pure one, 2 in the best Nash equilibrium
      value of commitment 1.5, value of ambiguity 0.5
    """
    func = "commitment_value"
    g = as_single_game(game, func)
    leader = check_choice(leader, LEADERS, "leader", func)
    tol = check_tol(tol, func)
    from bargain.solvers.nash.dispatch import nash_equilibria

    mixed = _stackelberg(g, leader, "mixed", "auto", tol, func)
    pure = _stackelberg(g, leader, "pure", "auto", tol, func)
    nash = nash_equilibria(g, tol=tol)
    who = 0 if leader == "row" else 1
    values = [float(e.payoffs[who]) for e in nash.equilibria]
    best_nash = max(values) if values else float("nan")
    notes = [
        f"mixed commitment {mixed.leader_payoff:.6g}, pure {pure.leader_payoff:.6g}, best Nash "
        f"{best_nash:.6g} over {len(values)} equilibria (nash method {nash.method!r})"
    ]
    if not nash.complete:
        notes.append(
            "the Nash equilibria may be incomplete: best_nash is a lower bound and "
            "value_of_commitment an upper bound"
        )
    if not (mixed.success and pure.success) or nash.status in (Status.UNCERTIFIED, Status.FAILED):
        status = Status.UNCERTIFIED
    else:  # a Nash budget that ran out leaves certified but possibly incomplete equilibria
        status = nash.status
    for part in (mixed, pure, nash):
        if not part.success:
            notes.append(part.message)
    return CommitmentValue(
        leader=leader,
        mixed=float(mixed.leader_payoff),
        pure=float(pure.leader_payoff),
        best_nash=best_nash,
        value_of_commitment=float(mixed.leader_payoff) - best_nash,
        value_of_ambiguity=float(mixed.leader_payoff) - float(pure.leader_payoff),
        complete=bool(nash.complete),
        status=status,
        message="; ".join(notes),
        labels=g.labels,
    )
