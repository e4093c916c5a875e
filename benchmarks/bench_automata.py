"""Strategies as finite automata: discounted payoffs and subgame-perfect discount-factor sets.

bargain: ``automaton_payoffs`` (one linear system over state pairs, vectorised over an array
of discount factors) and ``spe_deltas`` (the exact set of discount factors at which a pair of
automata is subgame perfect).

Peers: no library computes either. Axelrod (the iterated Prisoner's Dilemma library) plays a
match turn by turn and averages; its discounted payoff under noise would be that play,
truncated and repeated. The peer timed here, in the same run, is that route written directly
(no Axelrod import: its 4.x release imports torch): exact expected discounted payoffs by
propagating the distribution over state pairs period by period, truncated where delta^t <
1e-12, one discount factor at a time, in a Python loop. The two routes are checked to agree.

Run: python benchmarks/bench_automata.py [number of discount factors]
"""

from __future__ import annotations

import math
import os
import sys
import time
from collections import defaultdict

import numpy as np
from _timing import best_time

import bargain as bg
from bargain.repeated import Automaton, automaton_payoffs, spe_deltas


def _next(aut, state, own, other):
    t = aut.transitions
    for key in ((state, (own, other)), (state, (own, "*")), (state, ("*", other)), (state, ("*", "*"))):
        if key in t:
            v = t[key]
            return {v: 1.0} if isinstance(v, str) else {k: float(p) for k, p in v.items()}
    raise KeyError((state, own, other))


def played(g, a, b, delta, eps):
    """Turn-by-turn play with noise: the distribution over state pairs, truncated at delta^t < 1e-12."""
    A, B = np.asarray(g.A), np.asarray(g.B)
    dist = {(a.initial, b.initial): 1.0}
    total = np.zeros(2)
    horizon = int(math.log(1e-12) / math.log(delta)) + 2
    for t in range(horizon):
        new = defaultdict(float)
        for (p, q), w in dist.items():
            i, j = a.actions[a.states.index(p)], b.actions[b.states.index(q)]
            for ii, pi in ((i, 1 - eps), (1 - i, eps)):
                for jj, pj in ((j, 1 - eps), (1 - j, eps)):
                    ww = w * pi * pj
                    total += (1 - delta) * delta**t * ww * np.array([A[ii, jj], B[ii, jj]])
                    for p2, w1 in _next(a, p, ii, jj).items():
                        for q2, w2 in _next(b, q, jj, ii).items():
                            new[(p2, q2)] += ww * w1 * w2
        dist = new
    return total


def main() -> None:
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 10_000
    cells = [[(3, 3), (0, 5)], [(5, 0), (1, 1)]]
    g = bg.Game.from_cells(cells, row_actions=("C", "D"), col_actions=("C", "D"))
    print(f"cores: {os.cpu_count()}, numpy {np.__version__}; Prisoner's Dilemma (T, R, P, S) = (5, 3, 1, 0)")
    pairs = [
        ("grim", Automaton.grim(), Automaton.grim()),
        ("TFT", Automaton.tit_for_tat(), Automaton.tit_for_tat()),
        ("WSLS vs cTFT", Automaton.win_stay_lose_shift(), Automaton.contrite_tit_for_tat()),
        ("cTFT", Automaton.contrite_tit_for_tat(), Automaton.contrite_tit_for_tat()),
        ("GTFT(3/10) vs 3-period", Automaton.generous_tit_for_tat(0.3), Automaton.k_period(3)),
    ]
    deltas = np.linspace(0.5, 0.95, n)
    sample = deltas[:: max(1, n // 20)]
    eps = 0.05
    print(f"\npayoffs with trembles eps={eps} at {n:,} discount factors in [0.5, 0.95]")
    for name, a, b in pairs:
        res = automaton_payoffs(g, a, b, deltas, eps=eps)
        t_vec = best_time(lambda a=a, b=b: automaton_payoffs(g, a, b, deltas, eps=eps))
        t_one = best_time(lambda a=a, b=b: [automaton_payoffs(g, a, b, float(d), eps=eps) for d in sample], 1)
        start = time.perf_counter()
        ref = np.array([played(g, a, b, float(d), eps) for d in sample])
        t_play = (time.perf_counter() - start) / len(sample) * n
        agree = np.allclose(ref, res.payoffs[:: max(1, n // 20)], atol=1e-9)
        t_loop = t_one / len(sample) * n
        print(f"  {name:22s} vectorised {t_vec * 1e3:8.2f} ms; one call per delta {t_loop:7.2f} s "
              f"(x{t_loop / t_vec:,.0f}); turn-by-turn play {t_play:8.2f} s "
              f"(x{t_play / t_vec:,.0f}); agree: {agree}")
    print("\nexact subgame-perfect discount-factor sets (spe_deltas)")
    big = ("7-period (pairs='all', 64 pairs)", Automaton.k_period(7), Automaton.k_period(7))
    for name, a, b in [*pairs, big]:
        mode = "all" if "all" in name else "reachable"
        start = time.perf_counter()
        s = spe_deltas(g, a, b, pairs=mode)
        t = time.perf_counter() - start
        body = "never" if s.is_empty else " U ".join(repr(iv) for iv in s.intervals)
        print(f"  {name:34s} {t * 1e3:9.1f} ms  {len(s.pairs):3d} pairs  delta in {body}")


if __name__ == "__main__":
    main()
