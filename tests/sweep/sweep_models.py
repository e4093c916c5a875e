"""Small models declared for the sweep tests (kept out of the registry with ``register=False``).

``chicken``: the game of chicken with a prize ``value`` and a crash ``cost`` (Maynard Smith
and Price 1973's hawk-dove payoffs): for ``cost > value`` two pure equilibria and a mixed one
in which each side dares with probability ``value / cost``.
``bargaining_range``: Fearon's (1995) bargaining range ``[p - cost_a, p + cost_b]`` (a
closed form with a trailing axis and a mapping output).
``ishigami``: the Ishigami-Homma (1990) test function, whose Sobol indices are known.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np

import bargain as bg
from bargain.models import NONNEGATIVE, POSITIVE, PROBABILITY, Domain, ModelResult, Parameter, model, output


@dataclass(frozen=True, eq=False, repr=False)
class Chicken(ModelResult):
    game: Any = output("the game of chicken (Dare / Swerve)", kind="game")
    escalation: Any = output("probability of daring in the symmetric equilibrium", unit="probability")
    crash: Any = output("payoff of each side when both dare", unit="payoff", dims=("player",))


@model(
    family="test",
    source="Maynard Smith and Price (1973), Nature 246; the hawk-dove payoffs",
    parameters=[
        Parameter("value", "the prize", unit="payoff", domain=POSITIVE, default=2.0),
        Parameter("cost", "the cost of a crash", unit="payoff", domain=POSITIVE),
    ],
    result=Chicken,
    register=False,
)
def chicken(value, cost):
    """The game of chicken with prize ``value`` and crash cost ``cost``."""
    zero = np.zeros_like(value)
    A = np.stack([np.stack([(value - cost) / 2, value], -1), np.stack([zero, value / 2], -1)], -2)
    game = bg.Game(A, np.swapaxes(A, -1, -2), row_actions=("Dare", "Swerve"), col_actions=("Dare", "Swerve"))
    crash = (value - cost) / 2
    return {"game": game, "escalation": np.minimum(value / cost, 1.0), "crash": np.stack([crash, crash], -1)}


@dataclass(frozen=True, eq=False, repr=False)
class Range(ModelResult):
    bounds: Any = output("the bargaining range", unit="share of territory", dims=("end",))
    width: Any = output("width of the range", unit="share of territory")
    war: Any = output("expected war payoffs", unit="share of territory", kind="mapping", keys=("a", "b"))


@model(
    family="test",
    source="Fearon (1995), International Organization 49(3), Section 'War as a costly lottery'",
    parameters=[
        Parameter("p", "probability that A wins a war", domain=PROBABILITY),
        Parameter("cost_a", "A's cost of war", unit="share of territory", domain=NONNEGATIVE, default=0.1),
        Parameter("cost_b", "B's cost of war", unit="share of territory", domain=NONNEGATIVE, default=0.1),
    ],
    result=Range,
    register=False,
)
def bargaining_range(p, cost_a, cost_b):
    """Fearon's bargaining range."""
    return {
        "bounds": np.stack([p - cost_a, p + cost_b], -1),
        "width": cost_a + cost_b,
        "war": {"a": p - cost_a, "b": 1 - p - cost_b},
    }


@dataclass(frozen=True, eq=False, repr=False)
class Ishigami(ModelResult):
    y: Any = output("the Ishigami function")


@model(
    family="test",
    source="Ishigami and Homma (1990), ISUMA '90",
    parameters=[Parameter(f"x{i}", f"input {i}", domain=Domain(-np.pi, np.pi)) for i in (1, 2, 3)],
    result=Ishigami,
    register=False,
)
def ishigami(x1, x2, x3):
    """sin x1 + 7 sin^2 x2 + 0.1 x3^4 sin x1."""
    return {"y": np.sin(x1) + 7 * np.sin(x2) ** 2 + 0.1 * x3**4 * np.sin(x1)}
