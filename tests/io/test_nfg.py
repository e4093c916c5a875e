"""Gambit .nfg files: both versions read with labels, title, comment and exact payoffs; written back."""

from __future__ import annotations

from fractions import Fraction

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import bargain as bg
from bargain.io import format_nfg, parse_nfg, read_game, read_game_file, write_game
from bargain.io._common import parse_number

# Our own sample files (written for these tests, in the layout Gambit's documentation describes).
PAYOFF_3X2 = """NFG 1 R "Entry \\"deterrence\\", strategic form" { "Entrant" "Incumbent" }

{ { "Out" "In-small" "In-large" }
{ "Fight" "Share" }
}
"Payoffs are profits in millions."

0 5 -1 -1 -2 -3 0 5 2 2 1/2 0.75
"""


def test_payoff_version_labels_title_comment():
    gf = parse_nfg(PAYOFF_3X2)
    g = gf.game
    assert gf.format == "nfg"
    assert gf.title == g.name == 'Entry "deterrence", strategic form'
    assert gf.comment == "Payoffs are profits in millions."
    assert g.players == ("Entrant", "Incumbent")
    assert g.row_actions == ("Out", "In-small", "In-large")
    assert g.col_actions == ("Fight", "Share")
    # player 1's strategy varies fastest: profiles (0,0), (1,0), (2,0), (0,1), (1,1), (2,1)
    assert g.A.tolist() == [[0, 0], [-1, 2], [-2, 0.5]]
    assert g.B.tolist() == [[5, 5], [-1, 2], [-3, 0.75]]


def test_payoffs_are_exact():
    g = parse_nfg(PAYOFF_3X2).game
    assert g.has_exact_payoffs
    A, B = g.exact_payoffs()
    assert A[2, 1] == Fraction(1, 2) and B[2, 1] == Fraction(3, 4)
    assert all(isinstance(v, Fraction) for v in A.ravel())


def test_number_forms():
    text = 'NFG 1 R "" { "a" "b" } { 2 2 }\n3/4, -.5 1.5e2 +2 -7/14 1E-3 10. 0\n'
    A, B = parse_nfg(text).game.exact_payoffs()
    assert A[0, 0] == Fraction(3, 4) and B[0, 0] == Fraction(-1, 2)
    assert A[1, 0] == 150 and B[1, 0] == 2
    assert A[0, 1] == Fraction(-1, 2) and B[0, 1] == Fraction(1, 1000)
    assert A[1, 1] == 10 and B[1, 1] == 0


def test_count_form_gives_default_labels_and_d_header():
    gf = parse_nfg('NFG 1 D "Two by one"\n{ "P1" "P2" } { 2 1 }\n""\n1 2 3 4\n')
    assert gf.game.row_actions == ("r0", "r1") and gf.game.col_actions == ("c0",)
    assert gf.game.A.tolist() == [[1], [3]] and gf.game.B.tolist() == [[2], [4]]


def test_outcome_version_with_null_outcome_and_shared_outcomes():
    text = """NFG 1 R "Crisis (outcomes)" { "Challenger" "Defender" }
{ { "Back down" "Escalate" } { "Back down" "Escalate" } }
""
{
{ "status quo" 0, 0 }
{ "challenger wins" 1, -1 }
{ "defender wins" -1 1 }
{ "war" -10, -10, }
}
0 2 3 4
"""
    gf = parse_nfg(text)
    assert gf.format == "nfg-outcome"
    g = gf.game
    assert g.A.tolist() == [[0, -1], [1, -10]]
    assert g.B.tolist() == [[0, 1], [-1, -10]]
    res = bg.nash_equilibria(g, exact=True)
    assert len(res) == 3
    mixed = [e for e in res if not e.is_pure][0]
    assert mixed.row_exact == (Fraction(9, 10), Fraction(1, 10))


def test_whitespace_is_insignificant():
    compact = 'NFG 1 R"t"{"A""B"}{{"x""y"}{"z"}}"c"1 2 3 4'
    spread = 'NFG\n1\tR "t"\n{\n"A"\n"B"\n}\n{ { "x" "y" } { "z" } }\n"c"\n1\n2\n3\n4\n'
    assert parse_nfg(compact).game.equals(parse_nfg(spread).game)


@pytest.mark.parametrize("players", ['"A" "B" "C"', '"Solo"', ""])
def test_not_two_players_is_refused_with_the_count(players):
    count = len(players.split('" "')) if players else 0
    with pytest.raises(bg.InvalidGameError, match=f"parse_nfg: <string>: {count} players; bargain reads "
                       "two-player games"):
        parse_nfg(f'NFG 1 R "" {{ {players} }} {{ 2 2 2 }} ' + "0 " * 24)


def test_three_player_outcome_is_refused():
    text = 'NFG 1 R "" { "A" "B" } { 1 1 } { { "" 1, 2, 3 } } 1'
    with pytest.raises(bg.InvalidGameError, match="more than 2 payoffs"):
        parse_nfg(text)


def test_duplicate_labels_are_refused_by_name():
    with pytest.raises(bg.InvalidGameError, match="row actions must be distinct; 'x' appears twice"):
        parse_nfg('NFG 1 R "" { "A" "B" } { { "x" "x" } { "y" } } 1 2 3 4')


def test_efg_file_is_named():
    with pytest.raises(bg.InvalidGameError, match="extensive-form"):
        parse_nfg('EFG 2 R "tree" { "A" "B" }')


@pytest.mark.parametrize("version", ["payoff", "outcome"])
def test_writer_round_trip_exact(version):
    g = bg.Game([[Fraction(1, 3), 2], [0, -5]], [[1, Fraction(-7, 2)], [4, 0]],
                row_actions=('say "no"', "back\\slash"), col_actions=("é", "x y"),
                players=("P 1", "P 2"), name="title \\ with \"quotes\"")
    text = format_nfg(g, version=version, comment="a\nmultiline comment")
    gf = parse_nfg(text)
    assert gf.game.equals(g)
    assert gf.comment == "a\nmultiline comment"
    assert gf.format == ("nfg" if version == "payoff" else "nfg-outcome")
    for mine, theirs in zip(gf.game.exact_payoffs(), g.exact_payoffs()):
        assert mine.tolist() == theirs.tolist()


def test_outcome_writer_shares_outcomes():
    g = bg.Game([[1, 1], [1, 2]], [[0, 0], [0, 3]])
    text = format_nfg(g, version="outcome")
    assert text.count('{ ""') == 2
    assert parse_nfg(text).game.equals(g)


def test_float_game_round_trips_to_the_same_floats():
    g = bg.Game([[0.1, 1e-300], [2.5e300, -1 / 3]], [[np.pi, 0.0], [-0.0, 7.0]])
    back = parse_nfg(format_nfg(g)).game
    assert back.equals(g)
    assert back.exact_payoffs()[0].tolist() == g.exact_payoffs()[0].tolist()


def test_writer_refuses_a_batch_and_nul_labels():
    with pytest.raises(bg.InvalidGameError, match="format_nfg: takes a single game"):
        format_nfg(bg.Game(np.zeros((2, 2, 2))))
    with pytest.raises(bg.InvalidGameError, match="NUL"):
        format_nfg(bg.Game([[1]], [[1]], row_actions=("a\x00",)))
    with pytest.raises(bg.InvalidArgumentError, match="version must be"):
        format_nfg(bg.Game([[1]], [[1]]), version="outcomes")


def test_files_read_solve_and_write(tmp_path):
    path = tmp_path / "entry.nfg"
    path.write_text(PAYOFF_3X2, encoding="utf-8")
    g = read_game(path)
    res = bg.nash_equilibria(g, exact=True)
    direct = bg.nash_equilibria(bg.Game([[0, 0], [-1, 2], [-2, Fraction(1, 2)]],
                                        [[5, 5], [-1, 2], [-3, Fraction(3, 4)]]), exact=True)
    assert [(e.row_exact, e.col_exact) for e in res] == [(e.row_exact, e.col_exact) for e in direct]
    assert res.labels.row_actions == g.row_actions
    out = write_game(g, tmp_path / "copy.nfg", comment="copied")
    gf = read_game_file(out)
    assert gf.game.equals(g) and gf.comment == "copied"
    out2 = write_game(g, tmp_path / "copy.txt", format="nfg-outcome")
    assert read_game_file(out2).format == "nfg-outcome"


def test_provenance_is_refused_for_nfg(tmp_path):
    with pytest.raises(bg.InvalidArgumentError, match="no source or page"):
        write_game(bg.Game([[1]], [[1]]), tmp_path / "x.nfg", source="a book")


def test_suffix_decides_and_unknown_suffix_is_refused(tmp_path):
    g = bg.Game([[1, 2]], [[3, 4]])
    with pytest.raises(bg.InvalidArgumentError, match="cannot tell the format"):
        write_game(g, tmp_path / "game.dat")
    path = write_game(g, tmp_path / "game.dat", format="nfg")
    assert read_game(path).equals(g)  # read by content: it starts with NFG
    efg = tmp_path / "tree.efg"
    efg.write_text('EFG 2 R "tree" { "A" "B" }\n')
    with pytest.raises(bg.InvalidGameError, match=r"read_game: .*tree\.efg: extensive-form \(\.efg\)"):
        read_game(efg)


@settings(max_examples=200, deadline=None)
@given(st.from_regex(r"[+-]?([0-9]{1,25}(\.[0-9]{0,25})?|\.[0-9]{1,25})([eE][+-]?[0-9]{1,2})?",
                     fullmatch=True))
def test_decimals_read_as_written(token):
    assert Fraction(parse_number(token, "f")) == Fraction(token)


@settings(max_examples=100, deadline=None)
@given(st.integers(-(10**30), 10**30), st.integers(1, 10**30))
def test_fractions_read_exactly(p, q):
    assert Fraction(parse_number(f"{p}/{q}", "f")) == Fraction(p, q)


@pytest.mark.parametrize(
    "payoffs",
    ["1 -2 +3 4 5 6 7 8", "1, -2, +3, 4, 5, 6, 7, 8", "1\n-2\t+3 4 5 6 7 8\n",
     "-999999999999999999 999999999999999999 0 0 0 0 0 0",
     "9999999999999999999 1 0 0 0 0 0 0"],  # 19 digits: beyond int64, read token by token
)
def test_integer_fast_path_agrees_with_the_token_parser(payoffs):
    head = 'NFG 1 R "" { "A" "B" } { 2 2 } '
    fast = parse_nfg(head + payoffs).game
    first, rest = payoffs.split(maxsplit=1)
    slow = parse_nfg(f"{head}{first.rstrip(',')}/1 {rest}").game  # a fraction: the token-by-token path
    assert fast.equals(slow)
    assert fast.exact_payoffs()[0].tolist() == slow.exact_payoffs()[0].tolist()
    values = [int(t) for t in payoffs.replace(",", " ").split()]
    assert fast.exact_payoffs()[0][1, 0] == values[2] and fast.exact_payoffs()[1][0, 1] == values[5]
