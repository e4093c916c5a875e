"""Round trips (hypothesis): write then read gives an equal game, exact payoffs and labels kept."""

from __future__ import annotations

from fractions import Fraction

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

import bargain as bg
from bargain.io import format_game, parse_game, read_game_file, write_game
from bargain.testing import strategies as bst

# labels with quotes, backslashes, braces, newlines, non-ASCII; NUL only where the format can hold it
_ALPHABET = st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00")
_TEXT = st.text(alphabet=st.one_of(st.sampled_from('"\\{}, \n\t#=[]'), _ALPHABET), max_size=8)
_TEXT_NUL = st.text(alphabet=st.one_of(st.sampled_from('"\\\x00\r\x7f'), _ALPHABET), max_size=8)

_exact_numbers = st.one_of(
    st.integers(-(10**30), 10**30),
    st.fractions(max_denominator=10**12).filter(lambda f: abs(f) < 10**30),
)
_floats = st.floats(-1e300, 1e300, allow_nan=False, allow_infinity=False)


@st.composite
def games(draw, text=_TEXT):
    m, n = draw(st.integers(1, 4)), draw(st.integers(1, 4))
    if draw(st.booleans()):
        values = st.lists(_exact_numbers, min_size=2 * m * n, max_size=2 * m * n)
        flat = np.empty(2 * m * n, dtype=object)
        flat[:] = draw(values)
    else:
        flat = np.array(draw(st.lists(_floats, min_size=2 * m * n, max_size=2 * m * n)), dtype=float)
    A, B = flat[: m * n].reshape(m, n), flat[m * n:].reshape(m, n)
    labels = {
        "row_actions": draw(st.lists(text, min_size=m, max_size=m, unique=True)),
        "col_actions": draw(st.lists(text, min_size=n, max_size=n, unique=True)),
        "players": draw(st.lists(text, min_size=2, max_size=2, unique=True)),
        "name": draw(text),
    }
    return bg.Game(A, B, **labels)


def _same(read: bg.Game, original: bg.Game) -> None:
    assert read.equals(original)
    assert read.has_exact_payoffs
    for mine, theirs in zip(read.exact_payoffs(), original.exact_payoffs()):
        assert mine.tolist() == theirs.tolist()


@settings(max_examples=60, deadline=None)
@given(games(), st.sampled_from(["nfg", "nfg-outcome"]), _TEXT)
def test_nfg_round_trip(game, fmt, comment):
    gf = parse_game(format_game(game, format=fmt, comment=comment))
    _same(gf.game, game)
    assert (gf.comment, gf.format, gf.title) == (comment, fmt, game.name)


@settings(max_examples=60, deadline=None)
@given(games(text=_TEXT_NUL), _TEXT_NUL, _TEXT_NUL, st.one_of(st.integers(0, 10**6), _TEXT_NUL))
def test_toml_round_trip(game, source, comment, page):
    gf = parse_game(format_game(game, format="toml", source=source, page=page, comment=comment))
    _same(gf.game, game)
    assert (gf.source, gf.comment, gf.page, gf.format) == (source, comment, str(page), "toml")


@settings(max_examples=20, deadline=None)
@given(games(), st.sampled_from([".nfg", ".toml"]))
def test_file_round_trip(tmp_path_factory, game, suffix):
    path = write_game(game, tmp_path_factory.mktemp("rt") / f"g{suffix}")
    _same(read_game_file(path).game, game)


@settings(max_examples=25, deadline=None)
@given(st.one_of(bst.games(rows=(1, 3), cols=(1, 3), payoffs="exact"),
                 bst.games(rows=(1, 3), cols=(1, 3), payoffs="float", min_value=-100, max_value=100)),
       st.sampled_from(["nfg", "nfg-outcome", "toml"]))
def test_same_equilibria_as_the_game_written(game, fmt):
    back = parse_game(format_game(game, format=fmt)).game
    ours, theirs = bg.nash_equilibria(back), bg.nash_equilibria(game)
    assert len(ours) == len(theirs)
    for e, f in zip(ours, theirs):
        np.testing.assert_array_equal(e.row, f.row)
        np.testing.assert_array_equal(e.col, f.col)
    if game.has_exact_payoffs:
        exact = bg.nash_equilibria(back, exact=True)
        assert [e.row_exact for e in exact] == [e.row_exact for e in bg.nash_equilibria(game, exact=True)]


def test_exact_solution_from_a_file_is_exact():
    g = parse_game('NFG 1 R "" { "A" "B" } { 2 2 } 1/3 0 0 1 0 1 1/7 0').game
    res = bg.nash_equilibria(g, exact=True)
    assert all(isinstance(p, Fraction) for e in res for p in e.row_exact)
