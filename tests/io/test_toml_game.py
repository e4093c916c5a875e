"""bargain's TOML game format: full files, exact numbers, provenance, refusals, escaping."""

from __future__ import annotations

import tomllib
from fractions import Fraction

import pytest

import bargain as bg
from bargain.io import format_toml_game, parse_toml_game, read_game_file, write_game
from bargain.io.toml_format import toml_string

H = 'format = "bargain-game/1"\n'

FULL = """# a tariff war, in welfare ranks
format = "bargain-game/1"
title = "Tariff war"
players = ["US", "China"]
row_actions = ["Free trade", "Tariff"]
col_actions = ["Free trade", "Tariff"]
row_payoffs = [[3, 1], [4, "5/2"]]
col_payoffs = [
  [3, 4.5],
  [1_0, -2e-1],
]

[provenance]
source = "Our own illustration"
page = 7
note = "ranks, not dollars"
"""


def test_full_file():
    gf = parse_toml_game(FULL)
    g = gf.game
    assert gf.format == "toml" and gf.title == g.name == "Tariff war"
    assert (gf.source, gf.page, gf.comment) == ("Our own illustration", "7", "ranks, not dollars")
    assert g.players == ("US", "China") and g.row_actions == ("Free trade", "Tariff")
    A, B = g.exact_payoffs()
    assert A.tolist() == [[3, 1], [4, Fraction(5, 2)]]
    assert B.tolist() == [[3, Fraction(9, 2)], [10, Fraction(-1, 5)]]
    assert g.B[1, 1] == -0.2


def test_minimal_file_gets_default_labels():
    g = parse_toml_game('format = "bargain-game/1"\nrow_payoffs = [[1, 2]]\ncol_payoffs = [[0, 0]]').game
    assert g.players == ("Row", "Column") and g.row_actions == ("r0",) and g.col_actions == ("c0", "c1")


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ('row_payoffs = [[1]]\ncol_payoffs = [[1]]', "the key 'format' is missing"),
        ('format = "bargain-game/2"\nrow_payoffs = [[1]]\ncol_payoffs = [[1]]',
         "format must be 'bargain-game/1'"),
        (H + 'col_payoffs = [[1]]', "the key 'row_payoffs' is missing"),
        (H + 'row_payoffs = [[1]]\ncol_payoffs = [[1]]\nrows = 1', "unknown key 'rows'"),
        (H + 'row_payoffs = [[1]]\ncol_payoffs = [[1]]\n[provenance]\nauthor = "x"',
         r"unknown key 'provenance.author' \(the keys are provenance.source"),
        (H + 'row_payoffs = [[1, 2], [3]]\ncol_payoffs = [[1, 2], [3, 4]]',
         "row_payoffs is ragged: row 0 has 2 entries, row 1 has 1"),
        (H + 'row_payoffs = [[1, 2]]\ncol_payoffs = [[1], [2]]',
         "row_payoffs is 1 x 2 but col_payoffs is 2 x 1"),
        (H + 'row_payoffs = [[1, 2]]\ncol_payoffs = [[1, 2]]\nrow_actions = ["a", "b"]',
         "row_actions lists 2 labels but the payoffs have 1"),
        (H + 'row_payoffs = [[1]]\ncol_payoffs = [[1]]\nplayers = ["a"]',
         "players lists 1 labels but the game has 2 players"),
        (H + 'row_payoffs = [[1]]\ncol_payoffs = [[1]]\nplayers = ["a", "a"]',
         "player names must be distinct; 'a' appears twice"),
        (H + 'row_payoffs = [[true]]\ncol_payoffs = [[1]]',
         r"row_payoffs\[0\]\[0\]: expected a number, got the boolean true"),
        (H + 'row_payoffs = [[inf]]\ncol_payoffs = [[1]]', "payoffs must be finite, got inf"),
        (H + 'row_payoffs = [[nan]]\ncol_payoffs = [[1]]', "payoffs must be finite"),
        (H + 'row_payoffs = [["3/0"]]\ncol_payoffs = [[1]]', "zero denominator"),
        (H + 'row_payoffs = [["many"]]\ncol_payoffs = [[1]]', "'many' is not a number"),
        (H + 'row_payoffs = [[{a = 1}]]\ncol_payoffs = [[1]]', "expected a number"),
        (H + 'row_payoffs = []\ncol_payoffs = [[1]]', "non-empty list of rows"),
        (H + 'row_payoffs = [[]]\ncol_payoffs = [[]]', "at least one strategy"),
        (H + 'title = 3\nrow_payoffs = [[1]]\ncol_payoffs = [[1]]',
         "title must be a string, got 3"),
        (H + 'row_payoffs = [[1]]\ncol_payoffs = [[1]]\nprovenance = 5',
         "provenance must be a table"),
        (H + 'row_payoffs = [[1]]\ncol_payoffs = [[1]]\n[provenance]\npage = 1.5',
         "provenance.page must be a string or an integer"),
        (H + 'row_payoffs = [[1]', "not valid TOML"),
    ],
)
def test_refusals_name_the_function_and_the_problem(text, message):
    with pytest.raises(bg.InvalidGameError, match=r"parse_toml_game: <string>: .*" + message):
        parse_toml_game(text)


def test_file_refusals_name_the_file(tmp_path):
    path = tmp_path / "typo.toml"
    path.write_text('format = "bargain-game/1"\nrow_payoff = [[1]]\ncol_payoffs = [[1]]\n')
    with pytest.raises(bg.InvalidGameError, match=r"read_game_file: .*typo\.toml: unknown key 'row_payoff'"):
        read_game_file(path)


def test_string_escaping_is_valid_toml():
    nasty = 'q"uote \\ back\x00nul\ttab\nnl\r\x7f\x1b é 😀'
    assert tomllib.loads(f"s = {toml_string(nasty)}")["s"] == nasty


def test_write_and_read_keep_provenance_and_exact_payoffs(tmp_path):
    g = bg.Game([[Fraction(1, 3), 2**70], [0, -5]], [[1, Fraction(-7, 2)], [4, 0.25]],
                row_actions=('say "no"', "back\\slash"), col_actions=("é", "x\ny"),
                players=("P 1", "P 2"), name="a [table] = \"title\"")
    path = write_game(g, tmp_path / "g.toml", source="Somebody (2020), p. 3", page="3-4", comment="n\"ote")
    gf = read_game_file(path)
    assert gf.game.equals(g)
    assert gf.game.exact_payoffs()[0].tolist() == g.exact_payoffs()[0].tolist()
    assert gf.game.exact_payoffs()[1][1, 1] == Fraction(1, 4)
    assert (gf.source, gf.page, gf.comment, gf.format) == ("Somebody (2020), p. 3", "3-4", 'n"ote', "toml")
    text = path.read_text(encoding="utf-8")
    assert '"1180591620717411303424"' in text  # 2**70: beyond TOML's 64-bit integers, written as a string


def test_writer_argument_checks():
    g = bg.Game([[1]], [[1]])
    with pytest.raises(bg.InvalidArgumentError, match="page must be a string or an integer"):
        format_toml_game(g, page=1.5)
    with pytest.raises(bg.InvalidArgumentError, match="source must be a string"):
        format_toml_game(g, source=3)
