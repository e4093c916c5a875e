"""examples/spheres_of_influence.py runs, answers its three questions and saves its figure."""

from __future__ import annotations


def test_spheres_of_influence_example(run_example):
    out = run_example("spheres_of_influence")
    # hawk-dove, V = 2: escalation V/C = 1/4 at C = 8, fights (V/C)^2 = 1/16, payoff (V/2)(1 - V/C) = 3/4
    assert "          8              1/4                 1/16          3/4" in out
    # Aumann's chicken: symmetric Nash 2 x 14/3, best correlated equilibrium 2 x 21/4, the channel adds 7/6
    assert "no channel: symmetric Nash                  28/3" in out
    assert "the channel adds 7/6 in welfare" in out
    # arms control: grim threshold 1 - c/g = 3/4 at g = 4, c = 1 (a Prisoner's Dilemma)
    row = [line.split() for line in out.splitlines() if line.strip().startswith("4 ")]
    assert ["4", "no", "yes", "3/4"] in row
