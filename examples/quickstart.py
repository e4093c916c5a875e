"""Headline demo: a tariff war as a game, solved exactly and in a batch.

Two trading powers each choose to impose a tariff or keep trade free. With the payoffs
below (ordinal welfare, higher is better) each side gains by taxing the other's exports
whatever the other does, so the game is a Prisoner's Dilemma (Johnson 1953; Mayer 1981):
the unique equilibrium is mutual tariffs although mutual free trade is better for both.

Then a security-guarantee game of chicken (Maynard Smith 1982's hawk-dove): mixed play,
i.e. strategic unpredictability, is an equilibrium. Finally a batch of one million
randomly perturbed chicken games is solved in closed form in one call.

Run: python examples/quickstart.py
"""

from __future__ import annotations

import time

import numpy as np

import bargain as bg


def main() -> None:
    tariffs = bg.Game(
        [[3, 1], [4, 2]],
        [[3, 4], [1, 2]],
        row_actions=("Free trade", "Tariff"),
        col_actions=("Free trade", "Tariff"),
        players=("US", "China"),
        name="Tariff war",
    )
    print(tariffs, end="\n\n")
    print(bg.nash_equilibria(tariffs, exact=True), end="\n\n")

    chicken = bg.Game(
        [[0, -1], [1, -10]],
        [[0, 1], [-1, -10]],
        row_actions=("Back down", "Escalate"),
        col_actions=("Back down", "Escalate"),
        players=("Power A", "Power B"),
        name="Crisis (chicken)",
    )
    print(chicken, end="\n\n")
    print(bg.nash_equilibria(chicken, exact=True), end="\n\n")

    rng = np.random.default_rng(2026)
    n = 1_000_000
    noise = rng.normal(scale=0.5, size=(n, 2, 2, 2))
    batch = bg.Game(chicken.A + noise[..., 0], chicken.B + noise[..., 1])
    start = time.perf_counter()
    res = bg.equilibria_2x2(batch)
    elapsed = time.perf_counter() - start
    mixed = res.has_mixed.mean()
    print(
        f"{n:,} perturbed crises solved in {elapsed * 1e3:.0f} ms "
        f"({n / elapsed:,.0f} games/s): {mixed:.1%} keep a mixed (unpredictable) equilibrium, "
        f"largest regret {np.nanmax(res.regret[:1000]):.1e} on the first 1,000"
    )


if __name__ == "__main__":
    main()
