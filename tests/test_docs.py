"""Every ```python block of README.md and docs/*.md runs as written.

Each file's blocks run in order in one namespace (a later block may use what an earlier one
made), from a temporary working directory, so nothing is written into the repository and no
block may rely on a file relative to the repository. A block that genuinely needs a file of the
user's says so on its first line with the visible marker

    # not run: <why>

and is skipped (the reason is listed in the test's output). Blocks that plan use short time
limits so that the whole file stays well under two minutes on one core.

Every ```toml block is a policy file (or part of one) and must load with `rotation.load_policy`.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
DOCS = [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]
#: A fenced block: its info string and body. Only ```python blocks run.
FENCE = re.compile(r"^```(?P<info>[^\n`]*)\n(?P<body>.*?)^```[ \t]*$", re.M | re.S)
#: The first line of a block that must not run, with the reason.
NOT_RUN = re.compile(r"\A\s*# not run: (?P<why>.+)")


def blocks(path: Path, *languages: str) -> list[tuple[int, str]]:
    """(line number, text) of every fenced block in one of the languages, in order."""
    text = path.read_text(encoding="utf-8")
    found = []
    for m in FENCE.finditer(text):
        if m.group("info").strip().lower() in languages:
            line = text.count("\n", 0, m.start("body")) + 1
            found.append((line, m.group("body")))
    return found


def python_blocks(path: Path) -> list[tuple[int, str]]:
    """(line number, code) of every ```python block of a Markdown file, in order."""
    return blocks(path, "python", "py")


def test_the_docs_have_python_blocks() -> None:
    """The collector finds the blocks (a changed fence style must not silence the test)."""
    assert len(python_blocks(ROOT / "README.md")) >= 2
    assert sum(len(python_blocks(p)) for p in DOCS) >= 8
    assert len(TOML_BLOCKS) >= 2


@pytest.mark.parametrize("path", DOCS, ids=lambda p: p.relative_to(ROOT).as_posix())
def test_python_blocks_run(
    path: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys
) -> None:
    blocks = python_blocks(path)
    if not blocks:
        pytest.skip("no python blocks")
    monkeypatch.chdir(tmp_path)
    name = path.relative_to(ROOT).as_posix()
    namespace: dict = {"__name__": "__docs__"}
    skipped = []
    for line, code in blocks:
        not_run = NOT_RUN.match(code)
        if not_run:
            skipped.append(f"{name}:{line}: {not_run.group('why')}")
            continue
        try:
            # padded so that a traceback's line numbers are the Markdown file's
            exec(compile("\n" * (line - 1) + code, name, "exec"), namespace)
        except Exception as err:
            pytest.fail(f"the ```python block at {name} line {line} failed: {err!r}")
    with capsys.disabled():
        for note in skipped:
            print(f"\n  not run: {note}")


TOML_BLOCKS = [
    pytest.param(line, text, id=f"{path.relative_to(ROOT).as_posix()}:{line}")
    for path in DOCS
    for line, text in blocks(path, "toml")
]


@pytest.mark.parametrize(("line", "text"), TOML_BLOCKS)
def test_toml_blocks_load(line: int, text: str, tmp_path: Path) -> None:
    from rotation import load_policy

    path = tmp_path / "policy.toml"
    path.write_text(text, encoding="utf-8")
    load_policy(path)
