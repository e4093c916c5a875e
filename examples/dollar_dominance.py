"""Dollar dominance against de-dollarization: how far the dollar's network advantage carries it.

The policy, in our words: keeping the dollar the world's reserve and settlement currency is
treated as a pillar of national power, while rivals promote a challenger currency to escape
sanctions and dependence. A currency is worth more the more partners use it (Krugman 1980 on
vehicle currencies), the dollar starts with a large installed base, and moving costs
something. So de-dollarization is a coordination problem: a country switches only if it
expects enough of its partners to switch too.

The script asks three questions:

1. How large is the dollar's basin -- the share of partners that must be expected to switch
   before switching pays -- and how does it grow with the dollar's network advantage?
2. Can a challenger be the better equilibrium for everyone and still lose, because the
   dollar is the safer one (risk dominant, Harsanyi-Selten 1988)?
3. In a population of countries adjusting by imitation (replicator dynamics), where is the
   tipping point, and how fast does the challenger take over once past it?

Where matplotlib is installed, a figure of the basin and of replicator paths around the
tipping point is saved to ``--out`` (default: the system's temporary directory).

Run: python examples/dollar_dominance.py [--out DIR]
"""

from __future__ import annotations

from fractions import Fraction

import numpy as np
from _show import fmt, parser, save_figure, table

import bargain as bg
from bargain.models.money import currency_coordination, currency_tipping

ADVANTAGES = [Fraction(0), Fraction(1, 4), Fraction(1, 2), Fraction(1), Fraction(3, 2)]
STARTS = [0.5, 0.8, 0.85, 0.9, 0.95]


def basin() -> None:
    print("Q1. Network gain 1 for sharing either currency, switching cost 1/4, no challenger premium:")
    print("    how many partners must switch first, as the dollar's network advantage a grows?")
    r = currency_coordination(network_advantage=ADVANTAGES, exact=True)
    rows = [
        (
            str(a),
            fmt(r.switch_equilibrium[i]),
            str(r.dollar_basin[i]),
            fmt(r.dollar_risk_dominant[i]) if r.switch_equilibrium[i] else "only equilibrium",
            str(r.switch_threshold[i]),
        )
        for i, a in enumerate(ADVANTAGES)
    ]
    heads = ("a", "switching an equilibrium", "dollar basin", "dollar risk dominant",
             "premium that makes switching an equilibrium")
    table(heads, rows)
    r = currency_coordination(exact=True)
    print("A: with a = 1/2 both 'all dollar' and 'all challenger' are equilibria, but a country")
    print(f"   switches only if it expects more than {r.dollar_basin} of its partners to switch: the")
    print("   dollar's basin. Each step of network advantage widens it; once a exceeds 3/4 (the")
    print("   challenger's network gain minus the switching cost), switching is not even an")
    print("   equilibrium unless the challenger offers a premium of at least a - 3/4.\n")


def better_but_riskier() -> None:
    print("Q2. A better-networked challenger (network gain 2 instead of 1): better for all, but safe?")
    r = currency_coordination(challenger_network=2, exact=True)
    A = r.game.A
    print(f"    payoff when all use the dollar {A[0][0]}, when all use the challenger {A[1][1]}")
    print(f"    challenger payoff dominant: {fmt(r.challenger_payoff_dominant)}; "
          f"dollar risk dominant: {fmt(r.dollar_risk_dominant)}; dollar basin {r.dollar_basin}")
    print("A: yes -- everyone would be better off on the challenger, yet the dollar keeps the larger")
    print(f"   basin ({r.dollar_basin} > 1/2): a cautious country stays with the dollar.\n")


def tipping() -> None:
    tip = currency_tipping(challenger_share=STARTS, target_share=0.99)
    x_star = float(tip.critical_share[0])
    print("Q3. Countries imitate what pays (replicator dynamics); defaults as in Q1 with a = 1/2.")
    print(f"    Tipping point: challenger share {x_star:g}. From each starting share:")
    game = currency_coordination().game
    x0 = np.stack([1 - np.array(STARTS), np.array(STARTS)], axis=-1)
    res = bg.replicator(game, x0, np.linspace(0, 30, 2))
    rows = [
        (f"{s:g}", fmt(tip.tips[i]), f"{res.final_strategies[i, 1]:.3f}",
         "never" if np.isinf(tip.time_to_target[i]) else f"{float(tip.time_to_target[i]):.2f}")
        for i, s in enumerate(STARTS)
    ]
    table(("start share", "tips", "share at t = 30 (replicator)", "time to 99% (closed form)"), rows)
    print(f"A: below {x_star:g} the challenger loses its users again, even from a majority; above it")
    print("   the challenger takes over, slowly near the tipping point and fast beyond it.\n")


def draw(axes) -> None:
    a = np.linspace(0, 2, 200)
    left, right = axes
    for s in (0.0, 0.25, 0.5):
        left.plot(a, currency_coordination(network_advantage=a, switching_cost=s).dollar_basin,
                  label=f"switching cost {s:g}")
    left.axhline(0.5, color="grey", ls=":")
    left.set_xlabel("dollar's network advantage a")
    left.set_ylabel("dollar basin (challenger share needed)")
    left.set_title("The dollar's basin")
    left.legend()
    t = np.linspace(0, 20, 201)
    starts = np.array([0.6, 0.8, 0.86, 0.89, 0.92, 0.97])
    x0 = np.stack([1 - starts, starts], axis=-1)
    paths = bg.replicator(currency_coordination().game, x0, t).strategies
    for i, s in enumerate(starts):
        right.plot(t, paths[i, :, 1], label=f"start {s:g}")
    right.axhline(float(currency_tipping().critical_share), color="grey", ls=":")
    right.set_xlabel("time")
    right.set_ylabel("share using the challenger")
    right.set_title("Tipping under replicator dynamics")
    right.legend(fontsize=8)


def main(argv: list[str] | None = None) -> None:
    args = parser(__doc__).parse_args(argv)
    print(__doc__.splitlines()[0] + "\n")
    basin()
    better_but_riskier()
    tipping()
    save_figure(args.out, "dollar_dominance", draw, ncols=2, size=(10, 4), dpi=110)


if __name__ == "__main__":
    main()
