"""examples/tariff_war.py runs, states its policy and question first, and prints the exact threshold."""

from __future__ import annotations


def test_tariff_war_example(run_example):
    out = run_example("tariff_war")
    lines = out.splitlines()
    assert lines[0].startswith("Tariffs as a weapon")
    assert lines[1] == "Question: Is reciprocal free trade self-enforcing?"
    # the grim-trigger threshold (2 + b s) / (3 + 2 b s) at a = b = s = 1, and the row s = 10: 12/23
    assert "Answer: yes, if both governments value next year at least 3/5 of this year" in out
    row = next(line.split() for line in lines if line.split()[:1] == ["10"])
    assert row[1:3] == ["1/12", "100%"] and row[-1] == "12/23"
    # talks: the war as fallback gives free trade; Home's best threat 1/2 buys 37/144 with side payments
    best = next(line for line in lines if line.lstrip().startswith("best threat"))
    assert best.split()[-1] == "37/144" and " 1/2 " in best
