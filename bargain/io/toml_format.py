"""bargain's own TOML game format (``bargain-game/1``): labels, exact payoffs and provenance.

A file looks like this (every key but ``format`` and the two payoff tables is optional)::

    format = "bargain-game/1"
    title = "Tariff war"
    players = ["US", "China"]
    row_actions = ["Free trade", "Tariff"]
    col_actions = ["Free trade", "Tariff"]
    row_payoffs = [[3, 1], [4, 2]]        # integers, floats, or "p/q" strings
    col_payoffs = [[3, 4], [1, 2]]

    [provenance]
    source = "Johnson (1953), Review of Economic Studies 21(2)"
    page = "142"
    note = "welfare ranks"

Numbers are read exactly: integers and ``"p/q"`` strings as fractions, floats as the
decimal written (``0.1`` is ``1/10``). Unknown keys are refused (a typo never passes
silently). Reading uses :mod:`tomllib`; writing uses the small writer below, which escapes
strings as TOML basic strings.

>>> gf = parse_toml_game('''format = "bargain-game/1"
... row_payoffs = [[2, 0], [0, "1/2"]]
... col_payoffs = [[1, 0], [0, 2.5]]''')
>>> gf.game.A.tolist(), gf.game.exact_payoffs()[1][1, 1]
([[2.0, 0.0], [0.0, 0.5]], Fraction(5, 2))
"""

from __future__ import annotations

import tomllib
from fractions import Fraction
from typing import Any

import numpy as np

from bargain.core.game import as_single_game
from bargain.errors import InvalidArgumentError, InvalidGameError
from bargain.io._common import GameFile, build_game, check_cells, parse_number, payoff_text

__all__ = ["FORMAT_TAG", "parse_toml_game", "format_toml_game"]

#: The value of the ``format`` key this module reads and writes.
FORMAT_TAG = "bargain-game/1"

_KEYS = (
    "format", "title", "players", "row_actions", "col_actions", "row_payoffs", "col_payoffs", "provenance"
)
_PROVENANCE_KEYS = ("source", "page", "note")
_SAFE_INT = 2**1000  # integers this small convert to float64 without overflow


class _FloatText(str):
    """A TOML float as written (tomllib hands it over untouched, so it is read exactly)."""


def parse_toml_game(text: str, *, name: str = "<string>", func: str = "parse_toml_game") -> GameFile:
    """Read a game from the text of a ``bargain-game/1`` TOML file.

    Raises
    ------
    InvalidGameError
        Invalid TOML, a missing, unknown or mistyped key, ragged payoff tables, labels that
        do not match the payoffs, or a number that overflows float64; the message names
        ``func`` and ``name``.

    Examples
    --------
    >>> parse_toml_game('format = "bargain-game/1"\\nrow_payoffs = [[1]]\\ncol_payoffs = [[1]]\\nsize = 3')
    Traceback (most recent call last):
    ...
    bargain.errors.InvalidGameError: parse_toml_game: <string>: unknown key 'size' (the keys are format, \
title, players, row_actions, col_actions, row_payoffs, col_payoffs, provenance)
    """
    if not isinstance(text, str):
        raise InvalidArgumentError(f"{func}: text must be a string, got {type(text).__name__}")
    where = f"{func}: {name}"
    try:
        data = tomllib.loads(text, parse_float=_FloatText)
    except tomllib.TOMLDecodeError as exc:
        raise InvalidGameError(f"{where}: not valid TOML ({exc})") from None
    except RecursionError:
        raise InvalidGameError(f"{where}: not valid TOML (arrays or tables nested too deeply)") from None
    except ValueError as exc:  # an integer beyond Python's digit limit
        raise InvalidGameError(f"{where}: not valid TOML ({str(exc)[:120]})") from None
    _check_keys(data, _KEYS, "", where)
    tag = data.get("format")
    if tag is None:
        raise InvalidGameError(f"{where}: the key 'format' is missing (write format = \"{FORMAT_TAG}\")")
    if tag != FORMAT_TAG:
        raise InvalidGameError(f"{where}: format must be {FORMAT_TAG!r}, got {_short(tag)}")
    title = _string(data, "title", where)
    a = _table(data, "row_payoffs", where)
    b = _table(data, "col_payoffs", where)
    if (len(a), len(a[0])) != (len(b), len(b[0])):
        raise InvalidGameError(
            f"{where}: row_payoffs is {len(a)} x {len(a[0])} but col_payoffs is {len(b)} x {len(b[0])}"
        )
    m, n = len(a), len(a[0])
    players = _labels(data, "players", 2, where)
    row_actions = _labels(data, "row_actions", m, where)
    col_actions = _labels(data, "col_actions", n, where)
    provenance = data.get("provenance", {})
    if not isinstance(provenance, dict):
        raise InvalidGameError(
            f"{where}: provenance must be a table ([provenance]), got {_short(provenance)}"
        )
    _check_keys(provenance, _PROVENANCE_KEYS, "provenance.", where)
    source = _string(provenance, "source", where, "provenance.")
    note = _string(provenance, "note", where, "provenance.")
    page = provenance.get("page", "")
    if isinstance(page, bool) or not isinstance(page, int | str) or isinstance(page, _FloatText):
        raise InvalidGameError(f"{where}: provenance.page must be a string or an integer, got {_short(page)}")
    game = build_game(
        where, a, b, players=players, row_actions=row_actions, col_actions=col_actions, name=title
    )
    return GameFile(game=game, title=title, comment=note, source=source, page=str(page), format="toml")


def _short(value: Any) -> str:
    text = repr(str(value) if isinstance(value, _FloatText) else value)
    return text if len(text) <= 60 else text[:57] + "..."


def _check_keys(table: dict[str, Any], known: tuple[str, ...], prefix: str, where: str) -> None:
    for key in table:
        if key not in known:
            raise InvalidGameError(
                f"{where}: unknown key {prefix + key!r} (the keys are {', '.join(prefix + k for k in known)})"
            )


def _string(table: dict[str, Any], key: str, where: str, prefix: str = "") -> str:
    value = table.get(key, "")
    if not isinstance(value, str) or isinstance(value, _FloatText):
        raise InvalidGameError(f"{where}: {prefix}{key} must be a string, got {_short(value)}")
    return value


def _labels(data: dict[str, Any], key: str, count: int, where: str) -> tuple[str, ...] | None:
    if key not in data:
        return None
    value = data[key]
    if not isinstance(value, list) or not all(
        isinstance(v, str) and not isinstance(v, _FloatText) for v in value
    ):
        raise InvalidGameError(f"{where}: {key} must be a list of strings, got {_short(value)}")
    if len(value) != count:
        what = "the game has 2 players" if key == "players" else f"the payoffs have {count}"
        raise InvalidGameError(f"{where}: {key} lists {len(value)} labels but {what}")
    return tuple(value)


def _table(data: dict[str, Any], key: str, where: str) -> list[list[int | Fraction]]:
    """A rectangular table of exact numbers."""
    if key not in data:
        raise InvalidGameError(f"{where}: the key {key!r} is missing (a list of rows of payoffs)")
    rows = data[key]
    if not isinstance(rows, list) or not rows or not all(isinstance(r, list) for r in rows):
        raise InvalidGameError(f"{where}: {key} must be a non-empty list of rows (lists of numbers)")
    m, n = len(rows), len(rows[0])
    check_cells(m, n, f"{where}: {key}")
    out: list[list[int | Fraction]] = []
    for i, row in enumerate(rows):
        if len(row) != n:
            raise InvalidGameError(f"{where}: {key} is ragged: row 0 has {n} entries, row {i} has {len(row)}")
        out.append([
            v if type(v) is int and -_SAFE_INT <= v <= _SAFE_INT else _number(v, f"{where}: {key}[{i}][{j}]")
            for j, v in enumerate(row)
        ])
    return out


def _number(value: Any, where: str) -> int | Fraction:
    if isinstance(value, bool):
        raise InvalidGameError(f"{where}: expected a number, got the boolean {str(value).lower()}")
    if isinstance(value, _FloatText):
        text = str(value).replace("_", "")
        if text.lstrip("+-") in ("inf", "nan"):
            raise InvalidGameError(f"{where}: payoffs must be finite, got {text}")
        return parse_number(text, where)
    if isinstance(value, int):
        try:
            float(value)
        except OverflowError:
            digits = len(str(abs(value)))
            raise InvalidGameError(f"{where}: an integer of {digits} digits overflows float64") from None
        return value
    if isinstance(value, str):
        return parse_number(value.strip(), where)
    raise InvalidGameError(
        f"{where}: expected a number (an integer, a float or a \"p/q\" string), got {_short(value)}"
    )


# ---------------------------------------------------------------------------------- writing
_ESCAPES = {"\\": "\\\\", '"': '\\"', "\b": "\\b", "\t": "\\t", "\n": "\\n", "\f": "\\f", "\r": "\\r"}


def toml_string(value: str) -> str:
    """``value`` as a TOML basic string (quotes, backslashes and control characters escaped).

    >>> print(toml_string('say "hi"\\\\ \\n'))
    "say \\"hi\\"\\\\ \\n"
    """
    out = []
    for ch in value:
        if ch in _ESCAPES:
            out.append(_ESCAPES[ch])
        elif ch < " " or ch == "\x7f":
            out.append(f"\\u{ord(ch):04X}")
        else:
            out.append(ch)
    return '"' + "".join(out) + '"'


def _toml_cell(text: str) -> str:
    """A payoff written by :func:`~bargain.io._common.format_number` as a TOML value."""
    if "/" in text:
        return f'"{text}"'  # a fraction, as a "p/q" string
    if any(c in text for c in ".eE"):
        return text  # a float's repr is a valid TOML float (payoffs are finite)
    if len(text.lstrip("+-")) > 18 and not -(2**63) <= int(text) < 2**63:
        return f'"{text}"'  # beyond TOML's 64-bit integers: a string, read back exactly
    return text


def _string_list(values: tuple[str, ...]) -> str:
    return "[" + ", ".join(toml_string(v) for v in values) + "]"


def format_toml_game(
    game: Any,
    *,
    source: str | None = None,
    page: str | int | None = None,
    comment: str | None = None,
    func: str = "format_toml_game",
) -> str:
    """The text of a ``bargain-game/1`` TOML file for a single game.

    Exact payoffs are written exactly (integers, ``"p/q"`` strings); float payoffs as their
    shortest decimal. ``source``, ``page`` and ``comment`` (the note) go to ``[provenance]``.

    Examples
    --------
    >>> import bargain as bg
    >>> g = bg.Game([[3, 0], [5, 1]], [[3, 5], [0, Fraction(1, 2)]], players=("Ann", "Bob"), name="PD")
    >>> print(format_toml_game(g, source="Textbook", page=12))
    format = "bargain-game/1"
    title = "PD"
    players = ["Ann", "Bob"]
    row_actions = ["r0", "r1"]
    col_actions = ["c0", "c1"]
    row_payoffs = [[3, 0], [5, 1]]
    col_payoffs = [[3, 5], [0, "1/2"]]
    <BLANKLINE>
    [provenance]
    source = "Textbook"
    page = "12"
    """
    g = as_single_game(game, func)
    for key, value in (("source", source), ("comment", comment)):
        if value is not None and not isinstance(value, str):
            raise InvalidArgumentError(f"{func}: {key} must be a string, got {type(value).__name__}")
    if page is not None and (isinstance(page, bool) or not isinstance(page, str | int)):
        raise InvalidArgumentError(f"{func}: page must be a string or an integer, got {type(page).__name__}")
    A, B = payoff_text(g)
    cell = np.frompyfunc(_toml_cell, 1, 1)

    def table(M: np.ndarray) -> str:
        rows = ("[" + ", ".join(row) + "]" for row in cell(M).tolist())
        return "[" + ", ".join(rows) + "]"

    lines = [
        f"format = {toml_string(FORMAT_TAG)}",
        f"title = {toml_string(g.name)}",
        f"players = {_string_list(g.players)}",
        f"row_actions = {_string_list(g.row_actions)}",
        f"col_actions = {_string_list(g.col_actions)}",
        f"row_payoffs = {table(A)}",
        f"col_payoffs = {table(B)}",
    ]
    provenance = [
        f"{key} = {toml_string(str(value))}"
        for key, value in (("source", source), ("page", page), ("note", comment))
        if value is not None
    ]
    if provenance:
        lines += ["", "[provenance]", *provenance]
    return "\n".join(lines) + "\n"
