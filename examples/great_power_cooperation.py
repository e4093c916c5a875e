"""Pragmatic cooperation with a rival great power: security restraint and a climate deal.

The policy, in our words: even a power that treats every relationship as a transaction may
find deals worth striking with its main rival -- mutual restraint on security, a joint effort
on climate. Two questions decide whether such cooperation is realistic.

1. Security restraint is an assurance problem (Jervis 1978): both sides prefer mutual
   restraint to an arms race, but restraint against a rival who arms is the worst outcome.
   How confident must each side be in the other, and is restraint the "safe" equilibrium
   (risk dominant, Harsanyi-Selten 1988) or only the better one (payoff dominant)? The table
   varies how badly a restrained side is hurt when the rival arms.
2. Climate is a public good (Barrett 1994): each country's abatement is costly to itself and
   helps both. How much more would the two abate together, how should they split the gains
   (Nash, Kalai-Smorodinsky and egalitarian bargaining from the no-deal outcome, side
   payments allowed), and how patient must they be for the deal to police itself (grim
   reversion to no deal)? The table varies how unequally the benefits fall.

Where matplotlib is installed, a figure of the basin of restraint and of the climate deal's
patience threshold is saved to ``--out`` (default: the system's temporary directory).

Run: python examples/great_power_cooperation.py [--out DIR]
"""

from __future__ import annotations

from fractions import Fraction

import numpy as np
from _show import fmt, parser, save_figure, table

from bargain.models.cooperation import climate_agreement, stag_hunt

EXPLOITED = [Fraction(-2), Fraction(0), Fraction(1), Fraction(3, 2)]
SHARES = [Fraction(1, 2), Fraction(3, 5), Fraction(4, 5)]


def security() -> None:
    print("Q1. Security restraint (stag hunt: both restrain 4, arm against a restrained rival 3,")
    print("    both arm 2, restrained against an armed rival S): how sure must each side be?")
    r = stag_hunt(exploited=EXPLOITED, exact=True)
    rows = [
        (
            str(s),
            str(r.threshold[i]),
            str(r.basin[i]),
            fmt(r.payoff_dominant[i]),
            "tie" if r.basin[i] == Fraction(1, 2) else fmt(r.risk_dominant[i]),
        )
        for i, s in enumerate(EXPLOITED)
    ]
    table(("S", "needed P(rival restrains)", "basin of restraint", "payoff dominant", "risk dominant"), rows)
    base = stag_hunt(exact=True)
    print(f"A: with S = 0 a side restrains only if it puts more than {base.threshold} on the rival doing")
    print(f"   the same; restraint's basin is {base.basin}, so although it is the better equilibrium")
    print("   for both, the arms race is the risk-dominant one. Softening the blow of being")
    print("   exploited (S = 3/2, e.g. by verification that gives early warning) makes restraint")
    print("   risk dominant as well.\n")


def climate() -> None:
    print("Q2. A climate deal (Barrett 1994, a = b = c = 1): what does cooperation add, who pays,")
    print("    and how patient must the two be? theta = share of the benefit going to country 1.")
    r = climate_agreement(benefit_share=SHARES, exact=True)
    rows = []
    for i, theta in enumerate(SHARES):
        rows.append((
            str(theta),
            str(r.noncooperative_total[i]),
            str(r.cooperative_total[i]),
            str(r.gains[i]),
            " / ".join(str(v) for v in r.nash_split[i]),
            str(-r.transfer[i]),
            f"{float(r.critical_delta[i]):.4f}",
        ))
    table(("theta", "Q no deal", "Q deal", "gains", "Nash split (1 / 2)", "1 pays 2", "min delta"), rows)
    print(f"A: cooperation raises abatement from {r.noncooperative_total[0]} to {r.cooperative_total[0]};")
    print(f"   with equal benefits the gain ({r.gains[0]}) is split equally without any transfer and the")
    print(f"   deal holds for discount factors from {r.critical_delta[0]} on. The more unequal the")
    print("   benefits, the larger the side payment the main beneficiary must make to keep its rival")
    print("   in the deal, and the more patience the deal needs (the payer is tempted to stop paying).")
    print("   Kalai-Smorodinsky and egalitarian bargaining give the same equal-gains split here,")
    print("   because side payments make the frontier a line.\n")


def draw(axes) -> None:
    s = np.linspace(-3, 1.9, 200)
    basin = stag_hunt(exploited=s).basin
    gamma = np.linspace(0.05, 5, 200)
    delta = climate_agreement(cost_slope=gamma).critical_delta
    delta_unequal = climate_agreement(cost_slope=gamma, benefit_share=0.8).critical_delta
    left, right = axes
    left.plot(s, basin)
    left.axhline(0.5, color="grey", ls=":")
    left.set_xlabel("payoff of restraint against an armed rival (S)")
    left.set_ylabel("basin of mutual restraint")
    left.set_title("Security: when is restraint the safe bet?")
    right.plot(gamma, delta, label="equal benefits")
    right.plot(gamma, delta_unequal, label="country 1 gets 80%")
    right.set_xlabel("cost / benefit slope (gamma = c / b)")
    right.set_ylabel("smallest discount factor")
    right.set_title("Climate: patience the deal needs")
    right.legend()


def main(argv: list[str] | None = None) -> None:
    args = parser(__doc__).parse_args(argv)
    print(__doc__.splitlines()[0] + "\n")
    security()
    climate()
    save_figure(args.out, "great_power_cooperation", draw, ncols=2, size=(10, 4), dpi=110)


if __name__ == "__main__":
    main()
