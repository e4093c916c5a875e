"""Industrial policy: export subsidies for a national champion, and the subsidy war they start.

The policy, in our words: a government subsidises a key industry so that its firm wins
market share abroad from a foreign rival. Against a rival that gets no help, the subsidy
shifts profit home by more than it costs; when the rival's government answers in kind,
both treasuries pay and the profits go to the foreign buyers.

Model :func:`brander_spencer`: two firms, one per country, sell the same good in a third
market and compete in quantities; each government may pay its firm a per-unit export
subsidy before the firms choose output (Brander and Spencer 1985).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from bargain.core.game import Game
from bargain.models._base import (
    NONNEGATIVE,
    POSITIVE,
    ModelResult,
    Parameter,
    constant,
    matrix_2x2,
    model,
    output,
    require,
)

__all__ = ["brander_spencer", "BranderSpencer"]

_ACTIONS = ("No subsidy", "Subsidy")
_PLAYERS = ("Home", "Foreign")
_REGIMES = ("free_trade", "unilateral", "sucker", "war")
_LEVELS = ("unilateral", "equilibrium")


@dataclass(frozen=True, eq=False, repr=False)
class BranderSpencer(ModelResult):
    """Optimal and equilibrium subsidies, outputs, profits and welfare, and the subsidy game."""

    optimal_subsidy: Any = output("a government's best subsidy when the rival's is zero: (a - c) / 4",
                                  unit="price per unit")
    equilibrium_subsidy: Any = output(
        "each government's subsidy in the subsidy war's equilibrium: (a - c) / 5", unit="price per unit"
    )
    quantities: Any = output(
        "a country's firm's exports: no subsidies, its subsidy alone, the rival's alone, both subsidies",
        unit="units", kind="mapping", keys=_REGIMES,
    )
    profits: Any = output("a country's firm's profit (subsidy included) in each regime", unit="surplus",
                          kind="mapping", keys=_REGIMES)
    welfare: Any = output("a country's welfare (profit minus the subsidy paid) in each regime",
                          unit="surplus", kind="mapping", keys=_REGIMES)
    game: Any = output("the 2x2 subsidy game (No subsidy / Subsidy), a Prisoner's Dilemma", kind="game")


@model(
    family="industrial",
    source=(
        "Brander and Spencer (1985), J. Int. Econ. 18(1-2), Sections 2-4 (export subsidies and "
        "international market share rivalry), linear-demand case"
    ),
    parameters=[
        Parameter("demand_intercept", "choke price of the third market's demand, P = a - b Q (a)",
                  unit="price", domain=POSITIVE, default=1),
        Parameter("demand_slope", "slope of the third market's inverse demand (b)", unit="price per unit",
                  domain=POSITIVE, default=1),
        Parameter("marginal_cost", "each firm's constant marginal cost (c < a)", unit="price",
                  domain=NONNEGATIVE, default=0),
        Parameter("subsidy", "the subsidy of the game's 'Subsidy' action: the unilateral optimum "
                  "(a - c) / 4 or the subsidy war's equilibrium (a - c) / 5", kind="option",
                  choices=_LEVELS, default="unilateral"),
    ],
    result=BranderSpencer,
    exact=True,
)
def brander_spencer(demand_intercept, demand_slope, marginal_cost, subsidy):
    """Strategic export subsidies in a Cournot duopoly: the unilateral gain and the subsidy war.

    Policy: subsidies for a key export industry (reshoring, "national champions") meant to
    shift profit from a foreign rival to the home firm.

    Model and assumptions. One home and one foreign firm sell a homogeneous good only in a
    third market (no domestic consumers in either country) with inverse demand
    ``P = a - b (q1 + q2)``; both have constant marginal cost ``c < a``. First each
    government commits to a per-unit export subsidy ``s_i``; then the firms, seeing the
    subsidies, choose quantities (Cournot). National welfare is the firm's profit minus the
    subsidy outlay, ``W_i = pi_i - s_i q_i`` (the subsidy is a transfer inside the country).

    Closed forms (``A = a - c``):

    * Cournot stage: firm ``i`` maximises ``(P - c + s_i) q_i``; the first-order conditions
      give ``q_i = (A + 2 s_i - s_j) / (3 b)`` and, since ``P - c + s_i = b q_i``, profit
      ``pi_i = b q_i^2`` and welfare ``W_i = q_i (b q_i - s_i)``.
    * Optimal subsidy. ``dW_i / ds_i = (2 / (3 b))(b q_i - s_i) - q_i / 3 = q_i / 3 - 2 s_i / (3 b)``
      vanishes at ``s_i = b q_i / 2``; with the Cournot output this is the best reply
      ``s_i = (A - s_j) / 4``. Against no subsidy: ``s = A / 4``, which makes the home firm
      produce the Stackelberg leader's output ``A / (2 b)`` (Brander and Spencer's
      profit-shifting result). Both governments best-replying: ``s = A / 5`` each (the
      subsidy war), outputs ``2 A / (5 b)`` and welfare ``2 A^2 / (25 b)`` each, below the
      ``A^2 / (9 b)`` of no subsidies.
    * The 2x2 game (actions No subsidy / Subsidy at level ``sigma``): with
      ``sigma = A / 4`` the welfare is ``R = A^2 / (9 b)`` (no subsidies),
      ``T = A^2 / (8 b)`` (own subsidy alone), ``S = A^2 / (16 b)`` (the rival's alone),
      ``P = 5 A^2 / (72 b)`` (both); with ``sigma = A / 5``: ``T = 28 A^2 / (225 b)``,
      ``S = 16 A^2 / (225 b)``, ``P = 2 A^2 / (25 b)``. Both are Prisoner's Dilemmas
      (``T > R > P > S``, ``2 R > T + S``) for every ``a > c >= 0``, ``b > 0``: subsidising is
      dominant and the war leaves both countries worse off; the gains go to the third
      market's consumers through a lower price.

    Parameters
    ----------
    demand_intercept, demand_slope, marginal_cost : array_like
        ``a > 0``, ``b > 0``, ``0 <= c < a``; they broadcast together.
    subsidy : {"unilateral", "equilibrium"}
        The level of the game's "Subsidy" action (and of the ``"unilateral"``,
        ``"sucker"`` and ``"war"`` regimes): the unilateral optimum ``(a - c) / 4``
        (default) or the equilibrium subsidy ``(a - c) / 5``.

    Returns
    -------
    BranderSpencer
        ``optimal_subsidy``, ``equilibrium_subsidy``, and mappings ``quantities``,
        ``profits``, ``welfare`` keyed by ``"free_trade"`` (no subsidies), ``"unilateral"``
        (the country subsidises alone), ``"sucker"`` (only the rival subsidises), ``"war"``
        (both subsidise), and ``game`` (symmetric 2x2 ``Game`` batch, Home in rows).
        Fractions with ``exact=True``.

    References
    ----------
    Brander, J. A. and Spencer, B. J. (1985). Export subsidies and international market
    share rivalry. *Journal of International Economics* 18(1-2), 83-100, Sections 2-4.

    Examples
    --------
    >>> from bargain.models.industrial import brander_spencer
    >>> r = brander_spencer(demand_intercept=10, marginal_cost=4, exact=True)   # A = 6
    >>> r.optimal_subsidy, r.equilibrium_subsidy
    (Fraction(3, 2), Fraction(6, 5))
    >>> {k: str(v) for k, v in r.welfare.items()}
    {'free_trade': '4', 'unilateral': '9/2', 'sucker': '9/4', 'war': '5/2'}
    >>> r.quantities["unilateral"], r.quantities["sucker"]      # Stackelberg leader and follower
    (Fraction(3, 1), Fraction(3, 2))
    >>> w = brander_spencer(demand_intercept=10, marginal_cost=4, subsidy="equilibrium", exact=True).welfare
    >>> str(w["war"]), str(w["unilateral"])
    ('72/25', '112/25')
    """
    a, b, c = demand_intercept, demand_slope, marginal_cost
    require(c < a, "industrial.brander_spencer", "marginal_cost must be below demand_intercept "
            "(else nothing is sold)", marginal_cost=c, demand_intercept=a)
    margin = a - c
    sigma = margin / 4 if subsidy == "unilateral" else margin / 5
    zero = constant(0, margin)

    def regime(own: Any, other: Any) -> tuple[Any, Any, Any]:
        q = (margin + 2 * own - other) / (3 * b)
        profit = b * q * q
        return q, profit, profit - own * q

    cells = {
        "free_trade": regime(zero, zero),
        "unilateral": regime(sigma, zero),
        "sucker": regime(zero, sigma),
        "war": regime(sigma, sigma),
    }
    w = {k: v[2] for k, v in cells.items()}
    A = matrix_2x2(w["free_trade"], w["sucker"], w["unilateral"], w["war"])
    game = Game.symmetric(A, actions=_ACTIONS, players=_PLAYERS, name="subsidy war")
    return {
        "optimal_subsidy": margin / 4,
        "equilibrium_subsidy": margin / 5,
        "quantities": {k: v[0] for k, v in cells.items()},
        "profits": {k: v[1] for k, v in cells.items()},
        "welfare": w,
        "game": game,
    }
