"""Issue linkage: two repeated Prisoner's Dilemmas enforced by one punishment.

The policy, in our words: a government ties a neighbour's cooperation on one issue (border
security, drug enforcement) to its own cooperation on another (market access). A lapse on
either issue is answered on both. When does the threat of losing everything make
cooperation on both issues self-enforcing where each issue alone would not be?

Model :func:`issue_linkage`. Two countries play two stage games side by side in every
period, with a common discount factor and perfect monitoring. Issue ``k`` is a Prisoner's
Dilemma with temptation ``T_k``, reward ``R_k``, punishment ``P_k`` and sucker's payoff
``S_k`` (``T_k > R_k > P_k > S_k``), symmetric by default; Country B's payoffs on issue ``k``
may be scaled by a stake ``s_k`` (how much more the issue matters to B). A country's payoff
is the sum over the issues (one unit). Cooperation is enforced by grim trigger with Nash
reversion (Friedman 1971): *separately*, issue by issue, *linked*, where a defection on
either issue ends cooperation on both (Bernheim and Whinston 1990; Spagnolo 1999; Maggi
1999), or linked *with side payments* (Goldlücke and Kranz 2012).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np

from bargain.core.game import Game
from bargain.models._base import (
    POSITIVE,
    REAL,
    ModelResult,
    Parameter,
    matrix_2x2,
    maximum,
    model,
    output,
    require,
)

__all__ = ["issue_linkage", "IssueLinkage"]

_ACTIONS = ("Cooperate", "Defect")
_PLAYERS = ("Country A", "Country B")
_LINKED_ACTIONS = ("C/C", "C/D", "D/C", "D/D")


@dataclass(frozen=True, eq=False, repr=False)
class IssueLinkage(ModelResult):
    """Thresholds of two Prisoner's Dilemmas enforced separately, linked, and with transfers."""

    issue_deltas: Any = output(
        "each issue's grim-trigger threshold when enforced alone (T - R) / (T - P)",
        unit="discount factor", dims=("issue",),
    )
    separate_delta: Any = output(
        "smallest discount factor sustaining both issues enforced separately (the larger one)",
        unit="discount factor",
    )
    linked_delta: Any = output(
        "smallest discount factor sustaining both issues under one linked punishment",
        unit="discount factor",
    )
    linked_by_country: Any = output(
        "each country's linked threshold (Country A, Country B); linked_delta is the larger",
        unit="discount factor", dims=("country",),
    )
    linking_helps: Any = output("whether linking strictly lowers the threshold of cooperating on both")
    transfer_delta: Any = output(
        "threshold of cooperation on both issues, linked, with side payments (Goldlücke-Kranz)",
        unit="discount factor",
    )
    transfers_help: Any = output("whether side payments strictly lower the linked threshold")
    games: Any = output("the two issues' stage games, stacked on a leading axis", kind="object")
    linked_game: Any = output("the joint stage game (actions: conduct on issue 1 / issue 2)", kind="game")


def _check_dilemma(T: np.ndarray, R: np.ndarray, P: np.ndarray, S: np.ndarray, k: int) -> None:
    """Refuse an issue that is not a Prisoner's Dilemma (T > R > P > S), naming the values."""
    names = [f"temptation_{k}", f"reward_{k}", f"punishment_{k}", f"sucker_{k}"]
    values = [T, R, P, S]
    for hi in range(3):
        upper, lower = names[hi], names[hi + 1]
        require(values[hi] > values[hi + 1], "linkage.issue_linkage",
                f"{upper} must exceed {lower} (issue {k} must be a Prisoner's Dilemma, T > R > P > S)",
                **{upper: values[hi], lower: values[hi + 1]})


def _joint(A1: np.ndarray, A2: np.ndarray) -> np.ndarray:
    """The joint stage game's row payoffs (..., 4, 4): action (i1, i2) is row 2 * i1 + i2."""
    total = A1[..., :, None, :, None] + A2[..., None, :, None, :]
    return total.reshape(total.shape[:-4] + (4, 4))


_PD = [
    ("temptation", "a country's payoff from defecting while the other cooperates (T)"),
    ("reward", "each country's payoff when both cooperate (R)"),
    ("punishment", "each country's payoff when both defect (P)"),
    ("sucker", "a country's payoff from cooperating while the other defects (S)"),
]
_DEFAULTS = {1: (5, 3, 1, 0), 2: (6, 3, 2, 0)}


@model(
    family="linkage",
    source=(
        "Spagnolo (1999), J. Econ. Theory 89(1), Section 3 (interdependent supergames); Maggi (1999), "
        "Amer. Econ. Rev. 89(1), Section II (multilateral enforcement); Bernheim and Whinston (1990), "
        "RAND J. Econ. 21(1), Proposition 1; transfers: Goldlücke and Kranz (2012), J. Econ. Theory 147"
    ),
    parameters=[
        Parameter(f"{name}_{k}", f"issue {k}: {meaning}", unit="payoff per period", domain=REAL,
                  default=_DEFAULTS[k][j])
        for k in (1, 2)
        for j, (name, meaning) in enumerate(_PD)
    ] + [
        Parameter(f"stake_{k}", f"issue {k}: Country B's payoffs as a multiple of Country A's (1: symmetric)",
                  domain=POSITIVE, default=1)
        for k in (1, 2)
    ],
    result=IssueLinkage,
    exact=True,
)
def issue_linkage(
    temptation_1, reward_1, punishment_1, sucker_1, temptation_2, reward_2, punishment_2, sucker_2,
    stake_1, stake_2,
):
    """Cooperation on two issues: grim-trigger thresholds separately, linked, and with transfers.

    Policy: tying a neighbour's border and drug enforcement to its access to one's market,
    so that a lapse on either issue costs cooperation on both.

    Model and assumptions. Two countries, two issues, every period, discount factor
    ``delta``, perfect monitoring, payoffs added across issues (one unit, money when side
    payments are allowed). Issue ``k`` is the Prisoner's Dilemma ``T_k > R_k > P_k > S_k``
    for Country A and the same scaled by the stake ``s_k > 0`` for Country B (``s_k = 1``,
    the default: symmetric); its unique stage equilibrium is mutual defection. The target is
    cooperation on both issues. Write ``g_k = T_k - R_k`` (gain from shirking) and
    ``l_k = R_k - P_k`` (loss from mutual defection).

    * Separately (grim trigger in each issue alone, Friedman 1971): issue ``k`` is
      sustained iff ``g_k <= delta / (1 - delta) l_k`` for both countries, i.e.
      ``delta >= d_k = (T_k - R_k) / (T_k - P_k)`` (a stake rescales both sides of B's
      condition, so ``d_k`` does not depend on it); both issues need ``max(d_1, d_2)``.
    * Linked (a defection on either issue is punished on both, for ever): the best
      deviation is to shirk on both at once, so Country A keeps cooperating iff
      ``g_1 + g_2 <= delta / (1 - delta) (l_1 + l_2)`` and B iff the same holds with
      weights ``s_k``:

          d_A = (g_1 + g_2) / (g_1 + g_2 + l_1 + l_2),
          d_B = (s_1 g_1 + s_2 g_2) / (s_1 (g_1 + l_1) + s_2 (g_2 + l_2)),

      and ``linked_delta = max(d_A, d_B)`` (Spagnolo 1999, Section 3; Bernheim and Whinston
      1990, Proposition 1; Maggi 1999 for the multilateral version). Each is a weighted
      mediant of ``d_1`` and ``d_2``, so ``min(d_1, d_2) <= linked_delta <= max(d_1, d_2)``:
      linking never raises the threshold, and it lowers it exactly when ``d_1 != d_2`` (the
      easier issue's slack enforcement power carries the harder one). Nash reversion on both
      issues is a stage equilibrium of the joint game, so the profile is subgame perfect.
    * Linked with side payments ("access is paid for": each period the countries may pay
      each other; quasi-linear utility in one money unit). By Goldlücke and Kranz (2012),
      cooperation is sustained iff ``delta / (1 - delta) (U - v_A - v_B) >= L``: ``L`` the SUM
      over countries of the one-shot gains, ``U`` the joint payoff, ``v_i`` each country's
      lowest equilibrium payoff, here its best-reply payoff when the other shirks on both
      issues, ``v_A = P_1 + P_2`` and ``v_B = s_1 P_1 + s_2 P_2`` (the stick is mutual
      defection, a stage equilibrium). Hence

          transfer_delta = ((1 + s_1) g_1 + (1 + s_2) g_2) / ((1 + s_1)(g_1 + l_1) + (1 + s_2)(g_2 + l_2)),

      the mediant of ``d_A`` and ``d_B``: never above ``linked_delta``, strictly below it
      when the countries' linked thresholds differ (the country with slack pays the other
      to stay). With symmetric stakes ``d_A = d_B`` and transfers add nothing to linkage.

    Parameters
    ----------
    temptation_1, reward_1, punishment_1, sucker_1 : array_like
        Issue 1's Prisoner's Dilemma (defaults 5, 3, 1, 0: threshold 1/2).
    temptation_2, reward_2, punishment_2, sucker_2 : array_like
        Issue 2's (defaults 6, 3, 2, 0: threshold 3/4). Each issue must satisfy
        ``T > R > P > S``.
    stake_1, stake_2 : array_like, default 1
        Country B's payoffs on issue ``k`` are ``stake_k`` times Country A's. All ten
        parameters broadcast together.

    Returns
    -------
    IssueLinkage
        ``issue_deltas`` (``d_1, d_2`` on a trailing axis), ``separate_delta``,
        ``linked_delta``, ``linked_by_country`` (``d_A, d_B``), ``linking_helps``,
        ``transfer_delta``, ``transfers_help``, ``games`` (a tuple of the two issues' 2x2
        ``Game`` batches) and ``linked_game`` (the 4x4 joint stage game; action ``"C/D"`` =
        cooperate on issue 1, defect on issue 2). Fractions with ``exact=True``.

    References
    ----------
    Spagnolo, G. (1999). On interdependent supergames: multimarket contact, concavity, and
    collusion. *Journal of Economic Theory* 89(1), 127-139, Section 3.
    Maggi, G. (1999). The role of multilateral institutions in international trade
    cooperation. *American Economic Review* 89(1), 190-214, Section II.
    Bernheim, B. D. and Whinston, M. D. (1990). Multimarket contact and collusive behavior.
    *RAND Journal of Economics* 21(1), 1-26, Proposition 1.
    Goldlücke, S. and Kranz, S. (2012). Infinitely repeated games with public monitoring
    and monetary transfers. *Journal of Economic Theory* 147(3), 1191-1221.

    Examples
    --------
    >>> from bargain.models.linkage import issue_linkage
    >>> r = issue_linkage(exact=True)             # trade (5, 3, 1, 0) and border (6, 3, 2, 0)
    >>> r.issue_deltas.tolist(), r.linked_delta, bool(r.linking_helps)   # (2 + 3) / (4 + 4)
    ([Fraction(1, 2), Fraction(3, 4)], Fraction(5, 8), True)
    >>> r = issue_linkage(temptation_2=[4, 6, 11], exact=True)   # ever more tempting border issue
    >>> [str(d) for d in r.separate_delta], [str(d) for d in r.linked_delta]
    (['1/2', '3/4', '8/9'], ['1/2', '5/8', '10/13'])
    >>> float(issue_linkage(temptation_1=5.5).linked_delta)      # floats by default
    0.6470588235294118
    >>> r = issue_linkage(stake_1=2, stake_2="1/2", exact=True)   # B values access more, the border less
    >>> [str(d) for d in r.linked_by_country], str(r.linked_delta), str(r.transfer_delta)
    (['5/8', '11/20'], '5/8', '7/12')
    """
    _check_dilemma(temptation_1, reward_1, punishment_1, sucker_1, 1)
    _check_dilemma(temptation_2, reward_2, punishment_2, sucker_2, 2)
    s1, s2 = stake_1, stake_2
    g1, l1 = temptation_1 - reward_1, reward_1 - punishment_1
    g2, l2 = temptation_2 - reward_2, reward_2 - punishment_2
    d1 = g1 / (g1 + l1)
    d2 = g2 / (g2 + l2)
    separate = maximum(d1, d2)
    linked_a = (g1 + g2) / (g1 + l1 + g2 + l2)
    linked_b = (s1 * g1 + s2 * g2) / (s1 * (g1 + l1) + s2 * (g2 + l2))
    linked = maximum(linked_a, linked_b)
    # side payments (Goldlücke-Kranz): both countries' gains summed against both losses
    transfer = ((1 + s1) * g1 + (1 + s2) * g2) / ((1 + s1) * (g1 + l1) + (1 + s2) * (g2 + l2))
    A1 = matrix_2x2(reward_1, sucker_1, temptation_1, punishment_1)  # (Cooperate, Defect)
    A2 = matrix_2x2(reward_2, sucker_2, temptation_2, punishment_2)
    B1 = np.swapaxes(A1, -1, -2) * np.asarray(s1)[..., None, None]
    B2 = np.swapaxes(A2, -1, -2) * np.asarray(s2)[..., None, None]
    labels = {"row_actions": _ACTIONS, "col_actions": _ACTIONS, "players": _PLAYERS}
    games = (Game(A1, B1, name="issue 1", **labels), Game(A2, B2, name="issue 2", **labels))
    joint = Game(_joint(A1, A2), _joint(B1, B2), row_actions=_LINKED_ACTIONS, col_actions=_LINKED_ACTIONS,
                 players=_PLAYERS, name="linked issues")
    return {
        "issue_deltas": np.stack([d1, d2], axis=-1),
        "separate_delta": separate,
        "linked_delta": linked,
        "linked_by_country": np.stack([linked_a, linked_b], axis=-1),
        "linking_helps": np.asarray(linked < separate, dtype=bool),
        "transfer_delta": transfer,
        "transfers_help": np.asarray(transfer < linked, dtype=bool),
        "games": games,
        "linked_game": joint,
    }
