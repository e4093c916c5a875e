"""Export controls: how tight should a technology denial be when the target can build substitutes?

The policy, in our words: a state that leads in a key technology can deny it to a rival --
a "small yard, high fence" -- but every denial also tells the rival to build its own. Once the
rival invests in substitutes, each further turn of the screw is offset by more investment and
only costs the controlling state its own sales. The leader sets the stringency first; the
follower sees it and chooses how much to invest. The question: how stringent should controls
be, and what does over-tightening cost?

Model (bargain.models.technology.export_controls; Farrell and Newman 2019 for the policy): the
leader picks stringency k in [0, 1]; the follower loses k * beta * exp(-theta * e) and invests
e >= 0 in substitutes at unit cost; the leader gains gain * k * exp(-theta * e) and pays cost * k.
The closed form is checked against the library's general continuous leader-follower solver.

Where matplotlib is installed, a figure (the leader's value against stringency for several
substitution rates, with the optimum marked) is saved to ``--out`` (default: the system's
temporary directory).

Run: python examples/export_controls.py [--out DIR]
"""

from __future__ import annotations

import math
from fractions import Fraction

import numpy as np
from _show import fmt, parser, save_figure, table

from bargain import leader_follower
from bargain.models.technology import export_controls

BETA, GAIN, COST = 4, 1, Fraction(1, 4)


def response(k: float, theta: float) -> float:
    """The follower's investment e*(k) = max(0, ln(k beta theta) / theta)."""
    return max(0.0, math.log(k * BETA * theta) / theta) if k > 0 else 0.0


def leader_value(k: float, theta: float) -> float:
    return float(GAIN) * k * math.exp(-theta * response(k, theta)) - float(COST) * k


def optimum_section() -> None:
    print(f"1. The target loses {BETA} at full denial; the leader gains {GAIN} per unit of effective control")
    print(f"   and pays {COST} per unit of stringency. How tight, as substitution gets easier (theta up)?")
    thetas = [Fraction(1, 8), Fraction(1, 4), Fraction(1, 2), Fraction(1), Fraction(2)]
    r = export_controls(beta=BETA, theta=thetas, gain=GAIN, cost=COST, exact=True)
    rows = [
        (fmt(t), fmt(r.substitution_threshold[i]), fmt(r.stringency[i]), fmt(r.investment[i]),
         fmt(r.leader_value[i]), fmt(r.follower_value[i]))
        for i, t in enumerate(thetas)
    ]
    head = ("theta", "threshold 1/(beta theta)", "stringency", "investment", "leader gets", "target gets")
    table(head, rows, rule=False)
    print("   Answer: tighten up to the point where the target would start building substitutes, and no\n"
          "   further: the easier substitution is, the smaller the yard.\n")


def overreach_section() -> None:
    theta = 1.0
    best = export_controls(beta=BETA, theta=theta, gain=GAIN, cost=COST)
    k_full = 1.0
    print("2. Over-tightening at theta = 1: full denial against the optimum")
    k_best = float(best.stringency)
    rows = [
        ("optimum", fmt(k_best), fmt(response(k_best, theta)), fmt(best.leader_value)),
        ("full denial", fmt(k_full), fmt(response(k_full, theta)), fmt(leader_value(k_full, theta))),
    ]
    table(("policy", "stringency", "target invests", "leader gets"), rows, rule=False)
    print("   Answer: full denial makes the target invest ln 4 = 1.386 in substitutes, which caps the\n"
          "   effective control at the threshold 1/4; the leader pays for full stringency and nets 0.\n")


def solver_section() -> None:
    theta = 1.0
    closed = export_controls(beta=BETA, theta=theta, gain=GAIN, cost=COST)
    s = leader_follower(
        lambda k, e: float(GAIN) * k * math.exp(-theta * e) - float(COST) * k,
        lambda k, e: -(k * BETA * math.exp(-theta * e) + e),
        leader_bounds=(0, 1),
        follower_bounds=(0, 3),
    )
    print("3. The same game solved numerically by bargain.leader_follower (no closed form given)")
    table(
        ("method", "stringency", "investment", "leader gets", "status"),
        [
            ("closed form", fmt(closed.stringency), fmt(closed.investment), fmt(closed.leader_value),
             "exact"),
            ("leader_follower", fmt(s.leader_strategy), fmt(s.follower_strategy), fmt(s.leader_value),
             s.status.name),
        ], rule=False)
    print("   Answer: the general solver, certified by its grid check, finds the same controls.\n")


def draw(ax) -> None:
    ks = np.linspace(0, 1, 401)
    for theta in (0.25, 0.5, 1.0, 2.0):
        ax.plot(ks, [leader_value(k, theta) for k in ks], label=f"theta = {theta:g}")
        r = export_controls(beta=BETA, theta=theta, gain=GAIN, cost=COST)
        ax.plot([float(r.stringency)], [float(r.leader_value)], "ko")
    ax.axhline(0, color="grey", lw=0.5)
    ax.set_xlabel("control stringency k")
    ax.set_ylabel("leader's payoff")
    ax.set_title("Export controls: tighten up to the substitution threshold")
    ax.legend()


def main(argv: list[str] | None = None) -> None:
    args = parser(__doc__).parse_args(argv)
    optimum_section()
    overreach_section()
    solver_section()
    save_figure(args.out, "export_controls", draw, dpi=100)


if __name__ == "__main__":
    main()
