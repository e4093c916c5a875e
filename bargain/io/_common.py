"""What the file formats share: the :class:`GameFile` record, bounded number parsing, decoding, game building.

Every check a hostile file could defeat lives here once: the text is decoded strictly
(no NUL bytes, valid UTF-8), numbers are read with a bounded token length and exponent (so
``1e999999999`` never expands into a billion-digit integer) and refused when they overflow
float64, and games are built only after their size was checked against
:data:`~bargain._thresholds.IO_MAX_CELLS`. Errors are :class:`~bargain.InvalidGameError`
and start with ``where`` (the function and the file), then the line and column.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from fractions import Fraction

import numpy as np

from bargain._thresholds import IO_MAX_CELLS, IO_MAX_EXPONENT, IO_MAX_NUMBER_CHARS
from bargain.core.game import Game
from bargain.errors import InvalidGameError

__all__ = ["GameFile", "FORMATS", "decode", "location", "parse_number", "format_number", "build_game"]

#: The formats a game file can have: Gambit's strategic form (payoff and outcome versions) and TOML.
FORMATS = ("nfg", "nfg-outcome", "toml")

_INT64_MAX = 2**63 - 1


@dataclass(frozen=True, eq=False)
class GameFile:
    """A game read from a file, with what the file says about it.

    Attributes
    ----------
    game : Game
        The game (payoffs read exactly: integers, fractions and decimals become
        :class:`~fractions.Fraction` values kept for ``exact=True``).
    title : str
        The file's title (also ``game.name``).
    comment : str
        Gambit's comment string, or the TOML ``[provenance] note``.
    source, page : str
        Where the game comes from (TOML ``[provenance]``; empty when not given).
    format : str
        ``"nfg"`` (Gambit, payoff version), ``"nfg-outcome"`` (Gambit, outcome version) or
        ``"toml"``.
    """

    game: Game
    title: str = ""
    comment: str = ""
    source: str = ""
    page: str = ""
    format: str = "nfg"

    def __repr__(self) -> str:
        m, n = self.game.shape
        extra = f", source {self.source!r}" if self.source else ""
        return f"<GameFile {self.format}: {self.title!r}, {m}x{n}{extra}>"


def location(text: str, pos: int) -> str:
    """``"line L, column C"`` of offset ``pos`` in ``text`` (1-based)."""
    line = text.count("\n", 0, pos) + 1
    column = pos - (text.rfind("\n", 0, pos) + 1) + 1
    return f"line {line}, column {column}"


def decode(data: bytes, where: str) -> str:
    """UTF-8 text of a file's bytes (a leading BOM dropped); binary data is refused.

    >>> decode(b"NFG 1 R", "f: x")
    'NFG 1 R'
    >>> decode(b"NFG\\x00", "f: x")
    Traceback (most recent call last):
    ...
    bargain.errors.InvalidGameError: f: x: binary data (a NUL byte at byte offset 3); a game file is text
    """
    nul = data.find(b"\x00")
    if nul >= 0:
        raise InvalidGameError(f"{where}: binary data (a NUL byte at byte offset {nul}); a game file is text")
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise InvalidGameError(
            f"{where}: not UTF-8 text (invalid byte 0x{data[exc.start]:02x} at byte offset {exc.start}); "
            "save the file as UTF-8"
        ) from None


#: A number as game files write it: an integer, p/q, or a decimal with an optional exponent.
NUMBER = re.compile(r"[+-]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)(?:[eE][+-]?[0-9]+)?(?:/[0-9]+)?")
_PARTS = re.compile(
    r"(?P<sign>[+-]?)(?:(?P<int>[0-9]+)(?:\.(?P<frac>[0-9]*))?|\.(?P<frac2>[0-9]+))"
    r"(?:[eE](?P<exp>[+-]?[0-9]+))?(?:/(?P<den>[0-9]+))?"
)
#: Numbers with fewer digits than this, and no exponent, cannot overflow float64 (checked otherwise).
_SAFE_DIGITS = 300


def parse_number(token: str, where: str) -> int | Fraction:
    """The exact value of a number token: an ``int``, or a :class:`~fractions.Fraction`.

    Decimals are read as the decimal written (``0.1`` is ``1/10``). Refused: tokens longer
    than :data:`~bargain._thresholds.IO_MAX_NUMBER_CHARS`, exponents beyond
    :data:`~bargain._thresholds.IO_MAX_EXPONENT` (so ``1e999999999`` never becomes a
    billion-digit integer), a zero denominator, and values that overflow float64.

    >>> parse_number("3/4", "f"), parse_number("-12", "f"), parse_number(".5e-1", "f")
    (Fraction(3, 4), -12, Fraction(1, 20))
    """
    if len(token) > IO_MAX_NUMBER_CHARS:
        raise InvalidGameError(
            f"{where}: a number of {len(token)} characters (the limit is {IO_MAX_NUMBER_CHARS}): "
            f"{token[:20]}..."
        )
    parts = _PARTS.fullmatch(token)
    if parts is None:
        raise InvalidGameError(f"{where}: {token[:40]!r} is not a number (write 3, -1.5, 2.5e3 or 3/4)")
    sign, whole, frac, frac2, exp, den = parts.group("sign", "int", "frac", "frac2", "exp", "den")
    frac = frac or frac2 or ""
    decimal = parts.group("frac") is not None or frac2 is not None
    value: int | Fraction
    if den is not None:
        if decimal or exp is not None:
            raise InvalidGameError(f"{where}: {token!r}: a fraction is written p/q with integers p and q")
        if int(den) == 0:
            raise InvalidGameError(f"{where}: {token!r} has a zero denominator")
        value = Fraction(int(sign + whole), int(den))
    else:
        power = 0 if exp is None else int(exp)
        if abs(power) > IO_MAX_EXPONENT:
            raise InvalidGameError(
                f"{where}: {token!r}: the exponent is beyond +-{IO_MAX_EXPONENT} (no float64 payoff "
                "is that large, and none that small is distinguishable from 0)"
            )
        digits = int(sign + (whole or "0") + frac)
        power -= len(frac)
        value = digits * 10**power if power >= 0 else Fraction(digits, 10**-power)
    if isinstance(value, Fraction) and value.denominator == 1:
        value = value.numerator
    if exp is not None or len(token) >= _SAFE_DIGITS:
        try:
            float(value)
        except OverflowError:
            raise InvalidGameError(
                f"{where}: {token[:40]!r} overflows float64 (payoffs must be below about 1.8e308 in "
                "magnitude); rescale the payoffs"
            ) from None
    return value


def format_number(value: object) -> str:
    """A payoff as files write it: an integer, ``p/q``, or a float's shortest decimal.

    >>> format_number(Fraction(3, 4)), format_number(Fraction(5)), format_number(0.1), format_number(2.0)
    ('3/4', '5', '0.1', '2.0')
    """
    if isinstance(value, Fraction):
        return str(value.numerator) if value.denominator == 1 else f"{value.numerator}/{value.denominator}"
    if isinstance(value, int | np.integer) and not isinstance(value, bool):
        return str(int(value))
    return repr(float(value))  # type: ignore[arg-type]


def payoff_values(game: Game) -> tuple[np.ndarray, np.ndarray]:
    """Payoffs to write: exact values when the game keeps them (int64 arrays when it stores
    integers that way, else Fractions), else its floats."""
    if not game.has_exact_payoffs:
        return game.A, game.B
    stored = getattr(game, "_exact", None)  # integer games keep int64 arrays: no Fraction per entry
    if isinstance(stored, tuple) and all(getattr(x, "dtype", None) == np.int64 for x in stored):
        return stored[0], stored[1]
    return game.exact_payoffs()


def payoff_text(game: Game) -> tuple[np.ndarray, np.ndarray]:
    """Each payoff as files write it (:func:`format_number`), as object arrays of str."""
    text = np.frompyfunc(str, 1, 1)
    out = []
    for M in payoff_values(game):
        out.append(text(M) if M.dtype == np.int64 else np.frompyfunc(format_number, 1, 1)(M))
    return out[0], out[1]


_NOT_INTEGER_TEXT = re.compile(r"[^0-9\s,+-]")


def integer_payoffs(text: str, count: int) -> np.ndarray | None:
    """``count`` integers (int64) separated by whitespace or commas, or ``None``.

    The fast path of large integer games; anything else (a decimal, a fraction, a stray
    token, a wrong count) returns ``None`` and the token-by-token parser reads the text
    and reports the problem with its line and column.
    """
    if _NOT_INTEGER_TEXT.search(text) is not None:
        return None
    tokens = text.replace(",", " ").split()
    if len(tokens) != count or any(len(t.lstrip("+-")) > 18 for t in tokens):
        return None
    try:
        return np.array([int(t) for t in tokens], dtype=np.int64)
    except ValueError:  # "+-5", "5-3", a lone sign
        return None


def check_cells(m: int, n: int, where: str) -> None:
    """Refuse a declared size before anything is allocated for it."""
    if m < 1 or n < 1:
        raise InvalidGameError(f"{where}: each player needs at least one strategy, got {m} x {n}")
    if m * n > IO_MAX_CELLS:
        raise InvalidGameError(
            f"{where}: a {m} x {n} game has {m * n} cells, more than the {IO_MAX_CELLS} a game file "
            "may declare"
        )


def build_game(
    where: str,
    a: Sequence[Sequence[int | Fraction]] | np.ndarray,
    b: Sequence[Sequence[int | Fraction]] | np.ndarray,
    *,
    players: Sequence[str] | None,
    row_actions: Sequence[str] | None,
    col_actions: Sequence[str] | None,
    name: str,
) -> Game:
    """A :class:`Game` with exact payoffs (int64 when every value fits, else Fractions).

    ``a`` and ``b`` are nested lists of ``int``/``Fraction``, or int64 arrays.
    """
    arrays: list[np.ndarray] = []
    if isinstance(a, np.ndarray) and isinstance(b, np.ndarray):
        arrays = [a, b]
        flat_a = flat_b = []
    else:
        flat_a = [v for row in a for v in row]
        flat_b = [v for row in b for v in row]
        shape = (len(a), len(a[0]))
    # both int64, or both objects: a game keeps one exact kind for both players
    if arrays:
        pass
    elif all(type(v) is int and -_INT64_MAX <= v <= _INT64_MAX for v in flat_a + flat_b):
        arrays = [np.array(flat, dtype=np.int64).reshape(shape) for flat in (flat_a, flat_b)]
    else:
        for flat in (flat_a, flat_b):
            arr = np.empty(shape, dtype=object)
            arr.ravel()[:] = flat
            arrays.append(arr)
    named = (("player names", players), ("row actions", row_actions), ("column actions", col_actions))
    for what, labels in named:
        if labels is not None and len(set(labels)) != len(labels):
            seen: set[str] = set()
            dup = next(x for x in labels if x in seen or seen.add(x))  # type: ignore[func-returns-value]
            raise InvalidGameError(f"{where}: the {what} must be distinct; {dup!r} appears twice")
    try:
        return Game(
            arrays[0], arrays[1], players=players, row_actions=row_actions, col_actions=col_actions, name=name
        )
    except InvalidGameError as exc:
        raise InvalidGameError(f"{where}: {exc}") from None
