"""The dollar against a challenger: currency choice as coordination with network effects.

A reserve or settlement currency is worth more the more others use it, and the dollar
starts with a large installed base. De-dollarization is therefore a coordination problem:
switching pays only if enough others switch too. :func:`currency_coordination` is the
two-country game (when switching becomes an equilibrium, which equilibrium is risk
dominant, how large the dollar's basin is); :func:`currency_tipping` is its population
version under replicator dynamics, where the same basin becomes a tipping point: above a
critical share of challenger users the challenger takes over, below it the dollar wins back
(Krugman 1980 on vehicle currencies: the currency with the larger market is self-sustaining).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np

from bargain.core.game import Game
from bargain.models._base import (
    NONNEGATIVE,
    POSITIVE,
    REAL,
    UNIT_OPEN,
    ModelResult,
    Parameter,
    constant,
    matrix_2x2,
    model,
    output,
    pick,
)

__all__ = ["CurrencyCoordination", "CurrencyTipping", "currency_coordination", "currency_tipping"]

_ACTIONS = ("Dollar", "Challenger")
_SOURCE = (
    "Harsanyi and Selten (1988), A General Theory of Equilibrium Selection in Games, Section 3.9 "
    "(risk dominance); Krugman (1980), Journal of Money, Credit and Banking 12(3), 'Vehicle "
    "currencies and the structure of international exchange' (network effects of a vehicle currency)"
)


def _parameters() -> list[Parameter]:
    return [
        Parameter("dollar_network", "n_D: gain from a partner who also uses the dollar", unit="payoff",
                  domain=POSITIVE, default=1),
        Parameter("challenger_network", "n_C: gain from a partner who also uses the challenger",
                  unit="payoff",
                  domain=POSITIVE, default=1),
        Parameter("network_advantage", "a: the dollar's installed-base advantage (deep markets, users "
                  "outside the pair), earned by every dollar user", unit="payoff", domain=NONNEGATIVE,
                  default=0.5),
        Parameter("switching_cost", "s: per-period cost of moving reserves and settlement to the challenger",
                  unit="payoff", domain=NONNEGATIVE, default=0.25),
        Parameter("challenger_premium", "e: the challenger's own benefit (sanctions-proofing, autonomy; "
                  "may be negative)", unit="payoff", domain=REAL, default=0),
    ]


def _bool(values: Any) -> np.ndarray:
    return np.asarray(values, dtype=bool)


def _clip01(values: Any) -> Any:
    zero, one = constant(0, values), constant(1, values)
    return pick(values > one, one, pick(values < zero, zero, values))


def _critical_share(n_d: Any, n_c: Any, edge: Any) -> Any:
    """``x* = (n_D + Delta) / (n_D + n_C)``: the challenger share at which both currencies pay the same."""
    return (n_d + edge) / (n_d + n_c)


# ------------------------------------------------------------------------------ the game
@dataclass(frozen=True, eq=False, repr=False)
class CurrencyCoordination(ModelResult):
    """Result of :func:`currency_coordination`."""

    game: Any = output("the symmetric 2x2 currency game (Dollar / Challenger)", kind="game")
    dollar_equilibrium: Any = output("both on the dollar is a Nash equilibrium")
    switch_equilibrium: Any = output("both on the challenger is a Nash equilibrium")
    switch_threshold: Any = output(
        "challenger premium at and above which both switching is an equilibrium", unit="payoff"
    )
    collapse_threshold: Any = output(
        "challenger premium above which the dollar equilibrium disappears (switching dominant)", unit="payoff"
    )
    mixed_equilibrium: Any = output(
        "probability of using the dollar in the mixed equilibrium (NaN where there is none)",
        unit="probability",
    )
    critical_share: Any = output(
        "challenger share of partners at which both currencies pay the same (the tipping point, unclipped)",
        unit="share",
    )
    dollar_basin: Any = output(
        "size of the dollar's basin: challenger shares from which the dollar is the best reply",
        unit="share",
    )
    dollar_risk_dominant: Any = output("the dollar equilibrium risk-dominates (Harsanyi-Selten)")
    challenger_risk_dominant: Any = output("the challenger equilibrium risk-dominates (Harsanyi-Selten)")
    dollar_payoff_dominant: Any = output("both equilibria exist and the dollar one pays both more")
    challenger_payoff_dominant: Any = output("both equilibria exist and the challenger one pays both more")


@model(family="money", source=_SOURCE, parameters=_parameters(), result=CurrencyCoordination, exact=True)
def currency_coordination(
    dollar_network, challenger_network, network_advantage, switching_cost, challenger_premium
):
    """Dollar or challenger: a coordination game with network effects and a switching cost.

    Two countries (or a country and the market it trades with) each hold reserves and
    settle trade in the dollar or in a challenger currency. Using the partner's currency
    saves transaction costs; the dollar also brings its installed base; moving to the
    challenger costs something. When is switching an equilibrium, and which equilibrium
    would a cautious player expect?

    The model and its assumptions: a symmetric 2x2 game; a player's payoff is

    ==============  ===================  ======================
    own \\ partner   Dollar               Challenger
    ==============  ===================  ======================
    Dollar          ``a + n_D``          ``a``
    Challenger      ``e - s``            ``e - s + n_C``
    ==============  ===================  ======================

    ``n_D, n_C > 0`` (network gains of sharing a currency), ``a >= 0`` (the dollar's
    network advantage), ``s >= 0`` (switching cost), ``e`` (the challenger's own benefit).
    Payoffs are additive; the partner's identity does not matter beyond its choice.

    Closed forms, with the dollar's stand-alone edge ``Delta = a + s - e``:

    * both on the dollar is an equilibrium iff ``Delta >= -n_D``; it disappears (the
      challenger is dominant) once ``e > a + s + n_D`` (``collapse_threshold``);
    * both switching is an equilibrium iff ``Delta <= n_C``, i.e. iff
      ``e >= a + s - n_C`` (``switch_threshold``);
    * if a partner uses the challenger with probability ``x``, the challenger pays more iff
      ``x > x* = (n_D + Delta) / (n_D + n_C)`` (``critical_share``); where both equilibria
      exist the mixed one has the dollar played with probability ``1 - x*``, and the
      dollar's basin (under best-reply or replicator dynamics) is ``clip(x*, 0, 1)``, which
      grows with the network advantage ``a`` and the switching cost ``s``;
    * risk dominance (Harsanyi-Selten 1988; for a symmetric game the larger deviation
      loss): the dollar risk-dominates iff ``n_D + Delta > n_C - Delta``, i.e. iff
      ``x* > 1/2``: the risk-dominant equilibrium is the one with the larger basin;
    * payoff dominance: where both equilibria exist the challenger one pays both more iff
      ``e - s + n_C > a + n_D``, i.e. iff ``n_C - n_D > Delta``. So when
      ``Delta < n_C - n_D < 2 Delta`` the challenger is the better equilibrium yet the
      dollar is the safer one.

    All outputs are rational: ``exact=True`` returns Fractions (``mixed_equilibrium`` is
    NaN, a float, where there is no mixed equilibrium).

    Parameters
    ----------
    dollar_network, challenger_network : array_like
        ``n_D``, ``n_C`` (positive).
    network_advantage : array_like
        ``a >= 0``.
    switching_cost : array_like
        ``s >= 0``.
    challenger_premium : array_like
        ``e`` (any real).
    exact : bool, default False

    Returns
    -------
    CurrencyCoordination

    References
    ----------
    Harsanyi, J. C. and Selten, R. (1988). A General Theory of Equilibrium Selection in
    Games. MIT Press, Section 3.9. Krugman, P. (1980). Vehicle currencies and the structure
    of international exchange. Journal of Money, Credit and Banking 12(3), 513-526.

    Examples
    --------
    With the defaults (``Delta = 3/4``) the dollar's basin is ``x* = (1 + 3/4) / 2 = 7/8``:
    a country switches only if it expects more than 7 in 8 partners to switch, so the
    dollar is risk dominant, although switching became an equilibrium at ``e = -1/4``:

    >>> import bargain as bg
    >>> r = bg.models.money.currency_coordination(exact=True)
    >>> r.dollar_basin, r.switch_threshold, bool(r.dollar_risk_dominant)
    (Fraction(7, 8), Fraction(-1, 4), True)

    A better-networked challenger (``n_C = 2``) is payoff dominant, yet the dollar is
    still the risk-dominant equilibrium:

    >>> r = bg.models.money.currency_coordination(challenger_network=2, exact=True)
    >>> r.critical_share, bool(r.challenger_payoff_dominant), bool(r.dollar_risk_dominant)
    (Fraction(7, 12), True, True)
    """
    n_d, n_c = dollar_network, challenger_network
    a, s, e = network_advantage, switching_cost, challenger_premium
    edge = a + s - e
    dollar_eq = _bool(edge >= -n_d)
    switch_eq = _bool(edge <= n_c)
    both = dollar_eq & switch_eq
    x_star = _critical_share(n_d, n_c, edge)
    strict_both = _bool(edge > -n_d) & _bool(edge < n_c)
    mixed = np.where(strict_both, 1 - x_star, np.nan)
    dollar_gain = n_d + edge  # loss from leaving the dollar equilibrium
    challenger_gain = n_c - edge  # loss from leaving the challenger equilibrium
    payoff_d, payoff_c = a + n_d, e - s + n_c
    game = Game.symmetric(matrix_2x2(a + n_d, a, e - s, e - s + n_c), actions=_ACTIONS,
                          players=("Country A", "Country B"), name="currency coordination")
    return {
        "game": game,
        "dollar_equilibrium": dollar_eq,
        "switch_equilibrium": switch_eq,
        "switch_threshold": a + s - n_c,
        "collapse_threshold": a + s + n_d,
        "mixed_equilibrium": mixed,
        "critical_share": x_star,
        "dollar_basin": _clip01(x_star),
        "dollar_risk_dominant": both & _bool(dollar_gain > challenger_gain),
        "challenger_risk_dominant": both & _bool(challenger_gain > dollar_gain),
        "dollar_payoff_dominant": both & _bool(payoff_d > payoff_c),
        "challenger_payoff_dominant": both & _bool(payoff_c > payoff_d),
    }


# ------------------------------------------------------------------------------ tipping
@dataclass(frozen=True, eq=False, repr=False)
class CurrencyTipping(ModelResult):
    """Result of :func:`currency_tipping`."""

    critical_share: Any = output(
        "challenger share above which the challenger takes over (clipped to [0, 1])", unit="share"
    )
    tips: Any = output("the initial challenger share is above the critical share: the challenger takes over")
    time_to_target: Any = output(
        "time for the challenger share to grow from the initial to the target share (inf if it never does)",
        unit="time",
    )


@model(
    family="money",
    source=_SOURCE + "; Taylor and Jonker (1978), Mathematical Biosciences 40 (replicator dynamics)",
    parameters=[
        *_parameters(),
        Parameter("challenger_share", "x0: initial share of countries using the challenger", unit="share",
                  domain=UNIT_OPEN, default=0.1),
        Parameter("target_share", "share of challenger users whose arrival time is reported", unit="share",
                  domain=UNIT_OPEN, default=0.9),
    ],
    result=CurrencyTipping,
)
def currency_tipping(
    dollar_network, challenger_network, network_advantage, switching_cost, challenger_premium,
    challenger_share, target_share,
):
    """De-dollarization as tipping: replicator dynamics of currency choice in a population of countries.

    Many countries meet at random and each earns the :func:`currency_coordination` payoff
    against its partner; the share using the challenger grows when the challenger pays
    more than average (one-population replicator dynamics). How many countries must move
    before the rest follow, and how long does it take?

    The model and its assumptions: with challenger share ``x`` a dollar user earns
    ``a + n_D (1 - x)`` and a challenger user ``e - s + n_C x``, so the replicator equation
    ``dx/dt = x (1 - x) (u_C - u_D)`` is

    .. math:: \\dot x = K\\, x (1 - x) (x - x^*), \\qquad K = n_D + n_C,
              \\quad x^* = \\frac{n_D + a + s - e}{n_D + n_C}.

    For ``0 < x* < 1`` the rest point ``x*`` is unstable: from ``x0 > x*`` the challenger
    takes over (``x -> 1``), from ``x0 < x*`` the dollar wins back (``x -> 0``); ``x*`` is
    the tipping point and the dollar's basin, larger with the network advantage. (``x* <= 0``:
    the challenger is dominant and grows from any share; ``x* >= 1``: the dollar is.)

    Closed form of the path. Partial fractions give, for ``x*`` not 0 or 1,
    ``1 / (x (1 - x) (x - x*)) = -1/(x* x) + 1/((1 - x*)(1 - x)) + 1/(x* (1 - x*)(x - x*))``,
    so ``K t = F(x(t)) - F(x0)`` with (written to stay accurate as ``x* -> 0``)

    .. math:: F(x) = \\frac{1}{1 - x^*}\\Big[\\ln\\frac{x}{1 - x}
              + \\frac{\\ln(1 - x^*/x)}{x^*}\\Big],

    whose bracket's second term is ``-1/x`` at ``x* = 0``. ``time_to_target`` is
    ``(F(target) - F(x0)) / K`` when the share rises to the target (``x0 > x*``,
    ``x* < 1`` and ``target > x0``), ``0`` when ``target <= x0`` and the challenger
    tips, and ``inf`` otherwise.

    Parameters
    ----------
    dollar_network, challenger_network, network_advantage, switching_cost, challenger_premium
        As in :func:`currency_coordination`.
    challenger_share : array_like
        ``x0`` in ``(0, 1)``.
    target_share : array_like
        In ``(0, 1)``.

    Returns
    -------
    CurrencyTipping

    References
    ----------
    Krugman (1980), Journal of Money, Credit and Banking 12(3). Taylor, P. D. and Jonker,
    L. B. (1978). Evolutionarily stable strategies and game dynamics. Mathematical
    Biosciences 40, 145-156. Harsanyi and Selten (1988), Section 3.9.

    Examples
    --------
    With the default payoffs the tipping point is 7/8: a challenger used by 80% of
    countries loses them all again; one used by 95% takes over.

    >>> import bargain as bg
    >>> r = bg.models.money.currency_tipping(challenger_share=[0.8, 0.95], target_share=0.99)
    >>> float(r.critical_share[0]), r.tips.tolist(), r.time_to_target.round(3).tolist()
    (0.875, [False, True], [inf, 8.368])
    """
    n_d, n_c = dollar_network, challenger_network
    edge = network_advantage + switching_cost - challenger_premium
    x_star = _critical_share(n_d, n_c, edge)
    k = n_d + n_c
    x0, target = challenger_share, target_share
    tips = x0 > x_star
    rises = tips & (x_star < 1)

    def primitive(x: np.ndarray) -> np.ndarray:
        ratio = np.where(x_star == 0, 0.0, x_star / x)
        safe = np.where(x_star == 0, 1.0, x_star)
        with np.errstate(divide="ignore", invalid="ignore"):
            tail = np.where(x_star == 0, -1 / x, np.log1p(-ratio) / safe)
            return (np.log(x / (1 - x)) + tail) / (1 - x_star)

    with np.errstate(divide="ignore", invalid="ignore"):
        ahead = rises & (target > x0)
        time = np.where(ahead, (primitive(np.where(ahead, target, 0.5)) - primitive(np.where(ahead, x0, 0.5)))
                        / k, np.inf)
    time = np.where(rises & (target <= x0), 0.0, time)
    return {
        "critical_share": np.clip(x_star, 0.0, 1.0),
        "tips": np.asarray(tips, dtype=bool),
        "time_to_target": time,
    }
