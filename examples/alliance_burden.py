"""Burden sharing in an alliance: who pays for the common defence, and what if the leader steps back?

The policy, in our words: a leading power tells its allies that they spend too little on the
defence that protects them all, and threatens to do less itself, or to make its protection
conditional on what each ally pays. Deterrence is a public good inside the alliance: a unit
of defence bought by one ally protects every ally. So each ally, left to itself, buys
defence until its own benefit of one more unit equals its own cost, counting on the others'
spending, and the small allies rely on the large one.

The model (bargain.models.alliances):

* Olson and Zeckhauser (1966), with Cobb-Douglas utility u_i = (w_i - g_i)^(1-alpha) G^alpha
  and G the sum of contributions; the Nash equilibrium with its set of contributors
  (Bergstrom, Blume and Varian 1986: only the richest allies contribute, each consuming
  (1-alpha)/alpha G, and G = alpha W_C / (alpha + k (1 - alpha)) for the k contributors); the
  efficient total alpha W (Samuelson). The largest ally's share of the burden is at least its
  share of the alliance's income: "the exploitation of the great by the small".
* The leading power commits first (Varian 1994): it gives less, counting on the others to fill
  part of the gap, and the alliance ends up with less defence: stepping back pays the leader
  but not the alliance.
* Protection for contribution as a repeated game (grim trigger): which contribution demands are
  credible, i.e. both sides keep the deal rather than cheat once and lose it.

Run: python examples/alliance_burden.py [--out DIR]
"""

from __future__ import annotations

from fractions import Fraction

import numpy as np
from _show import fmt, parser, save_figure, table

from bargain.models.alliances import conditional_guarantee, olson_zeckhauser

QUESTION = "Who carries the alliance's burden, and what changes if the leading power moves first?"
ALLIES = ("Leading power", "Ally A", "Ally B", "Ally C")
INCOMES = (12, 9, 5, 4)
ALPHA = Fraction(1, 2)


def pct(v: Fraction) -> str:
    return f"{float(v):.0%}"


def burden_table() -> tuple[list[tuple[str, ...]], object, object]:
    nash = olson_zeckhauser(incomes=INCOMES, alpha=ALPHA, exact=True)
    led = olson_zeckhauser(incomes=INCOMES, alpha=ALPHA, leader=0, exact=True)
    rows = []
    for i, name in enumerate(ALLIES):
        rows.append((
            name, str(INCOMES[i]), pct(nash.income_shares[i]), fmt(nash.contributions[i]),
            pct(nash.burden_shares[i]), fmt(led.contributions[i]), pct(led.burden_shares[i]),
        ))
    rows.append(("total", str(sum(INCOMES)), "100%", fmt(nash.total), "100%", fmt(led.total), "100%"))
    return rows, nash, led


def guarantee_rows(delta: Fraction) -> list[tuple[str, ...]]:
    rows = []
    for k in (Fraction(1, 2), Fraction(1), Fraction(2), Fraction(27, 10), Fraction(3)):
        r = conditional_guarantee(contribution=k, delta=delta, exact=True)
        crit = r.critical_delta
        rows.append((fmt(k), "never" if crit == np.inf else fmt(crit), fmt(r.sustained)))
    return rows


def draw(ax) -> None:
    """Burden share against income share of the larger of two allies (alpha = 1/2)."""
    share = np.linspace(0.5, 0.99, 200)
    incomes = np.stack([share, 1 - share], axis=-1)
    nash = olson_zeckhauser(incomes=incomes, alpha=0.5)
    led = olson_zeckhauser(incomes=incomes, alpha=0.5, leader=0)
    ax.plot(share, share, "--", color="grey", label="burden share = income share")
    ax.plot(share, nash.burden_shares[:, 0], label="Nash (both choose at once)")
    ax.plot(share, led.burden_shares[:, 0], label="the larger ally commits first")
    ax.set_xlabel("larger ally's share of the alliance's income")
    ax.set_ylabel("larger ally's share of the defence burden")
    ax.set_title("Olson-Zeckhauser alliance, two allies, alpha = 1/2")
    ax.legend(loc="lower right")


def main(argv: list[str] | None = None) -> None:
    args = parser(__doc__).parse_args(argv)

    print("Burden sharing in an alliance: defence as a public good among unequal allies.")
    print(f"Question: {QUESTION}")
    print()
    print(f"Four allies, incomes {', '.join(map(str, INCOMES))}; weight of defence alpha = {ALPHA}.")
    rows, nash, led = burden_table()
    table(("ally", "income", "income share", "Nash g", "burden", "leader first g", "burden"), rows)
    print(f"Efficient total (Samuelson, alpha W): {fmt(nash.efficient_total)}")
    print()
    print(
        f"Answer: when all choose at once, the two richest pay everything; the leading power, with "
        f"{pct(nash.income_shares[0])} of the income,\ncarries {pct(nash.burden_shares[0])} of the burden "
        f"and the small allies free-ride. Total defence {fmt(nash.total)} is below the efficient "
        f"{fmt(nash.efficient_total)}.\nIf the leading power commits first, it gives "
        f"{fmt(led.contributions[0])} (from {fmt(nash.contributions[0])}): Ally A fills part of the gap "
        f"and total defence falls to {fmt(led.total)}.\nStepping back pays the leader (utility "
        f"{float(nash.utilities[0]):.3f} -> {float(led.utilities[0]):.3f}) but the alliance is less "
        "protected."
    )
    print()
    delta = Fraction(9, 10)
    print(
        "Protection for contribution, year after year (protection worth 3 to the ally, costing 1 to the "
        "guarantor,\neach unit contributed worth 3/2 to the guarantor), discount factor 9/10:"
    )
    table(("contribution demanded", "smallest delta", "self-enforcing at 9/10"), guarantee_rows(delta))
    r = conditional_guarantee(delta=delta, exact=True)
    print(
        f"Credible demands at delta 9/10: from {fmt(r.min_contribution)} (below it protecting is not worth "
        f"the guarantor's while)\nto {fmt(r.max_contribution)} (above it the ally prefers to free-ride and "
        "lose the protection)."
    )
    print()
    save_figure(args.out, "alliance_burden", draw, size=(5.5, 4.5))


if __name__ == "__main__":
    main()
