"""Three great powers, two deals: which two of the US, China and the EU cooperate?

The policy, in our words: a doctrine that treats alliances as transactions no longer takes
the transatlantic partnership for granted; the US, China and the EU each weigh bilateral
deals with either of the others against a three-way arrangement. Any two can strike a deal
without the third, so the question is whether a three-way deal can be split so that no pair
prefers to walk away (the core), what each power can claim (the Shapley value, the
nucleolus), and, when no split holds, which pair forms.

The gains from cooperation are illustrative (joint gains over going it alone, in an
arbitrary unit): US-China 5, US-EU 6, China-EU 4; the three-way gain varies.

1. The closed-form model (bargain.models.coalitions.trilateral_cooperation), exact.
2. One scenario solved by the coalitional layer (bargain.bargaining.coalitional): Shapley
   value, nucleolus and a core allocation side by side.
3. The same question as a normal-form game (each power commits to a deal or holds out), all
   of whose equilibria the 2x2x2 solver finds: the equilibria say that two commit, not which.

Where matplotlib is installed, a figure of the Shapley values against the three-way gain is
saved to ``--out`` (default: the system's temporary directory).

Run: python examples/trilateral.py [--out DIR]
"""

from __future__ import annotations

from fractions import Fraction

import numpy as np
from _show import fmt, parser, save_figure, table

from bargain.bargaining.coalitional import CoalitionalGame, core, nucleolus, shapley_value
from bargain.core.nplayer import NPlayerGame
from bargain.models.coalitions import PAIRS, trilateral_cooperation
from bargain.solvers.nash.nplayer import nplayer_equilibria

POWERS = ("US", "China", "EU")
US_CHINA, US_EU, CHINA_EU = 5, 6, 4
GRAND = [Fraction(6), Fraction(15, 2), Fraction(9)]


def outcome_words(code: int) -> str:
    if code == 0:
        return "all three"
    i, j = PAIRS[code - 1]
    return f"{POWERS[i]} + {POWERS[j]}"


def model_table() -> None:
    r = trilateral_cooperation(gain_12=US_CHINA, gain_13=US_EU, gain_23=CHINA_EU, gain_123=GRAND, exact=True)
    print("1. Does a three-way deal hold, and who gets what? (Shapley value, exact)")
    rows = []
    for k, v in enumerate(GRAND):
        phi = r.shapley[k]
        rows.append((
            str(v), "nonempty" if r.core_nonempty[k] else "empty", str(r.core_deficit[k]),
            *(str(p) for p in phi), outcome_words(int(r.outcome[k])),
        ))
    table(("three-way gain", "core", "deficit", "US", "China", "EU", "what forms"), rows,
          rule=False, left=True)
    print(
        "  The core needs the three-way gain to reach (5 + 6 + 4) / 2 = 15/2: below it every split "
        "is blocked by a pair,\n  and the US and the EU, each other's best partner, cooperate without China."
    )
    print()


def solver_table(grand: int) -> None:
    v = CoalitionalGame(
        {("US", "China"): US_CHINA, ("US", "EU"): US_EU, ("China", "EU"): CHINA_EU, POWERS: grand},
        players=POWERS,
    )
    phi, nu, c = shapley_value(v), nucleolus(v), core(v)
    print(f"2. Three-way gain {grand}: how to split it (coalitional solvers)")
    rows = [
        ("Shapley value", *(str(p) for p in phi.allocation_exact),
         fmt(c.contains(phi.allocation))),
        ("nucleolus", *(str(p) for p in nu.allocation_exact), fmt(c.contains(nu.allocation))),
        ("a core point (least core)", *(f"{p:.4g}" for p in c.point), "yes"),
    ]
    table(("allocation", *POWERS, "in the core"), rows, rule=False, left=True)
    print(f"  core {'empty' if c.empty else 'nonempty'}; least-core value {c.epsilon:.4g}")
    print()


def normal_form() -> None:
    # each power commits to cooperation (cost 2) or holds out; if at least two commit, every
    # power gains 3 (the deal's benefits are non-excludable)
    u = np.zeros((2, 2, 2, 3), dtype=int)
    for cell in np.ndindex(2, 2, 2):
        committed = [a == 0 for a in cell]
        benefit = 3 if sum(committed) >= 2 else 0
        u[cell] = [benefit - 2 * c for c in committed]
    g = NPlayerGame(u, players=POWERS, actions=(("Commit", "Hold out"),) * 3, name="threshold deal")
    res = nplayer_equilibria(g)
    print("3. As a normal-form game (commit at cost 2; a deal needs two; everyone gains 3): all equilibria")
    print(f"  {len(res.equilibria)} equilibria, complete={res.complete}:")
    for e in res.equilibria:
        words = []
        for who, s in zip(POWERS, e.strategies_exact):
            act = "commits" if s[0] == 1 else "holds out" if s[0] == 0 else f"commits w.p. {s[0]}"
            words.append(f"{who} {act}")
        print("   ", "; ".join(words))
    print("  Every pure equilibrium but the no-deal one has exactly two committing: the game says two,")
    print("  not which two; the coalitional analysis above picks the pair.")
    print()


def draw(ax) -> None:
    """Each power's Shapley value against the three-way gain, and where the core is empty."""
    grand = np.linspace(0, 12, 241)
    r = trilateral_cooperation(gain_12=US_CHINA, gain_13=US_EU, gain_23=CHINA_EU, gain_123=grand)
    for k, who in enumerate(POWERS):
        ax.plot(grand, r.shapley[:, k], label=f"{who} (Shapley value)")
    ax.axvspan(0, 7.5, color="0.9", label="core empty")
    ax.set_xlabel("three-way gain")
    ax.set_ylabel("share of the three-way gain")
    ax.legend()


def main(argv: list[str] | None = None) -> None:
    args = parser(__doc__).parse_args(argv)
    print(__doc__.splitlines()[0])
    print()
    model_table()
    solver_table(9)
    normal_form()
    save_figure(args.out, "trilateral", draw)


if __name__ == "__main__":
    main()
