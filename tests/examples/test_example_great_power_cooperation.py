"""examples/great_power_cooperation.py runs, answers both questions and saves its figure."""

from __future__ import annotations


def test_great_power_cooperation_example(run_example):
    out = run_example("great_power_cooperation")
    # stag hunt with S = 0: restraint needs P(rival restrains) > 2/3, its basin is 1/3
    assert "  0                        2/3                 1/3              yes             no" in out
    # Barrett's symmetric case: abatement 1/2 -> 2/3, self-enforcing from delta = 8/17
    assert "from 1/2 to 2/3" in out and "discount factors from 8/17 on" in out
    assert "-7/120" not in out and "7/120" in out  # country 1 pays 7/120 when it gets 80% of the benefit
