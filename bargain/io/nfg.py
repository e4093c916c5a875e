"""Gambit's strategic-form game files (``.nfg``): payoff and outcome versions, two players.

A file opens with a prologue: ``NFG 1 R``, the title, the players in braces, then the
strategies (a count per player, ``{ 2 2 }``, or each player's labels,
``{ { "Up" "Down" } { "Left" "Right" } }``) and an optional comment string. The payoff
version then lists, for every strategy profile with player 1's strategy varying fastest,
one payoff per player. The outcome version lists outcomes ``{ "name" 1, 2 }`` in braces,
then one outcome number per profile in the same order (0: no outcome, every payoff 0).
Whitespace is insignificant; a ``"`` inside a label is written ``\\"`` (Gambit's file
format documentation, "The strategic game (.nfg) file format").

The tokenizer and parser are our own and iterative (no recursion), read numbers exactly
(integers, ``p/q``, decimals) and check every declared size before allocating anything.

>>> text = '''NFG 1 R "Coordination" { "Ann" "Bob" }
... { { "Left" "Right" } { "Left" "Right" } } ""
... 2 1 0 0 0 0 1 2'''
>>> gf = parse_nfg(text)
>>> gf.game.A.tolist(), gf.game.B.tolist(), gf.game.row_actions
([[2.0, 0.0], [0.0, 1.0]], [[1.0, 0.0], [0.0, 2.0]], ('Left', 'Right'))
>>> parse_nfg(format_nfg(gf.game)).game.equals(gf.game)
True
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from fractions import Fraction
from typing import Any

import numpy as np

from bargain._thresholds import IO_MAX_CELLS, IO_MAX_STRING_CHARS
from bargain.core.game import as_single_game
from bargain.errors import InvalidArgumentError, InvalidGameError
from bargain.io._common import (
    NUMBER,
    GameFile,
    build_game,
    check_cells,
    integer_payoffs,
    location,
    parse_number,
    payoff_text,
)

__all__ = ["parse_nfg", "format_nfg"]

# token kinds
_STRING, _NUMBER, _WORD, _OPEN, _CLOSE, _COMMA, _END = "string", "number", "word", "{", "}", ",", "end"

_WHITESPACE = re.compile(r"\s*")
_WORD_RE = re.compile(r"[A-Za-z_][A-Za-z_0-9]*")
_STRING_STOP = re.compile(r'["\\]')
_DELIMITERS = frozenset(' \t\n\r\f\v{},"')


def _describe(kind: str, value: str) -> str:
    if kind == _END:
        return "the end of the file"
    if kind == _STRING:
        return f"the string {value[:40]!r}"
    if kind in (_OPEN, _CLOSE, _COMMA):
        return f"'{kind}'"
    return f"{value[:40]!r}"


def _tokens(text: str, where: str) -> Iterator[tuple[str, str, int]]:
    """Tokens ``(kind, value, offset)`` of an .nfg text, ending with one ``end`` token.

    Strings are unescaped (``\\x`` stands for ``x``); every other character outside the
    grammar is an error naming its line and column.
    """
    pos = 0
    size = len(text)
    while True:
        pos = _WHITESPACE.match(text, pos).end()  # type: ignore[union-attr]
        if pos >= size:
            yield _END, "", pos
            return
        c = text[pos]
        if c in "{},":
            yield c, c, pos
            pos += 1
        elif c == '"':
            start = pos
            pos += 1
            parts: list[str] = []
            length = 0
            while True:
                stop = _STRING_STOP.search(text, pos)
                if stop is None:
                    raise InvalidGameError(
                        f"{where}: {location(text, start)}: a string is not closed (no matching '\"')"
                    )
                parts.append(text[pos:stop.start()])
                length += stop.start() - pos
                pos = stop.start()
                if text[pos] == '"':
                    pos += 1
                    break
                if pos + 1 >= size:  # a backslash at the very end
                    raise InvalidGameError(
                        f"{where}: {location(text, start)}: a string is not closed (the file ends after '\\')"
                    )
                parts.append(text[pos + 1])
                length += 1
                pos += 2
                if length > IO_MAX_STRING_CHARS:
                    break
            if length > IO_MAX_STRING_CHARS:
                raise InvalidGameError(
                    f"{where}: {location(text, start)}: a string longer than {IO_MAX_STRING_CHARS} characters"
                )
            yield _STRING, "".join(parts), start
        else:
            match = NUMBER.match(text, pos)
            kind = _NUMBER
            if match is None:
                match = _WORD_RE.match(text, pos)
                kind = _WORD
            if match is None:
                raise InvalidGameError(f"{where}: {location(text, pos)}: unexpected character {c!r}")
            end = match.end()
            if end < size and text[end] not in _DELIMITERS:
                bad = re.match(r"[^\s{},\"]{1,40}", text[pos:]).group()  # type: ignore[union-attr]
                raise InvalidGameError(f"{where}: {location(text, pos)}: malformed token {bad!r}")
            yield kind, match.group(), pos
            pos = end


def _is_count(value: str) -> bool:
    return value.isascii() and value.isdigit()


class _Reader:
    """The token stream with one token of lookahead and errors that say where."""

    def __init__(self, text: str, where: str) -> None:
        self.text = text
        self.where = where
        self._iter = _tokens(text, where)
        self.peek = next(self._iter)

    def next(self) -> tuple[str, str, int]:
        tok = self.peek
        if tok[0] != _END:
            self.peek = next(self._iter)
        return tok

    def finish(self) -> None:
        """Mark the text as read to its end (after a fast path consumed the rest)."""
        self.peek = (_END, "", len(self.text))

    def fail(self, pos: int, message: str) -> InvalidGameError:
        return InvalidGameError(f"{self.where}: {location(self.text, pos)}: {message}")

    def expect(self, kind: str, what: str) -> tuple[str, str, int]:
        tok = self.next()
        if tok[0] != kind:
            raise self.fail(tok[2], f"expected {what}, found {_describe(tok[0], tok[1])}")
        return tok

    def number(self, what: str, *args: Any) -> int | Fraction:
        """The next number (after an optional comma); ``what.format(*args)`` names it in errors."""
        kind, value, pos = self.next()
        if kind == _COMMA:  # payoffs may be separated by commas
            kind, value, pos = self.next()
        if kind != _NUMBER:
            raise self.fail(pos, f"expected {what.format(*args)}, found {_describe(kind, value)}")
        try:
            return parse_number(value, self.where)
        except InvalidGameError:  # again, with the line and column (computed only on failure)
            return parse_number(value, f"{self.where}: {location(self.text, pos)}")

    def count(self, what: str) -> int:
        kind, value, pos = self.next()
        if kind != _NUMBER or not _is_count(value):
            raise self.fail(pos, f"expected {what} (a positive integer), found {_describe(kind, value)}")
        if len(value) > 18:
            raise self.fail(pos, f"{what} {value[:20]}... is larger than any game file may declare")
        return int(value)


def parse_nfg(text: str, *, name: str = "<string>", func: str = "parse_nfg") -> GameFile:
    """Read a two-player game from the text of a Gambit ``.nfg`` file (either version).

    Parameters
    ----------
    text : str
        The file's content.
    name : str
        What to call the text in error messages (a file name).
    func : str
        The public function named in error messages.

    Returns
    -------
    GameFile
        The game (exact payoffs), its title, comment, and ``format`` ``"nfg"`` or
        ``"nfg-outcome"``.

    Raises
    ------
    InvalidGameError
        Malformed or truncated content, a game that is not two-player, a size beyond
        :data:`~bargain._thresholds.IO_MAX_CELLS`, or a number that overflows float64; the
        message names ``func``, ``name``, the line and column.

    Examples
    --------
    >>> gf = parse_nfg('NFG 1 R "" { "P1" "P2" "P3" } { 2 2 2 }')
    Traceback (most recent call last):
    ...
    bargain.errors.InvalidGameError: parse_nfg: <string>: 3 players; bargain reads two-player games
    """
    if not isinstance(text, str):
        raise InvalidArgumentError(f"{func}: text must be a string, got {type(text).__name__}")
    where = f"{func}: {name}"
    r = _Reader(text, where)
    kind, value, pos = r.next()
    if kind != _WORD or value != "NFG":
        hint = " (an extensive-form .efg file?)" if value == "EFG" else ""
        raise r.fail(pos, f"not a strategic-form game file: it must start with 'NFG'{hint}")
    kind, value, pos = r.next()
    if kind != _NUMBER or value != "1":
        raise r.fail(pos, f"expected the format version 1 after 'NFG', found {_describe(kind, value)}")
    kind, value, pos = r.next()
    if kind != _WORD or value not in ("R", "D"):
        raise r.fail(pos, f"expected 'R' after 'NFG 1', found {_describe(kind, value)}")
    title = r.expect(_STRING, "the game's title (a quoted string)")[1]

    # players
    r.expect(_OPEN, "'{' opening the list of players")
    players: list[str] = []
    while r.peek[0] == _STRING:
        players.append(r.next()[1])
    r.expect(_CLOSE, "a player's name (a quoted string) or '}'")
    if len(players) != 2:
        raise InvalidGameError(f"{where}: {len(players)} players; bargain reads two-player games")

    # strategies: counts { m n } or labels { { ... } { ... } }
    r.expect(_OPEN, "'{' opening the strategies")
    labels: list[list[str]] | None = None
    counts: list[int] = []
    if r.peek[0] == _OPEN:
        labels = []
        while r.peek[0] == _OPEN:
            start = r.next()[2]
            if len(labels) == 2:
                raise r.fail(start, "strategies listed for more than the 2 players")
            player: list[str] = []
            while r.peek[0] == _STRING:
                player.append(r.next()[1])
                if len(player) > IO_MAX_CELLS:
                    raise r.fail(start, f"more than {IO_MAX_CELLS} strategies for one player")
            r.expect(_CLOSE, "a strategy label (a quoted string) or '}'")
            labels.append(player)
        counts = [len(p) for p in labels]
    else:
        while r.peek[0] == _NUMBER:
            counts.append(r.count("a number of strategies"))
            if len(counts) > 2:
                raise r.fail(r.peek[2], "strategy counts given for more than the 2 players")
    close = r.expect(_CLOSE, "'{', a number of strategies or '}' in the strategies")
    if len(counts) != 2:
        raise r.fail(close[2], f"strategies given for {len(counts)} players, the game has 2")
    m, n = counts
    check_cells(m, n, where)

    comment = r.next()[1] if r.peek[0] == _STRING else ""

    # payoffs, as one list per player indexed [i][j]
    a: Any = [[0] * n for _ in range(m)]
    b: Any = [[0] * n for _ in range(m)]
    profiles = m * n
    if r.peek[0] == _OPEN:
        fmt = "nfg-outcome"
        r.next()
        outcomes: list[tuple[Any, Any]] = []
        while r.peek[0] == _OPEN:
            start = r.next()[2]
            if len(outcomes) >= IO_MAX_CELLS:
                raise r.fail(start, f"more than {IO_MAX_CELLS} outcomes")
            r.expect(_STRING, "the outcome's name (a quoted string)")
            p1 = r.number("player 1's payoff in the outcome")
            p2 = r.number("player 2's payoff in the outcome")
            if r.peek[0] == _COMMA:
                r.next()
            kind, value, pos = r.next()
            if kind == _NUMBER:
                raise r.fail(pos, "an outcome lists more than 2 payoffs; bargain reads two-player games")
            if kind != _CLOSE:
                raise r.fail(pos, f"expected '}}' closing the outcome, found {_describe(kind, value)}")
            outcomes.append((p1, p2))
        r.expect(_CLOSE, "'{' opening an outcome or '}' closing the outcomes")
        for k in range(profiles):
            kind, value, pos = r.next()
            if kind != _NUMBER or not _is_count(value):
                found = _describe(kind, value)
                raise r.fail(
                    pos, f"expected the outcome number of profile {k + 1} of {profiles}, found {found}"
                )
            index = int(value) if len(value) <= 18 else len(outcomes) + 1
            if index > len(outcomes):
                raise r.fail(pos, f"outcome {value[:20]} does not exist (the file lists {len(outcomes)})")
            if index:
                a[k % m][k // m], b[k % m][k // m] = outcomes[index - 1]
    elif r.peek[0] == _NUMBER and (fast := integer_payoffs(text[r.peek[2]:], 2 * profiles)) is not None:
        fmt = "nfg"  # integers only: read in one pass (profiles run with player 1's strategy fastest)
        cells = fast.reshape(n, m, 2)
        a, b = cells[..., 0].T.copy(), cells[..., 1].T.copy()
        r.finish()
    elif r.peek[0] in (_NUMBER, _COMMA):
        fmt = "nfg"
        for k in range(profiles):
            i, j = k % m, k // m
            a[i][j] = r.number("player 1's payoff in profile {} of {}", k + 1, profiles)
            b[i][j] = r.number("player 2's payoff in profile {} of {}", k + 1, profiles)
    else:
        kind, value, pos = r.next()
        found = _describe(kind, value)
        raise r.fail(pos, f"expected the payoffs (numbers) or the outcomes ('{{'), found {found}")
    kind, value, pos = r.next()
    if kind != _END:
        extra = " (more payoffs than the 2 players' payoffs per profile?)" if kind == _NUMBER else ""
        raise r.fail(pos, f"unexpected {_describe(kind, value)} after the game's payoffs{extra}")
    game = build_game(
        where, a, b,
        players=tuple(players),
        row_actions=None if labels is None else tuple(labels[0]),
        col_actions=None if labels is None else tuple(labels[1]),
        name=title,
    )
    return GameFile(game=game, title=title, comment=comment, format=fmt)


def _quote(value: str, what: str, func: str) -> str:
    if "\x00" in value:
        raise InvalidGameError(
            f"{func}: {what} {value!r} contains a NUL character, which .nfg files cannot hold"
        )
    return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'


def format_nfg(game: Any, *, version: str = "payoff", comment: str = "", func: str = "format_nfg") -> str:
    """The text of a Gambit ``.nfg`` file for a single game.

    Parameters
    ----------
    game : Game or nashpy.Game
        A single game; exact payoffs are written exactly (``3/4``), floats as their
        shortest decimal (which reads back as the same float).
    version : {"payoff", "outcome"}
        Gambit's payoff version (one payoff per player per profile) or outcome version
        (each distinct payoff pair written once as an outcome).
    comment : str
        The file's comment string.

    Examples
    --------
    >>> import bargain as bg
    >>> g = bg.Game([[3, 0], [5, 1]], [[3, 5], [0, 1]], row_actions=("C", "D"), col_actions=("C", "D"),
    ...             players=("Ann", "Bob"), name="Prisoner's dilemma")
    >>> print(format_nfg(g, version="outcome"))
    NFG 1 R "Prisoner's dilemma" { "Ann" "Bob" }
    { { "C" "D" }
      { "C" "D" }
    }
    ""
    {
    { "" 3, 3 }
    { "" 5, 0 }
    { "" 0, 5 }
    { "" 1, 1 }
    }
    1 2 3 4
    """
    g = as_single_game(game, func)
    if version not in ("payoff", "outcome"):
        raise InvalidArgumentError(f"{func}: version must be 'payoff' or 'outcome', got {version!r}")
    if not isinstance(comment, str):
        raise InvalidArgumentError(f"{func}: comment must be a string, got {type(comment).__name__}")
    A, B = payoff_text(g)
    lines = [
        f"NFG 1 R {_quote(g.name, 'the title', func)} "
        f"{{ {_quote(g.players[0], 'the player', func)} {_quote(g.players[1], 'the player', func)} }}",
        "{ { " + " ".join(_quote(s, "the label", func) for s in g.row_actions) + " }",
        "  { " + " ".join(_quote(s, "the label", func) for s in g.col_actions) + " }",
        "}",
        _quote(comment, "the comment", func),
    ]
    # profiles in Gambit's order, player 1's strategy varying fastest: entry [j, i] of the transposes
    pairs = np.stack([A.T, B.T], axis=-1).reshape(-1, 2).tolist()
    if version == "payoff":
        lines.append("")
        lines.append(" ".join(f"{p1} {p2}" for p1, p2 in pairs))
    else:
        index: dict[tuple[str, str], int] = {}
        numbers = [index.setdefault((p1, p2), len(index) + 1) for p1, p2 in pairs]
        lines.append("{")
        lines += [f'{{ "" {p1}, {p2} }}' for p1, p2 in index]
        lines.append("}")
        lines.append(" ".join(map(str, numbers)))
    return "\n".join(lines) + "\n"
