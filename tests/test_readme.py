"""The README holds on a fresh clone: its code runs as written, its links stay inside the
repository, its quick start is two commands (the ones CI runs), and the demo speaks in words."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
README = ROOT / "README.md"
DOCS = sorted((ROOT / "docs").glob("*.md"))
PAGES = [README, *DOCS]


def _blocks(path: Path, lang: str) -> list[str]:
    return re.findall(rf"^```{lang}\n(.*?)^```", path.read_text(encoding="utf-8"), re.S | re.M)


PYTHON_BLOCKS = [(page, i, code) for page in PAGES for i, code in enumerate(_blocks(page, "python"))]


def test_readme_has_python_blocks():
    assert sum(page == README for page, _, _ in PYTHON_BLOCKS) >= 2


@pytest.mark.parametrize(
    ("page", "index", "code"),
    PYTHON_BLOCKS,
    ids=[f"{page.relative_to(ROOT)}[{i}]" for page, i, _ in PYTHON_BLOCKS],
)
def test_python_block_runs_as_written(page, index, code, capsys):
    """Each block alone, in a fresh namespace: a reader copies one block, not the page."""
    exec(compile(code, f"{page.name} block {index}", "exec"), {"__name__": f"{page.stem}_block"})


@pytest.mark.parametrize("page", PAGES, ids=[str(p.relative_to(ROOT)) for p in PAGES])
def test_links_stay_inside_the_repository(page):
    text = page.read_text(encoding="utf-8")
    assert "../shared" not in text and "DESIGN.md" not in text and "POLICY.md" not in text
    for target in re.findall(r"\]\(([^)]+)\)", text):
        assert not re.match(r"[a-z]+:", target), f"{page.name}: link outside the repository: {target}"
        resolved = (page.parent / target.split("#")[0]).resolve()
        assert resolved.is_relative_to(ROOT), f"{page.name}: {target} leaves the repository"
        assert resolved.exists(), f"{page.name}: {target} does not exist"
    for path in re.findall(r"`((?:examples|docs|benchmarks|bargain)/[\w./-]+)`", text):
        assert (ROOT / path).exists(), f"{page.name} names {path}, which does not exist"


def test_readme_links_the_docs_and_license():
    text = README.read_text(encoding="utf-8")
    for target in ("docs/design.md", "docs/policies.md", "LICENSE"):
        assert f"]({target})" in text


def test_quick_start_is_two_commands_that_ci_runs_verbatim():
    quick = README.read_text(encoding="utf-8").split("## Quick start", 1)[1].split("\n## ", 1)[0]
    (block,) = re.findall(r"```bash\n(.*?)```", quick, re.S)
    commands = [line for line in block.splitlines() if line.strip()]
    assert commands == [
        "pip install -e . && python examples/quickstart.py",
        'pip install -e ".[test]" && pytest',
    ]
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    for command in commands:
        assert command in ci
    assert "HYPOTHESIS_PROFILE" not in ci, "CI must run the README's plain pytest, no profile set"


def test_demo_runs_quickly_and_speaks_in_words(tmp_path):
    out = subprocess.run(
        [sys.executable, str(ROOT / "examples" / "quickstart.py"), "--out", str(tmp_path)],
        capture_output=True, text=True, timeout=120, cwd=ROOT,
    )
    assert out.returncode == 0, out.stderr
    text = out.stdout
    for words in ("Question:", "Answer:", "A tariff war", "Prisoner's Dilemma", "bargaining range",
                  "A conditional guarantee", "probability of war", "1,000,000 games"):
        assert words in text, f"the demo does not say {words!r}"
    assert text.count("Answer:") == 4
    figures = sorted(p.name for p in tmp_path.glob("*.png"))
    if "matplotlib is not installed" not in text and "no figure" not in text:
        assert figures == ["demo_crisis.png", "demo_guarantee.png", "demo_million_crises.png",
                           "demo_tariff_war.png"]
    for jargon in ("status=", "Status.", "components", "equilibria,", "method=", "NashResult", "complete"):
        assert jargon not in text, f"the demo prints solver jargon: {jargon!r}"
