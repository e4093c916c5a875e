"""examples/issue_linkage.py runs, states its policy and question first, and prints the exact thresholds."""

from __future__ import annotations


def test_issue_linkage_example(run_example):
    out = run_example("issue_linkage")
    lines = out.splitlines()
    assert lines[0].startswith("Issue linkage")
    assert lines[1].startswith("Question: Does tying border enforcement to trade access")
    # separately (T-R)/(T-P): trade 2/4, border (T_2 - 3)/(T_2 - 2); linked sum(T-R)/sum(T-P)
    first, second = out.split("When the neighbour")
    table = [line.split() for line in first.splitlines()]
    rows = {cells[0]: cells for cells in table if cells[:1] in (["4"], ["6"], ["11"])}
    assert rows["6"][1:] == ["1/2", "3/4", "3/4", "5/8", "5/8", "yes"]
    assert rows["11"][4] == "10/13"
    assert rows["4"][-1] == "no"  # equal thresholds: linking cannot help
    assert "For delta in [5/8, 3/4) border cooperation survives only because" in out
    # stakes (2, 1/2): B's linked threshold (2*2 + 3/2) / (2*4 + 2) = 11/20; with transfers
    # (3*2 + 3/2*3) / (3*4 + 3/2*4) = 7/12 < 5/8
    stake = next(line.split() for line in second.splitlines() if line.split()[:2] == ["2", "1/2"])
    assert stake[2:] == ["5/8", "11/20", "5/8", "7/12", "yes"]
