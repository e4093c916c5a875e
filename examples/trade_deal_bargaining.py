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
The last scene varies how much the trade war costs the power itself: the dearer the threat,
the less it buys at the table.

Sources: Nash (1950), "The Bargaining Problem", Econometrica 18; Nash (1953); Kalai and
Smorodinsky (1975), Econometrica 43; Kalai (1977), Econometrica 45; on tariffs as bargaining
leverage, Johnson (1953), Rev. Econ. Stud. 21, and Bagwell and Staiger (1999), AER 89.

A figure (where matplotlib is installed) shows the bargaining set with the security levels
as disagreement point and the four solutions, saved to ``--out`` (default: the system's
temporary directory).

Run: python examples/trade_deal_bargaining.py [--out DIR]
"""

from __future__ import annotations

from _show import parser, save_figure

import bargain as bg


def trade_game(war_cost_to_power: int = 1) -> bg.Game:
    return bg.Game(
        [[4, 2], [6, war_cost_to_power]],
        [[4, 5], [1, -3]],
        row_actions=("Open", "Tariff"),
        col_actions=("Open", "Retaliate"),
        players=("Power", "Partner"),
        name="Trade deal",
    )


def main(argv: list[str] | None = None) -> None:
    args = parser(__doc__).parse_args(argv)
    g = trade_game()
    print(g, end="\n\n")

    print("1. Fixed threats (Nash 1950): the disagreement point is a status quo chosen in advance.\n")
    for label, kw in [
        ("its security level (what it can guarantee alone)", {"disagreement": "security"}),
        ("its payoff in the mixed Nash equilibrium", {"disagreement": "nash", "nash_index": 2}),
    ]:
        P = bg.BargainingProblem.from_game(g, **kw)
        d = P.disagreement_exact
        print(f"If talks fail, each side gets {label}: Power {d[0]}, Partner {d[1]}.")
        print(bg.nash_bargaining(P), end="\n\n")

    print("2. Variable threats (Nash 1953): each side first commits to its best threat.\n")
    print("Without side payments the agreement is a lottery over outcomes:")
    print(bg.variable_threat(g, transferable=False), end="\n\n")
    print("With side payments it is the efficient outcome plus a transfer:")
    print(bg.variable_threat(g, transferable=True), end="\n\n")

    print("3. Other bargaining solutions from the security levels (2, 1).\n")
    P = bg.BargainingProblem.from_game(g, disagreement="security")
    for fn in (bg.nash_bargaining, bg.kalai_smorodinsky, bg.egalitarian, bg.utilitarian):
        print(fn(P), end="\n\n")

    print("4. The dearer the trade war for the Power itself, the less its threat buys at the table")
    print("   (variable threat, no side payments).\n")
    for cost in (1, 0, -1, -2, -3, -4):
        r = bg.variable_threat(trade_game(cost), transferable=False)
        print(f"Power's payoff in the war {cost:>2}: Power gets {float(r.payoffs[0]):.3f}, "
              f"Partner {float(r.payoffs[1]):.3f}")
    print()

    def draw(ax):
        from bargain.plot import bargaining_set

        bargaining_set(bg.BargainingProblem.from_game(g, disagreement="security"), ax=ax)

    save_figure(args.out, "trade_deal_bargaining", draw, size=(6, 5))


if __name__ == "__main__":
    main()
