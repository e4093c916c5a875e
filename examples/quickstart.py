"""Headline demo: three policy questions, each asked as a game and answered in words.

1. A tariff war. Two trading powers both gain from free trade; will they keep it? Each
   gains by taxing the other's exports whatever the other does, so the game is a
   Prisoner's Dilemma (Johnson 1953; Mayer 1981) and the only equilibrium is a tariff war.
2. A crisis as a game of chicken (Maynard Smith 1982's hawk-dove; Schelling 1966). Who
   backs down? Either side may, or neither knows: in the mixed equilibrium each side backs
   down with probability 9/10, and the crisis ends in war when both escalate.
3. A million crises. Payoffs are never known exactly; perturb them a million times and
   solve every perturbed crisis in one batched call, to see how much of the answer survives.

Run: python examples/quickstart.py
"""

from __future__ import annotations

import textwrap
import time

import numpy as np

import bargain as bg


def pct(x: float) -> str:
    return f"{100 * x:.1f}%"


def prob(x: float) -> str:
    return f"{x:.3g}"


def plays(game: bg.Game, player: int, strategy: np.ndarray) -> str:
    """'US imposes ...' style phrase: a pure action, or the probability of each action."""
    name = game.players[player]
    actions = game.row_actions if player == 0 else game.col_actions
    support = [(a, float(p)) for a, p in zip(actions, strategy) if p > 1e-12]
    if len(support) == 1:
        return f"{name} plays {support[0][0]}"
    mix = " and ".join(f"{a} with probability {prob(p)}" for a, p in support)
    return f"{name} plays {mix}"


def scene(number: int, title: str, question: str) -> None:
    print(f"{number}. {title}")
    print(f"   Question: {question}")
    print()


def tariff_war() -> None:
    scene(1, "A tariff war", "two powers both gain from free trade; will they keep it?")
    g = bg.Game(
        [[3, 1], [4, 2]],
        [[3, 4], [1, 2]],
        row_actions=("Free trade", "Tariff"),
        col_actions=("Free trade", "Tariff"),
        players=("US", "China"),
        name="Tariff war",
    )
    print("   The game (payoffs: US, China; welfare ranks, higher is better):")
    print("   " + repr(g).replace("\n", "\n   "))
    print()
    res = bg.nash_equilibria(g, exact=True)
    (eq,) = res.equilibria
    us, china = (float(v) for v in eq.payoffs)
    free = g.payoffs([1, 0], [1, 0])
    print(
        f"   Answer: no. Whatever the other side does, a tariff pays, so the only equilibrium is a\n"
        f"   tariff war: {plays(g, 0, eq.row)} and {plays(g, 1, eq.col)}. The US gets {us:g} and\n"
        f"   China {china:g}, although free trade would give them {free[0]:g} and {free[1]:g}."
    )
    print()


def crisis() -> bg.Game:
    scene(2, "A crisis game of chicken", "when both sides can escalate, who backs down?")
    g = bg.Game(
        [[0, -1], [1, -10]],
        [[0, 1], [-1, -10]],
        row_actions=("Back down", "Escalate"),
        col_actions=("Back down", "Escalate"),
        players=("Challenger", "Defender"),
        name="Crisis",
    )
    print("   The game (both escalating is war, worth -10 to each):")
    print("   " + repr(g).replace("\n", "\n   "))
    print()
    res = bg.nash_equilibria(g, exact=True)
    pure = [e for e in res.equilibria if max(e.row) == 1 and max(e.col) == 1]
    mixed = [e for e in res.equilibria if max(e.row) < 1 and max(e.col) < 1]
    print(f"   Answer: there are {len(res.equilibria)} equilibria.")
    for e in pure:
        winner = g.players[0] if e.row[1] == 1 else g.players[1]
        print(
            f"   - {plays(g, 0, e.row)} and {plays(g, 1, e.col)}: the {winner.lower()} prevails, "
            "without war."
        )
    for e in mixed:
        back_a, back_b = float(e.row[0]), float(e.col[0])
        war = (1 - back_a) * (1 - back_b)
        print(
            f"   - Neither side knows what the other will do: the challenger backs down with "
            f"probability {prob(back_a)},\n"
            f"     the defender with probability {prob(back_b)}; both escalate, and the crisis ends "
            f"in war, with\n"
            f"     probability {prob(war)}. Each side expects {float(e.payoffs[0]):g} and "
            f"{float(e.payoffs[1]):g}."
        )
    print("   Which one is played is what the crisis is about: commitment, reputation, resolve.")
    print()
    return g


def million_crises(base: bg.Game) -> None:
    n = 1_000_000
    scene(
        3,
        "A million uncertain crises",
        "payoffs are never known exactly; how much of the answer survives when they vary?",
    )
    rng = np.random.default_rng(2026)
    noise = rng.normal(scale=0.5, size=(n, 2, 2, 2))
    batch = bg.Game(base.A + noise[..., 0], base.B + noise[..., 1])
    start = time.perf_counter()
    res = bg.equilibria_2x2(batch)
    elapsed = time.perf_counter() - start
    count = np.asarray(res.count)
    p, q = np.asarray(res.p), np.asarray(res.q)  # probability of backing down, per equilibrium slot
    mixed = (p > 0) & (p < 1) & (q > 0) & (q < 1)
    has_mixed = mixed.any(axis=-1)
    war = np.where(mixed, (1 - p) * (1 - q), np.nan)
    war_mixed = np.nanmax(war[has_mixed], axis=-1)
    single = count == 1
    first_p, first_q = p[single, 0], q[single, 0]  # the one equilibrium of those games
    one_yields = ((first_p == 1) & (first_q == 0)) | ((first_p == 0) & (first_q == 1))
    setup = (
        f"Each of the 8 payoffs of the crisis gets independent noise (standard deviation 0.5), "
        f"{n:,} times; all {n:,} games are solved in one call in {elapsed:.2f} s "
        f"({n / elapsed:,.0f} games a second)."
    )
    print(textwrap.fill(setup, width=100, initial_indent="   ", subsequent_indent="   "))
    print()
    answer = (
        f"Answer: the picture is robust. {pct(np.mean(count == 3))} of the crises keep the three "
        f"equilibria of chicken (either side backs down, or both gamble); {pct(np.mean(single))} "
        f"have a single equilibrium, and in {pct(np.mean(one_yields))} of those one side backs "
        f"down for sure. When both gamble, the risk of war is {pct(np.median(war_mixed))} in the "
        f"median crisis and above {pct(np.quantile(war_mixed, 0.95))} in one crisis in twenty."
    )
    print(textwrap.fill(answer, width=100, initial_indent="   ", subsequent_indent="   "))


def main() -> None:
    tariff_war()
    chicken = crisis()
    million_crises(chicken)


if __name__ == "__main__":
    main()
