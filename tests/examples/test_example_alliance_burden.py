"""examples/alliance_burden.py runs, states its policy and question first, and prints the exact shares."""

from __future__ import annotations


def test_alliance_burden_example(run_example):
    out = run_example("alliance_burden")
    lines = out.splitlines()
    assert lines[0].startswith("Burden sharing in an alliance")
    assert lines[1].startswith("Question: Who carries the alliance's burden")
    # Nash (BBV, alpha = 1/2): the two richest contribute, G = W_C / 3 = 21 / 3 = 7, g_i = w_i - G;
    # leader first: the leading power gives 0, Ally A 13/3, Ally B 1/3
    leader = next(line.split() for line in lines if line.startswith("Leading power"))
    assert leader[2:] == ["12", "40%", "5", "71%", "0", "0%"]
    total = next(line.split() for line in lines if line.strip().startswith("total"))
    assert total[3] == "7" and total[5] == "14/3"
    assert "Efficient total (Samuelson, alpha W): 15" in out
    assert "total defence falls to 14/3" in out
    # conditional guarantee: credible demands c / (m delta) = 20/27 to delta v = 27/10
    assert "Credible demands at delta 9/10: from 20/27" in out and "to 27/10" in out
