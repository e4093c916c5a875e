"""Strategic unpredictability: when does keeping an adversary uncertain buy leverage?

The policy, in our words: a government that refuses to say exactly what it will do in a crisis,
lets a confrontation drift toward a danger that nobody fully controls, cultivates a reputation
for answering challenges at any cost, or lets rivals wonder whether its leader is entirely
rational. Three models ask what such ambiguity is worth, and when:

1. Brinkmanship (Schelling 1960; Powell 1990): the challenger commits to a process that ends
   in a shared disaster with probability q if the defender resists. What is the smallest q
   that makes the defender yield, and which "madman" reputation would do the same work?
2. The chain store (Kreps and Wilson 1982; Milgrom and Roberts 1982): a power faces a series
   of challengers; a small chance that it is the kind that always fights makes even a power
   that would rather not fight answer early challenges. How many challengers stay away?
3. The value of ambiguity (Conitzer and Sandholm 2006): in a crisis game, what does committing
   to a randomised policy add over a predictable one, and over no commitment at all?

Where matplotlib is installed, a figure (minimal risk against the defender's disaster cost; the
reputation path of the chain store) is saved to ``--out`` (default: the system's temporary
directory).

Run: python examples/strategic_unpredictability.py [--out DIR]
"""

from __future__ import annotations

from fractions import Fraction

import numpy as np
from _show import fmt, parser, save_figure, table

import bargain as bg
from bargain.models.unpredictability import ambiguity_value, brinkmanship, chain_store


def brinkmanship_section() -> None:
    print("1. Brinkmanship. The defender loses 1 by conceding; how much risk of disaster compels it?")
    costs = [Fraction(1, 2), 1, 2, 4, 10]
    r = brinkmanship(challenger_gain=1, challenger_disaster_cost=5, defender_concession_cost=1,
                     defender_disaster_cost=costs, exact=True)
    rows = [
        (fmt(Fraction(d)), fmt(r.deterrable[i]), fmt(r.minimal_risk[i]) if r.deterrable[i] else "none",
         fmt(r.madman_prior[i]) if r.deterrable[i] else "none", fmt(r.challenger_payoff[i]))
        for i, d in enumerate(costs)
    ]
    table(("disaster cost", "deterrable", "smallest risk", "madman prior", "challenger gets"), rows,
          rule=False)
    print(f"   Answer: the risk needed is concession cost / disaster cost: against a defender for\n"
          f"   whom disaster costs 10, a risk of {fmt(r.minimal_risk[-1])} suffices, and a rival who "
          f"believes the\n   leader is a 'madman' with that same probability yields just the same. "
          f"A certain threat\n   is credible only for a challenger indifferent to disaster (this one: "
          f"{fmt(bool(r.certain_threat_credible[0]))}):\n   hence the risk left to chance.\n")


def chain_store_section() -> tuple[np.ndarray, np.ndarray]:
    print("2. Reputation. Ten challengers in turn; a 1-in-20 chance that the power always fights.")
    r = chain_store(a=2, b=Fraction(1, 2), prior=Fraction(1, 20), markets=10, exact=True)
    print(r.path.table())
    n = int(r.deterred_markets)
    print(f"   Answer: the first {n} challengers stay out for sure; entry starts only {10 - n} markets\n"
          f"   before the end, where a weak power fights with the probability that keeps the next\n"
          f"   challenger indifferent (posterior b^(k-1)).\n")
    return r.path.markets_remaining.astype(float), r.path.reputation.astype(float)


def ambiguity_section() -> None:
    print("3. The value of ambiguity. The US may sanction; the rival retaliates against sanctions and")
    print("   cooperates otherwise; the US gains from sanctioning whatever the rival does.")
    crisis = bg.Game([[2, 4], [1, 3]], [[1, 0], [0, 1]], row_actions=("Sanction", "Refrain"),
                     col_actions=("Retaliate", "Cooperate"), players=("US", "Rival"))
    r = ambiguity_value(crisis)
    rows = [
        ("no commitment (best Nash)", fmt(r.best_nash)),
        ("predictable commitment (pure)", fmt(r.pure)),
        ("ambiguous commitment (mixed)", fmt(r.mixed)),
    ]
    table(("US policy", "US payoff"), rows, rule=False)
    p = r.leader_strategy
    print(f"   Answer: announcing sanctions with probability {fmt(p[0])} (just short of what provokes\n"
          f"   retaliation) is worth {fmt(r.value_of_ambiguity)} more than a predictable policy and "
          f"{fmt(r.value_of_commitment)} more than none.\n")


def draw(axes, markets: np.ndarray, reputation: np.ndarray) -> None:
    d = np.linspace(0.5, 20, 200)
    r = brinkmanship(challenger_gain=1, challenger_disaster_cost=5, defender_concession_cost=1,
                     defender_disaster_cost=d)
    left, right = axes
    left.plot(d, np.where(r.deterrable, r.minimal_risk, np.nan))
    left.set_xlabel("defender's cost of disaster (cost of conceding = 1)")
    left.set_ylabel("smallest risk that compels (= madman prior)")
    left.set_title("Brinkmanship")
    right.plot(markets, reputation, "o-", label="reputation on the path")
    right.plot(markets, 0.5**markets, "--", label="entry threshold b^k")
    right.invert_xaxis()
    right.set_xlabel("markets remaining")
    right.set_ylabel("probability the power is tough")
    right.set_title("Chain store (a = 2, b = 1/2, prior = 1/20)")
    right.legend()


def main(argv: list[str] | None = None) -> None:
    args = parser(__doc__).parse_args(argv)
    print(__doc__.splitlines()[0] + "\n")
    brinkmanship_section()
    markets, reputation = chain_store_section()
    ambiguity_section()
    save_figure(args.out, "strategic_unpredictability", lambda axes: draw(axes, markets, reputation), ncols=2,
                size=(10, 4), dpi=110)


if __name__ == "__main__":
    main()
