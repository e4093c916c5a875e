"""Great-power balance: contests over a sphere, crisis channels and arms control.

* :func:`hawk_dove`: two powers contest a sphere of influence (Maynard Smith 1982): the
  evolutionarily stable mix of escalation and restraint, and how escalation falls as
  conflict gets costlier.
* :func:`crisis_channel`: a game of chicken with a mediator or hotline that sends each side
  a private recommendation (Aumann 1974): the welfare the channel adds over the symmetric
  Nash equilibrium.
* :func:`arms_control`: the security dilemma as a repeated game (Jervis 1978): whether
  restraint is self-enforcing in one round, and how patient both sides must be for mutual
  restraint under grim trigger.

Each model builds its 2x2 game (a :class:`~bargain.Game` batch of the parameters' broadcast
shape) and gives the closed form; the tests check the closed forms against the library's
solvers (:func:`bargain.ess`, :func:`bargain.equilibria_2x2`,
:func:`bargain.correlated_equilibrium`, :func:`bargain.repeated.critical_delta`).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np

from bargain.core.game import Game
from bargain.models._base import (
    NONNEGATIVE,
    POSITIVE,
    ModelResult,
    Parameter,
    constant,
    matrix_2x2,
    minimum,
    model,
    output,
    require,
)

__all__ = [
    "hawk_dove",
    "crisis_channel",
    "arms_control",
    "HawkDoveResult",
    "CrisisChannelResult",
    "ArmsControlResult",
]


# ------------------------------------------------------------------------------ hawk-dove
@dataclass(frozen=True, eq=False, repr=False)
class HawkDoveResult(ModelResult):
    """Outputs of :func:`hawk_dove`."""

    game: Any = output("the symmetric 2x2 contest (Hawk / Dove)", kind="game")
    ess: Any = output("probability of Hawk in the evolutionarily stable strategy", unit="probability")
    escalation: Any = output("probability that a power escalates (plays Hawk) at the ESS", unit="probability")
    fight_prob: Any = output("probability that a contest ends in an escalated fight (both Hawk)",
                             unit="probability")
    payoff: Any = output("each power's expected payoff at the ESS", unit="payoff")


@model(
    family="spheres",
    source="Maynard Smith (1982), Evolution and the Theory of Games, ch. 2 (the Hawk-Dove game)",
    parameters=[
        Parameter("value", "the value V of the contested sphere", unit="payoff", domain=POSITIVE),
        Parameter("cost", "the cost C of losing an escalated fight", unit="payoff", domain=POSITIVE),
    ],
    result=HawkDoveResult,
    exact=True,
)
def hawk_dove(value: np.ndarray, cost: np.ndarray) -> dict[str, Any]:
    """Hawk-dove over a sphere of influence: how often powers escalate when conflict is costly.

    Policy: two great powers repeatedly meet over contested spheres (a strait, a border
    region, a client state); each can escalate or give way. The model says how much
    escalation a stable balance carries and how it falls as war gets costlier.

    Model and assumptions (Maynard Smith 1982, ch. 2). A large population of contests,
    random pairing, symmetric powers. Hawk (escalate) against Dove (give way) takes the
    sphere, ``V``; two Doves share it, ``V/2`` each; two Hawks fight, each wins with
    probability 1/2 and the loser pays ``C``, so each expects ``(V - C)/2``.

    Closed form. If ``V >= C`` Hawk is an ESS (pure escalation: the prize is worth the
    war). If ``V < C`` the unique ESS, and the unique symmetric Nash equilibrium, plays
    Hawk with probability ``p = V / C`` (from Hawk and Dove earning the same against the
    population). Escalation ``p`` falls as ``C`` rises; escalated fights occur with
    probability ``p^2``; each power expects ``(V/2)(1 - V/C)`` (``(V - C)/2`` when
    ``V >= C``).

    Parameters
    ----------
    value : array_like, > 0
    cost : array_like, > 0
    exact : bool
        Fractions for rational parameters.

    Returns
    -------
    HawkDoveResult
        ``game`` (Hawk / Dove, a batch of the broadcast shape), ``ess``, ``escalation``
        (both the probability of Hawk at the ESS), ``fight_prob``, ``payoff``.

    References
    ----------
    Maynard Smith, J. (1982), *Evolution and the Theory of Games*, Cambridge UP, ch. 2.
    Maynard Smith, J. and Price, G. R. (1973), "The logic of animal conflict", *Nature* 246.

    Examples
    --------
    >>> from bargain.models.spheres import hawk_dove
    >>> r = hawk_dove(value=4, cost=6, exact=True)
    >>> r.ess, r.fight_prob, r.payoff
    (Fraction(2, 3), Fraction(4, 9), Fraction(2, 3))
    >>> hawk_dove(value=2, cost=[1, 2, 4, 8]).escalation
    array([1.  , 1.  , 0.5 , 0.25])
    """
    v, c = value, cost
    fights = np.asarray(v >= c, dtype=bool)
    p = np.where(fights, constant(1, v), v / c)
    payoff = np.where(fights, (v - c) / 2, v * (c - v) / (2 * c))
    game = Game.symmetric(matrix_2x2((v - c) / 2, v, constant(0, v), v / 2), actions=("Hawk", "Dove"))
    return {"game": game, "ess": p, "escalation": p.copy(), "fight_prob": p * p, "payoff": payoff}


# ------------------------------------------------------------------------------ crisis channel
@dataclass(frozen=True, eq=False, repr=False)
class CrisisChannelResult(ModelResult):
    """Outputs of :func:`crisis_channel` (welfare = the two sides' payoffs added)."""

    game: Any = output("the symmetric crisis (chicken): Back down / Stand firm", kind="game")
    firm_prob: Any = output("probability of standing firm in the symmetric Nash equilibrium",
                            unit="probability")
    nash_welfare: Any = output("welfare of the symmetric (mixed) Nash equilibrium", unit="payoff")
    alternation_welfare: Any = output("welfare of a fair coin between the two pure equilibria",
                                      unit="payoff")
    channel_welfare: Any = output("welfare of the best correlated equilibrium (a mediator's best advice)",
                                  unit="payoff")
    mediator_value: Any = output("channel_welfare - nash_welfare: what the channel adds", unit="payoff")
    distribution: Any = output("the best correlated equilibrium: probability of each recommended pair",
                               unit="probability", dims=("row_action", "col_action"))


@model(
    family="spheres",
    source="Aumann (1974), J. Math. Econ. 1(1), 67-96, Section 4 (correlated equilibrium in chicken)",
    parameters=[
        Parameter("win", "T: standing firm while the other backs down", unit="payoff", default=7),
        Parameter("compromise", "R: both back down", unit="payoff", default=6),
        Parameter("lose", "S: backing down while the other stands firm", unit="payoff", default=2),
        Parameter("disaster", "P: both stand firm (collision)", unit="payoff", default=0),
    ],
    result=CrisisChannelResult,
    exact=True,
)
def crisis_channel(win: np.ndarray, compromise: np.ndarray, lose: np.ndarray,
                   disaster: np.ndarray) -> dict[str, Any]:
    """A crisis channel (hotline, mediator) as a correlated equilibrium of chicken.

    Policy: a standing communication channel between rival powers (a hotline, a trusted
    intermediary, deconfliction talks) that tells each side privately when to give way.
    The model measures the welfare such a channel adds over facing the crisis blind.

    Model and assumptions. A symmetric game of chicken: each side backs down or stands
    firm; payoffs ``T`` (firm against a side that backs down), ``R`` (both back down),
    ``S`` (back down against firm), ``P`` (both firm), in the order of chicken
    ``T > R > S > P`` (each prefers to do the opposite of the other: two pure equilibria
    and one mixed; collision is the worst outcome). A
    mediator draws a pair of recommendations from a public distribution and tells each
    side only its own; a correlated equilibrium is a distribution under which obeying is
    a best response (Aumann 1974).

    Closed forms. The symmetric Nash equilibrium stands firm with probability
    ``(T - R) / ((T - R) + (S - P))`` and gives each side ``(T S - P R) / ((T - R) + (S - P))``.
    The welfare-best correlated equilibrium puts no weight on (firm, firm), weight ``y``
    on each asymmetric pair and ``x = 1 - 2y`` on (back down, back down); the only binding
    constraint is that a side told to back down obeys: ``x (T - R) <= y (S - P)``. If
    ``2R > S + T`` the mediator makes ``x`` as large as that allows:
    ``x = (S - P) / ((S - P) + 2 (T - R))``, ``y = (T - R) / ((S - P) + 2 (T - R))``, each side
    expecting ``x R + y (S + T)``; otherwise the best it can do is a fair coin between the
    two pure equilibria (``y = 1/2``, each expecting ``(S + T)/2``). The mediator's value is
    the difference in welfare with the symmetric Nash equilibrium; it is never negative,
    since every Nash equilibrium is a correlated equilibrium (with the defaults: 7/6).

    Parameters
    ----------
    win, compromise, lose, disaster : array_like
        ``T``, ``R``, ``S``, ``P``; ``win > compromise > lose > disaster`` elementwise.
        Defaults: the textbook chicken 7, 6, 2, 0.
    exact : bool
        Fractions for rational parameters.

    Returns
    -------
    CrisisChannelResult
        ``game``, ``firm_prob``, ``nash_welfare``, ``alternation_welfare``,
        ``channel_welfare``, ``mediator_value``, ``distribution`` (rows: the first side's
        recommendation, Back down then Stand firm).

    References
    ----------
    Aumann, R. J. (1974), "Subjectivity and correlation in randomized strategies", *Journal
    of Mathematical Economics* 1(1), 67-96, Section 4.

    Examples
    --------
    >>> from bargain.models.spheres import crisis_channel
    >>> r = crisis_channel(exact=True)
    >>> r.nash_welfare, r.channel_welfare, r.mediator_value
    (Fraction(28, 3), Fraction(21, 2), Fraction(7, 6))
    >>> r.distribution.tolist()
    [[Fraction(1, 2), Fraction(1, 4)], [Fraction(1, 4), Fraction(0, 1)]]
    """
    name = "spheres.crisis_channel"
    t, r, s, p = win, compromise, lose, disaster
    require(t > r, name, "chicken needs win > compromise", win=t, compromise=r)
    require(r > s, name, "chicken needs compromise > lose", compromise=r, lose=s)
    require(s > p, name, "chicken needs lose > disaster", lose=s, disaster=p)
    gain, loss = t - r, s - p  # what standing firm gains against a yielder, what it loses against firm
    firm = gain / (gain + loss)
    nash = 2 * (t * s - p * r) / (gain + loss)
    interior = np.asarray(2 * r > s + t, dtype=bool)
    half = constant(1, t) / 2
    y = np.where(interior, gain / (loss + 2 * gain), half)
    x = 1 - 2 * y
    channel = 2 * (x * r + y * (s + t))
    distribution = matrix_2x2(x, y, y, constant(0, t))
    game = Game.symmetric(matrix_2x2(r, s, t, p), actions=("Back down", "Stand firm"))
    return {
        "game": game,
        "firm_prob": firm,
        "nash_welfare": nash,
        "alternation_welfare": s + t,
        "channel_welfare": channel,
        "mediator_value": channel - nash,
        "distribution": distribution,
    }


# ------------------------------------------------------------------------------ arms control
@dataclass(frozen=True, eq=False, repr=False)
class ArmsControlResult(ModelResult):
    """Outputs of :func:`arms_control`."""

    game: Any = output("the stage game (Restrain / Arm)", kind="game")
    restraint_equilibrium: Any = output("whether mutual restraint is a Nash equilibrium of one round")
    arms_race_equilibrium: Any = output("whether mutual arming is a Nash equilibrium of one round")
    security_dilemma: Any = output("whether the stage game is a Prisoner's Dilemma (arming dominant)")
    critical_delta: Any = output("smallest discount factor sustaining mutual restraint under grim trigger",
                                 unit="discount factor")


@model(
    family="spheres",
    source="Jervis (1978), World Politics 30(2), 167-214 (the security dilemma); "
           "Friedman (1971), Rev. Econ. Stud. 38(1) (grim trigger)",
    parameters=[
        Parameter("arms_cost", "c: what arming costs each period", unit="payoff", domain=POSITIVE),
        Parameter("superiority", "g: gain from being armed against an unarmed rival", unit="payoff",
                  domain=NONNEGATIVE),
        Parameter("vulnerability", "l: loss from being unarmed against an armed rival", unit="payoff",
                  domain=POSITIVE),
    ],
    result=ArmsControlResult,
    exact=True,
)
def arms_control(arms_cost: np.ndarray, superiority: np.ndarray, vulnerability: np.ndarray) -> dict[str, Any]:
    """Arms control as a repeated security dilemma: when is mutual restraint self-enforcing?

    Policy: an arms-control agreement between rivals without an enforcer; each keeps to it
    only while the future gains from restraint outweigh the edge from cheating.

    Model and assumptions (the security dilemma of Jervis 1978, in the payoffs of its
    stag-hunt / Prisoner's Dilemma reading). Each period both powers choose Restrain or
    Arm. Mutual restraint is the baseline, 0. Arming costs ``c``; arming against an
    unarmed rival also yields the advantage of superiority ``g``; being unarmed against an
    armed rival costs ``l``; mutual arming leaves parity at cost ``c`` each. Row payoffs::

                   Restrain   Arm
        Restrain       0       -l
        Arm          g - c     -c

    Both observe past play and discount by ``delta``; restraint is sustained by grim
    trigger with reversion to the stage equilibrium worst for the cheat (Friedman 1971).

    Closed forms. Restraint is a stage equilibrium iff ``g <= c`` (superiority is not worth
    its cost: an assurance game when also ``l >= c``). Mutual arming is a stage equilibrium
    iff ``l >= c``. The stage game is a Prisoner's Dilemma (the full security dilemma) iff
    ``g > c`` and ``l > c``. With ``g > c`` the cheat gains ``g - c`` once and is then held
    to ``-c`` (mutual arming) if ``l >= c``, or to ``-l`` (the pure equilibrium in which it
    stays unarmed) if ``l < c``; so the critical discount factor is
    ``delta* = (g - c) / (g - c + min(c, l))`` (``1 - c/g`` in the Prisoner's Dilemma), and 0
    when ``g <= c``. Every ``delta*`` is below 1: restraint can always be sustained by
    patient enough powers, and costlier arms make it easier.

    Parameters
    ----------
    arms_cost : array_like, > 0
    superiority : array_like, >= 0
    vulnerability : array_like, > 0
    exact : bool
        Fractions for rational parameters.

    Returns
    -------
    ArmsControlResult
        ``game``, ``restraint_equilibrium``, ``arms_race_equilibrium``,
        ``security_dilemma``, ``critical_delta``.

    References
    ----------
    Jervis, R. (1978), "Cooperation under the security dilemma", *World Politics* 30(2),
    167-214. Friedman, J. W. (1971), "A non-cooperative equilibrium for supergames",
    *Review of Economic Studies* 38(1), 1-12.

    Examples
    --------
    >>> from bargain.models.spheres import arms_control
    >>> r = arms_control(arms_cost=1, superiority=4, vulnerability=3, exact=True)
    >>> bool(r.security_dilemma), r.critical_delta
    (True, Fraction(3, 4))
    >>> arms_control(arms_cost=[1, 2, 5], superiority=4, vulnerability=3).critical_delta
    array([0.75, 0.5 , 0.  ])
    """
    c, g, loss = arms_cost, superiority, vulnerability
    gain = g - c
    tempted = np.asarray(gain > 0, dtype=bool)
    punishment = minimum(c, loss)
    zero = constant(0, c)
    safe_gain = np.where(tempted, gain, zero)
    delta = np.where(tempted, safe_gain / (safe_gain + punishment), zero)
    game = Game.symmetric(matrix_2x2(zero, -loss, gain, -c), actions=("Restrain", "Arm"))
    return {
        "game": game,
        "restraint_equilibrium": ~tempted,
        "arms_race_equilibrium": np.asarray(loss >= c, dtype=bool),
        "security_dilemma": tempted & np.asarray(loss > c, dtype=bool),
        "critical_delta": delta,
    }
