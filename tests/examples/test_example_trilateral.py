"""examples/trilateral.py runs, states its policy, answers which two cooperate and saves its figure."""

from __future__ import annotations


def test_trilateral_example(run_example):
    out = run_example("trilateral")
    assert out.splitlines()[0].startswith("Three great powers")
    rows = {line.split()[0]: line.split() for line in out.splitlines() if line[:1].isdigit() and "  " in line}
    # gains US-China 5, US-EU 6, China-EU 4: the core needs a three-way gain of 15/2 (Bondareva-Shapley);
    # at 6 it is empty, short by 3/2, and the US and the EU cooperate; Shapley value of (5, 6, 4; 6):
    # US 6/3 + 11/6 - 4/3 = 5/2, China 2 + 9/6 - 2 = 3/2, EU 2 + 10/6 - 5/3 = 2
    assert rows["6"][1:7] == ["empty", "3/2", "5/2", "3/2", "2", "US"]
    assert rows["15/2"][1] == "nonempty" and rows["9"][3:6] == ["7/2", "5/2", "3"]
    # at 9: least-core value max((15 - 18)/3, (6 - 9)/2, -9/3) = -1; x(ij) >= v(ij) + 1 with sum 9
    # forces x = (4, 2, 3), the nucleolus; the Shapley value (7/2, 5/2, 3) is in the core too
    assert "nucleolus                  4    2      3   yes" in out
    assert "7 equilibria, complete=True" in out
    assert "US commits w.p. 2/3; China commits w.p. 2/3; EU holds out" in out
