"""Old keyword spellings of the bargaining functions, kept working with a DeprecationWarning (private)."""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Any, TypeVar

from bargain._result import warn

__all__ = ["renamed_keyword"]

F = TypeVar("F", bound=Callable[..., Any])


def renamed_keyword(old: str, new: str, version: str = "0.2.0") -> Callable[[F], F]:
    """Accept ``old=`` as the deprecated spelling of the parameter ``new``.

    The wrapped function keeps its own signature (``inspect.signature`` follows
    ``__wrapped__``); passing both spellings is an error of the wrapped function
    (a duplicate argument).
    """

    def decorate(fn: F) -> F:
        @functools.wraps(fn)
        def wrapper(*args: Any, **kwargs: Any) -> Any:
            if old in kwargs:
                warn(
                    f"{fn.__name__}: the keyword {old}= is deprecated since {version}; "
                    f"call it {new}= (or pass it positionally)",
                    DeprecationWarning,
                )
                if new in kwargs:
                    raise TypeError(f"{fn.__name__}() got both {old}= and {new}=")
                kwargs[new] = kwargs.pop(old)
            return fn(*args, **kwargs)

        return wrapper  # type: ignore[return-value]

    return decorate
