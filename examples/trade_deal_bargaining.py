"""Bargaining over a trade deal: how a credible tariff threat moves the agreement.

Two powers negotiate market access. The larger one (row) can keep its market open or impose
a tariff; the partner (column) can keep its market open or retaliate. Payoffs are welfare
indices (higher is better):

                      Partner: Open    Partner: Retaliate
    Power: Open          (4, 4)             (2, 5)
    Power: Tariff        (6, 1)             (1, -3)

Mutual openness is the efficient deal, but the tariff war hurts the partner (-3) far more
than the power (1): the power's threat is cheap to carry out, relative to its effect.

The script compares agreements under several views of "what happens if talks fail":

* fixed threats (Nash 1950): the disagreement point is a status quo chosen in advance -- each
  side's security level (what it can guarantee alone), or a Nash equilibrium of the game;
* variable threats (Nash 1953, "Two-Person Cooperative Games", Econometrica 21): each side
  first commits to the threat that is best for it in the bargaining that follows; without
  side payments (NTU) the agreement is a lottery over outcomes, with side payments (TU) the
  efficient outcome plus a transfer.

Any agreement is a joint distribution over outcomes (binding, correlated agreements); for
example "the partner keeps its market open and accepts the tariff on 5/12 of the goods".
The last table varies how much the trade war costs the power itself: the dearer the threat,
the less it buys at the table.

Sources: Nash (1950), "The Bargaining Problem", Econometrica 18; Nash (1953); Kalai and
Smorodinsky (1975), Econometrica 43; Kalai (1977), Econometrica 45; on tariffs as bargaining
leverage, Johnson (1953), Rev. Econ. Stud. 21, and Bagwell and Staiger (1999), AER 89.

Run: python examples/trade_deal_bargaining.py
"""

from __future__ import annotations

from fractions import Fraction

import numpy as np

import bargain as bg


def fmt(v: object) -> str:
    if isinstance(v, Fraction):
        return str(v) if v.denominator == 1 else f"{v} ({float(v):.3f})"
    return f"{float(v):.3f}"


def describe(dist: np.ndarray, rows: tuple[str, ...], cols: tuple[str, ...]) -> str:
    parts = []
    for i, j in np.argwhere(dist > 0):
        share = Fraction(dist[i, j]).limit_denominator(1000)
        parts.append(f"{share} {rows[i]}/{cols[j]}")
    return " + ".join(parts)


def table(header: list[str], rows: list[list[str]]) -> str:
    widths = [max(len(h), *(len(r[k]) for r in rows)) for k, h in enumerate(header)]
    line = lambda cells: "  ".join(c.ljust(w) for c, w in zip(cells, widths)).rstrip()  # noqa: E731
    return "\n".join([line(header), line(["-" * w for w in widths]), *map(line, rows)])


def trade_game(war_cost_to_power: int = 1) -> bg.Game:
    return bg.Game(
        [[4, 2], [6, war_cost_to_power]],
        [[4, 5], [1, -3]],
        row_actions=("Open", "Tariff"),
        col_actions=("Open", "Retaliate"),
        players=("Power", "Partner"),
        name="Trade deal",
    )


def main() -> None:
    g = trade_game()
    print(g, end="\n\n")
    rows, cols = g.row_actions, g.col_actions

    results = []
    for label, disagreement, kw in [
        ("fixed threat: security levels", "security", {}),
        ("fixed threat: mixed Nash equilibrium", "nash", {"nash_index": 2}),
    ]:
        P = bg.BargainingProblem.from_game(g, disagreement=disagreement, **kw)
        s = bg.nash_bargaining(P)
        d = P.disagreement_exact
        results.append([label, f"({fmt(d[0])}, {fmt(d[1])})",
                        fmt(s.payoffs_exact[0]), fmt(s.payoffs_exact[1]),
                        describe(s.agreement, rows, cols)])
    ntu = bg.variable_threat(g, transferable=False)
    tp = ntu.threat_point_exact
    results.append(["variable threat, no side payments", f"({fmt(tp[0])}, {fmt(tp[1])})",
                    fmt(ntu.payoffs_exact[0]), fmt(ntu.payoffs_exact[1]),
                    describe(ntu.agreement, rows, cols)])
    tu = bg.variable_threat(g, transferable=True)
    tp = tu.threat_point_exact
    results.append(["variable threat, side payments", f"({fmt(tp[0])}, {fmt(tp[1])})",
                    fmt(tu.payoffs_exact[0]), fmt(tu.payoffs_exact[1]),
                    describe(tu.agreement, rows, cols) + f", Partner pays {tu.transfer:g}"])
    print("Nash bargaining agreement under fixed and variable threats")
    print(table(["disagreement", "threat point", "Power", "Partner", "agreement"], results))
    print()

    P = bg.BargainingProblem.from_game(g, disagreement="security")
    other = []
    for name, fn in [("Nash", bg.nash_bargaining), ("Kalai-Smorodinsky", bg.kalai_smorodinsky),
                     ("egalitarian", bg.egalitarian), ("utilitarian", bg.utilitarian)]:
        s = fn(P)
        other.append([name, fmt(s.payoffs_exact[0]), fmt(s.payoffs_exact[1]),
                      describe(s.agreement, rows, cols)])
    print("Other bargaining solutions from the security levels (2, 1)")
    print(table(["solution", "Power", "Partner", "agreement"], other))
    print()

    sweep = []
    for cost in (1, 0, -1, -2, -3, -4):
        r = bg.variable_threat(trade_game(cost), transferable=False)
        sweep.append([str(cost), f"({fmt(r.threat_point[0])}, {fmt(r.threat_point[1])})",
                      fmt(r.payoffs[0]), fmt(r.payoffs[1]), describe(r.agreement, rows, cols)])
    print("Variable threat (no side payments) as the trade war gets dearer for the Power")
    print(table(["Power's payoff in the war", "threat point", "Power", "Partner", "agreement"], sweep))


if __name__ == "__main__":
    main()
