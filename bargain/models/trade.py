"""Trade: tariff wars, self-enforcing free trade, and tariff threats as bargaining leverage.

The policy, in our words: a government raises tariffs to improve its terms of trade and to
force partners into better deals, and prefers bilateral bargains to multilateral pacts. A
tariff pays for the country that imposes it alone, but when both impose one each is worse
off than under free trade; free trade can then only be held together by the prospect of
future retaliation, and in talks each side's tariff threat sets where the bargain starts.

One economy underlies both models. Two countries each import one good from the other (the
two markets mirror each other). In the market where a country imports:

* its inverse import demand is ``p = a - b M`` (``M`` imports, ``p`` the domestic price);
* the other country's export supply is ``M = s p*`` (``p*`` the world price it receives);
* a specific tariff ``t`` drives a wedge ``p = p* + t``.

Solving ``a - b s p* = p* + t``: with ``x = b s`` and ``k = s / (1 + x)``,

    p* = (a - t) / (1 + x),   M = k (a - t),   p = (a + x t) / (1 + x).

Per market, the importer gains ``G(t) = b M^2 / 2 + t M`` (consumer surplus, since
``a - p = b M``, plus tariff revenue) and the exporter ``E(t) = M^2 / (2 s)`` (producer
surplus above the supply curve). A country's welfare is ``G`` of its own tariff plus ``E``
of its partner's tariff.

Models: :func:`tariff_war` (the optimal tariff, the tariff war as a Prisoner's Dilemma and
the patience that makes reciprocal free trade self-enforcing) and :func:`tariff_talks` (the
tariff war, or a harsher committed threat, as the disagreement point of trade talks).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np

from bargain.core.game import Game
from bargain.models._base import (
    POSITIVE,
    Domain,
    ModelResult,
    Parameter,
    constant,
    matrix_2x2,
    maximum,
    minimum,
    model,
    output,
    pick,
    require,
)

__all__ = ["tariff_war", "TariffWar", "tariff_talks", "TariffTalks"]

_ACTIONS = ("Free trade", "Tariff")
_PLAYERS = ("Home", "Foreign")
_REGIMES = ("free_trade", "war", "unilateral", "sucker")
_SOLUTIONS = ("nash", "kalai_smorodinsky", "egalitarian", "utilitarian", "variable_threat")

_ECONOMY = [
    Parameter("demand_intercept", "choke price of import demand, p = a - b M (a)", unit="price",
              domain=POSITIVE, default=1),
    Parameter("demand_slope", "slope of inverse import demand, p = a - b M (b)", unit="price per unit",
              domain=POSITIVE, default=1),
    Parameter("supply_slope", "slope of the partner's export supply, M = s p* (s)", unit="units per price",
              domain=POSITIVE, default=1),
]


def _market(a: Any, b: Any, s: Any, t: Any) -> tuple[Any, Any]:
    """Importer's gain ``G(t)`` (consumer surplus + tariff revenue) and exporter's surplus ``E(t)``."""
    imports = s * (a - t) / (1 + b * s)
    return b * imports * imports / 2 + t * imports, imports * imports / (2 * s)


# ------------------------------------------------------------------------------ tariff war
@dataclass(frozen=True, eq=False, repr=False)
class TariffWar(ModelResult):
    """The optimal tariff, welfare in the four tariff regimes, the stage game and its threshold."""

    optimal_tariff: Any = output("the optimal (specific) tariff a / (2 + b s)", unit="price")
    world_price: Any = output("the world price p* the exporter receives under the optimal tariff",
                              unit="price")
    welfare: Any = output(
        "a country's welfare: both free trade, both tariffs, its tariff alone, the other's tariff alone",
        unit="surplus", kind="mapping", keys=_REGIMES,
    )
    game: Any = output("the 2x2 stage game (Free trade / Tariff), a Prisoner's Dilemma", kind="game")
    critical_delta: Any = output(
        "smallest discount factor at which grim trigger sustains free trade: (2 + b s) / (3 + 2 b s)",
        unit="discount factor",
    )


@model(
    family="trade",
    source=(
        "Johnson (1953), Rev. Econ. Stud. 21(2), Section I (optimal tariff, tariff war); "
        "Bagwell and Staiger (1990), Amer. Econ. Rev. 80(4), Section I, and (1999), "
        "Amer. Econ. Rev. 89(1), Section I (self-enforcing reciprocal liberalisation)"
    ),
    parameters=_ECONOMY,
    result=TariffWar,
    exact=True,
)
def tariff_war(demand_intercept, demand_slope, supply_slope):
    """Two countries' tariff war: optimal tariff, Prisoner's Dilemma, and self-enforcing free trade.

    Policy: a country taxes imports to push the world price of what it buys down; when its
    partner does the same, both lose. How patient must both be for reciprocal free trade
    to hold with no court to enforce it, only the threat of a renewed tariff war?

    Model and assumptions. Two symmetric countries; each imports one good from the other
    and exports the other good (see the module docstring for the market: import demand
    ``p = a - b M``, export supply ``M = s p*``, specific tariff ``t``, ``p = p* + t``; partial
    equilibrium, no domestic production of the imported good, the markets independent).
    Welfare = consumer surplus + tariff revenue in the import market ``G(t_own)`` + producer
    surplus of the export sector in the mirror market ``E(t_partner)``. Tariffs are set
    simultaneously; the repeated game has perfect monitoring and a common discount factor.

    Closed forms (``x = b s``, ``c = s a^2 / 2``):

    * Optimal tariff (Johnson 1953). ``G'(t) = k [a - 2 t - x (a - t) / (1 + x)] = 0`` gives
      ``t* = a / (2 + x)``. Since welfare is additive in the two markets, ``t*`` is the best
      tariff whatever the partner does: a dominant strategy. The world price is then
      ``p* = (a - t*) / (1 + x) = a / (2 + x)``, so the ad valorem tariff is ``t* / p* = 1``,
      the inverse of the export-supply elasticity ``(dM / dp*) (p* / M) = 1`` of ``M = s p*``:
      Johnson's rule ``tau = 1 / epsilon*``.
    * Welfare: ``G(0) = c x / (1 + x)^2``, ``G(t*) = c / (2 + x)``, ``E(0) = c / (1 + x)^2``,
      ``E(t*) = c / (2 + x)^2``, hence

          R = free trade  = G(0) + E(0)   = c / (1 + x)
          T = unilateral  = G(t*) + E(0)  = c [1 / (2 + x) + 1 / (1 + x)^2]
          S = sucker      = G(0) + E(t*)  = c [x / (1 + x)^2 + 1 / (2 + x)^2]
          P = war         = G(t*) + E(t*) = c (3 + x) / (2 + x)^2

      with ``T - R = P - S = c / ((2 + x)(1 + x)^2) > 0`` (the tariff's gain),
      ``R - P = c / ((1 + x)(2 + x)^2) > 0`` (what the war costs each) and
      ``T - P = c (3 + 2 x) / ((1 + x)^2 (2 + x)^2)``: ``T > R > P > S`` and ``2 R > T + S``,
      a Prisoner's Dilemma for every ``a, b, s > 0``.
    * Self-enforcing free trade (Bagwell and Staiger 1990, 1999). Under grim trigger
      (deviation answered by the tariff war for ever, which is the stage equilibrium, so
      the profile is subgame perfect) free trade holds iff
      ``T - R <= delta / (1 - delta) (R - P)``, i.e.

          delta >= (T - R) / (T - P) = (2 + x) / (3 + 2 x),

      between 1/2 (``x`` large) and 2/3 (``x`` small): it falls with ``x = b s``.

    Parameters
    ----------
    demand_intercept, demand_slope, supply_slope : array_like
        ``a``, ``b`` and ``s`` (all ``> 0``; they broadcast together).

    Returns
    -------
    TariffWar
        ``optimal_tariff``, ``world_price``, ``welfare`` (mapping ``"free_trade"``,
        ``"war"``, ``"unilateral"``, ``"sucker"``: ``R, P, T, S``), ``game`` (a symmetric 2x2
        ``Game`` batch, Home in rows, actions ``("Free trade", "Tariff")``) and
        ``critical_delta``. Fractions with ``exact=True``.

    References
    ----------
    Johnson, H. G. (1953). Optimum tariffs and retaliation. *Review of Economic Studies*
    21(2), 142-153, Section I.
    Bagwell, K. and Staiger, R. W. (1990). A theory of managed trade. *American Economic
    Review* 80(4), 779-795, Section I.
    Bagwell, K. and Staiger, R. W. (1999). An economic theory of GATT. *American Economic
    Review* 89(1), 215-248, Section I.

    Examples
    --------
    >>> from bargain.models.trade import tariff_war
    >>> r = tariff_war(exact=True)                      # a = b = s = 1
    >>> r.optimal_tariff, r.world_price, r.critical_delta
    (Fraction(1, 3), Fraction(1, 3), Fraction(3, 5))
    >>> {k: str(v) for k, v in r.welfare.items()}
    {'free_trade': '1/4', 'war': '2/9', 'unilateral': '7/24', 'sucker': '13/72'}
    >>> [str(d) for d in tariff_war(supply_slope=[0.5, 1, 4], exact=True).critical_delta]
    ['5/8', '3/5', '6/11']
    >>> float(tariff_war(demand_slope=2.0).critical_delta)
    0.571428571
    """
    a, b, s = demand_intercept, demand_slope, supply_slope
    x = b * s
    tariff = a / (2 + x)
    g_free, e_free = _market(a, b, s, constant(0, a))
    g_tariff, e_tariff = _market(a, b, s, tariff)
    free, war = g_free + e_free, g_tariff + e_tariff
    unilateral, sucker = g_tariff + e_free, g_free + e_tariff
    A = matrix_2x2(free, sucker, unilateral, war)  # rows and columns: (Free trade, Tariff)
    game = Game.symmetric(A, actions=_ACTIONS, players=_PLAYERS, name="tariff war")
    return {
        "optimal_tariff": tariff,
        "world_price": (a - tariff) / (1 + x),
        "welfare": {"free_trade": free, "war": war, "unilateral": unilateral, "sucker": sucker},
        "game": game,
        # (T - R) / (T - P) in closed form: the same number exactly, and no cancellation in floats
        "critical_delta": (2 + x) / (3 + 2 * x),
    }


# ------------------------------------------------------------------------------ tariff talks
@dataclass(frozen=True, eq=False, repr=False)
class TariffTalks(ModelResult):
    """Trade talks whose disagreement point is a tariff war: the threat, and the agreements."""

    threat_tariff: Any = output("Home's threat tariff if talks fail (home_threat x the optimal tariff)",
                                unit="price")
    optimal_threat: Any = output(
        "Home's best threat tariff with side payments (Nash 1953): 2 a / (3 + b s)", unit="price"
    )
    disagreement: Any = output("each country's welfare if talks fail (the tariff war)", unit="surplus",
                               kind="mapping", keys=_PLAYERS)
    home_welfare: Any = output("Home's welfare under each bargaining solution", unit="surplus",
                               kind="mapping", keys=_SOLUTIONS)
    foreign_welfare: Any = output("Foreign's welfare under each bargaining solution", unit="surplus",
                                  kind="mapping", keys=_SOLUTIONS)
    game: Any = output("the 2x2 game of the talks (Home's Tariff is its threat tariff)", kind="game")


@model(
    family="trade",
    source=(
        "Nash (1953), Econometrica 21(1), Sections 4-6 (threats); Grossman and Helpman (1995), "
        "J. Polit. Econ. 103(4), Section III (trade talks after a trade war); Johnson (1953), "
        "Rev. Econ. Stud. 21(2)"
    ),
    parameters=[
        *_ECONOMY,
        Parameter("home_threat", "Home's threat tariff as a multiple of its optimal tariff (1: the war)",
                  unit="x optimal tariff", domain=Domain(1), default=1),
    ],
    result=TariffTalks,
    exact=True,
)
def tariff_talks(demand_intercept, demand_slope, supply_slope, home_threat):
    """Trade talks in the shadow of a tariff war: each bargaining solution's agreement.

    Policy: tariffs used openly as leverage. A government enters talks having said what it
    will do if they fail; the harsher that credible or committed tariff, the worse the
    partner's fallback, and the better the deal it can demand.

    Model and assumptions. The economy of :func:`tariff_war` (symmetric countries, import
    demand ``p = a - b M``, export supply ``M = s p*``, ``x = b s``). If talks fail, Home
    imposes its threat tariff ``tau = home_threat * t*`` (``home_threat = 1``: its optimal
    tariff ``t* = a / (2 + x)``, dominant and so credible without commitment; above 1 a
    harsher tariff it has committed to) and Foreign its optimal tariff ``t*`` (its dominant
    reply to anything). The disagreement point is ``d = (G(tau) + E(t*), G(t*) + E(tau))``.
    Agreements are binding and may be any lottery (or share of goods) over the four tariff
    regimes of the induced 2x2 game (Home: Free trade / Tariff ``tau``; Foreign: Free trade /
    Tariff ``t*``), with free disposal: Nash's (1953) cooperative game on that game. The
    solutions are Nash (1950), Kalai-Smorodinsky (1975), egalitarian (Kalai 1977),
    utilitarian, and Nash's (1953) variable-threat solution with side payments.

    Closed forms. The feasible set's Pareto frontier runs from ``Tf = (G(0) + E(t*), G(t*) +
    E(0))`` (Foreign's tariff alone) to free trade ``F = (R, R)``, ``R = G(0) + E(0)``, and, when
    ``G(tau) > G(0)``, on to ``Th = (G(tau) + E(0), G(0) + E(tau))`` (Home's threat alone). On a
    frontier segment ``n . u = h`` the Nash product is largest at ``u = d + m / 2 (1 / n1,
    1 / n2)``, ``m = h - n . d``, clipped to the segment; Kalai-Smorodinsky and egalitarian
    are where the ray from ``d`` towards the ideal point (towards ``(1, 1)``) leaves the set,
    ``g = min_k (h_k - n_k . d) / (n_k . w)`` over the segments and the two bounds (a ray
    leaving through a flat bound is moved along it to the frontier: the lexicographic
    completion, Kalai 1977); the
    utilitarian solution is free trade (largest joint welfare ``2 R``). With side payments
    the threat game is ``A - B``: Foreign's tariff is dominant in it, so Home's threat
    ``tau`` buys ``v = max(G(0) - E(0), G(tau) - E(tau)) - (G(t*) - E(t*))`` and the agreement
    is ``((2 R + v) / 2, (2 R - v) / 2)``. Home's best threat under side payments maximises
    ``G(tau) - E(tau)``: ``tau = 2 a / (3 + x)``, above the optimal tariff ``a / (2 + x)``
    (a threat hurts the threatener less than its target). With ``home_threat = 1`` the
    problem is symmetric and every solution is free trade, ``(R, R)``.

    Parameters
    ----------
    demand_intercept, demand_slope, supply_slope : array_like
        ``a``, ``b``, ``s`` (all ``> 0``).
    home_threat : array_like
        Home's threat tariff over its optimal tariff, in ``[1, 2 + b s]`` (``2 + b s`` is
        the prohibitive tariff ``a``). All four broadcast together.

    Returns
    -------
    TariffTalks
        ``threat_tariff``, ``optimal_threat``, ``disagreement`` (mapping ``"Home"``,
        ``"Foreign"``), ``home_welfare`` and ``foreign_welfare`` (mappings keyed by
        ``"nash"``, ``"kalai_smorodinsky"``, ``"egalitarian"``, ``"utilitarian"``,
        ``"variable_threat"``) and ``game``. Fractions with ``exact=True``.

    References
    ----------
    Nash, J. F. (1953). Two-person cooperative games. *Econometrica* 21(1), 128-140.
    Grossman, G. M. and Helpman, E. (1995). Trade wars and trade talks. *Journal of
    Political Economy* 103(4), 675-708, Section III.
    Kalai, E. and Smorodinsky, M. (1975). Other solutions to Nash's bargaining problem.
    *Econometrica* 43(3), 513-518. Kalai, E. (1977). Proportional solutions to bargaining
    situations. *Econometrica* 45(7), 1623-1630.

    Examples
    --------
    >>> from bargain.models.trade import tariff_talks
    >>> r = tariff_talks(exact=True)                    # the war as fallback: free trade
    >>> r.home_welfare["nash"], r.foreign_welfare["nash"], r.disagreement["Home"]
    (Fraction(1, 4), Fraction(1, 4), Fraction(2, 9))
    >>> r = tariff_talks(home_threat="3/2", exact=True)  # Home's best threat when a = b = s = 1
    >>> r.threat_tariff, r.optimal_threat, r.disagreement["Home"], r.disagreement["Foreign"]
    (Fraction(1, 2), Fraction(1, 2), Fraction(61, 288), Fraction(19, 96))
    >>> [str(r.home_welfare[k]) for k in ("nash", "kalai_smorodinsky", "egalitarian", "variable_threat")]
    ['1/4', '2089/8352', '73/288', '37/144']
    """
    a, b, s = demand_intercept, demand_slope, supply_slope
    x = b * s
    require(home_threat <= 2 + x, "trade.tariff_talks", "home_threat must be at most 2 + demand_slope * "
            "supply_slope (the prohibitive tariff a over the optimal tariff)",
            home_threat=home_threat, demand_slope=b, supply_slope=s)
    best = a / (2 + x)
    tau = home_threat * best
    g0, e0 = _market(a, b, s, constant(0, a))
    gb, eb = _market(a, b, s, best)
    gt, et = _market(a, b, s, tau)
    free = g0 + e0
    d_h, d_f = gt + eb, gb + et
    # vertices of the Pareto frontier: Foreign's tariff alone, free trade, Home's threat alone
    tf_h, tf_f = g0 + eb, gb + e0
    th_h, th_f = gt + e0, g0 + et
    second = np.asarray(gt > g0, dtype=bool)  # does Home's threat alone lie on the frontier?
    q_h, q_f = pick(second, th_h, free), pick(second, th_f, free)
    # segment 1 (Tf -> F): n1 . u = h1; segment 2 (F -> Q): n2 . u = h2 (n1 stands in when absent)
    n1h, n1f = tf_f - free, free - tf_h
    h1 = n1h * free + n1f * free
    n2h, n2f = pick(second, free - q_f, n1h), pick(second, q_h - free, n1f)
    h2 = n2h * free + n2f * free

    def ray_exit(wh: Any, wf: Any) -> tuple[Any, Any]:
        """Where the ray d + g (wh, wf) leaves the set, moved along a flat edge onto the frontier.

        A ray leaving through the top edge (Foreign at its best, ``u_F = Tf_F``) or the right
        edge (Home at its best) is pushed to that edge's Pareto end, ``Tf`` or ``Q``: the
        lexicographic completion (Kalai 1977), what the library's solvers return too.
        """
        top = (tf_f - d_f) / wf
        right = (q_h - d_h) / wh
        seg = minimum((h1 - n1h * d_h - n1f * d_f) / (n1h * wh + n1f * wf),
                       (h2 - n2h * d_h - n2f * d_f) / (n2h * wh + n2f * wf))
        g = minimum(seg, minimum(top, right))
        u_h, u_f = d_h + g * wh, d_f + g * wf
        on_top, on_right = top <= seg, right <= seg
        u_h = pick(on_top, tf_h, pick(on_right, q_h, u_h))
        return u_h, pick(on_top, tf_f, pick(on_right, q_f, u_f))

    def nash_on(nh: Any, nf: Any, h: Any, lo: Any, hi: Any) -> tuple[Any, Any]:
        u_h = d_h + (h - nh * d_h - nf * d_f) / (2 * nh)
        u_h = pick(u_h < lo, lo, pick(u_h > hi, hi, u_h))
        return u_h, (h - nh * u_h) / nf

    n_h1, n_f1 = nash_on(n1h, n1f, h1, tf_h, free)
    n_h2, n_f2 = nash_on(n2h, n2f, h2, free, q_h)
    first = (n_h1 - d_h) * (n_f1 - d_f) >= (n_h2 - d_h) * (n_f2 - d_f)
    nash_h, nash_f = pick(first, n_h1, n_h2), pick(first, n_f1, n_f2)

    ideal_f = pick(d_h <= tf_h, tf_f, (h1 - n1h * d_h) / n1f)
    ideal_h = pick(second, (h2 - n2f * d_f) / n2h, free)
    ks_h, ks_f = ray_exit(ideal_h - d_h, ideal_f - d_f)
    one = constant(1, a)
    eg_h, eg_f = ray_exit(one, one)

    value = maximum(gt - et, g0 - e0) - (gb - eb)
    A = matrix_2x2(free, tf_h, th_h, d_h)
    B = matrix_2x2(free, tf_f, th_f, d_f)
    game = Game(A, B, row_actions=_ACTIONS, col_actions=_ACTIONS, players=_PLAYERS, name="tariff talks")
    return {
        "threat_tariff": tau,
        "optimal_threat": 2 * a / (3 + x),
        "disagreement": {"Home": d_h, "Foreign": d_f},
        "home_welfare": {
            "nash": nash_h,
            "kalai_smorodinsky": ks_h,
            "egalitarian": eg_h,
            "utilitarian": free,
            "variable_threat": free + value / 2,
        },
        "foreign_welfare": {
            "nash": nash_f,
            "kalai_smorodinsky": ks_f,
            "egalitarian": eg_f,
            "utilitarian": free,
            "variable_threat": free - value / 2,
        },
        "game": game,
    }
