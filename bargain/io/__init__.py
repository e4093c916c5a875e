"""Game files: Gambit's strategic-form ``.nfg`` (payoff and outcome versions) and bargain's TOML.

>>> import tempfile, pathlib, bargain as bg
>>> from bargain.io import read_game, write_game
>>> g = bg.Game([[2, 0], [0, 1]], [[1, 0], [0, 2]], players=("Ann", "Bob"), name="Battle of the sexes")
>>> path = write_game(g, pathlib.Path(tempfile.mkdtemp()) / "bos.nfg")
>>> read_game(path).equals(g)
True

Every reader refuses hostile input with an :class:`~bargain.InvalidGameError` that names
the function, the file and the problem: files beyond
:data:`~bargain._thresholds.IO_MAX_FILE_BYTES`, declared sizes beyond
:data:`~bargain._thresholds.IO_MAX_CELLS` (checked before anything is allocated), binary
data, invalid UTF-8, truncated or malformed content, and numbers that overflow float64.
"""

from __future__ import annotations

from bargain.io._common import FORMATS, GameFile
from bargain.io.files import format_game, parse_game, read_game, read_game_file, write_game
from bargain.io.nfg import format_nfg, parse_nfg
from bargain.io.toml_format import format_toml_game, parse_toml_game

__all__ = [
    "FORMATS",
    "GameFile",
    "read_game",
    "read_game_file",
    "write_game",
    "parse_game",
    "format_game",
    "parse_nfg",
    "format_nfg",
    "parse_toml_game",
    "format_toml_game",
]
