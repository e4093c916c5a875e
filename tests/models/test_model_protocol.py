"""The model protocol (bargain.models._base): declaration, validation, broadcasting, results, registry."""

from __future__ import annotations

import inspect
from dataclasses import dataclass
from fractions import Fraction
from typing import Any

import numpy as np
import pytest

import bargain as bg
from bargain.models import (
    DISCOUNT,
    POSITIVE,
    REQUIRED,
    Domain,
    ModelResult,
    Parameter,
    get_model,
    model,
    output,
    registry,
)


@dataclass(frozen=True, eq=False, repr=False)
class _Split(ModelResult):
    share: Any = output("the proposer's share", unit="share of pie")
    shares: Any = output("both shares", unit="share of pie", dims=("player",))
    payoffs: Any = output("payoff of each side", kind="mapping", keys=("proposer", "responder"))
    game: Any = output("a 2x2 game", kind="game")


def _split(delta, weight, outside, side):
    share = (1 - delta * outside[..., 0]) / (1 + delta) * weight
    g = bg.Game(np.stack([np.stack([share, 0 * share], -1), np.stack([0 * share, 1 - share], -1)], -2))
    return {
        "share": share,
        "shares": np.stack([share, 1 - share], axis=-1),
        "payoffs": {"proposer": share, "responder": 1 - share},
        "game": g,
        "message": f"side {side}",
    }


SPLIT = model(
    family="example",
    source="Rubinstein (1982), Section 4",
    parameters=[
        Parameter("delta", "discount factor", domain=DISCOUNT),
        Parameter("weight", "a scale", unit="pie", domain=POSITIVE, default=1),
        Parameter(
            "outside", "outside options", kind="vector", dim="player", domain=Domain(0, 1), default=(0, 0),
            min_size=2,
        ),
        Parameter("side", "who proposes", kind="option", choices=(None, 0, 1), default=None),
    ],
    result=_Split,
    exact=True,
    register=False,
)(_split)


def test_signature_required_positional_defaults_keyword_only():
    sig = inspect.signature(SPLIT)
    kinds = {n: p.kind for n, p in sig.parameters.items()}
    assert kinds["delta"] is inspect.Parameter.POSITIONAL_OR_KEYWORD
    assert all(kinds[n] is inspect.Parameter.KEYWORD_ONLY for n in ("weight", "outside", "side", "exact"))
    assert sig.parameters["weight"].default == 1 and sig.parameters["exact"].default is False


def test_scalar_call_gives_scalars_and_frozen_result():
    r = SPLIT(0.5)
    assert r.shape == () and isinstance(r.share, np.floating) and r.share == pytest.approx(2 / 3)
    assert r.shares.shape == (2,) and not r.shares.flags.writeable
    assert r.payoffs["responder"] == pytest.approx(1 / 3)
    assert r.model == "example._split" and r.success and r.message == "side None"
    with pytest.raises(AttributeError):
        r.share = 1  # type: ignore[misc]
    with pytest.raises(TypeError):
        r.payoffs["proposer"] = 0  # type: ignore[index]
    text = repr(r)
    assert "share [share of pie] = 0.666667" in text and "2x2 game" in text and "status=SUCCESS" in text


def test_broadcasting_matches_pointwise_calls():
    deltas = np.linspace(0, 0.9, 4)[:, None]
    weights = np.array([1.0, 2.0, 3.0])
    outside = np.array([[0.1, 0.2]])
    r = SPLIT(deltas, weight=weights, outside=outside)
    assert r.shape == (4, 3) and r.share.shape == (4, 3) and r.shares.shape == (4, 3, 2)
    assert r.game.batch_shape == (4, 3) and r.game.shape == (2, 2)
    for i in range(4):
        for j in range(3):
            one = SPLIT(float(deltas[i, 0]), weight=float(weights[j]), outside=[0.1, 0.2])
            assert r.share[i, j] == pytest.approx(one.share)
    arrays = r.arrays()
    assert set(arrays) == {"share", "shares", "payoffs.proposer", "payoffs.responder"}
    assert "12 parameter points" in repr(r)


def test_exact_path_returns_fractions():
    r = SPLIT("1/2", weight=1, outside=[Fraction(1, 10), 0], exact=True)
    assert r.share == Fraction(19, 30)
    r2 = SPLIT([0.5, 0.25], exact=True)
    assert r2.share.dtype == object and r2.share.tolist() == [Fraction(2, 3), Fraction(4, 5)]
    assert r2.arrays()["share"].dtype == np.float64


@pytest.mark.parametrize(
    ("kwargs", "match"),
    [
        ({"delta": 1.0}, r"example\._split: delta must be in \[0, 1\) \(discount factor\), got 1"),
        ({"delta": [0.5, -0.1]}, r"delta must be in \[0, 1\).*got -0.1 at index \(1,\)"),
        ({"delta": 0.5, "weight": 0}, r"weight must be in \(0, inf\)"),
        ({"delta": True}, "delta must be real"),
        ({"delta": np.nan}, "delta must be finite"),
        ({"delta": "half"}, "delta must be real"),
        ({"delta": 0.5, "outside": [0.1]}, r"outside needs at least 2 entries.*\(player\)"),
        ({"delta": 0.5, "outside": 0.1}, "outside must have at least 1 dimension"),
        ({"delta": 0.5, "side": 2}, "side must be one of None, 0, 1; got 2"),
        ({"delta": 0.5, "side": True}, "side must be one of"),
        ({"delta": [0.1, 0.2], "weight": [1, 2, 3]}, "parameter shapes do not broadcast"),
        ({}, "missing a required argument: 'delta'"),
        ({"delta": 0.5, "nope": 1}, "unexpected keyword argument 'nope'"),
    ],
)
def test_bad_parameters_name_model_parameter_and_value(kwargs, match):
    with pytest.raises(bg.InvalidModelError, match=match):
        SPLIT(**kwargs)


def test_a_bad_flag_is_an_argument_error():
    with pytest.raises(bg.InvalidArgumentError, match=r"example\._split: exact must be True or False, got 1"):
        SPLIT(0.5, exact=1)


def test_exact_refuses_non_numbers():
    with pytest.raises(bg.InvalidModelError, match="delta"):
        SPLIT("nope", exact=True)
    with pytest.raises(bg.InvalidModelError, match="delta must be real"):
        SPLIT(True, exact=True)


def test_option_accepts_numpy_integers():
    assert SPLIT(0.5, side=np.int64(1)).message == "side 1"


def test_declaration_is_checked():
    with pytest.raises(ValueError, match="the implementation takes"):
        model(family="x", source="s", parameters=[Parameter("a", "a")], result=_Split, register=False)(
            lambda b: {}
        )
    with pytest.raises(ValueError, match="needs its choices"):
        Parameter("a", "a", kind="option")
    with pytest.raises(ValueError, match="reserved"):
        model(family="x", source="s", parameters=[Parameter("exact", "a")], result=_Split, register=False)(
            lambda exact: {}
        )


def test_implementation_returning_wrong_outputs_is_a_bug_not_silence():
    bad = model(family="x", source="s", parameters=[Parameter("a", "a")], result=_Split, register=False)(
        lambda a: {"share": a}
    )
    with pytest.raises(RuntimeError, match="returned"):
        bad(1.0)


def test_describe_and_declaration_accessors():
    card = SPLIT.describe()
    assert card.startswith("example._split") and "source: Rubinstein (1982)" in card
    assert "weight [pie]: a scale (in (0, inf); default 1)" in card
    assert "payoffs: payoff of each side (keys: proposer, responder)" in card
    assert SPLIT.defaults() == {"weight": 1, "outside": (0, 0), "side": None}
    assert SPLIT.parameter("delta").required and SPLIT.parameter("delta").sweepable
    assert not SPLIT.parameter("side").sweepable
    with pytest.raises(bg.InvalidModelError, match="no parameter 'x'"):
        SPLIT.parameter("x")
    assert REQUIRED is SPLIT.parameter("delta").default


def test_registry_lists_declared_models_and_get_model_finds_them():
    models = registry()
    assert "example._split" not in models  # register=False
    for key, m in models.items():
        assert key == m.qualname and get_model(m.name) is m and get_model(key) is m
        assert m.source and m.summary and m.outputs
    with pytest.raises(bg.InvalidModelError, match="no model called 'nope'"):
        get_model("nope")
    assert get_model(SPLIT) is SPLIT
