"""Test helpers for users of bargain: hypothesis strategies and assertions.

- :mod:`bargain.testing.strategies` -- hypothesis strategies for games (degenerate integer
  games by default), mixed strategies, and per-player affine variants of a game;
- :mod:`bargain.testing.assertions` -- ``assert_certified``, ``assert_equilibrium``,
  ``assert_same_equilibria``: the invariants the library's own tests check.

Library code never imports this package. It needs ``hypothesis``, which comes with the
``test`` extra: ``pip install "bargain-games[test]"``.
"""

try:
    import hypothesis  # noqa: F401
except ImportError as exc:  # pragma: no cover - exercised in a subprocess by the tests
    raise ImportError(
        'bargain.testing needs hypothesis, which the "test" extra installs: '
        'pip install "bargain-games[test]"'
    ) from exc

from bargain.testing import assertions, strategies

__all__ = ["assertions", "strategies"]
