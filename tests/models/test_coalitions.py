"""models.coalitions.trilateral_cooperation: closed forms, properties, broadcasting, input, solver checks."""

from __future__ import annotations

from fractions import Fraction

import numpy as np
import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

import bargain as bg
from bargain.bargaining.coalitional import CoalitionalGame, core, nucleolus, shapley_value
from bargain.models import get_model
from bargain.models.coalitions import PAIRS, trilateral_cooperation

F = Fraction
gain = st.fractions(min_value=0, max_value=20, max_denominator=12)
gains = st.tuples(gain, gain, gain, gain)


def _game(v12, v13, v23, v):
    return CoalitionalGame({(0, 1): v12, (0, 2): v13, (1, 2): v23, (0, 1, 2): v})


def _call(v12, v13, v23, v, **kw):
    return trilateral_cooperation(gain_12=v12, gain_13=v13, gain_23=v23, gain_123=v, **kw)


def test_registered_with_its_source():
    m = get_model("trilateral_cooperation")
    assert m.qualname == "coalitions.trilateral_cooperation" and m.exact
    assert "Shapley (1953)" in m.source and "Gillies (1959)" in m.source


def test_closed_forms_by_hand():
    # v12 = 4, v13 = 6, v23 = 3, v123 = 6 (singletons 0). Shapley (1953) over the 6 orders:
    # phi_1 = 6/3 + (4 + 6)/6 - 3/3 = 8/3, phi_2 = 2 + 7/6 - 2 = 7/6, phi_3 = 2 + 9/6 - 4/3 = 13/6.
    # Core (Bondareva-Shapley, n = 3): needs v123 >= (4 + 6 + 3)/2 = 13/2 and >= 6: empty, short by 1/2.
    # Least core: max((13 - 12)/3, (6 - 6)/2, -6/3) = 1/3. Pair with the largest gain: (1, 3).
    r = _call(4, 6, 3, 6, exact=True)
    assert tuple(r.shapley) == (F(8, 3), F(7, 6), F(13, 6))
    assert not r.core_nonempty and r.core_deficit == F(1, 2) and r.least_core_epsilon == F(1, 3)
    assert int(r.pair) == 1 and PAIRS[int(r.pair)] == (0, 2) and r.pair_gain == 6 and int(r.outcome) == 2
    stable = _call(4, 6, 3, 7, exact=True)
    assert stable.core_nonempty and stable.core_deficit == 0 and int(stable.outcome) == 0


@settings(max_examples=25, deadline=None)
@given(gains)
def test_closed_forms_equal_the_coalitional_solvers_exactly(g):
    r = _call(*g, exact=True)
    game = _game(*g)
    assert tuple(r.shapley) == shapley_value(game).allocation_exact
    c = core(game)
    assert bool(r.core_nonempty) == (not c.empty)
    assert r.least_core_epsilon == c.epsilon_exact
    if r.core_nonempty:  # the nucleolus (Schmeidler 1969) lies in the core
        assert c.contains(nucleolus(game).allocation, tol=1e-9)


@settings(max_examples=40, deadline=None)
@given(gains)
def test_shapley_is_efficient_and_symmetric(g):
    v12, v13, v23, v = g
    r = _call(v12, v13, v23, v, exact=True)
    assert sum(r.shapley) == v
    sym = _call(v12, v12, v23, v, exact=True)  # powers 2 and 3 are symmetric
    assert sym.shapley[1] == sym.shapley[2]
    all_equal = _call(v12, v12, v12, v, exact=True)
    assert all_equal.shapley[0] == all_equal.shapley[1] == all_equal.shapley[2] == v / 3


@settings(max_examples=40, deadline=None)
@given(gains, gain.filter(lambda d: d > 0))
def test_comparative_statics(g, d):
    v12, v13, v23, v = g
    base = _call(v12, v13, v23, v, exact=True)
    richer_pair = _call(v12 + d, v13, v23, v, exact=True)
    # a better 1-2 deal raises 1's and 2's values by d/6 and lowers 3's by d/3
    assert richer_pair.shapley[0] - base.shapley[0] == d / 6 == richer_pair.shapley[1] - base.shapley[1]
    assert base.shapley[2] - richer_pair.shapley[2] == d / 3
    # a larger trilateral gain never destabilises the grand coalition and shrinks the deficit
    bigger = _call(v12, v13, v23, v + d, exact=True)
    assert bigger.core_nonempty >= base.core_nonempty and bigger.core_deficit <= base.core_deficit
    assert bigger.core_deficit == max(0, base.core_deficit - d)


@settings(max_examples=40, deadline=None)
@given(gains)
def test_the_pair_that_forms_are_mutual_best_partners(g):
    v12, v13, v23, v = g
    r = _call(v12, v13, v23, v, exact=True)
    assume(not r.core_nonempty)
    pair_gain = {(0, 1): v12, (0, 2): v13, (1, 2): v23}
    i, j = PAIRS[int(r.pair)]
    for member, partner in ((i, j), (j, i)):
        others = [p for p in pair_gain if member in p and partner not in p]
        assert all(pair_gain[(i, j)] >= pair_gain[o] for o in others)
    assert int(r.outcome) == int(r.pair) + 1
    # and the core is empty exactly when some pair (or the three pair deals averaged) beats the whole
    assert 2 * v < v12 + v13 + v23 or v < max(v12, v13, v23)


def test_broadcast_equals_scalar_calls_and_exact_equals_float():
    rng = np.random.default_rng(10)
    v12 = rng.uniform(0, 5, size=(4, 1))
    v13 = rng.uniform(0, 5, size=(1, 3))
    v23 = rng.uniform(0, 5, size=(4, 3))
    v = rng.uniform(0, 10, size=(4, 3))
    r = _call(v12, v13, v23, v)
    assert r.shape == (4, 3) and r.shapley.shape == (4, 3, 3)
    for idx in np.ndindex(4, 3):
        one = _call(v12[idx[0], 0], v13[0, idx[1]], v23[idx], v[idx])
        assert one.shapley == pytest.approx(r.shapley[idx], abs=1e-12)
        assert bool(one.core_nonempty) == bool(r.core_nonempty[idx])
        assert int(one.outcome) == int(r.outcome[idx])
        assert one.least_core_epsilon == pytest.approx(r.least_core_epsilon[idx], abs=1e-12)
    exact = _call([1, 2.5], 3, 0.5, [4, 2], exact=True)
    flt = _call([1, 2.5], 3, 0.5, [4, 2])
    assert np.allclose(exact.shapley.astype(float), flt.shapley)
    assert exact.core_nonempty.tolist() == flt.core_nonempty.tolist()


def test_game_cross_check_from_a_normal_form_game():
    # A 3-player game whose characteristic function is the model's: each pair that picks the same
    # partner gets its gain. Built directly: v from bg's characteristic function of a game where
    # power i names a partner (action 0 / 1 = the other two powers in order); a pair that names each
    # other earns its gain split equally; all three earn the trilateral gain if each names "all".
    v12, v13, v23, v = 4, 6, 3, 6
    worth = {(0, 1): v12, (0, 2): v13, (1, 2): v23}
    u = np.zeros((3, 3, 3, 3), dtype=object)
    partners = [(1, 2), (0, 2), (0, 1)]
    for cell in np.ndindex(3, 3, 3):
        pay = [F(0)] * 3
        if cell == (2, 2, 2):
            pay = [F(v, 3)] * 3
        else:
            for (i, j), w in worth.items():
                if cell[i] < 2 and cell[j] < 2 and partners[i][cell[i]] == j and partners[j][cell[j]] == i:
                    pay[i] = pay[j] = F(w, 2)
        u[cell] = pay
    from bargain.bargaining.coalitional import characteristic_function
    from bargain.core.nplayer import NPlayerGame

    cf = characteristic_function(NPlayerGame(u.tolist()), kind="alpha", exact=True)
    assert cf.exact_values()[[3, 5, 6, 7]].tolist() == [v12, v13, v23, v]
    r = _call(v12, v13, v23, v, exact=True)
    assert tuple(r.shapley) == shapley_value(cf).allocation_exact


@pytest.mark.parametrize("name", ["gain_12", "gain_13", "gain_23", "gain_123"])
def test_bad_input_names_model_parameter_and_value(name):
    kwargs = {"gain_12": 1, "gain_13": 1, "gain_23": 1, "gain_123": 1, name: -0.5}
    with pytest.raises(bg.InvalidModelError, match=f"coalitions.trilateral_cooperation: {name} .*-0.5"):
        trilateral_cooperation(**kwargs)
    with pytest.raises(bg.InvalidModelError, match=name):
        trilateral_cooperation(**{**kwargs, name: float("nan")})
