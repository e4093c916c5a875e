"""Spheres of influence: escalation, crisis channels and arms control between great powers.

The policy, in our words: great powers that meet again and again over contested regions must
decide each time whether to escalate or give way, whether to keep a channel open through which
each is told privately when to step back, and whether to hold to an arms-control agreement
nobody can enforce. Three models ask:

1. Hawk-dove over a sphere (Maynard Smith 1982): in a stable balance, how often does a power
   escalate, and how does that change as war gets costlier?
2. A crisis channel (Aumann 1974): in a game of chicken, how much welfare does a mediator or
   hotline add by recommending who backs down, over facing the crisis blind?
3. Arms control as a repeated security dilemma (Jervis 1978): when is mutual restraint
   self-enforcing, and how patient must the powers be when superiority tempts them?

Where matplotlib is installed, a figure (escalation against the cost of conflict; the
patience arms control needs against the advantage of superiority) is saved to ``--out``
(default: the system's temporary directory).

Run: python examples/spheres_of_influence.py [--out DIR]
"""

from __future__ import annotations

from fractions import Fraction

import numpy as np
from _show import fmt, parser, save_figure, table

from bargain.models.spheres import arms_control, crisis_channel, hawk_dove


def hawk_dove_section() -> None:
    print("1. A sphere worth 2 to either power; how often does a power escalate as war gets costlier?")
    costs = [1, 2, 4, 8, 16]
    r = hawk_dove(value=2, cost=costs, exact=True)
    rows = [(fmt(c), fmt(r.escalation[i]), fmt(r.fight_prob[i]), fmt(r.payoff[i]))
            for i, c in enumerate(costs)]
    table(("cost of war", "escalates (ESS)", "contests that fight", "payoff each"), rows, rule=False)
    print("   Answer: while the sphere is worth the war, every power escalates; beyond that, escalation\n"
          "   is value / cost: doubling the cost of war halves escalation and quarters the fights.\n")


def crisis_channel_section() -> None:
    print("2. Chicken (firm vs yield 7, both yield 6, yield vs firm 2, both firm 0): a crisis channel?")
    r = crisis_channel(exact=True)
    rows = [
        ("no channel: symmetric Nash", fmt(r.nash_welfare)),
        ("a public coin between the pure equilibria", fmt(r.alternation_welfare)),
        ("a mediator's private advice (best correlated eq.)", fmt(r.channel_welfare)),
    ]
    table(("crisis handled by", "welfare (both sides)"), rows, rule=False)
    d = r.distribution
    print(f"   Answer: the channel adds {fmt(r.mediator_value)} in welfare; it tells both to yield with\n"
          f"   probability {fmt(d[0, 0])}, and one side to stand firm with probability {fmt(d[0, 1])} each, "
          f"never both.\n")


def arms_control_section() -> None:
    print("3. Arming costs 1 a year, being outgunned costs 3: how patient must the powers be for restraint?")
    superiority = [Fraction(1, 2), 1, 2, 4, 8]
    r = arms_control(arms_cost=1, superiority=superiority, vulnerability=3, exact=True)
    rows = [
        (fmt(g), fmt(r.restraint_equilibrium[i]), fmt(r.security_dilemma[i]), fmt(r.critical_delta[i]))
        for i, g in enumerate(superiority)
    ]
    table(("advantage of superiority", "restraint stable in one year", "security dilemma",
           "smallest discount factor"), rows, rule=False)
    print("   Answer: when superiority is worth no more than arms cost, restraint needs no enforcement\n"
          "   (an assurance game); beyond that it needs patience 1 - cost / advantage under grim\n"
          f"   trigger: {fmt(r.critical_delta[-2])} when superiority is worth 4 times the cost of arms.\n")


def draw(axes) -> None:
    cost = np.linspace(0.2, 20, 300)
    hd = hawk_dove(value=2, cost=cost)
    g = np.linspace(0, 10, 300)
    ac = arms_control(arms_cost=1, superiority=g, vulnerability=np.array([[3.0], [0.5]]))
    left, right = axes
    left.plot(cost, hd.escalation, label="escalates (plays Hawk)")
    left.plot(cost, hd.fight_prob, label="contest ends in a fight")
    left.set_xlabel("cost of war (sphere worth 2)")
    left.set_ylabel("probability at the ESS")
    left.set_title("Hawk-dove over a sphere")
    left.legend()
    right.plot(g, ac.critical_delta[0], label="outgunned costs 3 (security dilemma)")
    right.plot(g, ac.critical_delta[1], label="outgunned costs 1/2")
    right.set_xlabel("advantage of superiority (arms cost 1)")
    right.set_ylabel("smallest discount factor")
    right.set_title("Arms control under grim trigger")
    right.legend()


def main(argv: list[str] | None = None) -> None:
    args = parser(__doc__).parse_args(argv)
    print(__doc__.splitlines()[0] + "\n")
    hawk_dove_section()
    crisis_channel_section()
    arms_control_section()
    save_figure(args.out, "spheres_of_influence", draw, ncols=2, size=(10, 4), dpi=110)


if __name__ == "__main__":
    main()
