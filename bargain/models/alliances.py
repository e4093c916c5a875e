"""Alliances: defence as a public good, who pays for it, and guarantees kept on conditions.

The policies, in our words: a leading power tells its allies to spend more on the common
defence; it may also step back and let regional allies carry the load (offshore balancing),
or keep its protection only while each ally pays its share.

* :func:`olson_zeckhauser`: allies' defence spending adds up to one deterrent that protects
  all of them (Olson and Zeckhauser 1966), with Cobb-Douglas preferences; the Nash
  contributions with the set of active contributors (Bergstrom, Blume and Varian 1986), the
  burden and income shares ("the exploitation of the great by the small"), the
  Pareto-efficient total (Samuelson), and ``leader=i``: ally ``i`` commits first (Varian 1994).
* :func:`conditional_guarantee`: protection traded for a contribution, year after year, kept
  by the threat of withdrawing it (grim trigger, through :func:`bargain.repeated.critical_delta`).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np

from bargain.core.game import Game
from bargain.errors import InvalidModelError
from bargain.models._base import (
    DISCOUNT,
    POSITIVE,
    UNIT_OPEN,
    ModelResult,
    Parameter,
    constant,
    is_exact,
    matrix_2x2,
    model,
    output,
    pick,
)
from bargain.repeated.thresholds import critical_delta

__all__ = ["olson_zeckhauser", "OlsonZeckhauser", "conditional_guarantee", "ConditionalGuarantee"]

#: Allies that may be named as the leader (``leader=i`` for ``i`` in this range).
MAX_LEADER = 16


# ------------------------------------------------------------------------------ public good
@dataclass(frozen=True, eq=False, repr=False)
class OlsonZeckhauser(ModelResult):
    """Equilibrium contributions to an alliance's common defence, shares and the efficient total."""

    contributions: Any = output("each ally's contribution g_i", unit="income", dims=("ally",))
    total: Any = output("total provision G = sum of contributions", unit="income")
    contributors: Any = output("whether each ally contributes (g_i > 0)", dims=("ally",))
    burden_shares: Any = output("each ally's share of the total, g_i / G", unit="share", dims=("ally",))
    income_shares: Any = output("each ally's share of the alliance's income, w_i / W", unit="share",
                                dims=("ally",))
    efficient_total: Any = output("the Pareto-efficient total (Samuelson condition): alpha W", unit="income")
    utilities: Any = output("each ally's utility (w_i - g_i)^(1-alpha) G^alpha (float)", unit="income",
                            dims=("ally",))


def _as_float(x: np.ndarray) -> np.ndarray:
    return np.asarray(x, dtype=np.float64)


def _nash_total(w_sorted: np.ndarray, a: np.ndarray) -> np.ndarray:
    """The Nash total (Bergstrom-Blume-Varian): incomes sorted descending on the last axis.

    With the ``k`` richest contributing, ``G_k = a W_k / (a + k (1 - a))``; the contributors
    are the ``k`` with ``w_(k) > (1 - a) / a G_k`` (a prefix of the sorted incomes).
    """
    n = w_sorted.shape[-1]
    k = np.arange(1, n + 1)
    W = np.cumsum(w_sorted, axis=-1)
    a = a[..., None]
    G_k = a * W / (a + k * (1 - a))
    active = np.asarray(a * w_sorted > (1 - a) * G_k, dtype=bool)
    count = active.sum(axis=-1, keepdims=True)
    return np.take_along_axis(G_k, count - 1, axis=-1)[..., 0]


def _leader_choice(w: np.ndarray, a: np.ndarray, leader: int) -> tuple[np.ndarray, np.ndarray]:
    """The leader's contribution and the total when ally ``leader`` commits first (Varian 1994).

    The followers then play the Nash equilibrium among themselves given the leader's ``g``:
    with their ``n`` richest active, ``G(g) = s_n (g + V_n)``, ``s_n = a / (a + n (1 - a))``,
    ``V_n`` the sum of their incomes; this holds on the interval of ``g`` between
    ``lo_n = (a + n (1 - a)) / (1 - a) v_(n+1) - V_n`` and ``hi_n = (...) v_(n) - V_n``
    (``v`` the followers' incomes sorted descending). On each interval the leader maximises
    ``(1 - a) log(w_L - g) + a log(g + V_n)``: ``g_n = a w_L - (1 - a) V_n`` clipped to the
    interval and to ``[0, w_L]``. ``G(g)`` is convex in ``g``, so the leader's utility can
    have a local maximum on several intervals: the best of the candidates is chosen
    (compared in floating point; the chosen contribution is then computed exactly).
    """
    n_allies = w.shape[-1]
    m = n_allies - 1
    w_lead = w[..., leader]
    followers = np.delete(w, leader, axis=-1)
    v = np.take_along_axis(followers, np.argsort(_as_float(followers), axis=-1)[..., ::-1], axis=-1)
    n = np.arange(m + 1)                                   # number of active followers
    zero = np.full(np.shape(w_lead) + (1,), constant(0, w_lead), dtype=np.asarray(w_lead).dtype)
    V = np.concatenate([zero, np.cumsum(v, axis=-1)], axis=-1)           # (..., m + 1)
    a1 = a[..., None]
    scale = (a1 + n * (1 - a1)) / (1 - a1)                # 1 / (b s_n)
    wl = w_lead[..., None]
    hi = np.concatenate([wl, scale[..., 1:] * v - V[..., 1:]], axis=-1)
    lo = np.concatenate([scale[..., :-1] * v - V[..., :-1], zero], axis=-1)
    upper = np.minimum(hi, wl)
    lower = np.maximum(lo, zero)
    cand = np.minimum(np.maximum(a1 * wl - (1 - a1) * V, lower), upper)
    # the leader's log utility at each candidate, in floating point
    af, cf, Vf = _as_float(a1), _as_float(cand), _as_float(V)
    s = af / (af + n * (1 - af))
    with np.errstate(divide="ignore", invalid="ignore"):
        value = (1 - af) * np.log(_as_float(wl) - cf) + af * np.log(s * (cf + Vf))
    value = np.where(_as_float(lower) <= _as_float(upper), value, -np.inf)
    best = np.argmax(value, axis=-1)[..., None]
    g = np.take_along_axis(cand, best, axis=-1)[..., 0]
    nb = best[..., 0]
    total = a * (g + np.take_along_axis(V, best, axis=-1)[..., 0]) / (a + nb * (1 - a))
    return g, total


@model(
    family="alliances",
    source=(
        "Olson and Zeckhauser (1966), Rev. Econ. Stat. 48(3), Section II; Bergstrom, Blume and "
        "Varian (1986), J. Public Econ. 29, Theorems 2-4; leader: Varian (1994), J. Public Econ. 53, "
        "Section 3"
    ),
    parameters=[
        Parameter("incomes", "each ally's income (resources for defence and everything else)",
                  unit="income", domain=POSITIVE, kind="vector", dim="ally", min_size=2),
        Parameter("alpha", "weight of the common defence in every ally's Cobb-Douglas utility",
                  domain=UNIT_OPEN),
        Parameter("leader", "the ally that commits its contribution first (None: all at once)",
                  kind="option", choices=(None, *range(MAX_LEADER)), default=None),
    ],
    result=OlsonZeckhauser,
    exact=True,
)
def olson_zeckhauser(incomes, alpha, leader):
    """Allies' contributions to a common defence: Nash, with a leader, and the efficient total.

    Policy: a leading power pressing its allies to spend more on the common defence; who
    carries the burden when each ally decides for itself, and what changes when one ally
    (the leading power) commits first and leaves the others to fill the gap.

    Model and assumptions (Olson and Zeckhauser 1966; Bergstrom, Blume and Varian 1986).
    ``n`` allies with incomes ``w_i > 0`` each choose a contribution ``0 <= g_i <= w_i`` to a
    pure public good ``G = sum_j g_j`` (deterrence protects every ally alike) and consume
    the rest, with the same Cobb-Douglas utility ``u_i = (w_i - g_i)^(1 - alpha) G^alpha``,
    ``0 < alpha < 1``. Complete information; simultaneous choices (Nash), or with ``leader=i``
    ally ``i`` commits first and the others then play Nash among themselves (Varian 1994).

    Nash equilibrium (closed form). A contributor's first-order condition is
    ``(1 - alpha) G = alpha (w_i - g_i)``, i.e. ``g_i = alpha w_i - (1 - alpha) G_{-i}``:
    every contributor consumes the same ``(1 - alpha) / alpha G``. An ally gives nothing iff
    ``w_i <= (1 - alpha) / alpha G``. With the ``k`` richest allies contributing (income
    sum ``W_k``), ``G = alpha W_k / (alpha + k (1 - alpha))``; the equilibrium is unique and
    ``k`` is the number of allies with ``w_(k) > (1 - alpha) / alpha G_k`` (a prefix of the
    incomes sorted from the richest; Bergstrom, Blume and Varian 1986). Then
    ``g_i = max(w_i - (1 - alpha) / alpha G, 0)``. Two allies who both contribute:
    ``G = alpha (w_1 + w_2) / (2 - alpha)``. Burden shares ``g_i / G`` rise faster than income:
    the richest ally's burden share is at least its income share ``w_i / W``.

    Efficient total. The Samuelson condition ``sum_i MRS_i = 1`` with
    ``MRS_i = alpha (w_i - g_i) / ((1 - alpha) G)`` gives ``alpha (W - G) = (1 - alpha) G``:
    ``G* = alpha W`` for every Pareto-efficient allocation with interior consumption (the
    Nash total is below it whenever ``n >= 2``).

    Leader (Varian 1994). The followers' Nash total given the leader's ``g`` is piecewise
    linear and convex in ``g``; the leader maximises its utility over it (a closed form on
    each piece, the best piece chosen; see ``_leader_choice``). Two allies, both
    contributing: ``g_L = alpha w_L - (1 - alpha) w_F``, ``g_F = alpha w_F - (1 - alpha) g_L``
    and ``G = alpha^2 (w_L + w_F)``, below the Nash total ``alpha W / (2 - alpha)`` since
    ``alpha (2 - alpha) <= 1``: the leader free-rides on the follower's response, gives less
    than in the Nash equilibrium, and the total falls.

    Parameters
    ----------
    incomes : array_like, (..., n)
        The allies' incomes (``n >= 2`` on the last axis, the "ally" axis); leading axes
        broadcast with ``alpha``.
    alpha : array_like
        The weight of defence in utility, in ``(0, 1)``.
    leader : int or None, default None
        The ally (index on the last axis) that commits first; ``None``: simultaneous.

    Returns
    -------
    OlsonZeckhauser
        ``contributions``, ``contributors``, ``burden_shares`` and ``income_shares`` (per ally),
        ``total``, ``efficient_total``, and ``utilities`` (always float: Cobb-Douglas powers are
        irrational in general). With ``exact=True`` and rational parameters every other output
        is exact (Fractions).

    References
    ----------
    Olson, M. and Zeckhauser, R. (1966). An economic theory of alliances. *Review of
    Economics and Statistics* 48(3), 266-279, Section II.
    Bergstrom, T., Blume, L. and Varian, H. (1986). On the private provision of public goods.
    *Journal of Public Economics* 29(1), 25-49, Theorems 2-4.
    Varian, H. (1994). Sequential contributions to public goods. *Journal of Public
    Economics* 53(2), 165-186, Section 3.
    Samuelson, P. (1954). The pure theory of public expenditure. *Review of Economics and
    Statistics* 36(4), 387-389.

    Examples
    --------
    >>> from bargain.models.alliances import olson_zeckhauser
    >>> r = olson_zeckhauser(incomes=[3, 1], alpha="1/2", exact=True)
    >>> [str(x) for x in r.contributions], str(r.total), str(r.efficient_total)
    (['3/2', '0'], '3/2', '2')
    >>> [str(x) for x in r.burden_shares], [str(x) for x in r.income_shares]
    (['1', '0'], ['3/4', '1/4'])
    >>> r = olson_zeckhauser(incomes=[5, 4], alpha="1/2", exact=True)     # both contribute
    >>> [str(x) for x in r.contributions], str(r.total)                    # G = a W / (2 - a)
    (['2', '1'], '3')
    >>> r = olson_zeckhauser(incomes=[5, 4], alpha="1/2", leader=0, exact=True)
    >>> [str(x) for x in r.contributions], str(r.total)                    # G = a^2 W
    (['1/2', '7/4'], '9/4')
    """
    w = incomes
    n_allies = w.shape[-1]
    if leader is not None and leader >= n_allies:
        raise InvalidModelError(
            f"alliances.olson_zeckhauser: leader must be the index of an ally (0 to {n_allies - 1}), "
            f"got {leader}"
        )
    a = alpha
    W = np.asarray(w.sum(axis=-1))
    if leader is None:
        order = np.argsort(_as_float(w), axis=-1)[..., ::-1]
        G = np.asarray(_nash_total(np.take_along_axis(w, order, axis=-1), a))
        lead_g = None
    else:
        lead_g, G = _leader_choice(w, a, leader)
        G = np.asarray(G)
    G1 = G[..., None]
    a1 = a[..., None]
    g = pick(a1 * w > (1 - a1) * G1, w - (1 - a1) / a1 * G1, constant(0, w))
    if lead_g is not None:
        g = g.copy()
        g[..., leader] = lead_g
    gf, Gf, af, wf = _as_float(g), _as_float(G1), _as_float(a1), _as_float(w)
    utilities = (wf - gf) ** (1 - af) * Gf**af
    return {
        "contributions": g,
        "total": G,
        "contributors": np.asarray(gf > 0, dtype=bool),
        "burden_shares": g / G1,
        "income_shares": w / W[..., None],
        "efficient_total": np.asarray(a * W),
        "utilities": utilities,
    }


# ------------------------------------------------------------------------------ guarantee
@dataclass(frozen=True, eq=False, repr=False)
class ConditionalGuarantee(ModelResult):
    """Whether protection-for-contribution sustains itself, and which contributions can be asked."""

    critical_delta: Any = output(
        "smallest discount factor sustaining (Protect, Contribute) under grim trigger (inf: none)",
        unit="discount factor",
    )
    player_deltas: Any = output("each side's own threshold (guarantor, ally)", unit="discount factor",
                                dims=("player",))
    sustained: Any = output("whether the deal is self-enforcing at the given discount factor")
    min_contribution: Any = output(
        "the smallest contribution worth protecting for at delta: cost / (worth x delta)", unit="payoff",
    )
    max_contribution: Any = output(
        "the largest contribution the ally pays rather than lose protection: delta x value", unit="payoff",
    )
    game: Any = output("the yearly stage game (Guarantor: Protect/Withdraw, Ally: Contribute/Free-ride)",
                       kind="game")


@model(
    family="alliances",
    source=(
        "Friedman (1971), Rev. Econ. Stud. 38(1) (grim trigger); Fudenberg and Tirole (1991), Game "
        "Theory, Section 5.1; the stage game: Sandler and Hartley (2001), J. Econ. Lit. 39(3), Section 3"
    ),
    parameters=[
        Parameter("protection_value", "what the guarantor's protection is worth to the ally per year (v)",
                  unit="payoff", domain=POSITIVE, default=3),
        Parameter("protection_cost", "what protecting costs the guarantor per year (c)", unit="payoff",
                  domain=POSITIVE, default=1),
        Parameter("contribution", "the contribution the ally must make per year to keep protection (k)",
                  unit="payoff", domain=POSITIVE, default=2),
        Parameter("contribution_worth", "what each unit of the ally's contribution is worth to the "
                  "guarantor (m; 1 for a pure payment)", domain=POSITIVE, default=1.5),
        Parameter("delta", "the common discount factor", unit="discount factor", domain=DISCOUNT,
                  default=0.9),
    ],
    result=ConditionalGuarantee,
    exact=True,
)
def conditional_guarantee(protection_value, protection_cost, contribution, contribution_worth, delta):
    """A security guarantee kept only while the ally pays its contribution (a repeated game).

    Policy: protection made conditional: the guarantor protects as long as the ally meets a
    contribution threshold, and withdraws for good after a lapse; the ally pays as long as
    it is protected.

    Model and assumptions. Every year the guarantor chooses Protect or Withdraw and the ally
    Contribute or Free-ride, simultaneously, with perfect monitoring and a common discount
    factor ``delta``. Payoffs are additive: protecting costs the guarantor ``c`` and is worth
    ``v`` to the ally; contributing costs the ally ``k`` and is worth ``m k`` to the guarantor.

    ==========  ======================  ======================
    (G, A)      Contribute              Free-ride
    ==========  ======================  ======================
    Protect     ``(m k - c, v - k)``    ``(-c, v)``
    Withdraw    ``(m k, -k)``           ``(0, 0)``
    ==========  ======================  ======================

    Withdraw and Free-ride are dominant, so one year alone ends at ``(0, 0)``; with
    ``m k > c`` and ``v > k`` the deal pays both, a Prisoner's Dilemma. Under grim trigger
    (Nash reversion to ``(Withdraw, Free-ride)``, Friedman 1971) the deal is subgame perfect
    iff each side's one-year gain is covered by the discounted loss of the deal:
    ``c <= delta/(1-delta) (m k - c)`` for the guarantor, ``k <= delta/(1-delta) (v - k)`` for
    the ally, i.e. ``delta >= c / (m k)`` and ``delta >= k / v``. Computed by
    :func:`bargain.repeated.critical_delta` on the ``game`` batch (grim trigger). At a given
    ``delta`` the contributions the guarantor can demand and still be believed are
    ``c / (m delta) <= k <= delta v`` (empty when ``delta^2 < c / (m v)``).

    Parameters
    ----------
    protection_value, protection_cost, contribution, contribution_worth : array_like
        ``v``, ``c``, ``k`` and ``m`` above (positive; broadcast together).
    delta : array_like
        The discount factor in ``[0, 1)`` for ``sustained`` and the contribution range.

    Returns
    -------
    ConditionalGuarantee
        ``critical_delta`` (``inf`` where no ``delta < 1`` works; float even with
        ``exact=True`` there), ``player_deltas`` (guarantor, ally), ``sustained``,
        ``min_contribution``, ``max_contribution`` and the stage ``game``.

    References
    ----------
    Friedman, J. (1971). A non-cooperative equilibrium for supergames. *Review of Economic
    Studies* 38(1), 1-12.
    Fudenberg, D. and Tirole, J. (1991). *Game Theory*. MIT Press, Section 5.1.
    Sandler, T. and Hartley, K. (2001). Economics of alliances: the lessons for collective
    action. *Journal of Economic Literature* 39(3), 869-896, Section 3.

    Examples
    --------
    >>> from bargain.models.alliances import conditional_guarantee
    >>> r = conditional_guarantee(exact=True)          # v = 3, c = 1, k = 2, m = 3/2
    >>> str(r.critical_delta), [str(d) for d in r.player_deltas]   # max(c / (m k), k / v)
    ('2/3', ['1/3', '2/3'])
    >>> str(r.min_contribution), str(r.max_contribution), bool(r.sustained)   # at delta 9/10
    ('20/27', '27/10', True)
    >>> conditional_guarantee(contribution=[1, 2, 3]).critical_delta   # k = v: never
    array([0.66666667, 0.66666667,        inf])
    """
    v, c, k, m = protection_value, protection_cost, contribution, contribution_worth
    zero = constant(0, v)
    A = matrix_2x2(m * k - c, -c, m * k, zero)
    B = matrix_2x2(v - k, v, -k, zero)
    game = Game(A, B, row_actions=("Protect", "Withdraw"), col_actions=("Contribute", "Free-ride"),
                players=("Guarantor", "Ally"), name="conditional guarantee")
    res = critical_delta(game, target=(0, 0), strategy="grim", exact=is_exact(v))
    if is_exact(v):
        per = np.asarray(res.per_player_exact, dtype=object)
        per = np.where(np.equal(per, None), np.inf, per)
        crit = np.asarray(res.delta_exact, dtype=object)
        crit = np.where(np.equal(crit, None), np.inf, crit)
    else:
        per = np.asarray(res.per_player)
        crit = np.asarray(res.delta)
    return {
        "critical_delta": crit,
        "player_deltas": per,
        "sustained": np.asarray(_as_float(crit) <= _as_float(delta), dtype=bool),
        "min_contribution": _safe_ratio(c, m * delta),
        "max_contribution": delta * v,
        "game": game,
    }


def _safe_ratio(num: np.ndarray, den: np.ndarray) -> np.ndarray:
    """``num / den`` with ``inf`` where ``den`` is 0 (no contribution is worth protecting for)."""
    num, den = np.asarray(num), np.asarray(den)
    nf, df = _as_float(num), _as_float(den)
    zero = df == 0
    if is_exact(num):
        out = np.empty(np.broadcast_shapes(num.shape, den.shape), dtype=object)
        out[...] = np.inf
        ok = ~zero
        out[ok] = np.broadcast_to(num, out.shape)[ok] / np.broadcast_to(den, out.shape)[ok]
        return out
    with np.errstate(divide="ignore"):
        return np.where(zero, np.inf, nf / np.where(zero, 1.0, df))
