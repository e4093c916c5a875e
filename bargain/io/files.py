"""Reading and writing game files: the format from the suffix, sizes checked before reading.

``read_game_file`` stats the path first (a FIFO, a directory or a file beyond
:data:`~bargain._thresholds.IO_MAX_FILE_BYTES` is refused without reading it), reads the
bytes, decodes them strictly (:func:`bargain.io._common.decode`) and hands the text to the
format's parser. ``write_game`` picks the format from the suffix (``.nfg``, ``.toml``)
unless ``format=`` says otherwise.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path
from typing import Any

from bargain._thresholds import IO_MAX_FILE_BYTES
from bargain.core.game import Game, as_single_game
from bargain.errors import InvalidArgumentError, InvalidGameError
from bargain.io._common import FORMATS, GameFile, decode
from bargain.io.nfg import format_nfg, parse_nfg
from bargain.io.toml_format import format_toml_game, parse_toml_game

__all__ = ["read_game", "read_game_file", "write_game", "parse_game", "format_game"]

_SUFFIXES = {".nfg": "nfg", ".toml": "toml"}


def _as_path(path: Any, func: str) -> Path:
    if isinstance(path, str | os.PathLike):
        return Path(path)
    raise InvalidArgumentError(f"{func}: path must be a str or os.PathLike, got {type(path).__name__}")


def _check_format(fmt: Any, func: str) -> str:
    if fmt not in FORMATS:
        known = ", ".join(map(repr, FORMATS))
        raise InvalidArgumentError(f"{func}: format must be one of {known}, got {fmt!r}")
    return fmt


def _format_from_suffix(path: Path, func: str) -> str | None:
    suffix = path.suffix.lower()
    if suffix in (".efg",):
        raise InvalidGameError(
            f"{func}: {path}: extensive-form (.efg) files are not read; save the game's strategic form "
            "(.nfg) from Gambit"
        )
    return _SUFFIXES.get(suffix)


def parse_game(
    text: str, *, format: str | None = None, name: str = "<string>", func: str = "parse_game"
) -> GameFile:
    """Read a game from a file's text; ``format`` ``"nfg"`` or ``"toml"`` (``None``: guessed).

    Without ``format``, text starting with ``NFG`` is read as Gambit's format, anything
    else as TOML.

    >>> parse_game('NFG 1 R "" { "A" "B" } { 1 2 } 1 2 3 4').game.B.tolist()
    [[2.0, 4.0]]
    """
    if not isinstance(text, str):
        raise InvalidArgumentError(f"{func}: text must be a string, got {type(text).__name__}")
    if format is None:
        format = "nfg" if text.lstrip().startswith("NFG") else "toml"
    fmt = _check_format(format, func)
    if fmt.startswith("nfg"):
        return parse_nfg(text, name=name, func=func)
    return parse_toml_game(text, name=name, func=func)


def format_game(
    game: Any,
    *,
    format: str = "nfg",
    source: str | None = None,
    page: str | int | None = None,
    comment: str | None = None,
    func: str = "format_game",
) -> str:
    """The text of a game file: ``"nfg"`` (payoff version), ``"nfg-outcome"`` or ``"toml"``.

    ``.nfg`` files have no provenance fields: ``source`` and ``page`` are refused there
    (write TOML, or put them in ``comment``).
    """
    fmt = _check_format(format, func)
    if fmt == "toml":
        return format_toml_game(game, source=source, page=page, comment=comment, func=func)
    if source is not None or page is not None:
        raise InvalidArgumentError(
            f"{func}: .nfg files have no source or page fields; write TOML (format='toml'), or put "
            "the provenance in comment="
        )
    version = "outcome" if fmt == "nfg-outcome" else "payoff"
    return format_nfg(game, version=version, comment=comment or "", func=func)


def read_game_file(path: str | os.PathLike[str], *, format: str | None = None) -> GameFile:
    """Read a game file (Gambit ``.nfg`` or bargain's TOML) with its title, comment and provenance.

    Parameters
    ----------
    path : str or path-like
        The file. Its suffix picks the format (``.nfg``, ``.toml``); other suffixes are
        read by content (``NFG`` at the start means Gambit's format).
    format : {"nfg", "nfg-outcome", "toml"}, optional
        Force a format (both Gambit versions are read by ``"nfg"``).

    Returns
    -------
    GameFile
        ``game``, ``title``, ``comment``, ``source``, ``page`` and ``format``.

    Raises
    ------
    InvalidGameError
        The file is not a regular file, exceeds
        :data:`~bargain._thresholds.IO_MAX_FILE_BYTES`, holds binary data or invalid
        UTF-8, or its content is malformed, truncated, too large, or not a two-player game.
        The message names ``read_game_file``, the path and the problem.
    OSError
        The file cannot be opened (missing, no permission).

    Examples
    --------
    >>> import tempfile, pathlib, bargain as bg
    >>> path = pathlib.Path(tempfile.mkdtemp()) / "pd.toml"
    >>> g = bg.Game([[3, 0], [5, 1]], [[3, 5], [0, 1]], row_actions=("C", "D"), col_actions=("C", "D"))
    >>> _ = write_game(g, path, source="Poundstone (1992), Prisoner's Dilemma", page=8)
    >>> gf = read_game_file(path)
    >>> gf.game.equals(g), gf.source, gf.page, gf.format
    (True, "Poundstone (1992), Prisoner's Dilemma", '8', 'toml')
    """
    return _read(path, format, "read_game_file")


def read_game(path: str | os.PathLike[str], *, format: str | None = None) -> Game:
    """Read the game of a game file (see :func:`read_game_file`, which also returns its provenance).

    >>> import tempfile, pathlib, bargain as bg
    >>> path = pathlib.Path(tempfile.mkdtemp()) / "bos.nfg"
    >>> _ = path.write_text('NFG 1 R "BoS" { "Ann" "Bob" } { 2 2 }\\n2 1 0 0 0 0 1 2\\n')
    >>> len(bg.nash_equilibria(read_game(path)))
    3
    """
    return _read(path, format, "read_game").game


def _read(path: Any, format: str | None, func: str) -> GameFile:
    p = _as_path(path, func)
    fmt = None if format is None else _check_format(format, func)
    where = f"{func}: {p}"
    info = os.stat(p)
    if not stat.S_ISREG(info.st_mode):
        raise InvalidGameError(f"{where}: not a regular file (a directory, device or pipe)")
    if info.st_size > IO_MAX_FILE_BYTES:
        raise InvalidGameError(
            f"{where}: the file has {info.st_size} bytes, more than the {IO_MAX_FILE_BYTES} a game "
            "file may have"
        )
    if fmt is None:
        fmt = _format_from_suffix(p, func)
    with open(p, "rb") as fh:
        data = fh.read(IO_MAX_FILE_BYTES + 1)
    if len(data) > IO_MAX_FILE_BYTES:  # the file grew after stat
        raise InvalidGameError(
            f"{where}: the file has more than the {IO_MAX_FILE_BYTES} bytes a game file may have"
        )
    text = decode(data, where)
    if not text.strip():
        raise InvalidGameError(f"{where}: the file is empty")
    return parse_game(text, format=fmt, name=str(p), func=func)


def write_game(
    game: Any,
    path: str | os.PathLike[str],
    *,
    format: str | None = None,
    source: str | None = None,
    page: str | int | None = None,
    comment: str | None = None,
) -> Path:
    """Write a single game to a file: Gambit ``.nfg`` or bargain's TOML.

    Parameters
    ----------
    game : Game or nashpy.Game
        A single game. Exact payoffs are written exactly; float payoffs as their shortest
        decimal, which reads back as the same float.
    path : str or path-like
        Where to write (overwritten).
    format : {"nfg", "nfg-outcome", "toml"}, optional
        Default: from the suffix (``.nfg``: payoff version, ``.toml``).
    source, page : optional
        Provenance (TOML only).
    comment : str, optional
        Gambit's comment string, or the TOML note.

    Returns
    -------
    Path
        The path written.

    Examples
    --------
    >>> import tempfile, pathlib, bargain as bg
    >>> path = pathlib.Path(tempfile.mkdtemp()) / "mp.nfg"
    >>> _ = write_game(bg.Game.zero_sum([[1, -1], [-1, 1]], name="Matching pennies"), path)
    >>> print(path.read_text().splitlines()[0])
    NFG 1 R "Matching pennies" { "Row" "Column" }
    """
    func = "write_game"
    g = as_single_game(game, func)
    p = _as_path(path, func)
    if format is None:
        fmt = _format_from_suffix(p, func)
        if fmt is None:
            raise InvalidArgumentError(
                f"{func}: cannot tell the format from the suffix of {p} (use .nfg or .toml, or pass "
                "format='nfg', 'nfg-outcome' or 'toml')"
            )
    else:
        fmt = _check_format(format, func)
    text = format_game(g, format=fmt, source=source, page=page, comment=comment, func=func)
    try:
        data = text.encode("utf-8")
    except UnicodeEncodeError as exc:
        raise InvalidGameError(
            f"{func}: a label or title holds {text[exc.start:exc.end]!r}, which UTF-8 cannot encode"
        ) from None
    p.write_bytes(data)
    return p
