"""The headline demo: four policy questions, each asked of a model and answered in words.

1. A tariff war (Johnson 1953; Bagwell and Staiger 1990): two trading powers both gain from
   free trade; will they keep it, and how patient must they be?
2. A crisis (Fearon 1995): one side demands more of a disputed prize; when does the crisis
   end in war? Never with complete information; with some probability once resolve is
   private, and more the less is known.
3. A conditional guarantee (Friedman 1971; Sandler and Hartley 2001): a great power protects
   an ally only while the ally pays its share; is the deal self-enforcing?
4. A million uncertain crises: payoffs are never known exactly; a game of chicken perturbed
   a million times and solved in one batched call.

Each scene prints the question, the answer in words and a short table, and saves a figure
(where matplotlib is installed) to ``out``. ``bargain demo`` and ``python
examples/quickstart.py`` run it.
"""

from __future__ import annotations

import importlib.util
import tempfile
import textwrap
import time
from pathlib import Path

import numpy as np

from bargain.core.game import Game
from bargain.models import alliances, crisis, trade
from bargain.solvers.nash.dispatch import nash_equilibria
from bargain.solvers.nash.two_by_two import equilibria_2x2

__all__ = ["run"]

WIDTH = 100


def _say(text: str, indent: str = "   ") -> None:
    print(textwrap.fill(" ".join(text.split()), width=WIDTH, initial_indent=indent, subsequent_indent=indent))


def _scene(number: int, title: str, question: str) -> None:
    print(f"\n{number}. {title}")
    _say(f"Question: {question}")
    print()


def _pct(x: float) -> str:
    return f"{100 * x:.1f}%"


def _figure(out: Path | None, name: str, draw) -> str:
    """Draw with matplotlib into ``out/name`` when both are available; say what happened."""
    if out is None:
        return ""
    if importlib.util.find_spec("matplotlib") is None:
        return '(no figure: pip install "bargain-games[plot]" to get one)'
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    fig, ax = plt.subplots(figsize=(6, 4))
    draw(ax)
    fig.tight_layout()
    path = out / name
    fig.savefig(path, dpi=110)
    plt.close(fig)
    return f"Figure: {path}"


def tariff_war(out: Path | None) -> None:
    _scene(1, "A tariff war", "two trading powers both gain from free trade; will they keep it, and how "
           "patient must they be?")
    r = trade.tariff_war(demand_intercept=1, demand_slope=1, supply_slope=1)
    w = {k: float(v) for k, v in r.welfare.items()}
    res = nash_equilibria(r.game)
    (eq,) = res.equilibria
    g = r.game
    war = f"{g.row_actions[int(np.argmax(eq.row))]}, {g.col_actions[int(np.argmax(eq.col))]}"
    _say(
        f"Answer: not by itself. Each side's best tariff is {float(r.optimal_tariff):.3g} (a third of the "
        f"choke price), and it pays whatever the other side does: the game is a Prisoner's Dilemma "
        f"whose only equilibrium is ({war}). Each keeps {w['war']:.3g} of welfare instead of "
        f"{w['free_trade']:.3g} ({_pct(w['war'] / w['free_trade'] - 1)}). Played year after year, free "
        f"trade holds if each values next year at least {float(r.critical_delta):.3g} times this one "
        f"(grim trigger); the less elastic the partner's exports, the more patience it takes:"
    )
    s = np.array([0.25, 1.0, 4.0, 16.0])
    many = trade.tariff_war(supply_slope=s)
    print()
    print("   partner's export supply slope s    0.25     1       4      16")
    print("   optimal tariff                  " + "".join(f"{v:8.3f}" for v in many.optimal_tariff))
    print("   patience free trade needs       " + "".join(f"{v:8.3f}" for v in many.critical_delta))

    def draw(ax):
        grid = np.geomspace(0.05, 50, 200)
        ax.semilogx(grid, trade.tariff_war(supply_slope=grid).critical_delta, lw=2)
        ax.set_xlabel("partner's export supply slope s (b = 1)")
        ax.set_ylabel("smallest discount factor for free trade")
        ax.set_title("When is reciprocal free trade self-enforcing?")

    print()
    _say(_figure(out, "demo_tariff_war.png", draw))


def _private_resolve(widths: np.ndarray):
    """risk_return with B's cost uniform around 0.15, one spread per point (one batched call)."""
    bounds = np.stack([0.15 - widths / 2, 0.15 + widths / 2], axis=-1)
    return crisis.risk_return(p=np.full(widths.shape, 0.6), cost_a=0.1, cost_b=bounds)


def crisis_scene(out: Path | None) -> None:
    _scene(2, "A crisis", "a rising power demands more of a disputed prize; when does the crisis end in war?")
    f = crisis.fearon(p=0.6, cost_a=0.1, cost_b=0.1)
    low, high = (float(v) for v in f.range)
    _say(
        f"Answer: with both sides informed, never. If A would win a war with probability 0.6 and "
        f"fighting costs each side 0.1 of the prize, every split giving A between {low:.2g} and "
        f"{high:.2g} beats war for both (Fearon's bargaining range). War comes from what A does not "
        f"know: if B's cost of war is private, A must trade a larger demand against the risk that B "
        f"fights, and the wider its doubt, the likelier war:"
    )
    widths = np.array([0.0, 0.1, 0.2, 0.3])
    print()
    print("   spread of B's cost (uniform, mean 0.15)   " + "".join(f"{w:8.2f}" for w in widths))
    rows = _private_resolve(widths)
    print("   A's optimal demand                        " + "".join(f"{v:8.3f}" for v in rows.demand))
    war = rows.war_probability
    print("   probability of war                        " + "".join(f"{v:8.3f}" for v in war))

    def draw(ax):
        spread = np.linspace(0.0, 0.3, 61)
        ax.plot(spread, _private_resolve(spread).war_probability, lw=2)
        ax.set_xlabel("spread of B's private cost of war (mean 0.15)")
        ax.set_ylabel("probability of war")
        ax.set_title("Uncertainty about resolve and the risk of war")

    print()
    _say(_figure(out, "demo_crisis.png", draw))


def guarantee(out: Path | None) -> None:
    _scene(3, "A conditional guarantee", "a great power protects an ally only while the ally pays its share; "
           "is the deal self-enforcing?")
    r = alliances.conditional_guarantee(delta=0.9)
    d_g, d_a = (float(v) for v in r.player_deltas)
    _say(
        f"Answer: yes, for patient governments. Each year the guarantor would rather pocket the "
        f"contribution and withdraw, and the ally would rather keep protection without paying. "
        f"Grim trigger (protection ends for good after one missed payment) holds the guarantor once "
        f"it discounts at {d_g:.3g} and the ally at {d_a:.3g}, so the deal needs "
        f"{float(r.critical_delta):.3g}. At a discount factor of 0.9 any contribution between "
        f"{float(r.min_contribution):.3g} (less is not worth protecting) and "
        f"{float(r.max_contribution):.3g} (more and the ally walks) is credible: the burden the "
        f"guarantor can demand has a ceiling set by how much the ally values protection."
    )

    def draw(ax):
        from bargain.plot import payoff_set

        payoff_set(r.game, [0.5, 0.9], ax=ax)

    print()
    _say(_figure(out, "demo_guarantee.png", draw))


def million_crises(out: Path | None, n: int = 1_000_000) -> None:
    _scene(4, "A million uncertain crises", "payoffs are never known exactly; how much of the answer "
           "survives when they vary?")
    base = Game([[0, -1], [1, -10]], [[0, 1], [-1, -10]], row_actions=("Back down", "Escalate"),
                col_actions=("Back down", "Escalate"), players=("Challenger", "Defender"))
    rng = np.random.default_rng(2026)
    noise = rng.normal(scale=0.5, size=(n, 2, 2, 2))
    batch = Game(base.A + noise[..., 0], base.B + noise[..., 1])
    start = time.perf_counter()
    res = equilibria_2x2(batch)
    elapsed = time.perf_counter() - start
    count = np.asarray(res.count)
    p, q = np.asarray(res.p), np.asarray(res.q)
    mixed = (p > 0) & (p < 1) & (q > 0) & (q < 1)
    has_mixed = mixed.any(axis=-1)
    war = np.nanmax(np.where(mixed, (1 - p) * (1 - q), np.nan)[has_mixed], axis=-1)
    _say(
        f"A game of chicken (both escalating is war, worth -10 to each) gets independent noise on each "
        f"of its 8 payoffs, {n:,} times; every equilibrium of all {n:,} games is found in one call in "
        f"{elapsed:.2f} s ({n / elapsed:,.0f} games a second)."
    )
    print()
    _say(
        f"Answer: the picture is robust. {_pct(np.mean(count == 3))} of the crises keep chicken's three "
        f"equilibria (either side backs down, or both gamble). When both gamble, the risk of war is "
        f"{_pct(np.median(war))} in the median crisis and above {_pct(np.quantile(war, 0.95))} in one "
        f"crisis in twenty."
    )

    def draw(ax):
        ax.hist(war, bins=60, color="tab:red", alpha=0.7)
        ax.set_xlabel("probability of war in the mixed equilibrium")
        ax.set_ylabel("crises")
        ax.set_title(f"{n:,} perturbed crises")

    print()
    _say(_figure(out, "demo_million_crises.png", draw))


def run(out: str | Path | None = None, *, figures: bool = True) -> None:
    """Print the four scenes; save their figures to ``out`` (default: the temporary directory).

    >>> run(figures=False)  # doctest: +ELLIPSIS
    bargain: four policy questions, each answered by a model.
    <BLANKLINE>
    1. A tariff war
    ...
    """
    where = Path(out) if out is not None else Path(tempfile.gettempdir())
    if figures:
        where.mkdir(parents=True, exist_ok=True)
    target = where if figures else None
    print("bargain: four policy questions, each answered by a model.")
    tariff_war(target)
    crisis_scene(target)
    guarantee(target)
    million_crises(target)
