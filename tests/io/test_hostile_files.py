"""Hostile game files: each refused with an InvalidGameError naming the function, the file and the
problem, before anything large is allocated; nothing hangs, nothing raises anything else."""

from __future__ import annotations

import os

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import bargain as bg
from bargain._thresholds import IO_MAX_FILE_BYTES
from bargain.io import parse_game, parse_nfg, parse_toml_game, read_game, read_game_file

H = 'format = "bargain-game/1"\n'
VALID_NFG = 'NFG 1 R "g" { "A" "B" } { { "x" "y" } { "z" "w" } } "" 1 2 3/4 -4 5 6.5 7 8\n'
VALID_OUTCOME = 'NFG 1 R "g" { "A" "B" } { 2 2 } "" { { "o" 1, 2 } { "p" 3, 4 } } 1 2 0 1\n'
VALID_TOML = 'format = "bargain-game/1"\nrow_payoffs = [[1, "1/2"], [3, 4]]\ncol_payoffs = [[5, 6], [7, 8]]\n'


def _write(tmp_path, name, data: bytes):
    path = tmp_path / name
    path.write_bytes(data)
    return path


@pytest.mark.parametrize(
    ("text", "message"),
    [
        # declared sizes of billions: refused from the declaration alone
        ('NFG 1 R "" { "A" "B" } { 1000000000 1000000000 } 1 2', "has 1000000000000000000 cells"),
        ('NFG 1 R "" { "A" "B" } { 99999999999999999999999 2 }', "larger than any game file may declare"),
        ('NFG 1 R "" { "A" "B" } { 0 2 }', "at least one strategy"),
        ('NFG 1 R "" { "A" "B" } { 2 2 2 }', "strategy counts given for more than the 2 players"),
        ('NFG 1 R "" { "A" "B" } { 2 -2 } 1', "a positive integer"),
        ('NFG 1 R "" { "A" "B" } { 2 } 1 2', "strategies given for 1 players"),
        # truncated and malformed content
        ('NFG 1 R "" { "A" "B" } { 2 2 } 1 2 3',
         "expected player 2's payoff in profile 2 of 4, found the end"),
        ('NFG 1 R "" { "A" "B" } { 1 1 } 1 2 3', r"unexpected '3' after the game's payoffs \(more payoffs"),
        ('NFG 1 R "" { "A" "B } { 2 2 } 1 2 3 4', "line 1, column 18: a string is not closed"),
        ('NFG 1 R "back\\', "a string is not closed"),
        ('NFG 2 R "" { "A" "B" }', "expected the format version 1"),
        ('NFG 1 X "" { "A" "B" }', "expected 'R' after 'NFG 1'"),
        ('NFG 1 R "" { "A" "B" } { 1 1 } 1 2x', "malformed token '2x'"),
        ('NFG 1 R "" { "A" "B" } { 1 1 } 1 @', "unexpected character '@'"),
        ('NFG 1 R "" { "A" "B" } { 1 1 } 1 1/0', "zero denominator"),
        ('NFG 1 R "" { "A" "B" } { 1 1 } 1.5/2 1', "a fraction is written p/q with integers"),
        ('NFG 1 R "" { "A" "B" } { 1 1 }', "expected the payoffs"),
        ('NFG 1 R "" { "A" "B" } { 1 1 } { { "o" 1 2 } } 2', "outcome 2 does not exist"),
        ('NFG 1 R "" { "A" "B" } { 1 1 } { { "o" 1 2 } } -1', "expected the outcome number of profile 1"),
        ('NFG 1 R "" { "A" "B" } { 1 1 } { { "o" 1 } } 1', "player 2's payoff in the outcome"),
        ('NFG 1 R "" { "A" "B" } { 1 1 } { { "o" 1 2 } 1', "'{' opening an outcome or '}' closing"),
        ('GAME', "it must start with 'NFG'"),
        # huge numbers
        ('NFG 1 R "" { "A" "B" } { 1 1 } ' + "9" * 5000 + " 1", "a number of 5000 characters"),
        ('NFG 1 R "" { "A" "B" } { 1 1 } 1e999999999 1', "the exponent is beyond"),
        ('NFG 1 R "" { "A" "B" } { 1 1 } 1e400 1', "overflows float64"),
        ('NFG 1 R "" { "A" "B" } { 1 1 } ' + "9" * 400 + " 1", "overflows float64"),
        ('NFG 1 R "" { "A" "B" } { 2 1 } -1e308 0 1e308 0', r"payoff range of A \(max - min\) overflows"),
        ('NFG 1 R "" { "A" "B" } { 1 1 } 1e-999999 1', "the exponent is beyond"),
        # strings beyond IO_MAX_STRING_CHARS (1 MiB), plain or full of escapes
        ('NFG 1 R "' + "x" * (2**20 + 1) + '" { "A" "B" }', "a string longer than 1048576 characters"),
        ('NFG 1 R "' + '\\"' * (2**20 + 1) + '" { "A" "B" }', "a string longer than 1048576 characters"),
        # deep nesting: refused at the first brace that does not belong, without recursion
        ('NFG 1 R "" ' + "{" * 200_000, r"a player's name \(a quoted string\) or '}'"),
        ('NFG 1 R "" { "A" "B" } ' + "{" * 200_000,
         r"line 1, column 26: expected a strategy label \(a quoted string\) or '}', found '{'"),
        ('NFG 1 R "" { "A" "B" } { 1 1 } ' + "{" * 200_000, "the outcome's name"),
    ],
)
def test_hostile_nfg(text, message):
    with pytest.raises(bg.InvalidGameError, match=r"^parse_nfg: <string>: .*" + message):
        parse_nfg(text)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("a = " + "[" * 100_000 + "]" * 100_000, "nested too deeply"),
        ("x = " + "{ y = " * 50_000 + "1" + " }" * 50_000, "nested too deeply"),
        (H + 'row_payoffs = [[' + "9" * 5000 + "]]\ncol_payoffs = [[1]]", "not valid TOML"),
        (H + 'row_payoffs = [[' + "9" * 400 + "]]\ncol_payoffs = [[1]]",
         "an integer of 400 digits overflows float64"),
        (H + 'row_payoffs = [[1e400]]\ncol_payoffs = [[1]]', "overflows float64"),
        (H + 'row_payoffs = [[1e999999999]]\ncol_payoffs = [[1]]', "exponent is beyond"),
        (H + 'row_payoffs = [["1e999999999"]]\ncol_payoffs = [[1]]', "exponent is beyond"),
        (H + 'row_payoffs = [["' + "1" * 2000 + '"]]\ncol_payoffs = [[1]]',
         "a number of 2000 characters"),
        (H + 'row_payoffs = [[1, 2]\ncol_payoffs = [[1]]', "not valid TOML"),
    ],
)
def test_hostile_toml(text, message):
    with pytest.raises(bg.InvalidGameError, match=r"^parse_toml_game: <string>: .*" + message):
        parse_toml_game(text)


def test_too_many_cells_in_toml_is_refused_before_the_game_is_built(monkeypatch):
    import bargain.io._common as common

    monkeypatch.setattr(common, "IO_MAX_CELLS", 3)
    with pytest.raises(bg.InvalidGameError, match="a 2 x 2 game has 4 cells, more than the 3"):
        parse_toml_game(VALID_TOML)
    with pytest.raises(bg.InvalidGameError, match="a 2 x 2 game has 4 cells, more than the 3"):
        parse_nfg(VALID_NFG)


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"NFG 1 R \"\x00\" { }", "binary data \\(a NUL byte at byte offset 9\\)"),
        (b"\x7fELF\x02\x01\x01\x00\x00\x00", "binary data"),
        ('NFG 1 R "Caf\u00e9" { "A" "B" }'.encode("latin-1"),
         "not UTF-8 text \\(invalid byte 0xe9 at byte offset 12\\)"),
        (b"\xff\xfe" + "NFG".encode("utf-16-le"), "binary data|not UTF-8"),
        (b"", "the file is empty"),
        (b"  \n\t\n", "the file is empty"),
    ],
)
def test_binary_and_bad_encoding(tmp_path, data, message):
    path = _write(tmp_path, "bad.nfg", data)
    with pytest.raises(bg.InvalidGameError, match=rf"^read_game_file: .*bad\.nfg: {message}"):
        read_game_file(path)


def test_utf8_bom_is_accepted(tmp_path):
    path = _write(tmp_path, "bom.nfg", b"\xef\xbb\xbf" + VALID_NFG.encode())
    assert read_game(path).shape == (2, 2)


def test_oversized_file_is_refused_by_stat_without_reading(tmp_path):
    path = tmp_path / "huge.nfg"
    with open(path, "wb") as fh:  # a sparse file: no disk space, no reading
        fh.truncate(IO_MAX_FILE_BYTES + 1)
    message = rf"read_game: .*huge\.nfg: the file has {IO_MAX_FILE_BYTES + 1} bytes"
    with pytest.raises(bg.InvalidGameError, match=message):
        read_game(path)


def test_directory_and_fifo_are_refused_without_blocking(tmp_path):
    with pytest.raises(bg.InvalidGameError, match="not a regular file"):
        read_game(tmp_path)
    if hasattr(os, "mkfifo"):
        fifo = tmp_path / "pipe.nfg"
        os.mkfifo(fifo)
        with pytest.raises(bg.InvalidGameError, match=r"pipe\.nfg: not a regular file"):
            read_game(fifo)  # opening a FIFO for reading would block: refused from stat


def test_missing_file_is_an_os_error(tmp_path):
    with pytest.raises(FileNotFoundError):
        read_game(tmp_path / "nowhere.nfg")


def test_bad_arguments():
    with pytest.raises(bg.InvalidArgumentError, match="read_game: path must be a str"):
        read_game(3)
    with pytest.raises(bg.InvalidArgumentError, match="format must be one of"):
        read_game("x.nfg", format="xml")
    with pytest.raises(bg.InvalidArgumentError, match="parse_nfg: text must be a string"):
        parse_nfg(b"NFG")


@pytest.mark.parametrize("valid", [VALID_NFG, VALID_OUTCOME])
def test_every_truncation_is_refused(valid):
    text = valid.rstrip()
    assert parse_nfg(text).game.shape == (2, 2)
    for k in range(len(text)):
        with pytest.raises(bg.InvalidGameError, match="^parse_nfg: <string>: "):
            parse_nfg(text[:k])


def test_every_toml_truncation_is_refused():
    text = VALID_TOML.rstrip()
    for k in range(len(text)):
        with pytest.raises(bg.InvalidGameError, match="^parse_toml_game: <string>: "):
            parse_toml_game(text[:k])


def _parses_or_refuses(text: str) -> None:
    try:
        parse_game(text)
    except bg.InvalidGameError as exc:
        assert str(exc).startswith("parse_game: <string>: ")


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from(list('NFG1R "{}},\\0123456789./-+eE\n') + ["\u00e9"]), max_size=120))
def test_random_nfg_like_text_parses_or_is_refused(text):
    _parses_or_refuses("NFG 1 R " + text)


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=200))
def test_random_text_parses_or_is_refused(text):
    _parses_or_refuses(text)


@settings(max_examples=300, deadline=None)
@given(st.integers(0, len(VALID_NFG) - 1), st.binary(min_size=1, max_size=3),
       st.sampled_from([VALID_NFG, VALID_TOML]))
def test_mutated_files_parse_or_are_refused(tmp_path_factory, pos, junk, valid):
    data = bytearray(valid.encode())
    pos = min(pos, len(data) - 1)
    data[pos:pos + len(junk)] = junk
    path = tmp_path_factory.mktemp("mut") / "m.game"
    path.write_bytes(bytes(data))
    try:
        read_game_file(path)
    except bg.InvalidGameError as exc:
        assert str(exc).startswith("read_game_file: ") and "m.game" in str(exc)
