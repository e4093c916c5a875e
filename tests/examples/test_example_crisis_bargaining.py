"""examples/crisis_bargaining.py runs, answers its three questions and saves its figure."""

from __future__ import annotations


def test_crisis_bargaining_example(run_example):
    out = run_example("crisis_bargaining")
    rows = [line.split() for line in out.splitlines()]
    # Fearon: p = 3/5, costs 1/10 and 1/5 -> range [1/2, 4/5], the status quo 1/2 on its edge
    assert ["1/10", "1/5", "[1/2,", "4/5]", "yes"] in rows
    # risk-return: B's cost uniform on [1/10, 3/10], A's cost 1/20, p = 1/2: demand
    # p + (h - c_A)/2 = 5/8, war (h - c_A - 2l) / (2(h - l)) = 1/8
    assert ["[1/10,", "3/10]", "5/8", "1/8", "193/320"] in rows
    # power shift: critical p_later = (3/5 - 1/10 - 1/200) / (9/10) = 11/20; below it A fights
    assert "peace needs p_later >= 11/20" in out
    assert ["11/20", "1", "1/2", "no"] in rows and ["1/2", "29/20", "9/20", "yes"] in rows
