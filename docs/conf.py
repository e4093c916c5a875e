"""Sphinx configuration: the docs build with ``sphinx-build -W -b html docs docs/_build/html``.

Pages are Markdown (MyST). The reference pages and the table of models are generated here,
from ``bargain.__all__`` and the model registry, so they never fall behind the code.
"""

from __future__ import annotations

import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))

import bargain  # noqa: E402
from bargain.models import registry  # noqa: E402

project = "bargain"
author = "bargain developers"
release = bargain.__version__
version = release

extensions = ["myst_parser", "sphinx.ext.autodoc", "sphinx.ext.napoleon", "sphinx.ext.mathjax"]
source_suffix = {".md": "markdown"}
exclude_patterns = ["_build", "_generated_skip"]
myst_enable_extensions = ["dollarmath"]
myst_heading_anchors = 3
napoleon_google_docstring = False
napoleon_numpy_docstring = True
napoleon_use_rtype = False
autodoc_member_order = "bysource"
autodoc_typehints = "none"
html_theme = "alabaster"
html_static_path: list[str] = []
# "ref.python": type specs such as "ndarray, shape (..., 2)" are read as cross-references, and a
# word like "shape" names attributes of several classes (ambiguous, not an error in the docs).
suppress_warnings = ["myst.xref_missing", "ref.python"]


# ------------------------------------------------------------------------------ generated pages
def _group(module: str) -> str:
    parts = module.split(".")
    if parts[1] in ("errors", "_result"):
        return "Errors, statuses and warnings"
    if parts[1] == "core":
        return "Games"
    if parts[1] == "solvers":
        return "Solvers"
    if parts[1] == "bargaining":
        return "Bargaining"
    return "Other"


def _write_api() -> None:
    """reference/api.md: every public name of ``bargain``, grouped by layer."""
    from bargain import _EXPORTS

    groups: dict[str, list[str]] = {}
    for name, module in _EXPORTS.items():
        groups.setdefault(_group(module), []).append(name)
    lines = ["# The `bargain` namespace", "", "Every name `import bargain as bg` offers, by layer.", ""]
    for title, names in groups.items():
        lines += [f"## {title}", "", "```{eval-rst}"]
        for name in sorted(names):
            obj = getattr(bargain, name)
            kind = "autoclass" if isinstance(obj, type) else "autofunction"
            lines.append(f".. {kind}:: bargain.{name}")
            if kind == "autoclass":
                lines.append("   :members:")
            lines.append("")
        lines += ["```", ""]
    (HERE / "reference" / "api.md").write_text("\n".join(lines), encoding="utf-8")


#: The policy idea behind each family of models (docs/policies.md has the longer story).
POLICY = {
    "trade": "aggressive tariffs as leverage; bilateral deals over multilateral pacts",
    "industrial": "reshoring and subsidies for key industries",
    "linkage": "pressure on neighbours: border security and drug enforcement tied to trade access",
    "alliances": "allies asked to pay more; guarantees made conditional; offshore balancing",
    "cooperation": "pragmatic cooperation with rival powers on trade, security and climate",
    "coalitions": "which two of three great powers cooperate",
    "crisis": "selective intervention; deterrence without war",
    "unpredictability": "strategic unpredictability: ambiguity and risk as leverage",
    "spheres": "great-power balance, spheres of influence, crisis channels, arms control",
    "technology": "technology superiority and export controls",
    "money": "the dollar's dominance against de-dollarization",
}


def _write_models() -> None:
    """explanation/model_table.md: each registered model, the policy it represents, its source."""
    lines = ["| policy | model | what it answers | source |", "| --- | --- | --- | --- |"]
    for qualname, m in registry().items():
        summary = m.summary.replace("|", "\\|")
        policy = POLICY.get(m.family, "")
        lines.append(f"| {policy} | `{qualname}` | {summary} | {m.source.replace('|', '/')} |")
    if len(lines) == 2:
        lines.append("| | (none yet) | | |")
    (HERE / "explanation" / "model_table.md").write_text("\n".join(lines) + "\n", encoding="utf-8")


#: Packages documented beside the namespace, each by its ``__all__`` (skipped while absent).
PACKAGES = (
    ("Repeated games", "bargain.repeated"),
    ("The model protocol", "bargain.models"),
    ("Sweeps", "bargain.sweep"),
    ("Game files", "bargain.io"),
    ("Figures", "bargain.plot"),
    ("Testing your own models: strategies", "bargain.testing.strategies"),
    ("Testing your own models: assertions", "bargain.testing.assertions"),
)


def _entries(qualified: str, obj: object) -> list[str]:
    kind = "autoclass" if isinstance(obj, type) else "autofunction" if callable(obj) else "autodata"
    lines = [f".. {kind}:: {qualified}"]
    if kind == "autoclass":
        lines.append("   :members:")
    return lines + [""]


def _write_packages() -> None:
    """reference/packages.md: the subpackages by their ``__all__``, and every model by family."""
    import importlib
    import importlib.util

    lines = ["# Packages and models", ""]
    for title, module in PACKAGES:
        if importlib.util.find_spec(module) is None:
            continue
        mod = importlib.import_module(module)
        names = [n for n in getattr(mod, "__all__", ()) if not n.isupper()]
        lines += [f"## {title}", "", f"`{module}`", "", "```{eval-rst}"]
        for name in names:
            lines += _entries(f"{module}.{name}", getattr(mod, name))
        lines += ["```", ""]
    by_family: dict[str, list[str]] = {}
    for m in registry().values():
        by_family.setdefault(m.family, []).append(m.name)
    lines += ["## Models", "", "Each model is called with its parameters (arrays broadcast); its "
              "result's fields are listed with the model.", ""]
    for family, names in by_family.items():
        lines += [f"### `bargain.models.{family}`", "", "```{eval-rst}"]
        for name in names:
            lines += [f".. autofunction:: bargain.models.{family}.{name}", ""]
        lines += ["```", ""]
    (HERE / "reference" / "packages.md").write_text("\n".join(lines), encoding="utf-8")


def _generate(app: object) -> None:
    for folder in ("reference", "explanation"):
        (HERE / folder).mkdir(exist_ok=True)  # generated pages only: absent from a fresh clone
    _write_api()
    _write_packages()
    _write_models()


def setup(app: object) -> None:
    """Generate the reference pages and the model table when a build starts (not on import)."""
    app.connect("builder-inited", _generate)  # type: ignore[attr-defined]
