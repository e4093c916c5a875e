"""Subsidising a national champion: does it pay, and what happens when the rival does the same?

The policy, in our words: a government pays its key exporter a subsidy on every unit sold
abroad, so that the firm expands, its foreign rival retreats, and profit moves home. Against a
rival that gets no help this works: the subsidy commits the home firm to a larger output the
rival must accommodate, and the profit shifted home exceeds the subsidy paid. But the rival's
government can reason the same way. When both subsidise, outputs grow, the world price
falls, and both countries end up worse off; the buyers in the third market collect the
difference.

The model (bargain.models.industrial.brander_spencer; Brander and Spencer 1985): one home and
one foreign firm sell the same good in a third market with inverse demand P = a - b Q, both
at marginal cost c; governments set per-unit export subsidies first, then the firms compete
in quantities (Cournot). National welfare is profit minus the subsidy paid.

* The best subsidy against none is (a - c) / 4: it gives the home firm the Stackelberg
  leader's output.
* Each government's best reply to a subsidy s is (a - c - s) / 4, so in the subsidy war both
  pay (a - c) / 5.
* Either way, "No subsidy / Subsidy" is a Prisoner's Dilemma: subsidising is dominant and
  mutual subsidies lower both countries' welfare. Restraint can last only in repeated play.

Run: python examples/industrial_policy.py [--out DIR]
"""

from __future__ import annotations

from _show import fmt, parser, save_figure, table

import bargain as bg
from bargain.models.industrial import brander_spencer

QUESTION = "Does subsidising a national export champion pay?"
MARKET = {"demand_intercept": 10, "demand_slope": 1, "marginal_cost": 4}
REGIMES = (("free_trade", "no subsidies"), ("unilateral", "Home subsidises alone"),
           ("sucker", "Foreign subsidises alone"), ("war", "both subsidise"))


def regime_table(r: bg.models.ModelResult) -> list[tuple[str, ...]]:
    return [(label, fmt(r.quantities[key]), fmt(r.profits[key]), fmt(r.welfare[key]))
            for key, label in REGIMES]


def draw(ax, results: dict[str, bg.models.ModelResult]) -> None:
    """Home's welfare in the four regimes, for both subsidy levels."""
    width = 0.38
    for k, (level, r) in enumerate(results.items()):
        xs = [i + (k - 0.5) * width for i in range(len(REGIMES))]
        ax.bar(xs, [float(r.welfare[key]) for key, _ in REGIMES], width, label=f"subsidy = {level}")
    ax.set_xticks(range(len(REGIMES)), [label.replace(" subsidises", "\nsubsidises") for _, label in REGIMES])
    ax.set_ylabel("Home's welfare (profit minus subsidy)")
    ax.set_title("Export subsidies: a Prisoner's Dilemma")
    ax.legend()


def main(argv: list[str] | None = None) -> None:
    args = parser(__doc__).parse_args(argv)

    print("Subsidising a national champion: profit shifted home, unless the rival's government answers.")
    print(f"Question: {QUESTION}")
    print()
    results = {}
    for level, name in (("unilateral", "the unilateral optimum (a - c) / 4"),
                        ("equilibrium", "the subsidy war's equilibrium (a - c) / 5")):
        r = brander_spencer(**MARKET, subsidy=level, exact=True)
        results[f"(a - c) / {4 if level == 'unilateral' else 5}"] = r
        sigma = r.optimal_subsidy if level == "unilateral" else r.equilibrium_subsidy
        print(f"Subsidy = {name} = {fmt(sigma)} per unit (a = 10, b = 1, c = 4):")
        table(("regime", "Home output", "Home profit", "Home welfare"), regime_table(r))
        restraint = bg.repeated.critical_delta(r.game, target=(0, 0), exact=True).delta_exact
        print(f"  mutual restraint survives grim trigger from delta = {fmt(restraint)}")
        print()
    r = results["(a - c) / 4"]
    war = results["(a - c) / 5"]
    print(f"Answer: alone, yes: Home's welfare rises from {fmt(r.welfare['free_trade'])} to "
          f"{fmt(r.welfare['unilateral'])}.")
    print("But subsidising is dominant for both governments, and in the subsidy war each country's")
    print(f"welfare falls to {fmt(war.welfare['war'])}: a Prisoner's Dilemma, whose gains go to the "
          "third market's buyers.")
    print()
    save_figure(args.out, "industrial_policy", lambda ax: draw(ax, results))


if __name__ == "__main__":
    main()
