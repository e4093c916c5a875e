"""examples/strategic_unpredictability.py runs, answers its three questions and saves its figure."""

from __future__ import annotations


def test_strategic_unpredictability_example(run_example):
    out = run_example("strategic_unpredictability")
    # brinkmanship: minimal risk = concession cost / disaster cost = 1/10; the madman prior is the same
    assert "           10         yes           1/10          1/10                1" in out
    assert "          1/2          no           none          none                0" in out
    # Kreps-Wilson with b = 1/2, prior = 1/20, ten markets: deterred while 1/20 > 2^-k, i.e. k >= 5
    assert "the first 6 challengers stay out for sure" in out
    assert " 4        1/20    1/16         0         7/19          1/8" in out
    # the value of ambiguity in Conitzer and Sandholm's game: 3.5 mixed, 3 pure, 2 Nash
    assert "ambiguous commitment (mixed)        3.5" in out and "worth 0.5 more than a predictable" in out
