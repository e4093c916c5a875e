"""Test helpers for users of bargain: hypothesis strategies (``bargain.testing.strategies``).

Library code never imports this package; it needs ``hypothesis`` (the ``test`` extra).
"""

from bargain.testing import strategies

__all__ = ["strategies"]
