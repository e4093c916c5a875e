"""Root test configuration: hypothesis profiles (for tests and doctests) and the doctest namespace.

Plain ``pytest`` is deterministic: the default hypothesis profile, ``ci``, derandomizes
every property test (each run draws the same examples) and keeps no example database, so
no run can leave behind a stored failure that makes the next run fail. Random search is
opt-in: ``HYPOTHESIS_PROFILE=dev pytest`` (new examples on every run, failures remembered
in ``.hypothesis/``) or ``HYPOTHESIS_PROFILE=exhaustive pytest`` (2,000 examples a test).
"""

from __future__ import annotations

import os

import numpy as np
import pytest
from hypothesis import HealthCheck, settings
from hypothesis.database import DirectoryBasedExampleDatabase

settings.register_profile(
    "ci",
    max_examples=60,
    derandomize=True,
    database=None,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
    print_blob=True,
)
# Every profile states derandomize and database itself: hypothesis's defaults change when it
# detects a CI environment (the CI variable), and a profile must mean the same thing everywhere.
settings.register_profile(
    "dev",
    max_examples=100,
    derandomize=False,
    database=DirectoryBasedExampleDatabase(".hypothesis/examples"),
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)
settings.register_profile(
    "exhaustive",
    max_examples=2000,
    derandomize=False,
    database=None,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE") or "ci")


@pytest.fixture(autouse=True)
def _doctest_namespace(doctest_namespace: dict) -> None:
    """Doctests see numpy as ``np`` and bargain as ``bg``."""
    import bargain

    doctest_namespace["np"] = np
    doctest_namespace["bg"] = bargain
