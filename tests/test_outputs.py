"""What a plan writes and what the command does when it succeeds: the office workbook, the
standalone HTML report, `rotation demo`, and `rotation plan` writing the plan CSV that
`read_moves` reads back. (Failures of the command are in test_cli.py.)
"""

from __future__ import annotations

import re
from pathlib import Path

import openpyxl
import pytest
from rosters import YEAR, random_county

from rotation import Plan, SolverSettings, plan, read_moves
from rotation.cli import main
from rotation.planning.verify import verify_plan
from rotation.policy.settings import Policy
from rotation.reports.office import Names

CONTRACT = ["teacher_id", "from_school", "to_school", "start_year", "end_year"]


@pytest.fixture(scope="module")
def small_plan() -> Plan:
    """A plan of a small random county under the default policy (one worker, seed 0)."""
    p = plan(random_county(0), Policy(), YEAR, settings=SolverSettings(10, 1, 0))
    assert len(p.moves) > 0
    return p


def triples(moves) -> list[tuple[str, str, str, int, int]]:
    return sorted(
        (str(t), str(a), str(b), int(s), int(e))
        for t, a, b, s, e in moves[CONTRACT].itertuples(index=False)
    )


def test_the_workbook_has_every_sheet_and_the_moves(small_plan, tmp_path):
    path = small_plan.to_excel(tmp_path / "out" / "plan.xlsx")
    book = openpyxl.load_workbook(path, read_only=True)
    assert book.sheetnames[0] == "Moves" and book.sheetnames[-1] == "plan"  # office; machines
    rows = list(book["plan"].iter_rows(values_only=True))
    assert list(rows[0][:5]) == CONTRACT
    assert list(rows[0]) == list(small_plan.moves.columns)
    assert sorted(tuple(row[:5]) for row in rows[1:]) == triples(small_plan.moves)


def test_the_html_report_is_self_contained_and_lists_every_move(small_plan, tmp_path):
    page = small_plan.to_html(tmp_path / "out" / "plan.html").read_text(encoding="utf-8")
    assert page.startswith("<!doctype html>") and page.rstrip().endswith("</html>")
    moves = page[page.index('<section id="moves">') :]
    moves = moves[: moves.index("</section>")]
    names = Names(small_plan)
    for t, a, b, *_ in triples(small_plan.moves):
        who, sender, receiver = (
            re.escape(x) for x in (names.teacher(t), *map(names.school, (a, b)))
        )
        row = rf"<td>{who}</td>.*?<td>{sender}</td>\s*<td>{receiver}</td>"
        assert re.search(row, moves), t
    # nothing fetched from elsewhere: no script, stylesheet or image but inline data
    assert "<script" not in page and "<link" not in page
    assert re.findall(r"""(?:src|href)=["'](?!data:)""", page) == []


def test_demo_exits_0_and_prints_the_independent_check(capsys):
    # the example county names its schools and teachers in Chinese: the demo speaks Chinese
    assert main(["demo", "--time-limit", "40", "--workers", "1", "--deterministic"]) == 0
    out = capsys.readouterr().out
    assert "内置示例县（随机种子0）" in out
    assert "独立核验：各项硬性规则（R1–R11）全部符合。" in out
    assert "核验未通过" not in out


def test_plan_writes_the_plan_csv_that_read_moves_reads_back(small_plan, tmp_path, capsys):
    folder = random_county(0).save(tmp_path / "county")
    out, book, report = tmp_path / "plan.csv", tmp_path / "plan.xlsx", tmp_path / "plan.html"
    argv = ["plan", str(folder), "--out", str(out), "--year", str(YEAR), "--time-limit", "10"]
    argv += ["--workers", "1", "--seed", "0", "--excel", str(book), "--report", str(report)]
    assert main(argv) == 0
    printed = capsys.readouterr().out
    assert "Independent check: every hard rule holds (R1–R11)." in printed
    assert f"plan written to {out}" in printed
    assert Path(book).exists() and Path(report).exists()

    back = read_moves(out)
    assert list(back.columns[:5]) == CONTRACT
    assert verify_plan(small_plan.start, back, Policy(), YEAR) == []
    # the same roster, policy, seed and one worker, every phase proven optimal: the same plan
    assert small_plan.status == "optimal"
    assert triples(back) == triples(small_plan.moves)
