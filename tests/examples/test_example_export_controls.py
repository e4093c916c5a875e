"""examples/export_controls.py runs, answers its questions and saves its figure."""

from __future__ import annotations


def test_export_controls_example(run_example):
    out = run_example("export_controls")
    rows = [line.split() for line in out.splitlines()]
    # beta 4, gain 1, cost 1/4, theta 1/2: threshold 1/(beta theta) = 1/2 = stringency, no investment,
    # leader (gain - cost) k = 3/8, target -beta k = -2
    assert ["1/2", "1/2", "1/2", "0", "3/8", "-2"] in rows
    # full denial at theta = 1: the target invests ln 4, the leader nets gain/(beta theta) - cost = 0
    assert ["full", "denial", "1", "1.386", "0"] in rows
    # the general solver agrees with the closed form and certifies it
    assert ["leader_follower", "0.25", "0", "0.1875", "SUCCESS"] in rows
