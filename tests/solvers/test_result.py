"""Result types: frozen, read-only arrays, immutable stats, readable labelled repr, status semantics."""

import dataclasses
from fractions import Fraction as F

import numpy as np
import pytest

import bargain as bg
from bargain._result import Result
from bargain.solvers.nash._assemble import assemble_result, maximal_components

TRADE = bg.Game(
    [[1, 3], [0, 2]],
    [[1, 0], [3, 2]],
    row_actions=("Tariff", "Free"),
    col_actions=("Tariff", "Free"),
    players=("US", "China"),
)


def test_equilibrium_is_frozen_with_read_only_arrays():
    e = bg.Equilibrium([1, 0], [0.5, 0.5], [1, 2])
    with pytest.raises(dataclasses.FrozenInstanceError):
        e.row = np.array([0, 1])
    with pytest.raises(ValueError):
        e.row[0] = 0.3
    assert e.row_support == (0,) and e.col_support == (0, 1) and not e.is_pure
    assert repr(e) == "Equilibrium(Row: r0; Column: c0 0.5, c1 0.5  payoffs (1, 2))"


def test_exact_repr_and_supports():
    e = bg.Equilibrium([2 / 3, 1 / 3], [1, 0], [1, 1], 0.0, (F(2, 3), F(1, 3)), (F(1), F(0)), (F(1), F(1)))
    assert repr(e) == "Equilibrium(Row: r0 2/3, r1 1/3; Column: c0  payoffs (1, 1))"
    assert e.is_exact and e.col_support == (0,)


def test_nash_result_fields_and_status():
    res = bg.nash_equilibria(bg.Game([[2, 0], [0, 1]], [[1, 0], [0, 2]]))
    assert isinstance(res, Result)
    assert res.success and res.status is bg.Status.SUCCESS and len(res) == 3
    assert [e.is_pure for e in res] == [True, True, False] and len(res.pure) == 2
    assert res[2].payoffs.tolist() == pytest.approx([2 / 3, 2 / 3])
    assert repr(res).startswith("NashResult: 3 Nash equilibria (complete, method '2x2')")
    with pytest.raises(dataclasses.FrozenInstanceError):
        res.method = "x"


def test_stats_are_immutable():
    res = bg.vertex_enumeration(bg.Game(np.eye(3), np.eye(3)))
    assert res.stats["vertices_p"] > 0
    with pytest.raises(TypeError):
        res.stats["vertices_p"] = 0


@pytest.mark.parametrize("exact", [False, True])
def test_nash_results_pickle_and_copy(exact):
    import copy
    import pickle

    rng = np.random.default_rng(5)
    g = bg.Game(rng.random((5, 6)), rng.random((5, 6)), players=("US", "China"))
    res = bg.nash_equilibria(g, exact=exact)
    for back in (pickle.loads(pickle.dumps(res)), copy.deepcopy(res)):
        assert back.method == res.method and len(back) == len(res)
        assert all(np.array_equal(a.row, b.row) and a.row_exact == b.row_exact for a, b in zip(back, res))
        assert back.components == res.components and back.labels == res.labels
        assert dict(back.stats) == dict(res.stats)
        with pytest.raises(TypeError):
            back.stats["engine"] = "x"  # still read-only
        assert back.degenerate == res.degenerate  # a deferred decision travels undecided
        assert not any(a.flags.writeable for e in back for a in (e.row, e.col, e.payoffs))


@pytest.mark.parametrize(
    "solve",
    [
        lambda: bg.equilibria_2x2(bg.Game([[1, 0], [0, 1]], [[1, 0], [0, 1]])),
        lambda: bg.solve_zero_sum(bg.Game.zero_sum([[1, -1], [-1, 1]])),
        lambda: bg.correlated_equilibrium(TRADE),
        lambda: bg.logit_qre(TRADE, 2.0),
    ],
    ids=["equilibria_2x2", "solve_zero_sum", "correlated_equilibrium", "logit_qre"],
)
def test_results_keep_read_only_arrays_through_pickle_and_copy(solve):
    import copy
    import pickle

    res = solve()
    for back in (pickle.loads(pickle.dumps(res)), copy.deepcopy(res)):
        arrays = [v for v in vars(back).values() if isinstance(v, np.ndarray)]
        assert arrays and not any(a.flags.writeable for a in arrays)
        assert back.status is res.status


def test_repr_uses_labels_and_player_names():
    res = bg.nash_equilibria(TRADE, exact=True)
    text = repr(res)
    assert "US: Tariff; China: Tariff  payoffs (1, 1)" in text
    assert "_repr_html_" in dir(res) and "US: Tariff" in res._repr_html_()
    mixed = bg.nash_equilibria(
        bg.Game([[2, 0], [0, 1]], [[1, 0], [0, 2]], row_actions=("Opera", "Match"),
                col_actions=("Opera", "Match"), players=("Ann", "Bob")),
        exact=True,
    )
    assert "Ann: Opera 2/3, Match 1/3; Bob: Opera 1/3, Match 2/3  payoffs (2/3, 2/3)" in repr(mixed)
    assert "US: Tariff; China: Tariff" in repr(bg.equilibria_2x2(TRADE))
    assert "US: Tariff; China: Tariff" in repr(bg.batched_equilibria(TRADE))
    assert "US: Tariff" in repr(res.equilibria[0])


def test_every_result_has_status_success_message():
    for res in (
        bg.nash_equilibria(TRADE),
        bg.equilibria_2x2(TRADE),
        bg.batched_equilibria(TRADE),
        bg.lemke_howson(TRADE),
    ):
        assert isinstance(res, Result)
        assert res.status is bg.Status.SUCCESS and res.success and isinstance(res.message, str)
        assert res.labels.players == ("US", "China")


def test_len_means_number_of_equilibria():
    assert len(bg.nash_equilibria(TRADE)) == 1
    assert len(bg.equilibria_2x2(bg.Game([[2, 0], [0, 1]], [[1, 0], [0, 2]]))) == 3
    assert len(bg.batched_equilibria(bg.Game(np.eye(3), np.eye(3)))) == 7
    batch = bg.Game(np.zeros((5, 2, 2)))
    with pytest.raises(TypeError, match="count"):
        len(bg.equilibria_2x2(batch))
    with pytest.raises(TypeError, match="count"):
        len(bg.batched_equilibria(batch))


def test_result_arrays_are_read_only():
    res = bg.equilibria_2x2(bg.Game(np.zeros((3, 2, 2)), np.ones((3, 2, 2))))
    for name in ("code", "raw_p_star", "raw_q_star", "p", "q", "row", "col", "payoffs", "valid",
                 "count", "regret", "components", "A", "B"):
        arr = getattr(res, name)
        assert not arr.flags.writeable, name
        with pytest.raises(ValueError):
            arr[...] = 0
    bres = bg.batched_equilibria(bg.Game(np.eye(3), np.eye(3)))
    for name in ("row", "col", "payoffs", "regret", "valid", "count", "found", "overflow",
                 "degenerate", "complete"):
        assert not getattr(bres, name).flags.writeable, name


def test_assemble_drops_and_flags_uncertified_profiles():
    g = bg.Game([[2, 0], [0, 1]], [[1, 0], [0, 2]])
    with pytest.warns(bg.ConvergenceWarning, match="failed certification") as record:
        res = assemble_result(
            g, [([1, 0], [1, 0]), ([1, 0], [0, 1])], method="test", complete=True, degenerate=False, tol=1e-9
        )
    assert record[0].filename == __file__  # the helper finds the caller's frame itself
    assert len(res) == 1 and res.status is bg.Status.UNCERTIFIED and not res.complete
    assert res.max_regret == 0


def test_maximal_components_of_a_continuum():
    # an L-shaped equilibrium set: two segments sharing the vertex (x0, y0)
    eqs = [
        bg.Equilibrium([1, 0], [1, 0], [0, 0]),
        bg.Equilibrium([1, 0], [0, 1], [0, 0]),
        bg.Equilibrium([0, 1], [1, 0], [0, 0]),
    ]
    assert maximal_components(eqs) == ((0, 1), (0, 2))
