"""Re-planning with least change: `plan(..., previous=...)`, `Plan.changes` and
`rotation plan --previous`.

The county: three schools of one class each (so each needs one teacher of every subject it has,
R5), ten eligible teachers, two of them backbone. The previous plan moves five; a principal
objects to three of them (stay pins). A brute force over every plan keeping the pins proves the
re-plan changes no more teachers than the rules force.
"""

from __future__ import annotations

import itertools

import pandas as pd
import pytest
from rosters import YEAR, roster, school, teacher
from rosters import moves as moves_table

from rotation.cli import main
from rotation.errors import InputError
from rotation.io.moves import write_moves
from rotation.model import SolverSettings
from rotation.planning import plan
from rotation.planning.verify import verify_plan
from rotation.policy.settings import Policy

ONE_WORKER = SolverSettings(time_limit=10, num_workers=1, seed=0, deterministic=True)
#: No optimised indicator: the targets phase is empty, so least change is the first goal.
POLICY = Policy(min_rotation_ratio=0.3, max_rotation_ratio=0.6, weights={"L1": 0, "L2": 0, "L3": 0})
PREVIOUS = moves_table(
    ("a1", "A", "B"), ("a2", "A", "C"), ("c2", "C", "A"), ("b1", "B", "C"), ("c1", "C", "B")
)
OBJECTIONS = ("a1", "a2", "c2")


def county():
    return roster(
        [school("A", name="城关小学"), school("B", area="rural"), school("C", area="rural")],
        [
            teacher("a1", "A", backbone="county", name="张明"),
            teacher("a2", "A", subject="math"),
            teacher("a3", "A", subject="english"),
            teacher("a4", "A", years=15),
            teacher("a5", "A", subject="math"),
            teacher("b1", "B"),
            teacher("b2", "B", subject="math", backbone="county"),
            teacher("b3", "B", subject="english"),
            teacher("c1", "C"),
            teacher("c2", "C", subject="math"),
        ],
    )


def stays(*ids):
    return pd.DataFrame(
        {"teacher_id": list(ids), "action": ["stay"] * len(ids), "school": [""] * len(ids)}
    )


def assignment(moves: pd.DataFrame) -> dict[str, str]:
    return dict(zip(moves["teacher_id"], moves["to_school"], strict=True))


def changed(a: dict[str, str], b: dict[str, str]) -> int:
    return sum(a.get(t) != b.get(t) for t in set(a) | set(b))


def test_the_previous_plan_is_valid():
    assert verify_plan(county(), PREVIOUS, POLICY, YEAR) == []


def test_an_unchanged_plan_keeps_its_teachers():
    """Nothing forces a change: the same teachers move, though a4 has longer tenure than a1's
    other Chinese colleague and would be chosen first in a fresh plan."""
    p = plan(county(), POLICY, YEAR, settings=ONE_WORKER, progress=False, previous=PREVIOUS)
    assert assignment(p.moves) == assignment(PREVIOUS)
    assert p.changes().empty
    assert p.phases.at["changes", "value"] == 0


def test_three_objections_change_them_and_only_what_the_rules_force():
    r = county()
    p = plan(
        r,
        POLICY,
        YEAR,
        settings=ONE_WORKER,
        progress=False,
        pins=stays(*OBJECTIONS),
        previous=PREVIOUS,
    )
    assert p.verify() == []
    before, after = assignment(PREVIOUS), assignment(p.moves)
    found = changed(before, after)
    # brute force: every plan keeping the pins, by increasing number of changes
    teachers = [t for t in r.teachers["teacher_id"] if t not in OBJECTIONS]
    home = dict(zip(r.teachers["teacher_id"], r.teachers["school_id"], strict=True))
    options = [["", *(s for s in "ABC" if s != home[t])] for t in teachers]
    plans = []
    for where in itertools.product(*options):
        moved = {t: w for t, w in zip(teachers, where, strict=True) if w}
        plans.append((changed(before, moved), sorted(moved.items())))
    fewer = [m for n, m in plans if n < found]
    for m in fewer:
        table = moves_table(*((t, home[t], w) for t, w in m))
        assert verify_plan(r, table, POLICY, YEAR, stays(*OBJECTIONS)) != [], m
    # the pinned three, plus the backbone teacher b2 (R3) and a math teacher for B (R5)
    assert found == len(OBJECTIONS) + 2
    table = p.changes("en")
    assert set(table.loc[table["change"] == "removed", "teacher_id"]) == set(OBJECTIONS)
    assert (table.loc[table["change"] == "removed", "reason"] == "pinned to stay").all()
    assert set(table.loc[table["change"] == "added", "teacher_id"]) == {"a5", "b2"}
    assert table.loc[table["teacher_id"] == "a5", "reason"].item().startswith("replaces a2")
    zh = p.changes("zh")
    assert zh.loc[zh["teacher_id"] == "a1", "reason"].item() == "指定留任"


def test_a_previous_plan_naming_an_unknown_teacher_is_an_input_error():
    bad = moves_table(("zz", "A", "B"))
    with pytest.raises(InputError) as err:
        plan(county(), POLICY, YEAR, settings=ONE_WORKER, progress=False, previous=bad)
    assert "zz" in str(err.value)


def test_cli_plan_previous_lists_the_changes(tmp_path, capsys):
    folder = tmp_path / "county"
    folder.mkdir()
    r = county()
    r.schools.to_csv(folder / "schools.csv", index=False)
    r.teachers.to_csv(folder / "teachers.csv", index=False)
    previous = write_moves(PREVIOUS, tmp_path / "previous.csv")
    stays(*OBJECTIONS).to_csv(tmp_path / "pins.csv", index=False)
    policy = tmp_path / "policy.toml"
    policy.write_text(
        "min_rotation_ratio = 0.3\nmax_rotation_ratio = 0.6\n[weights]\nL1 = 0\nL2 = 0\nL3 = 0\n",
        encoding="utf-8",
    )
    args = ["plan", str(folder), "--out", str(tmp_path / "new.csv"), "--year", str(YEAR)]
    args += ["--previous", str(previous), "--pins", str(tmp_path / "pins.csv")]
    args += ["--policy", str(policy), "--workers", "1", "--deterministic", "--lang", "zh"]
    assert main(args) == 0
    out = capsys.readouterr().out
    assert "与原方案相比改动5人：不再交流3人，新增2人，改变去向0人。" in out
    assert "张明（a1）：不再交流（原定 城关小学 → B）。原因：指定留任" in out
