"""NPlayerGame: construction, validation, labels, batches, expected payoffs, two-player conversion."""

from __future__ import annotations

import copy
import itertools
import pickle
from fractions import Fraction

import numpy as np
import pytest

import bargain as bg
from bargain.core.nplayer import NPlayerGame, nplayer_pure_mask


def _random(rng, shape, k=None):
    k = len(shape) if k is None else k
    return rng.integers(-5, 6, size=shape + (k,))


def test_shapes_labels_and_defaults():
    u = np.arange(2 * 3 * 2 * 3).reshape(2, 3, 2, 3)
    g = NPlayerGame(u, players=("US", "China", "EU"), actions=(("T", "F"), ("a", "b", "c"), ("x", "y")),
                    name="trade")
    assert g.n_players == 3 and g.shape == (2, 3, 2) and g.batch_shape == () and g.batch_size == 1
    assert g.actions[1] == ("a", "b", "c") and g.players == ("US", "China", "EU") and g.name == "trade"
    assert g.payoff(2).tolist() == u[..., 2].tolist()
    assert g.has_exact_payoffs and g.exact_payoffs()[1, 2, 1, 0] == Fraction(int(u[1, 2, 1, 0]))
    d = NPlayerGame(u.astype(float))
    assert d.players == ("P1", "P2", "P3") and d.actions[1] == ("a0", "a1", "a2") and not d.has_exact_payoffs
    assert "US (2)" in repr(g) and "(T, a, x)" in repr(g)


def test_read_only_pickle_and_equals():
    g = NPlayerGame(np.ones((2, 2, 2, 3)))
    with pytest.raises(ValueError):
        g.payoff_array[0, 0, 0, 0] = 5
    with pytest.raises(AttributeError):
        g.name = "x"
    for other in (pickle.loads(pickle.dumps(g)), copy.deepcopy(g)):
        assert other.equals(g) and not other.payoff_array.flags.writeable
    with pytest.raises(TypeError):
        _ = g == g


def test_list_of_player_arrays_equals_stacked_array():
    rng = np.random.default_rng(0)
    u = _random(rng, (2, 3, 2))
    a = NPlayerGame([u[..., 0], u[..., 1], u[..., 2]])
    b = NPlayerGame.from_players([u[..., i].tolist() for i in range(3)])
    assert a.equals(NPlayerGame(u)) and b.equals(NPlayerGame(u))


def test_expected_payoffs_against_the_sum_over_cells():
    rng = np.random.default_rng(1)
    u = rng.normal(size=(2, 3, 2, 3))
    g = NPlayerGame(u)
    s = [rng.dirichlet(np.ones(n)) for n in g.shape]
    cells = itertools.product(*map(range, g.shape))
    want = sum(u[a, b, c] * s[0][a] * s[1][b] * s[2][c] for a, b, c in cells)
    assert np.allclose(g.payoffs(*s), want)


def test_batches_broadcast_and_index():
    rng = np.random.default_rng(2)
    u = rng.normal(size=(4, 5, 2, 2, 2, 3))
    g = NPlayerGame(u)
    assert g.batch_shape == (4, 5) and g.shape == (2, 2, 2)
    assert g[1, 2].equals(NPlayerGame(u[1, 2])) and g[3].batch_shape == (5,)
    s = [np.array([0.25, 0.75])] * 3
    pay = g.payoffs(*s)
    assert pay.shape == (4, 5, 3) and np.allclose(pay[1, 2], g[1, 2].payoffs(*s))
    assert g.payoff_range.shape == (4, 5, 3)
    norm = g.normalized
    assert norm.min() >= 0 and norm.max() <= 1


def test_two_player_round_trip():
    game = bg.Game([[3, 0], [5, 1]], [[3, 5], [0, 1]], row_actions=("C", "D"), col_actions=("c", "d"),
                   players=("US", "China"), name="PD")
    n = NPlayerGame.from_game(game)
    assert n.n_players == 2 and n.actions == (("C", "D"), ("c", "d")) and n.has_exact_payoffs
    back = n.to_game()
    assert back.equals(game) and back.has_exact_payoffs
    assert np.allclose(n.payoffs([0.5, 0.5], [0.25, 0.75]), game.payoffs([0.5, 0.5], [0.25, 0.75]))
    with pytest.raises(bg.InvalidGameError, match="only a two-player game"):
        NPlayerGame(np.zeros((2, 2, 2, 3))).to_game()


def test_pure_mask_kernel_on_a_coordination_game():
    u = np.zeros((2, 2, 2, 3))
    u[0, 0, 0] = 1
    u[1, 1, 1] = 2
    mask = nplayer_pure_mask(u)
    assert np.argwhere(mask).tolist() == [[0, 0, 0], [1, 1, 1]]


@pytest.mark.parametrize(
    ("payoffs", "kwargs", "match"),
    [
        (np.zeros((2, 2, 3)), {}, "one action axis per player"),
        (np.zeros((2, 2, 1)), {}, "at least 2"),
        (np.zeros((2, 0, 2, 3)), {}, "empty"),
        ([[[[1, 2, np.nan]]]], {}, "non-finite"),
        ([[[[True, False, True]]]], {}, "boolean"),
        (np.zeros((2, 2, 2, 3)), {"players": ("a", "b")}, "players must have 3 labels"),
        (np.zeros((2, 2, 2, 3)), {"actions": (("x", "y"), ("x", "y"))}, "actions must be a sequence of 3"),
        (np.zeros((2, 2, 2, 3)), {"actions": (("x", "x"), ("x", "y"), ("x", "y"))}, "distinct"),
        (np.zeros((2, 2, 2, 3)), {"name": 3}, "name must be a string"),
    ],
)
def test_bad_input_is_refused_naming_the_constructor(payoffs, kwargs, match):
    with pytest.raises(bg.InvalidGameError, match=f"NPlayerGame: .*{match}"):
        NPlayerGame(payoffs, **kwargs)


def test_bad_strategies_and_indices():
    g = NPlayerGame(np.zeros((2, 2, 2, 3)))
    with pytest.raises(bg.InvalidGameError, match="one strategy per player"):
        g.payoffs([1, 0], [1, 0])
    with pytest.raises(bg.InvalidGameError, match="sum to 1"):
        g.payoffs([1, 1], [1, 0], [1, 0])
    with pytest.raises(bg.InvalidGameError, match="no batch axes"):
        g[0]
    with pytest.raises(bg.InvalidGameError, match="player must be an integer"):
        g.payoff(3)
    with pytest.raises(bg.InvalidGameError, match="do not broadcast"):
        NPlayerGame([np.zeros((2, 2)), np.zeros((3, 3))])
