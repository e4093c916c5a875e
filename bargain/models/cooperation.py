"""Cooperation with rival powers: security as an assurance game, climate as a public good.

A second strand of the doctrine weighs pragmatic cooperation with rival great powers on
security, trade and climate. Two models capture its two problems. :func:`stag_hunt` is the
assurance problem (Jervis 1978): both sides gain most from mutual restraint, but each
fears being exploited, so cooperation needs enough confidence in the other. It reports
whether mutual cooperation is payoff dominant and risk dominant (Harsanyi-Selten 1988) and
how large its basin of attraction is. :func:`climate_agreement` is Barrett's (1994)
abatement game for two countries: the noncooperative and the cooperative abatement, the
gains from cooperation, their split by the axiomatic bargaining solutions with the
noncooperative outcome as the disagreement point, and the patience that makes the agreement
self-enforcing in repeated play.

The three-party case ("which two of three cooperate") lives in
:mod:`bargain.models.coalitions`.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np

from bargain.core.game import Game
from bargain.models._base import (
    POSITIVE,
    REAL,
    Domain,
    ModelResult,
    Parameter,
    constant,
    matrix_2x2,
    maximum,
    model,
    output,
    require,
)

__all__ = ["StagHunt", "ClimateAgreement", "stag_hunt", "climate_agreement"]

_ACTIONS = ("Cooperate", "Defect")


def _bool(values: Any) -> np.ndarray:
    return np.asarray(values, dtype=bool)


def _col(values: Any) -> np.ndarray:
    """``values`` with a trailing axis of length 1 (to broadcast against the country axis)."""
    return np.asarray(values)[..., None]


# ------------------------------------------------------------------------------ stag hunt
@dataclass(frozen=True, eq=False, repr=False)
class StagHunt(ModelResult):
    """Result of :func:`stag_hunt`."""

    game: Any = output("the symmetric 2x2 assurance game (Cooperate / Defect)", kind="game")
    payoff_dominant: Any = output("mutual cooperation gives both more than mutual defection")
    risk_dominant: Any = output("mutual cooperation risk-dominates mutual defection (Harsanyi-Selten)")
    threshold: Any = output(
        "probability the rival cooperates above which cooperating is the best reply", unit="probability"
    )
    basin: Any = output(
        "size of the basin of mutual cooperation: beliefs (or rival shares) from which it is reached",
        unit="probability",
    )
    mixed_equilibrium: Any = output(
        "each side's probability of cooperating in the mixed equilibrium", unit="probability"
    )
    mixed_payoff: Any = output("each side's payoff in the mixed equilibrium", unit="payoff")


@model(
    family="cooperation",
    source=(
        "Jervis (1978), World Politics 30(2), 'Cooperation under the security dilemma', Section II; "
        "Harsanyi and Selten (1988), A General Theory of Equilibrium Selection in Games, Section 3.9"
    ),
    parameters=[
        Parameter("mutual_cooperation", "payoff to each side when both cooperate (R)", unit="payoff",
                  domain=REAL, default=4),
        Parameter("unilateral_defection", "payoff to a side that defects on a cooperator (T)", unit="payoff",
                  domain=REAL, default=3),
        Parameter("mutual_defection", "payoff to each side when both defect (P)", unit="payoff",
                  domain=REAL, default=2),
        Parameter("exploited", "payoff to a cooperator whose rival defects (S)", unit="payoff",
                  domain=REAL, default=0),
    ],
    result=StagHunt,
    exact=True,
)
def stag_hunt(mutual_cooperation, unilateral_defection, mutual_defection, exploited):
    """Security cooperation as an assurance game (stag hunt): dominance and the basin of cooperation.

    Two rival powers each choose to cooperate (restraint, a joint security arrangement) or
    to defect (arm, hedge). Mutual cooperation is best for both, but cooperating alone is
    the worst outcome, so each cooperates only if confident enough that the other will:
    the security dilemma as an assurance problem (Jervis 1978).

    The model and its assumptions: a symmetric 2x2 game, row player's payoffs

    ============  =========  ======
    row \\ col     Cooperate  Defect
    ============  =========  ======
    Cooperate     R          S
    Defect        T          P
    ============  =========  ======

    with ``R > T`` (mutual cooperation is a strict equilibrium) and ``P > S`` (so is
    mutual defection): both are required, and a violation is an
    :class:`~bargain.InvalidModelError`. ``T >= P`` is the usual stag hunt but not needed.

    Closed form. If the rival cooperates with probability ``q``, cooperating pays
    ``q R + (1 - q) S`` and defecting ``q T + (1 - q) P``; they are equal at

    .. math:: q^* = \\frac{P - S}{(R - T) + (P - S)},

    the mixed equilibrium (each side cooperates with probability ``q*``), with payoff
    ``(R P - T S) / ((R - T) + (P - S))``. Cooperation is the best reply exactly when
    ``q > q*``, so under best-reply or replicator dynamics its basin of attraction is
    ``1 - q*``. Mutual cooperation is *payoff dominant* iff ``R > P``, and *risk dominant*
    (Harsanyi-Selten 1988: the larger product of the deviation losses, here
    ``(R - T)^2 > (P - S)^2``) iff ``R - T > P - S``, that is iff ``q* < 1/2``: the risk
    dominant equilibrium is the one with the larger basin. With equal deviation losses
    neither risk-dominates (both flags False for risk dominance).

    Parameters
    ----------
    mutual_cooperation, unilateral_defection, mutual_defection, exploited : array_like
        ``R``, ``T``, ``P``, ``S`` above (broadcast against each other).
    exact : bool, default False
        Fractions in, exact Fractions out.

    Returns
    -------
    StagHunt
        ``game`` (a batch of :class:`~bargain.Game`), ``payoff_dominant``,
        ``risk_dominant``, ``threshold`` (``q*``), ``basin`` (``1 - q*``),
        ``mixed_equilibrium`` (``q*``), ``mixed_payoff``.

    References
    ----------
    Jervis, R. (1978). Cooperation under the security dilemma. World Politics 30(2),
    167-214, Section II. Harsanyi, J. C. and Selten, R. (1988). A General Theory of
    Equilibrium Selection in Games. MIT Press, Section 3.9 (risk dominance).

    Examples
    --------
    The classic stag hunt: cooperation pays more but is the riskier equilibrium.

    >>> import bargain as bg
    >>> r = bg.models.cooperation.stag_hunt(exact=True)
    >>> r.threshold, r.basin, bool(r.payoff_dominant), bool(r.risk_dominant)
    (Fraction(2, 3), Fraction(1, 3), True, False)

    Lowering the cost of being exploited (``S`` from 0 to 1.5) makes it risk dominant:

    >>> r = bg.models.cooperation.stag_hunt(exploited=[0, 1.5])
    >>> r.basin.round(4).tolist(), r.risk_dominant.tolist()
    ([0.3333, 0.6667], [False, True])
    """
    R, T, P, S = mutual_cooperation, unilateral_defection, mutual_defection, exploited
    where = "cooperation.stag_hunt"
    require(R > T, where, "mutual_cooperation must exceed unilateral_defection (R > T: mutual "
            "cooperation must be an equilibrium of an assurance game)",
            mutual_cooperation=R, unilateral_defection=T)
    require(P > S, where, "mutual_defection must exceed exploited (P > S: mutual defection "
            "must be an equilibrium of an assurance game)", mutual_defection=P, exploited=S)
    loss_c = R - T  # what a cooperator loses by deviating from mutual cooperation
    loss_d = P - S  # what a defector loses by deviating from mutual defection
    q = loss_d / (loss_c + loss_d)
    game = Game.symmetric(matrix_2x2(R, S, T, P), actions=_ACTIONS, players=("Power A", "Power B"),
                          name="stag hunt")
    return {
        "game": game,
        "payoff_dominant": _bool(R > P),
        "risk_dominant": _bool(loss_c > loss_d),
        "threshold": q,
        "basin": 1 - q,
        "mixed_equilibrium": q,
        "mixed_payoff": (R * P - T * S) / (loss_c + loss_d),
    }


# ------------------------------------------------------------------------------ climate
@dataclass(frozen=True, eq=False, repr=False)
class ClimateAgreement(ModelResult):
    """Result of :func:`climate_agreement`."""

    noncooperative_abatement: Any = output(
        "each country's abatement in the noncooperative (Nash) equilibrium", unit="abatement",
        dims=("country",),
    )
    cooperative_abatement: Any = output(
        "each country's abatement under full cooperation (joint welfare maximised)", unit="abatement",
        dims=("country",),
    )
    noncooperative_total: Any = output("global abatement without cooperation (Q0)", unit="abatement")
    cooperative_total: Any = output("global abatement under full cooperation (Q*)", unit="abatement")
    noncooperative_welfare: Any = output(
        "each country's net benefit without cooperation (the disagreement point)", unit="welfare",
        dims=("country",),
    )
    cooperative_welfare: Any = output(
        "each country's net benefit under full cooperation, before transfers", unit="welfare",
        dims=("country",),
    )
    gains: Any = output("joint gains from cooperation (total welfare, cooperative minus not)", unit="welfare")
    nash_split: Any = output(
        "each country's welfare in the (weighted) Nash bargaining solution, transfers allowed",
        unit="welfare", dims=("country",),
    )
    kalai_smorodinsky_split: Any = output(
        "each country's welfare in the Kalai-Smorodinsky solution, transfers allowed", unit="welfare",
        dims=("country",),
    )
    egalitarian_split: Any = output(
        "each country's welfare in the egalitarian solution (equal gains), transfers allowed", unit="welfare",
        dims=("country",),
    )
    transfer: Any = output(
        "side payment from country 2 to country 1 that implements the Nash split (negative: 1 pays 2)",
        unit="welfare",
    )
    deviation_welfare: Any = output(
        "each country's one-period payoff from its best deviation from the agreement", unit="welfare",
        dims=("country",),
    )
    critical_delta: Any = output(
        "smallest discount factor at which the agreement (with its transfer) is self-enforcing under grim "
        "reversion to noncooperative abatement", unit="discount factor",
    )


@model(
    family="cooperation",
    source=(
        "Barrett (1994), Oxford Economic Papers 46, 'Self-enforcing international environmental "
        "agreements', Section 2 (Q0 and Q*); Friedman (1971), Review of Economic Studies 38 "
        "(Nash-reversion threshold); Nash (1950), Kalai-Smorodinsky (1975), Kalai (1977) (the split)"
    ),
    parameters=[
        Parameter("benefit_slope", "b: scale of the global benefit of abatement (Barrett's b)",
                  unit="welfare", domain=POSITIVE, default=1),
        Parameter("cost_slope", "c: slope of each country's marginal abatement cost (Barrett's c)",
                  unit="welfare per abatement^2", domain=POSITIVE, default=1),
        Parameter("abatement_cap", "a: global abatement at which the marginal benefit falls to zero "
                  "(quadratic benefits only)", unit="abatement", domain=POSITIVE, default=1),
        Parameter("benefit_share", "theta: share of the global benefit that accrues to country 1 "
                  "(Barrett: 1/2)", unit="share", domain=Domain(0, 1, low_open=True, high_open=True),
                  default=0.5),
        Parameter("bargaining_power", "w: country 1's weight in the Nash bargaining solution "
                  "(country 2 has 1 - w)", unit="share", domain=Domain(0, 1, low_open=True, high_open=True),
                  default=0.5),
        Parameter("benefits", "shape of the global benefit: 'quadratic' b (a Q - Q^2/2) (Barrett) or "
                  "'linear' b Q", kind="option", choices=("quadratic", "linear"), default="quadratic"),
    ],
    result=ClimateAgreement,
    exact=True,
)
def climate_agreement(benefit_slope, cost_slope, abatement_cap, benefit_share, bargaining_power, benefits):
    """A two-country climate agreement: abatement with and without cooperation, its split, its enforcement.

    Two rival powers each abate emissions at a private cost while the benefit of global
    abatement is shared: the public-good problem behind climate cooperation. How much more
    would they abate together, how would they split the gains, and how patient must they be
    for the agreement to hold without an outside enforcer?

    The model and its assumptions (Barrett 1994, with ``N = 2`` and an unequal benefit share):
    country ``i`` abates ``q_i >= 0``, global abatement is ``Q = q_1 + q_2``, and

    .. math:: \\pi_i = \\theta_i B(Q) - \\frac{c}{2} q_i^2, \\qquad
              B(Q) = b\\,(a Q - Q^2/2) \\ \\text{(quadratic)} \\quad\\text{or}\\quad B(Q) = b Q
              \\ \\text{(linear)},

    with ``theta_1 = theta`` and ``theta_2 = 1 - theta`` (Barrett's symmetric case is
    ``theta = 1/2``, where each country's benefit is ``B(Q)/N``). Utility is transferable:
    side payments move welfare one for one.

    Closed forms (quadratic benefits). Noncooperative first-order conditions
    ``theta_i b (a - Q) = c q_i`` sum to ``b (a - Q) = c Q``:

    .. math:: Q^0 = \\frac{a b}{b + c} = \\frac{a}{1 + \\gamma},\\quad q_i^0 = \\theta_i Q^0,
              \\qquad \\gamma = c / b,

    Barrett's ``Q0 = a / (1 + gamma)``. Full cooperation maximises ``pi_1 + pi_2``:
    ``b (a - Q) = c q_i`` for both, so the countries abate equally and

    .. math:: Q^* = \\frac{2 a b}{2 b + c} = \\frac{2 a}{2 + \\gamma} > Q^0,\\quad q_i^* = Q^* / 2,

    Barrett's ``Q* = a N / (N + gamma)`` at ``N = 2``.

    With linear benefits ``q_i^0 = theta_i b / c`` (a dominant strategy), ``Q^0 = b / c``
    and ``q_i^* = b / c``, ``Q^* = 2 b / c``.

    The split. The disagreement point is the noncooperative welfare ``d = (pi_1^0, pi_2^0)``
    and, with transfers, the frontier is the line ``u_1 + u_2 = W^*`` (the cooperative total).
    On it the Nash solution with weights ``(w, 1 - w)`` gives ``u = d + (w, 1 - w) G`` with
    ``G = W^* - pi_1^0 - pi_2^0`` the gains; Kalai-Smorodinsky (ideal gains ``G`` for both)
    and the egalitarian solution both give ``d + (G/2, G/2)``, the symmetric Nash split.
    Every point of the line is utilitarian (it maximises ``u_1 + u_2``). The ``transfer`` is
    ``u_1 - pi_1^*``: what country 2 pays country 1 (negative when country 1 pays), needed
    whenever the unequal benefit share leaves one side with little gain from equal abatement.

    Self-enforcement: the repeated-game threshold (grim trigger), not Barrett's membership
    stability. (With two countries Barrett's internal stability asks only whether each
    signatory prefers the agreement to the noncooperative outcome, which the transfer
    guarantees; the binding constraint is the temptation to cheat period by period.) The
    agreement is: each period abate ``q^*`` and pay the transfer; after any deviation both
    abate ``q^0`` forever (a Nash equilibrium of the stage game, so the punishment is
    credible: Friedman 1971). Country ``i``'s best deviation abates its best response
    ``q_i^d = theta_i b (a - q_j^*) / (theta_i b + c)`` (``theta_i b / c`` with linear
    benefits) and withholds its payment if it is the payer (a receiver still collects the
    transfer paid in the same period): ``D_i = pi_i(q_i^d, q_j^*) + max(t_i, 0)``. It
    complies iff ``u_i >= (1 - delta) D_i + delta pi_i^0``, so

    .. math:: \\delta^* = \\max_i \\frac{D_i - u_i}{D_i - \\pi_i^0} \\in [0, 1).

    In Barrett's symmetric case (``theta = w = 1/2``, no transfer) this is

    .. math:: \\delta^* = \\frac{2 (1 + \\gamma)^2}{4 \\gamma^2 + 9 \\gamma + 4} < \\frac12,

    (``1/2`` with linear benefits), independent of ``a``.

    Parameters
    ----------
    benefit_slope : array_like
        ``b > 0``.
    cost_slope : array_like
        ``c > 0``.
    abatement_cap : array_like
        ``a > 0`` (unused with linear benefits).
    benefit_share : array_like
        ``theta`` in ``(0, 1)``, default ``1/2``.
    bargaining_power : array_like
        ``w`` in ``(0, 1)``, default ``1/2``.
    benefits : {"quadratic", "linear"}
    exact : bool, default False
        Fractions in, exact Fractions out (every output is rational).

    Returns
    -------
    ClimateAgreement
        Abatement and welfare per country (last axis: country 1, country 2), the totals,
        the gains, the three splits, the transfer, the deviation payoffs and
        ``critical_delta``.

    References
    ----------
    Barrett, S. (1994). Self-enforcing international environmental agreements. Oxford
    Economic Papers 46, 878-894, Section 2. Friedman, J. W. (1971). A non-cooperative
    equilibrium for supergames. Review of Economic Studies 38(1), 1-12. Nash, J. (1950).
    The bargaining problem. Econometrica 18(2). Kalai, E. and Smorodinsky, M. (1975).
    Econometrica 43(3). Kalai, E. (1977). Econometrica 45(7).

    Examples
    --------
    Barrett's symmetric case with ``a = b = c = 1``: cooperation raises global abatement
    from 1/2 to 2/3, and the agreement holds for discount factors of at least 8/17.

    >>> import bargain as bg
    >>> r = bg.models.cooperation.climate_agreement(exact=True)
    >>> r.noncooperative_total, r.cooperative_total, r.gains, r.critical_delta
    (Fraction(1, 2), Fraction(2, 3), Fraction(1, 48), Fraction(8, 17))

    When country 1 reaps 80% of the benefits, equal abatement leaves country 2 worse off
    than without an agreement (1/30 < 7/100), so country 1 pays it 7/120 (the Nash split):

    >>> r = bg.models.cooperation.climate_agreement(benefit_share=0.8, exact=True)
    >>> r.noncooperative_welfare.tolist(), r.cooperative_welfare.tolist(), r.transfer
    ([Fraction(11, 50), Fraction(7, 100)], [Fraction(3, 10), Fraction(1, 30)], Fraction(-7, 120))
    """
    b, c, a, theta, w = benefit_slope, cost_slope, abatement_cap, benefit_share, bargaining_power
    shares = np.stack([theta, 1 - theta], axis=-1)
    weights = np.stack([w, 1 - w], axis=-1)
    b_, c_, a_ = _col(b), _col(c), _col(a)
    linear = benefits == "linear"

    def benefit(Q: np.ndarray) -> np.ndarray:
        return b_ * Q if linear else b_ * (a_ * Q - Q * Q / 2)

    def welfare(own: np.ndarray, other: np.ndarray) -> np.ndarray:
        return shares * benefit(own + other) - c_ * own * own / 2

    if linear:
        q0 = shares * b_ / c_
        q_star = b_ / c_ + 0 * shares
    else:
        Q0 = a * b / (b + c)
        q0 = shares * _col(Q0)
        q_star = _col(a * b / (2 * b + c)) + 0 * shares
    q_other = q_star[..., ::-1]
    if linear:
        q_dev = shares * b_ / c_
    else:
        q_dev = shares * b_ * (a_ - q_other) / (shares * b_ + c_)

    pi0 = welfare(q0, q0[..., ::-1])
    pi_star = welfare(q_star, q_other)
    pi_dev = welfare(q_dev, q_other)
    gains = pi_star.sum(axis=-1) - pi0.sum(axis=-1)
    g_ = _col(gains)
    nash = pi0 + weights * g_
    equal = pi0 + g_ / 2
    received = nash - pi_star  # transfer received by each country (sums to zero)
    kept = maximum(received, constant(0, received))
    dev_total = pi_dev + kept
    deltas = (dev_total - nash) / (dev_total - pi0)
    critical = maximum(deltas[..., 0], deltas[..., 1])
    return {
        "noncooperative_abatement": q0,
        "cooperative_abatement": q_star,
        "noncooperative_total": q0.sum(axis=-1),
        "cooperative_total": q_star.sum(axis=-1),
        "noncooperative_welfare": pi0,
        "cooperative_welfare": pi_star,
        "gains": gains,
        "nash_split": nash,
        "kalai_smorodinsky_split": equal,
        "egalitarian_split": equal,
        "transfer": received[..., 0],
        "deviation_welfare": pi_dev,
        "critical_delta": critical,
    }
