"""examples/dollar_dominance.py runs, answers its three questions and saves its figure."""

from __future__ import annotations


def test_dollar_dominance_example(run_example):
    out = run_example("dollar_dominance")
    # the dollar's basin with the defaults: (n_D + a + s - e) / (n_D + n_C) = 7/8
    assert "more than 7/8 of its partners" in out and "Tipping point: challenger share 0.875" in out
    # a payoff-dominant challenger that is still risk-dominated: basin 7/12
    assert "challenger payoff dominant: yes; dollar risk dominant: yes; dollar basin 7/12" in out
    # replicator and closed form agree on who tips: 0.85 falls back, 0.9 takes over
    assert "       0.85    no                         0.000" in out
    assert "        0.9   yes                         1.000" in out
