"""Root conftest: doctests see numpy as ``np`` and bargain as ``bg``."""

import numpy as np
import pytest


@pytest.fixture(autouse=True)
def _doctest_namespace(doctest_namespace: dict) -> None:
    import bargain

    doctest_namespace["np"] = np
    doctest_namespace["bg"] = bargain
