"""Crisis bargaining: when does a crisis end in war, and when in a deal?

The policy, in our words: a state that keeps force for direct threats and intervenes only
selectively needs to know which crises can be settled and which are likely to end in fighting.
Because war destroys value, two states that agree on how a war would go can always find a deal
both prefer to it; war then needs a reason. Three models (Fearon 1995; Powell 2006) ask:

1. The bargaining range: which splits of a disputed good do both sides prefer to war, and is
   the status quo one of them?
2. The risk-return trade-off: when a state does not know how much a war would cost its
   opponent, how much should it demand, and how likely is war -- and does more uncertainty
   about the opponent mean more war?
3. The commitment problem: when a state's military edge is about to erode, can the rising
   side buy peace today, or does the declining side fight now while it still can?

Where matplotlib is installed, a figure (war probability against uncertainty; the region of
shifts in power that lead to war) is saved to ``--out`` (default: the system's temporary
directory).

Run: python examples/crisis_bargaining.py [--out DIR]
"""

from __future__ import annotations

from fractions import Fraction

import numpy as np
from _show import fmt, parser, save_figure, table

from bargain.models.crisis import fearon, power_shift, risk_return


def range_section() -> None:
    print("1. A disputed good; A would win a war with probability 3/5. Which deals beat war for both?")
    f = Fraction
    ca = [f(0), f(1, 20), f(1, 10), f(1, 4)]
    cb = [f(0), f(1, 20), f(1, 5), f(1, 4)]
    r = fearon(p=Fraction(3, 5), cost_a=ca, cost_b=cb, status_quo=Fraction(1, 2), exact=True)
    rows = [
        (fmt(a), fmt(b), f"[{fmt(r.range[i, 0])}, {fmt(r.range[i, 1])}]", fmt(r.status_quo_in_range[i]))
        for i, (a, b) in enumerate(zip(ca, cb, strict=True))
    ]
    table(("A's war cost", "B's war cost", "deals both prefer (A's share)", "status quo 1/2 peaceful"), rows,
          rule=False)
    print("   Answer: any cost of war opens a range of deals around 3/5; the costlier the war, the wider\n"
          "   the range, and a status quo giving A only 1/2 stays peaceful once war costs A 1/10 or more.\n")


def risk_section() -> list[tuple[Fraction, Fraction]]:
    print("2. A demands a share; B's cost of war is private, uniform with mean 1/5. How likely is war?")
    spreads = [Fraction(1, 20), Fraction(1, 10), Fraction(3, 20), Fraction(1, 5)]
    mean = Fraction(1, 5)
    pairs = [(mean - s, mean + s) for s in spreads]
    r = risk_return(p=[Fraction(1, 2)] * len(pairs), cost_a=Fraction(1, 20), cost_b=pairs, exact=True)
    rows = [
        (f"[{fmt(lo)}, {fmt(hi)}]", fmt(r.demand[i]), fmt(r.war_probability[i]), fmt(r.expected_utility[i]))
        for i, (lo, hi) in enumerate(pairs)
    ]
    table(("B's cost lies in", "A demands", "war probability", "A's expected share"), rows, rule=False)
    print("   Answer: with little uncertainty A makes a safe demand and there is no war; as the range of\n"
          "   B's possible costs widens (same mean), A gambles on a larger demand and war becomes likelier\n"
          "   (3/4 - (mean + cost_a) / (4 * half-width) in the interior).\n")
    return pairs


def shift_section() -> None:
    print("3. A wins a war now w.p. 3/5, later w.p. p_later; delta 9/10, war costs A 1/2 once. War now?")
    f = Fraction
    later = [f(3, 5), f(11, 20), f(1, 2), f(2, 5), f(1, 5)]
    r = power_shift(delta=f(9, 10), p_now=f(3, 5), p_later=later, cost=f(1, 2), exact=True)
    rows = [(fmt(p), fmt(r.offer_now[i]), fmt(r.offer_later[i]), fmt(r.war[i])) for i, p in enumerate(later)]
    table(("p_later", "A needs today", "B offers later", "A fights now"), rows, rule=False)
    print(f"   Answer: B can offer at most the whole good today, so peace needs p_later >= "
          f"{fmt(r.critical_p_later[0])};\n"
          "   a larger shift in power makes the declining side fight now (a preventive war).\n")


def draw(axes) -> None:
    ax1, ax2 = axes
    half = np.linspace(0.01, 0.2, 200)
    for ca in (0.0, 0.05, 0.1):
        r = risk_return(p=np.full(half.shape, 0.5), cost_a=ca, cost_b=np.stack([0.2 - half, 0.2 + half], -1))
        ax1.plot(half, r.war_probability, label=f"A's war cost {ca:g}")
    ax1.set_xlabel("half-width of B's cost range (mean 0.2)")
    ax1.set_ylabel("probability of war")
    ax1.set_title("Uncertainty about resolve breeds war")
    ax1.legend()
    p_now = np.linspace(0, 1, 201)[None, :]
    p_later = np.linspace(0, 1, 201)[:, None]
    r = power_shift(delta=0.9, p_now=p_now, p_later=p_later, cost=0.5)
    ax2.imshow(r.war, origin="lower", extent=(0, 1, 0, 1), cmap="Reds", aspect="auto")
    ax2.set_xlabel("A's chance of winning now")
    ax2.set_ylabel("A's chance of winning later")
    ax2.set_title("Preventive war (red): delta 0.9, cost 0.5")


def main(argv: list[str] | None = None) -> None:
    args = parser(__doc__).parse_args(argv)
    range_section()
    risk_section()
    shift_section()
    save_figure(args.out, "crisis_bargaining", draw, ncols=2, size=(10, 4), dpi=100)


if __name__ == "__main__":
    main()
