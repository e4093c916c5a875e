"""A conditional security guarantee: protection kept only while the ally shares the burden.

The policy, in our words: a great power promises to defend an ally, but treats the promise as
one side of a running bargain. It keeps protecting as long as the ally keeps paying its share
of the common defence; if the ally free-rides, the guarantee is withdrawn. The ally, in turn,
keeps contributing only while the protection lasts. Neither side can sign a contract that a
court would enforce, so the arrangement holds only if, each year, both prefer keeping it to
cheating once and losing it. How patient must both sides be -- how much must they value the
future relative to today -- for "protection for contribution" to sustain itself?

Stage game (one year; higher is better for each side):

                          Ally: Contribute    Ally: Free-ride
    Guarantor: Protect         (3, 3)              (0, 5)
    Guarantor: Withdraw        (4, 0)              (1, 1)

Each side gains by cheating for one year (the guarantor saves the cost of protection, the ally
its contribution), so in a single year both cheat: (Withdraw, Free-ride). Repeated with
discount factor delta, protection-for-contribution is self-enforcing from some delta on; the
table below gives that threshold for several ways of reacting to a breach:

* grim trigger: a breach ends the arrangement for good (Friedman 1971); subgame perfect;
* k-year punishment: a breach is answered by k years of mutual cheating, then back to the
  deal (the "forgive after a while" guarantee); subgame perfect;
* tit-for-tat: each side does what the other did last year (Axelrod 1984); a Nash
  equilibrium of the repeated game;
* with noise: a loyal year is misread as a breach with some probability, and a misread year
  triggers the punishment too (Green and Porter 1984);
* with transfers: the two sides may also pay each other, e.g. the ally pays for basing
  rights up front each year (Goldlücke and Kranz 2012): the deal then needs only the SUM of
  the temptations to be covered by the SUM of what both would lose, so the more tempted side
  can be compensated by the less tempted one.

The script also computes the whole set of subgame-perfect payoffs (Abreu and Sannikov 2014) at
one discount factor and, where matplotlib is installed, saves a figure of it next to the set
that transfers make reachable.

Run: python examples/conditional_guarantee.py [--delta 0.6] [--out DIR]
"""

from __future__ import annotations

from fractions import Fraction

from _show import fmt, parser, save_figure, table

import bargain as bg

INTRO = (
    "A conditional security guarantee: the guarantor keeps protecting only while the ally keeps\n"
    "contributing its share, and the ally contributes only while protected. When is\n"
    "'protection for contribution' self-enforcing?"
)


def guarantee_game() -> bg.Game:
    """The yearly stage game (guarantor: rows, ally: columns)."""
    return bg.Game(
        [[3, 0], [4, 1]],
        [[3, 5], [0, 1]],
        row_actions=("Protect", "Withdraw"),
        col_actions=("Contribute", "Free-ride"),
        players=("Guarantor", "Ally"),
        name="Conditional guarantee",
    )


def _threshold(res: bg.repeated.CriticalDelta) -> str:
    """A threshold as an exact fraction where it is one, a decimal otherwise, or 'never'."""
    if not res.sustainable:
        return "never (no discount factor below 1)"
    if res.delta_exact is not None:
        return fmt(res.delta_exact)
    return f"~{float(res.delta):.4f} (irrational)"


def threshold_table(g: bg.Game, noise: float) -> list[tuple[str, str, str]]:
    """(strategy, equilibrium notion, smallest delta) for protection-for-contribution."""
    target = (0, 0)
    rows = []
    cases = [
        ("grim trigger", {"strategy": "grim"}),
        ("1-year punishment", {"strategy": "k_period", "k": 1}),
        ("2-year punishment", {"strategy": "k_period", "k": 2}),
        ("5-year punishment", {"strategy": "k_period", "k": 5}),
        ("tit-for-tat", {"strategy": "tit_for_tat"}),
        (f"grim, misread w.p. {noise:g}", {"strategy": "grim", "noise": noise}),
    ]
    for name, options in cases:
        res = bg.repeated.critical_delta(g, target=target, exact=True, **options)
        rows.append((name, res.notion, _threshold(res)))
    transfers = bg.repeated.transfer_equilibria(g, exact=True)
    first = transfers.critical_delta(target)
    rows.append((
        "with transfers",
        "subgame perfect, side payments",
        "never" if first is None else fmt(first),
    ))
    return rows


def draw(ax, g: bg.Game, delta: float) -> None:
    """The payoff sets at ``delta``: feasible, subgame perfect, and with transfers."""
    from matplotlib.patches import Polygon

    feasible = bg.repeated.feasible_payoffs(g).feasible.vertices
    spe = bg.repeated.equilibrium_payoffs(g, delta).vertices
    triangle = bg.repeated.transfer_equilibria(g).at(delta).payoff_region()
    for pts, style, label in (
        (feasible, {"fill": False, "ls": "--", "ec": "grey"}, "feasible"),
        (triangle, {"alpha": 0.25, "fc": "tab:orange", "ec": "tab:orange"}, "with transfers"),
        (spe, {"alpha": 0.5, "fc": "tab:blue", "ec": "tab:blue"}, "subgame perfect"),
    ):
        if len(pts) >= 3:
            ax.add_patch(Polygon(pts, closed=True, label=label, **style))
        elif len(pts):
            ax.plot(pts[:, 0], pts[:, 1], "o-", label=label)
    ax.autoscale_view()
    ax.set_xlabel(f"{g.players[0]} (average payoff per year)")
    ax.set_ylabel(f"{g.players[1]} (average payoff per year)")
    ax.set_title(f"Payoffs of the repeated guarantee, delta = {delta:g}")
    ax.legend(loc="upper right")


def main(argv: list[str] | None = None) -> None:
    options = parser(__doc__)
    options.add_argument("--delta", type=float, default=0.6, help="discount factor for the payoff set")
    options.add_argument("--noise", type=float, default=0.1, help="probability a loyal year is misread")
    args = options.parse_args(argv)

    print(INTRO)
    print()
    g = guarantee_game()
    print(g)
    print()
    print("Smallest discount factor at which (Protect, Contribute) sustains itself:")
    print()
    table(("strategy", "equilibrium", "smallest delta"), threshold_table(g, args.noise), left=True)
    print()

    transfers = bg.repeated.transfer_equilibria(g, exact=True)
    print("With transfers, for every discount factor at once (Goldlücke-Kranz 2012):")
    # regimes that differ only in profiles not shown here are printed as one interval
    shown: list[list] = []
    for reg in transfers.regimes:
        key = (reg.exists, reg.joint_payoff, reg.punishment_payoffs, reg.equilibrium_profiles)
        if shown and shown[-1][0] == key:
            shown[-1][2] = reg.upper
        else:
            shown.append([key, reg.lower, reg.upper])
    for (exists, joint, punish, path), lower, upper in shown:
        span = f"  delta in [{fmt(lower)}, {fmt(upper)}): "
        if not exists:
            print(span + "no pure-strategy equilibrium")
            continue
        profiles = ", ".join(f"({g.row_actions[i]}, {g.col_actions[j]})" for i, j in path)
        print(
            f"{span}best joint payoff {fmt(joint)} on the path {profiles}; "
            f"a cheater is held to {fmt(punish[0])} ({g.players[0]}) or "
            f"{fmt(punish[1])} ({g.players[1]})"
        )
    print()

    delta = args.delta
    spe = bg.repeated.equilibrium_payoffs(g, delta)
    print(f"Subgame-perfect payoffs at delta = {delta:g} (Abreu-Sannikov), vertices:")
    for u in spe.vertices:
        print(f"  ({g.players[0]} {u[0]:.4g}, {g.players[1]} {u[1]:.4g})")
    reg = transfers.at(Fraction(repr(delta)))
    print(
        f"With transfers: every split of the joint payoff {fmt(reg.joint_payoff)} that leaves "
        f"each side at least its punishment payoff ({fmt(reg.punishment_payoffs[0])}, "
        f"{fmt(reg.punishment_payoffs[1])})."
    )
    print()
    save_figure(args.out, "conditional_guarantee", lambda ax: draw(ax, g, delta), size=(5, 5))


if __name__ == "__main__":
    main()
