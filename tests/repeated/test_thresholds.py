"""critical_delta: the closed forms of the sources, exactly; invariances; batches; bad input."""

from __future__ import annotations

import math
from fractions import Fraction

import numpy as np
import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

import bargain as bg
from bargain.errors import InvalidArgumentError, InvalidGameError
from bargain.repeated import CriticalDelta, critical_delta
from bargain.testing import strategies as bst

F = Fraction


def pd(T, R, P, S, **labels):
    """Prisoner's Dilemma in the usual notation (action 0 = cooperate)."""
    return bg.Game([[R, S], [T, P]], [[R, T], [S, P]], **labels)


@st.composite
def pd_payoffs(draw):
    """Integers T > R > P > S."""
    S = draw(st.integers(-20, 20))
    P = S + draw(st.integers(1, 20))
    R = P + draw(st.integers(1, 20))
    T = R + draw(st.integers(1, 20))
    return T, R, P, S


def geometric(x, k):
    return sum(x**j for j in range(1, k + 1))


# ----------------------------------------------------------------------------- closed forms
@given(pd_payoffs())
@settings(max_examples=60)
def test_pd_grim_is_friedmans_closed_form(p):
    T, R, P, S = p
    res = critical_delta(pd(T, R, P, S), exact=True)
    assert res.delta_exact == F(T - R, T - P)
    assert res.sustainable and res.success
    assert res.delta == pytest.approx(float(F(T - R, T - P)))
    assert critical_delta(pd(T, R, P, S)).delta == pytest.approx(float(F(T - R, T - P)), rel=1e-12)


@given(pd_payoffs())
@settings(max_examples=60)
def test_pd_tit_for_tat_is_axelrods_condition(p):
    T, R, P, S = p
    expected = max(F(T - R, T - P), F(T - R, R - S))
    res = critical_delta(pd(T, R, P, S), strategy="tit_for_tat", exact=True)
    if expected < 1:
        assert res.sustainable and res.delta_exact == expected and res.delta_max == 1.0
    else:
        assert not res.sustainable and res.delta == math.inf and res.delta_exact is None
    flt = critical_delta(pd(T, R, P, S), strategy="tit_for_tat")
    assert flt.sustainable == res.sustainable
    if expected < 1:
        assert flt.delta == pytest.approx(float(expected), rel=1e-12)


@given(pd_payoffs(), st.integers(1, 6))
@settings(max_examples=60)
def test_pd_k_period_is_the_smallest_root(p, k):
    T, R, P, S = p
    c = F(T - R, R - P)
    res = critical_delta(pd(T, R, P, S), strategy="k_period", k=k, exact=True)
    if c >= k:
        assert not res.sustainable and res.delta == math.inf
        return_value = None
    else:
        assert res.sustainable
        if res.delta_exact is not None:  # a rational root, exactly
            assert geometric(res.delta_exact, k) == c
        else:  # certified bracket: S_k(lo) < c <= S_k(hi)
            lo, hi = res.bracket
            assert geometric(lo, k) < c <= geometric(hi, k)
            assert hi - lo == F(1, 2**64)
            assert res.delta == float(hi)
        return_value = res.delta
    flt = critical_delta(pd(T, R, P, S), strategy="k_period", k=k)
    if return_value is None:
        assert not flt.sustainable
    else:
        assert flt.delta == pytest.approx(return_value, rel=1e-9, abs=1e-12)
        if k == 1:
            assert flt.delta == pytest.approx(float(c))
        if k == 2:
            assert flt.delta == pytest.approx((math.sqrt(1 + 4 * float(c)) - 1) / 2)


def test_k_period_rational_root_and_limit_to_grim():
    # d + d^2 = 3/4 at d = 1/2: T - R = 3, R - P = 4
    res = critical_delta(pd(7, 4, 0, -1), strategy="k_period", k=2, exact=True)
    assert res.delta_exact == F(1, 2) and res.bracket is None
    grim = critical_delta(pd(7, 4, 0, -1)).delta
    long = critical_delta(pd(7, 4, 0, -1), strategy="k_period", k=200).delta
    assert long == pytest.approx(grim, rel=1e-9)


@given(pd_payoffs(), st.integers(0, 9))
@settings(max_examples=60)
def test_pd_noisy_grim_is_green_porters_closed_form(p, tenths):
    T, R, P, S = p
    eps = tenths / 10
    expected = F(T - R, T - P) / (1 - F(tenths, 10))
    res = critical_delta(pd(T, R, P, S), noise=eps, exact=True)
    if expected < 1:
        assert res.delta_exact == expected
        assert critical_delta(pd(T, R, P, S), noise=eps).delta == pytest.approx(float(expected))
    else:
        assert not res.sustainable and not critical_delta(pd(T, R, P, S), noise=eps).sustainable


def test_noise_grid_in_one_call():
    g = pd(5, 3, 1, 0)
    grid = [0.0, 0.2, 0.5, 0.6]
    res = critical_delta(g, noise=grid)
    np.testing.assert_allclose(res.delta, [0.5, 0.625, math.inf, math.inf])
    assert res.per_player.shape == (4, 2) and res.punishment.shape == (4, 2)
    ex = critical_delta(g, noise=grid, exact=True)
    assert list(ex.delta_exact) == [F(1, 2), F(5, 8), None, None]
    batch = bg.Game(np.stack([g.A] * 4), np.stack([g.B] * 4))
    per_game = critical_delta(batch, noise=np.array(grid))
    for j, eps in enumerate(grid):
        assert per_game.delta[j] == critical_delta(g, noise=eps).delta == res.delta[j]
    assert "noise (an array)" in repr(res)
    with pytest.raises(InvalidArgumentError, match="noise must be < 1"):
        critical_delta(g, noise=[0.1, 1.0])
    with pytest.raises(InvalidArgumentError, match="noise"):
        critical_delta(g, noise=[0.1, float("nan")])
    with pytest.raises(InvalidArgumentError, match="noise="):
        critical_delta(g, noise=[0.0, 0.1], strategy="tit_for_tat")


@given(pd_payoffs())
@settings(max_examples=15)
def test_pd_minmax_punishment_equals_nash_reversion(p):
    # in the PD the minmax level is the Nash payoff P
    res = critical_delta(pd(*p), strategy="minmax", exact=True)
    assert res.delta_exact == F(p[0] - p[1], p[0] - p[2])
    assert "not subgame perfect" in res.notion


def test_mixed_punishment_worst_for_each_deviator():
    # battle of the sexes plus a cooperative cell (r2, c2) paying (3, 3) with deviations paying 4;
    # the punishment is the stage equilibrium worst for each deviator, whatever it is
    A = [[2, 0, 4], [0, 1, 0], [0, 0, 3]]
    B = [[1, 0, 0], [0, 2, 0], [0, 4, 3]]
    g = bg.Game(A, B)
    res = critical_delta(g, target=(2, 2), exact=True)
    eqs = bg.nash_equilibria(g, exact=True).equilibria
    worst = [min(e.payoffs_exact[i] for e in eqs) for i in (0, 1)]
    assert list(res.punishment_exact) == worst
    expected = [F(4 - 3) / (4 - worst[0]), F(4 - 3) / (4 - worst[1])]
    assert list(res.per_player_exact) == expected
    assert list(res.deviation_exact) == [4, 4] and list(res.target_payoffs_exact) == [3, 3]
    assert any(not e.is_pure for e in eqs)
    # the 2x2 battle of the sexes: target (r0, c1) pays (0, 0), below every equilibrium
    bos = bg.Game([[2, 0], [0, 1]], [[1, 0], [0, 2]])
    off = critical_delta(bos, target=(0, 1), exact=True)
    assert not off.sustainable and off.delta == math.inf
    assert list(off.punishment_exact) == [F(2, 3), F(2, 3)]
    flt = critical_delta(bos, target=(0, 1))
    np.testing.assert_allclose(flt.punishment, [2 / 3, 2 / 3])


def test_a_stage_equilibrium_needs_no_patience():
    res = critical_delta(pd(5, 3, 1, 0), target=(1, 1), exact=True)
    assert res.delta == 0.0 and res.delta_exact == 0 and res.sustainable
    assert "no one gains by deviating" in repr(res)


def test_unsustainable_target_says_so():
    # target (r0, c0) pays less than the only equilibrium: reversion rewards the deviator
    g = bg.Game([[0, 0], [2, 1]], [[0, 2], [0, 1]], players=("US", "China"))
    res = critical_delta(g)
    assert not res.sustainable and res.delta == math.inf and np.isnan(res.delta_max)
    assert "cannot sustain" in repr(res) and "never" in repr(res)
    assert "the punishment pays US 1, no less than the target 0" in res.message
    noisy = critical_delta(pd(5, 3, 1, 0), noise=0.6)
    assert not noisy.sustainable and "noise 0.6" in noisy.message
    short = critical_delta(pd(9, 3, 1, 0), strategy="k_period", k=2)
    assert not short.sustainable and "at least 2 periods" in short.message
    assert critical_delta(pd(5, 3, 1, 0)).message == ""


def test_tit_for_tat_generalisation_can_be_an_interval():
    # row: target 2, temptation 1 (no gain) but the best reply to the punishment pays 3 > 2
    g = bg.Game([[2, 0], [1, 3]], [[2, 0], [0, 0]])
    res = critical_delta(g, strategy="tit_for_tat", exact=True)
    assert res.delta == 0.0 and res.delta_max == 0.5
    assert "0 <= delta <= 0.5" in repr(res)
    flt = critical_delta(g, strategy="tit_for_tat")
    assert flt.delta == 0.0 and flt.delta_max == pytest.approx(0.5)
    np.testing.assert_array_equal(flt.punishing_actions, [1, 1])


# ----------------------------------------------------------------------------- repr and result
def test_repr_speaks_in_labels():
    g = pd(5, 3, 1, 0, row_actions=("Free trade", "Tariff"), col_actions=("Free trade", "Tariff"),
           players=("US", "China"))
    text = repr(critical_delta(g, exact=True))
    assert text.startswith(
        "US and China sustain (Free trade, Free trade) under grim trigger for delta >= 1/2")
    assert "subgame perfect" in text
    assert "US: target 3, deviation 5, punishment 1 -> delta >= 1/2" in text
    assert "3-period" in repr(critical_delta(g, strategy="k_period", k=3, exact=True))
    batch = critical_delta(bg.Game([g.A, g.A], [g.B, g.B]))
    assert "batch of shape (2,)" in repr(batch) and "2 of 2 sustainable" in repr(batch)
    assert critical_delta(g)._repr_html_().startswith("<pre>")


def test_result_is_frozen_and_read_only():
    res = critical_delta(pd(5, 3, 1, 0))
    assert isinstance(res, bg._result.Result) and isinstance(res, CriticalDelta)
    with pytest.raises(AttributeError):
        res.delta = 0.1
    with pytest.raises(ValueError):
        res.per_player[0] = 0.0


# ----------------------------------------------------------------------------- 2x2 kernel
def _reference(g, target, tol=1e-9):
    """Grim thresholds from the full equilibrium set of one game (an independent route)."""
    r, c = target
    eqs = bg.nash_equilibria(g, tol=tol).equilibria
    P = np.array([min(e.payoffs[i] for e in eqs) for i in (0, 1)])
    R = np.array([g.A[r, c], g.B[r, c]])
    D = np.array([g.A[:, c].max(), g.B[r, :].max()])
    rng = np.asarray(g.payoff_range)
    out = []
    for i in (0, 1):
        gain, loss = D[i] - R[i], R[i] - P[i]
        if gain <= tol * rng[i]:
            out.append(0.0)
        elif loss <= tol * rng[i] or gain / (gain + loss) >= 1:
            out.append(math.inf)
        else:
            out.append(gain / (gain + loss))
    return np.array(out), P


@given(bst.games(rows=2, cols=2, batch_shape=(6,)), st.sampled_from([(0, 0), (0, 1), (1, 0), (1, 1)]))
@settings(max_examples=40)
def test_2x2_kernel_matches_the_equilibrium_solver(g, target):
    res = critical_delta(g, target=target)
    for b in range(6):
        per, P = _reference(g[b], target)
        np.testing.assert_allclose(res.per_player[b], per, rtol=1e-9, atol=1e-12)
        np.testing.assert_allclose(res.punishment[b], P, rtol=1e-9, atol=1e-9)


def test_2x2_kernel_float_payoffs_and_sign_codes():
    from bargain.core.two_by_two import sign_pattern_2x2
    from bargain.repeated._threshold_kernels import grim_ingredients_2x2, grim_thresholds

    rng = np.random.default_rng(7)
    A = rng.normal(size=(500, 2, 2))
    B = rng.normal(size=(500, 2, 2))
    _, _, P, _, code = grim_ingredients_2x2(A, B, (0, 0), 1e-9,
                                            lambda gn, ls, t: grim_thresholds(gn, ls, t, 0.0))
    g = bg.Game(A, B)
    norm = g.normalized
    np.testing.assert_array_equal(code, sign_pattern_2x2(norm.A, norm.B, 1e-9)[0])
    for b in range(0, 500, 25):
        np.testing.assert_allclose(P[b], _reference(g[b], (0, 0))[1], rtol=1e-9, atol=1e-9)


# ----------------------------------------------------------------------------- properties
@given(pd_payoffs(), st.integers(1, 5), st.sampled_from(["grim", "tit_for_tat", "k_period"]))
@settings(max_examples=60)
def test_thresholds_fall_as_the_temptation_falls(p, cut, strategy):
    T, R, P, S = p
    assume(T - cut > R)
    k = 3 if strategy == "k_period" else None
    high = critical_delta(pd(T, R, P, S), strategy=strategy, k=k, exact=True)
    low = critical_delta(pd(T - cut, R, P, S), strategy=strategy, k=k, exact=True)
    assert low.delta <= high.delta
    if high.sustainable:
        assert low.sustainable


@given(bst.games(rows=2, cols=2, batch_shape=(8,)), st.integers(1, 6))
@settings(max_examples=30, deadline=None)
def test_longer_punishments_need_less_patience_down_to_grim(g, k):
    short = critical_delta(g, strategy="k_period", k=k).per_player
    longer = critical_delta(g, strategy="k_period", k=k + 1).per_player
    grim = critical_delta(g).per_player
    assert (longer <= short + 1e-12).all()
    assert (grim <= longer + 1e-12).all()


@given(bst.games(rows=(2, 3), cols=(2, 3), payoffs="exact"), st.integers(0, 8), st.integers(1, 9))
@settings(max_examples=40, deadline=None)
def test_noise_never_lowers_a_threshold(g, a, b):
    lo, hi = sorted((a / 10, (a + b) / 10 if a + b < 10 else 0.95))
    d_lo = critical_delta(g, noise=lo, exact=True).delta
    d_hi = critical_delta(g, noise=hi, exact=True).delta
    assert d_hi >= d_lo


@given(bst.games(rows=(2, 3), cols=(2, 3), payoffs="exact"))
@settings(max_examples=30, deadline=None)
def test_minmax_threshold_never_exceeds_nash_reversion(g):
    nash = critical_delta(g, exact=True)
    mm = critical_delta(g, strategy="minmax", exact=True)
    assert mm.delta <= nash.delta


@given(bst.games(rows=(2, 3), cols=(2, 3), payoffs="exact"),
       st.sampled_from(["grim", "minmax", "tit_for_tat", "k_period"]), st.data())
@settings(max_examples=40, deadline=None)
def test_float_path_agrees_with_exact(g, strategy, data):
    m, n = g.shape
    target = (data.draw(st.integers(0, m - 1)), data.draw(st.integers(0, n - 1)))
    k = 2 if strategy == "k_period" else None
    ex = critical_delta(g, target=target, strategy=strategy, k=k, exact=True)
    fl = critical_delta(g, target=target, strategy=strategy, k=k)
    assert ex.sustainable == fl.sustainable
    np.testing.assert_allclose(fl.per_player, ex.per_player, rtol=1e-9, atol=1e-9)
    np.testing.assert_allclose(fl.punishment, ex.punishment, rtol=1e-9, atol=1e-9)


@given(bst.games(rows=(2, 3), cols=(2, 3), payoffs="exact"),
       st.sampled_from(["grim", "minmax", "tit_for_tat", "k_period"]), st.data())
@settings(max_examples=40, deadline=None)
def test_invariant_under_each_players_affine_change(g, strategy, data):
    k = 3 if strategy == "k_period" else None
    variant = data.draw(bst.affine_variants(g))
    base_ex = critical_delta(g, strategy=strategy, k=k, exact=True)
    var_ex = critical_delta(variant, strategy=strategy, k=k, exact=True)
    assert base_ex.delta_exact == var_ex.delta_exact and base_ex.delta == var_ex.delta
    base = critical_delta(g, strategy=strategy, k=k)
    var = critical_delta(variant, strategy=strategy, k=k)
    assert base.sustainable == var.sustainable and base.success and var.success
    np.testing.assert_allclose(var.per_player, base.per_player, rtol=1e-8, atol=1e-9)
    assert base.delta_max == pytest.approx(var.delta_max, nan_ok=True)


@given(bst.games(rows=2, cols=2, batch_shape=(4,), payoffs="float", min_value=-1e6, max_value=1e6),
       st.data())
@settings(max_examples=30, deadline=None)
def test_float_2x2_invariant_under_scale_and_shift(g, data):
    scale = 10.0 ** data.draw(st.integers(-9, 9))
    shift = data.draw(st.sampled_from([0.0, 1e3, -1e6])) * np.asarray(g.payoff_range)[..., 0]
    A2 = (g.A + shift[:, None, None]) * scale  # a faithful change: the shift is a multiple of the range
    var = bg.Game(A2, g.B)
    np.testing.assert_allclose(critical_delta(var).per_player, critical_delta(g).per_player,
                               rtol=1e-6, atol=1e-9)


@given(bst.games(rows=(2, 3), cols=(2, 3), batch_shape=(3,)),
       st.sampled_from(["grim", "minmax", "tit_for_tat", "k_period"]))
@settings(max_examples=15, deadline=None)
def test_batched_equals_loop(g, strategy):
    k = 4 if strategy == "k_period" else None
    batch = critical_delta(g, strategy=strategy, k=k)
    assert batch.delta.shape == (3,) and batch.per_player.shape == (3, 2)
    for b in range(3):
        one = critical_delta(g[b], strategy=strategy, k=k)
        np.testing.assert_allclose(batch.per_player[b], one.per_player, rtol=1e-9, atol=1e-12)
        assert bool(batch.sustainable[b]) == one.sustainable
        np.testing.assert_allclose(batch.punishment[b], one.punishment, rtol=1e-9, atol=1e-9)


def test_exact_batch_matches_single_games():
    g = bg.Game([[[3, 0], [5, 1]], [[4, 0], [5, 2]]], [[[3, 5], [0, 1]], [[4, 5], [0, 2]]])
    res = critical_delta(g, exact=True)
    assert list(res.delta_exact) == [F(1, 2), F(1, 3)]
    ks = critical_delta(g, strategy="k_period", k=2, exact=True)
    assert ks.bracket.shape == (2,) and ks.delta.shape == (2,)


def test_nashpy_games_are_accepted():
    nashpy = pytest.importorskip("nashpy")
    res = critical_delta(nashpy.Game(np.array([[3, 0], [5, 1]]), np.array([[3, 5], [0, 1]])))
    assert res.delta == pytest.approx(0.5)


# ----------------------------------------------------------------------------- bad input
@pytest.mark.parametrize(
    ("kwargs", "match"),
    [
        ({"strategy": "grimm"}, "strategy"),
        ({"strategy": "k_period"}, "needs the punishment length"),
        ({"strategy": "k_period", "k": 0}, "k must be >= 1"),
        ({"strategy": "k_period", "k": True}, "k must be an integer"),
        ({"k": 2}, "k= is the punishment length"),
        ({"noise": 1.0}, "noise"),
        ({"noise": -0.1}, "noise"),
        ({"noise": True}, "noise"),
        ({"noise": 0.1, "strategy": "tit_for_tat"}, "noise="),
        ({"target": (2, 0)}, "target"),
        ({"target": (0,)}, "target must be a pair"),
        ({"target": "ab"}, "target must be a pair"),
        ({"target": (0.5, 0)}, "target"),
        ({"exact": 1}, "exact must be True or False"),
        ({"tol": -1.0}, "tol"),
        ({"tol": float("nan")}, "tol"),
        ({"strategy": "k_period", "k": 10**6, "exact": True}, "exact=True"),
    ],
)
def test_bad_input_names_function_and_value(kwargs, match):
    with pytest.raises(InvalidArgumentError, match=match) as info:
        critical_delta(pd(5, 3, 1, 0), **kwargs)
    assert "critical_delta" in str(info.value)


def test_bad_games():
    with pytest.raises(InvalidGameError, match="critical_delta"):
        critical_delta([[1, 2], [3, 4]])
    with pytest.raises(InvalidGameError, match="tit-for-tat needs"):
        critical_delta(bg.Game([[1, 2]], [[1, 2]]), strategy="tit_for_tat")
    with pytest.raises(TypeError):
        critical_delta(pd(5, 3, 1, 0), (0, 0))  # target is keyword-only
