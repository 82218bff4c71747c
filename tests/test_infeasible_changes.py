"""Why no plan: each crafted impossible roster names the rule that clashes, the teacher or the
school behind it, and the smallest change of a setting that gives a plan; the test makes the
change and solves again (rotation.model.suggest).
"""

from __future__ import annotations

import pickle

import pandas as pd
import pytest
from rosters import YEAR, free, roster, school, teacher

from rotation.cli import main
from rotation.errors import InfeasibleError
from rotation.messages import Words
from rotation.model import SolverSettings
from rotation.model.suggest import Change, Found, _Deadline, _first_feasible, smallest_note
from rotation.planning import Plan, plan
from rotation.policy.settings import Policy

#: One worker, a deterministic budget: the same answer on any machine.
SETTINGS = SolverSettings(time_limit=10, num_workers=1, seed=0, deterministic=True)


def pins(*rows: tuple[str, ...]) -> pd.DataFrame:
    return pd.DataFrame(
        [{"teacher_id": t, "action": a, "school": s[0] if s else ""} for t, a, *s in rows]
    )


def refused(r, policy: Policy, pinned: pd.DataFrame | None = None) -> InfeasibleError:
    with pytest.raises(InfeasibleError) as err:
        plan(r, policy, YEAR, pins=pinned, settings=SETTINGS, progress=False)
    return err.value


def changed(r, policy: Policy, pinned: pd.DataFrame | None, change: Change) -> Plan:
    """The plan made with `change` applied; it must keep every rule."""
    if change.setting == "pins":
        assert pinned is not None
        pinned = pinned[pinned["teacher_id"] != change.value]
    else:
        policy = policy.replace(**{change.setting: change.value})
    out = plan(r, policy, YEAR, pins=pinned, settings=SETTINGS, progress=False)
    assert out.verify() == []
    return out


def check(r, policy: Policy, pinned: pd.DataFrame | None = None) -> InfeasibleError:
    """The error, every change it suggests checked by planning with it."""
    err = refused(r, policy, pinned)
    assert err.changes, err.render("en")
    for change in err.changes:
        changed(r, policy, pinned, change)
    return err


def test_a_ratio_too_high_names_r1_and_the_largest_ratio_that_gives_a_plan():
    """Two Chinese teachers at A, one Math teacher at B, each school needing one of each it
    has: only one of A's may leave, so 1 of 3 eligible (33 %) is the most a plan can rotate."""
    r = roster(
        [school("A"), school("B")],
        [teacher("a1", "A"), teacher("a2", "A"), teacher("b1", "B", subject="math")],
    )
    policy = Policy(staffing=False, min_rotation_ratio=0.9, max_rotation_ratio=1.0)
    err = check(r, policy.replace(min_backbone_share=0))
    assert "R1" in str(err)
    ratio = [c for c in err.changes if c.setting == "min_rotation_ratio"]
    assert [c.value for c in ratio] == [0.33]
    assert "lower the rotation ratio to 33%" in str(err)
    assert "把交流比例降到33%即可得到方案" in err.render("zh")
    with pytest.raises(InfeasibleError):  # one percent more is too much
        plan(r, policy.replace(min_backbone_share=0, min_rotation_ratio=0.34), YEAR,
             settings=SETTINGS, progress=False)  # fmt: skip


def test_a_subject_with_no_spare_teacher_names_the_school_and_subject():
    r = roster(
        [school("A", name="一小"), school("B", name="二小")],
        [teacher("a1", "A", name="张三"), teacher("b1", "B", subject="math", name="李四")],
    )
    err = check(r, Policy(staffing=False, min_backbone_share=0))
    zh = err.render("zh")
    assert "R5" in zh and "一小（A）语文" in zh and "二小（B）数学" in zh
    assert "only 0 can leave without leaving a subject short" in str(err)
    assert [(c.setting, c.value) for c in err.changes] == [("min_rotation_ratio", 0.0)]


def test_a_pin_beyond_the_distance_cap_names_teacher_school_distance_and_cap():
    r = roster(
        [school("A"), school("B", x=10), school("C", name="三小", x=40)],
        [
            teacher("a1", "A", name="王五"),
            teacher("a2", "A"),
            teacher("b1", "B"),
            teacher("c1", "C"),
        ],
    )
    policy = free(max_distance_km=30, min_backbone_share=0, max_rotation_ratio=1.0)
    pinned = pins(("a1", "to", "C"))
    err = check(r, policy, pinned)
    assert "教师王五（a1）被指定交流到三小（C），但三小（C）距其学校40.0公里，超过上限30公里" in (
        err.render("zh")
    )
    assert "R11" in str(err)
    found = {(c.setting, c.value) for c in err.changes}
    assert found == {("max_distance_km", 40.0), ("pins", "a1")}
    assert "raise the travel cap to 40 km" in str(err)
    assert "把交流距离上限提高到40公里即可得到方案" in err.render("zh")


def test_contradicting_pins_name_the_pins_to_drop():
    """a1 and a2, A's only Chinese teachers, are pinned to move, and b1, the only one who could
    replace them, to stay: A would lose its Chinese (R5). Dropping any one pin gives a plan."""
    r = roster(
        [school("A"), school("B")], [teacher("a1", "A"), teacher("a2", "A"), teacher("b1", "B")]
    )
    policy = Policy(staffing=False, max_rotation_ratio=1.0, min_backbone_share=0)
    pinned = pins(("a1", "move"), ("a2", "move"), ("b1", "stay"))
    err = check(r, policy, pinned)
    assert "R8" in str(err) and "R5" in str(err)
    assert [(c.setting, c.value) for c in err.changes] == [
        ("pins", "a1"),
        ("pins", "a2"),
        ("pins", "b1"),
    ]
    assert "drop the pins on teacher a1 (pins row 2: move)" in str(err)
    assert "取消对教师b1的指定即可得到方案（指定表第4行：留任）" in err.render("zh")


def test_too_many_pinned_raises_the_maximum_ratio():
    r = roster([school("A"), school("B")], [teacher(f"a{i}", "A") for i in range(4)])
    pinned = pins(("a0", "move"), ("a1", "move"))
    err = check(r, free(min_backbone_share=0), pinned)
    assert "R2" in str(err)
    assert ("max_rotation_ratio", 0.5) in {(c.setting, c.value) for c in err.changes}


def test_the_error_survives_pickling_with_its_changes():
    """Batch workers send errors between processes."""
    r = roster(
        [school("A"), school("B")],
        [teacher("a1", "A"), teacher("b1", "B", subject="math")],
    )
    err = refused(r, Policy(staffing=False, min_backbone_share=0))
    back = pickle.loads(pickle.dumps(err))
    assert back.render("zh") == err.render("zh")
    assert [(c.setting, c.value) for c in back.changes] == [
        (c.setting, c.value) for c in err.changes
    ]


def test_rotation_plan_prints_the_clash_and_the_change_in_the_roster_language(
    csv_folder, tmp_path, capsys
):
    r = roster(
        [school("A", name="一小"), school("B", name="二小")],
        [teacher("a1", "A", name="张三"), teacher("b1", "B", subject="math", name="李四")],
    )
    folder = csv_folder(r.schools, r.teachers)
    policy = tmp_path / "policy.toml"
    policy.write_text("staffing = false\nmin_backbone_share = 0.0\n", encoding="utf-8")
    out = tmp_path / "plan.csv"
    args = [str(folder), "--out", str(out), "--year", str(YEAR), "--policy", str(policy)]
    code = main(["plan", *args, "--time-limit", "5", "--deterministic", "--workers", "1"])
    err = capsys.readouterr().err
    assert code == 2 and not out.exists()
    assert "Traceback" not in err
    assert "一小（A）语文" in err and "把交流比例降到0%即可得到方案" in err


def test_the_suggested_cap_is_the_known_smallest_beyond_the_pinned_move():
    """a1, A's only math teacher, is pinned to C (20 km): A then needs a math teacher, and
    only D's (35 km from A) can come. So 20 km is not enough; 35 km is the smallest cap."""
    r = roster(
        [school("A"), school("C", name="三小", x=20), school("D", x=-35)],
        [
            teacher("a1", "A", subject="math", name="王五"),
            teacher("a2", "A"),
            teacher("c1", "C"),
            teacher("d1", "D", subject="math"),
            teacher("d2", "D", subject="math"),
        ],
    )
    policy = Policy(staffing=False, min_backbone_share=0, max_rotation_ratio=1.0)
    policy = policy.replace(max_distance_km=10)
    pinned = pins(("a1", "to", "C"))
    err = check(r, policy, pinned)
    caps = [c for c in err.changes if c.setting == "max_distance_km"]
    assert [(c.value, c.proven) for c in caps] == [(35.0, True)]
    assert "raise the travel cap to 35 km (max_distance_km = 35), the smallest change" in str(err)
    assert "这是最小的改动" in err.render("zh")
    with pytest.raises(InfeasibleError):  # the pinned move's own distance is not enough
        plan(r, policy.replace(max_distance_km=34), YEAR, pins=pinned, settings=SETTINGS,
             progress=False)  # fmt: skip


def test_a_search_that_ran_out_of_time_below_says_its_change_is_not_proven_smallest():
    """A candidate whose solve ended without an answer counts as no plan; the change found
    above it is then only the smallest found, and says which one was left unchecked."""
    answers = {1: False, 2: None, 3: True, 4: True, 5: True}
    found = _first_feasible([1, 2, 3, 4, 5], answers.get, _Deadline(60))
    assert found == Found(3, False, 2)
    proven = {1: False, 2: False, 3: True, 4: True, 5: True}
    assert _first_feasible([1, 2, 3, 4, 5], proven.get, _Deadline(60)) == Found(3, True, None)
    note = smallest_note(False, Words("60公里", "60 km"))
    assert "not proven the smallest (60 km could not be checked in time)" in note
    assert "未证明是最小的（60公里在时限内未能验证）" in note.render("zh")
