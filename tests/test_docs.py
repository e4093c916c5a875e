"""The documentation site's generated pages cover every family, model and public name."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import bargain as bg
from bargain.models import FAMILIES, registry

ROOT = Path(__file__).resolve().parents[1]


def _conf():
    spec = importlib.util.spec_from_file_location("docs_conf", ROOT / "docs" / "conf.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_every_family_has_its_policy_in_the_model_table():
    assert set(_conf().POLICY) == set(FAMILIES)


def test_generated_pages_list_every_model_and_public_name(tmp_path, monkeypatch):
    conf = _conf()
    for sub in ("reference", "explanation"):
        (tmp_path / sub).mkdir()
    monkeypatch.setattr(conf, "HERE", tmp_path)
    conf._generate(None)
    table = (tmp_path / "explanation" / "model_table.md").read_text(encoding="utf-8")
    assert all(f"`{name}`" in table for name in registry())
    packages = (tmp_path / "reference" / "packages.md").read_text(encoding="utf-8")
    assert all(f"bargain.models.{m.family}.{m.name}" in packages for m in registry().values())
    api = (tmp_path / "reference" / "api.md").read_text(encoding="utf-8")
    assert all(f"bargain.{name}" in api for name in bg.__all__ if name != "__version__")
