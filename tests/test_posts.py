"""Posts and applications: `posts` publishes a plan's moves without names, `fill` fills them from
applications, and the filled plan keeps every rule with the verdicts of the direct plan."""

from __future__ import annotations

import pandas as pd
import pytest
from rosters import YEAR, random_county

from rotation.cli import main
from rotation.errors import InputError
from rotation.example import example_county
from rotation.io.posts import read_applications, read_posts
from rotation.model import SolverSettings
from rotation.planning.posts import fill, posts
from rotation.policy.settings import Policy

SETTINGS = SolverSettings(time_limit=10, num_workers=1, seed=0, deterministic=True)
POLICY = Policy(min_rotation_ratio=0.2, max_rotation_ratio=0.4)


@pytest.fixture(scope="module")
def county():
    return random_county(3, n_schools=5, n_teachers=60)


@pytest.fixture(scope="module")
def published(county):
    return posts(county, POLICY, YEAR, settings=SETTINGS)


def test_posts_name_nobody_and_count_every_move(published):
    p = published
    assert p.posts["count"].sum() == p.quotas["count"].sum() == len(p.plan.moves)
    assert "teacher_id" not in p.posts.columns
    assert set(p.posts.columns) >= {"school_id", "school_name", "stage", "subject", "backbone"}


def test_posts_workbook_reads_back(published, county, tmp_path):
    path = published.write(tmp_path / "posts.xlsx", "zh")
    table, quotas = read_posts(path, county)
    keep = ["school_id", "stage", "subject", "backbone", "qualified", "count"]
    assert table[keep].equals(published.posts[keep])
    assert quotas[keep].equals(published.quotas[keep])
    header = pd.read_excel(path, sheet_name="交流轮岗岗位", engine="openpyxl").columns.tolist()
    assert header[:2] == ["接收学校代码", "接收学校"] and "岗位数" in header


def applications_of(moves: pd.DataFrame, path) -> pd.DataFrame:
    """Every other planned teacher applies: first choice another school, second the planned."""
    rows = moves.iloc[::2]
    others = [
        next(s for s in ("S0", "S1", "S2") if s not in (a, b))
        for a, b in zip(rows.from_school, rows.to_school, strict=True)
    ]
    frame = pd.DataFrame({"教师编号": rows.teacher_id, "志愿1": others, "志愿2": rows.to_school})
    frame.to_csv(path, index=False)
    return frame


def test_fill_gives_a_verified_plan_with_the_direct_plans_verdicts(published, county, tmp_path):
    applications_of(published.plan.moves, tmp_path / "apps.csv")
    apps = read_applications(tmp_path / "apps.csv", county)
    filled = fill(county, published.posts, published.quotas, apps, POLICY, YEAR, settings=SETTINGS)
    assert filled.plan.verify() == []
    direct, after = published.plan.after.county, filled.plan.after.county
    assert direct["passes"].equals(after["passes"])
    assert (direct["cv"] - after["cv"]).abs().max() < 1e-12
    # every applicant is placed at a school they chose (a post for them exists: their own)
    placed = filled.filled.set_index("teacher_id")["choice"]
    assert (placed.reindex(apps["teacher_id"]) > 0).all()
    assert len(filled.assigned) == len(filled.filled) - len(apps)


def test_applications_naming_unknown_schools_or_ineligible_teachers_are_errors(
    published, county, tmp_path
):
    status = published.plan.eligibility
    ineligible = status.loc[~status["eligible"].astype(bool), "teacher_id"].iloc[0]
    path = tmp_path / "bad.csv"
    pd.DataFrame({"教师编号": ["T00"], "志愿1": ["NOWHERE"]}).to_csv(path, index=False)
    with pytest.raises(InputError) as err:
        read_applications(path, county)
    problem = err.value.problems[0]
    assert (problem.row, problem.column, problem.value) == (2, "志愿1", "NOWHERE")
    pd.DataFrame({"教师编号": [ineligible], "志愿1": ["S0"]}).to_csv(path, index=False)
    apps = read_applications(path, county)
    with pytest.raises(InputError) as err:
        fill(county, published.posts, published.quotas, apps, POLICY, YEAR, settings=SETTINGS)
    problem = err.value.problems[0]
    assert (problem.row, problem.column, problem.value) == (2, "teacher_id", ineligible)


def test_cli_posts_then_fill(county, tmp_path, capsys):
    folder = tmp_path / "county"
    folder.mkdir()
    county.schools.to_csv(folder / "schools.csv", index=False)
    county.teachers.to_csv(folder / "teachers.csv", index=False)
    policy = tmp_path / "policy.toml"
    policy.write_text("min_rotation_ratio = 0.2\nmax_rotation_ratio = 0.4\n", encoding="utf-8")
    common = ["--year", str(YEAR), "--policy", str(policy), "--deterministic", "--lang", "en"]
    assert main(["posts", str(folder), "--out", str(tmp_path / "posts.xlsx"), *common]) == 0
    pd.DataFrame({"teacher_id": [], "choice1": []}).to_csv(tmp_path / "apps.csv", index=False)
    out = tmp_path / "plan.csv"
    args = ["fill", str(folder), str(tmp_path / "posts.xlsx"), str(tmp_path / "apps.csv")]
    assert main([*args, "--out", str(out), *common]) == 0
    text = capsys.readouterr().out
    assert "Applications fall short" in text and out.exists()


@pytest.mark.slow
def test_posts_then_fill_on_the_example_county_keeps_the_direct_plans_verdicts():
    """The example county (2,781 teachers): every planned teacher applies for the school of
    their move, and every tenth other eligible teacher for two schools of their stage; the
    filled plan keeps every rule, with the direct plan's verdicts."""
    county = example_county(seed=0)
    settings = SolverSettings(time_limit=15, num_workers=1, seed=0, deterministic=True)
    published = posts(county, year=YEAR, settings=settings)
    direct = published.plan
    moves = direct.moves_in(YEAR)
    schools = direct.start.schools
    stage_schools = {
        stage: sorted(schools.loc[schools[f"students_{stage}"] > 0, "school_id"].astype(str))
        for stage in ("primary", "middle")
    }
    teachers = direct.start.teachers.set_index("teacher_id")
    rows = [(t, (s,)) for t, s in zip(moves.teacher_id, moves.to_school, strict=True)]
    eligible = direct.eligibility.loc[direct.eligibility["eligible"].astype(bool), "teacher_id"]
    for k, tid in enumerate(sorted(set(eligible) - set(moves.teacher_id))[::10]):
        home, stage = teachers.at[tid, "school_id"], teachers.at[tid, "stage"]
        options = [s for s in stage_schools[stage] if s != home]
        rows.append((tid, (options[k % len(options)], options[(k + 7) % len(options)])))
    apps = pd.DataFrame({"teacher_id": [t for t, _ in rows], "choices": [c for _, c in rows]})
    apps["row"] = range(2, len(apps) + 2)
    filled = fill(county, published.posts, published.quotas, apps, year=YEAR, settings=settings)
    assert filled.plan.verify() == []
    assert direct.after.county["passes"].equals(filled.plan.after.county["passes"])
    assert len(filled.filled) == len(moves)
