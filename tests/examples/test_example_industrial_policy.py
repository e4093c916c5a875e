"""examples/industrial_policy.py runs, states its policy and question first, and prints the exact numbers."""

from __future__ import annotations


def test_industrial_policy_example(run_example):
    out = run_example("industrial_policy")
    lines = out.splitlines()
    assert lines[0].startswith("Subsidising a national champion")
    assert lines[1] == "Question: Does subsidising a national export champion pay?"
    # a = 10, b = 1, c = 4: subsidies (a - c) / 4 = 3/2 and (a - c) / 5 = 6/5; welfare R = 4, T = 9/2,
    # war at the equilibrium subsidy 2 (a - c)^2 / 25 = 72/25; grim thresholds 1/4 and 3/10
    assert "(a - c) / 4 = 3/2 per unit" in out and "(a - c) / 5 = 6/5 per unit" in out
    alone = [line.split() for line in lines if line.strip().startswith("Home subsidises alone")]
    assert [row[-3:] for row in alone] == [["3", "9", "9/2"], ["14/5", "196/25", "112/25"]]
    thresholds = [line.split()[-1] for line in lines if "mutual restraint survives" in line]
    assert thresholds == ["1/4", "3/10"]
    assert "Answer: alone, yes: Home's welfare rises from 4 to 9/2." in out
    assert "welfare falls to 72/25" in out
