"""Tariffs as a weapon: is reciprocal free trade self-enforcing, and what does a tariff threat buy?

The policy, in our words: a government raises tariffs to tilt the terms of trade its way and
to force partners into better deals. Imposed alone, a tariff pays: foreign exporters absorb
part of it through a lower world price. Answered in kind, it leaves both countries poorer
than free trade. No court enforces a trade agreement between sovereign states, so free trade
survives only if each side, each year, prefers keeping it to grabbing the tariff gain once and
facing a tariff war afterwards. And when talks are held, each side's tariff threat decides
where the bargaining starts.

The economy (bargain.models.trade): two symmetric countries each import one good from the
other; import demand p = a - b M, the partner's export supply M = s p*, a specific tariff
t with p = p* + t. Welfare = consumer surplus + tariff revenue + the export sector's
producer surplus in the mirror market.

* Johnson (1953): the optimal tariff is t* = a / (2 + b s), which is 100% ad valorem here
  because export supply through the origin has elasticity 1 at every price (t / p* = 1 / eps).
  It is a dominant strategy, so tariffs on both sides are the one-shot outcome: a Prisoner's
  Dilemma.
* Bagwell and Staiger (1990, 1999): under grim trigger reciprocal free trade is self-enforcing
  iff the discount factor is at least (T - R) / (T - P) = (2 + b s) / (3 + 2 b s), between
  1/2 and 2/3; the less responsive the partner's exporters relative to home demand (small
  b s), the bigger the tariff's gain and the more patience free trade needs.
* Nash (1953), Grossman and Helpman (1995): in talks with the tariff war as fallback every
  bargaining solution gives free trade; a committed harsher threat moves the agreement.

Run: python examples/tariff_war.py [--out DIR]
"""

from __future__ import annotations

from fractions import Fraction

import numpy as np
from _show import fmt, parser, save_figure, table

from bargain.models.trade import tariff_talks, tariff_war

QUESTION = "Is reciprocal free trade self-enforcing?"


def war_table(slopes: list[Fraction]) -> list[tuple[str, ...]]:
    """One row per export-supply slope s (a = b = 1), all values exact."""
    r = tariff_war(supply_slope=slopes, exact=True)
    rows = []
    for i, s in enumerate(slopes):
        w = {k: r.welfare[k][i] for k in r.welfare}
        rows.append((
            fmt(s), fmt(r.optimal_tariff[i]), f"{float(r.optimal_tariff[i] / r.world_price[i]):.0%}",
            fmt(w["free_trade"]), fmt(w["unilateral"]), fmt(w["war"]), fmt(w["sucker"]),
            fmt(r.critical_delta[i]),
        ))
    return rows


def talks_table() -> list[tuple[str, ...]]:
    """Agreements when Home's threat is its optimal tariff, its best threat, or twice the optimum."""
    best = tariff_talks(exact=True).optimal_threat / tariff_war(exact=True).optimal_tariff
    rows = []
    for label, k in (("optimal tariff (the war)", 1), ("best threat (Nash 1953)", best),
                     ("twice the optimal tariff", 2)):
        r = tariff_talks(home_threat=k, exact=True)
        rows.append((
            label, fmt(r.threat_tariff), f"{fmt(r.disagreement['Home'])}, {fmt(r.disagreement['Foreign'])}",
            *(fmt(r.home_welfare[key]) for key in ("nash", "kalai_smorodinsky", "egalitarian",
                                                    "variable_threat")),
        ))
    return rows


def draw(ax) -> None:
    """The threshold against b s, one vectorised call over 400 points."""
    x = np.geomspace(0.01, 100, 400)
    r = tariff_war(supply_slope=x)           # a = b = 1, so b s = s
    ax.semilogx(x, r.critical_delta, label="smallest discount factor for free trade")
    ax.fill_between(x, r.critical_delta, 1, alpha=0.15, label="free trade self-enforcing")
    ax.axhline(2 / 3, ls=":", c="grey")
    ax.axhline(1 / 2, ls=":", c="grey")
    ax.set_xlabel("b s (export-supply slope x import-demand slope)")
    ax.set_ylim(0.45, 0.75)
    ax.set_ylabel("discount factor")
    ax.set_title("Self-enforcing free trade under grim trigger")
    ax.legend(loc="upper right")


def main(argv: list[str] | None = None) -> None:
    args = parser(__doc__).parse_args(argv)

    print("Tariffs as a weapon: each country gains from a tariff of its own, loses from a tariff war.")
    print(f"Question: {QUESTION}")
    print()
    slopes = [Fraction(1, 10), Fraction(1, 2), Fraction(1), Fraction(2), Fraction(10)]
    print("Tariff war, a = b = 1 (welfare per country; R free trade, T own tariff alone, P war, "
          "S partner's tariff alone):")
    table(("s", "tariff t*", "t*/p*", "R", "T", "P", "S", "delta*"), war_table(slopes))
    base = tariff_war(exact=True)
    print()
    print(f"Answer: yes, if both governments value next year at least {fmt(base.critical_delta)} of this "
          "year (a = b = s = 1).")
    print("The threshold is (2 + b s) / (3 + 2 b s), always between 1/2 and 2/3; less patient governments")
    print(f"end in the tariff war, where each loses {fmt(base.welfare['free_trade'] - base.welfare['war'])} "
          "a year against free trade.")
    print()
    print("Trade talks with a tariff fallback (a = b = s = 1): Home's welfare under each solution")
    table(("Home's threat", "tariff", "fallback (H, F)", "Nash", "K-S", "egalitarian",
                 "var. threat"), talks_table())
    print("With the war as fallback every solution is free trade (1/4 each). A committed harsher threat")
    print("moves the agreement, but only up to a point: with side payments the best threat is")
    print("2 a / (3 + b s), above t*; at twice t* Home hurts itself as much as its partner.")
    print()
    save_figure(args.out, "tariff_war", draw)


if __name__ == "__main__":
    main()
