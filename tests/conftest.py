"""Test configuration for tests/: the slow marker (hypothesis profiles live in the root conftest.py)."""

from __future__ import annotations

import os

import pytest


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Skip ``@pytest.mark.slow`` tests unless asked for (``-m slow`` or ``BARGAIN_SLOW=1``)."""
    if os.environ.get("BARGAIN_SLOW") == "1" or "slow" in (config.getoption("-m") or ""):
        return
    skip = pytest.mark.skip(reason="slow: run with BARGAIN_SLOW=1 or -m slow")
    for item in items:
        if "slow" in item.keywords:
            item.add_marker(skip)
