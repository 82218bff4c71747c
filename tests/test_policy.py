"""The rotation policy: presets, TOML files (a key left out keeps the preset's value, an unknown
key is an error) and the round trip through `to_toml`."""

from __future__ import annotations

import tomllib
from fractions import Fraction
from pathlib import Path

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from rotation import PRESETS, Policy, PolicyError, Standard, TeacherIndicator, load_policy
from rotation.policy.retirement import retirement_years
from rotation.policy.toml import policy_from_dict


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "policy.toml"
    path.write_text(text, encoding="utf-8")
    return path


def policy_problems(tmp_path: Path, text: str) -> list:
    with pytest.raises(PolicyError) as caught:
        load_policy(write(tmp_path, text))
    return caught.value.problems


# -- presets -----------------------------------------------------------------------------------


def test_the_default_policy_is_the_anhui_preset_of_the_contract():
    policy = load_policy()
    assert policy == Policy.from_preset("anhui") == Policy()
    assert policy.min_rotation_ratio == 0.10
    assert policy.max_rotation_ratio == 0.15
    assert policy.min_backbone_share == 0.20
    assert policy.min_years_at_school == 6
    assert policy.term_years == 3
    assert dict(policy.retirement_age) == {"M": 60, "F": 55}
    assert policy.retirement == "reform2025"  # the contract: the 2025 reform by default
    assert policy.exempt_years_before_retirement == 3


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("sichuan", {"min_years_at_school": 9, "leader_terms": 3, "term_years": 3}),
        ("miyun", {"min_years_at_school": 3, "term_years": 3}),
        ("qingdao", {"min_years_at_school": 8, "term_years": 1}),
        ("changzhou", {"min_years_at_school": 6, "term_years": 3}),
    ],
)
def test_presets_hold_the_local_numbers(name, expected):
    policy = Policy.from_preset(name)
    assert policy.preset == name
    assert {key: getattr(policy, key) for key in expected} == expected
    assert policy.min_rotation_ratio == 0.10  # the national floor everywhere
    assert policy.min_backbone_share == 0.20


def test_miyun_exempts_men_from_57_and_women_from_52_under_the_old_rule():
    # retirement at 60 and 55, exempt within 3 years: a man born 1969 and a woman born 1974
    # retire in 2029, so from 2026, when they are 57 and 52, they no longer rotate
    policy = Policy.from_preset("miyun", retirement="fixed")
    assert policy.exempt_years_before_retirement == 3
    born = pd.DataFrame({"gender": ["M", "F"], "birth_year": [1969, 1974]})
    assert retirement_years(born, policy).tolist() == [2029, 2029]


def test_an_unknown_preset_is_named():
    with pytest.raises(PolicyError) as caught:
        Policy.from_preset("hebei")
    problem = caught.value.problems[0]
    assert (problem.column, problem.value) == ("preset", "hebei")
    assert "anhui" in problem.expected


def test_min_and_max_rotated_are_exact():
    policy = Policy()
    assert [policy.min_rotated(n) for n in (0, 1, 10, 30, 95, 100)] == [0, 1, 1, 3, 10, 10]
    assert [policy.max_rotated(n) for n in (1, 10, 30, 95, 100)] == [1, 1, 4, 14, 15]
    assert policy.backbone_share() == policy.backbone_fraction == Fraction(1, 5)
    assert policy.min_rotation_fraction == Fraction(1, 10)
    assert policy.max_rotation_fraction == Fraction(3, 20)


def test_ratios_are_the_decimals_written_exactly():
    # a ratio close to a simple fraction is not rounded to it
    policy = Policy(min_rotation_ratio=0.1429, max_rotation_ratio=0.3333, min_backbone_share=0.001)
    assert policy.min_rotation_fraction == Fraction(1429, 10_000)
    assert policy.max_rotation_fraction == Fraction(3333, 10_000)
    assert policy.backbone_fraction == Fraction(1, 1000)
    assert policy.min_rotated(10_000) == 1429 and policy.min_rotated(7) == 2  # 1.0003 → 2


@given(eligible=st.integers(0, 100_000))
def test_rotation_bounds_are_ordered(eligible):
    policy = Policy()
    assert eligible * 0.10 - 1e-9 <= policy.min_rotated(eligible) <= policy.max_rotated(eligible)
    assert policy.max_rotated(eligible) <= max(policy.min_rotated(eligible), eligible)


# -- TOML files --------------------------------------------------------------------------------


def test_a_key_left_out_keeps_the_presets_value(tmp_path):
    policy = load_policy(write(tmp_path, 'preset = "sichuan"\nterm_years = 2\n'))
    assert policy.preset == "sichuan"
    assert policy.term_years == 2
    assert policy.min_years_at_school == 9  # Sichuan's
    assert policy.max_rotation_ratio == 0.15  # the default's


def test_a_file_without_a_preset_starts_from_anhui(tmp_path):
    policy = load_policy(write(tmp_path, "min_rotation_ratio = 0.12\n"))
    assert policy == Policy(min_rotation_ratio=0.12)


def test_a_table_given_in_part_keeps_the_rest(tmp_path):
    policy = load_policy(
        write(
            tmp_path,
            "retirement_age = {F = 50}\nperiods = {primary = {chinese = 8}}\n"
            "teaching_load = {rural = {primary = 20}}\nstudents_per_staff = {middle = 12.5}\n",
        )
    )
    assert dict(policy.retirement_age) == {"M": 60, "F": 50}
    assert policy.retirement == "fixed"  # ages given without a rule replay the old rule
    assert policy.periods["primary"]["chinese"] == 8
    assert policy.periods["primary"]["math"] == 4
    assert policy.periods["middle"]["chinese"] == 5
    assert dict(policy.teaching_load["rural"]) == {"primary": 20, "middle": 14}
    assert dict(policy.students_per_staff) == {"primary": 19, "middle": 12.5}


def test_changes_given_in_code_override_the_file(tmp_path):
    policy = load_policy(write(tmp_path, "term_years = 2\n"), term_years=4)
    assert policy.term_years == 4


def test_evaluation_settings_from_a_file(tmp_path):
    policy = load_policy(
        write(
            tmp_path,
            '[evaluation]\ncount_rotating_at = "home"\nexclude_teaching_points_below = 50\n'
            "exclude_special = true\nnear_miss = 0.9\n",
        )
    )
    assert policy.standard == Standard(
        count_rotating_at="home",
        exclude_teaching_points_below=50,
        exclude_special=True,
        near_miss=0.9,
    )


def test_an_unknown_key_is_an_error_naming_it(tmp_path):
    (problem,) = policy_problems(tmp_path, "min_rotation_ratio = 0.1\nmax_rotaton_ratio = 0.2\n")
    assert problem.source == str(tmp_path / "policy.toml")
    assert (problem.message, problem.column, problem.value) == (
        "unknown key",
        "max_rotaton_ratio",
        0.2,
    )
    assert "max_rotation_ratio" in problem.expected


def test_an_unknown_key_in_evaluation_is_an_error_naming_it(tmp_path):
    (problem,) = policy_problems(tmp_path, "[evaluation]\ncount_rotating = 'home'\n")
    assert problem.column == "count_rotating"
    assert "count_rotating_at" in problem.expected


def test_an_unknown_preset_in_a_file_is_named(tmp_path):
    (problem,) = policy_problems(tmp_path, 'preset = "hebei"\n')
    assert (problem.column, problem.value) == ("preset", "hebei")


@pytest.mark.parametrize(
    ("text", "key", "expected"),
    [
        ("min_rotation_ratio = 1.5", "min_rotation_ratio", "between 0 and 1"),
        ("min_rotation_ratio = true", "min_rotation_ratio", "between 0 and 1"),
        ("max_rotation_ratio = 0.05", "max_rotation_ratio", "≥ min_rotation_ratio"),
        ("min_backbone_share = -0.2", "min_backbone_share", "between 0 and 1"),
        ("min_years_at_school = 2.5", "min_years_at_school", "whole number"),
        ("min_years_at_school = true", "min_years_at_school", "whole number"),
        ("term_years = 0", "term_years", "≥ 1"),
        ("retirement_age = {M = 200}", "retirement_age", "ages between 40 and 80"),
        ('direction = "sideways"', "direction", "any, outward or strong_to_weak"),
        ('retirement = "lottery"', "retirement", "reform2025 or fixed"),
        (
            'retirement = "reform2025"\nretirement_age = {M = 62}',
            "retirement_age",
            "60, 55 or 50",
        ),
        ("max_distance_km = -3", "max_distance_km", "> 0"),
        ("max_travel_minutes = 0", "max_travel_minutes", "minutes > 0"),
        ('fairness = "once_before_twice"', "fairness", "one of"),  # removed: never applied
        ("weights = {L9 = 1}", "weights", "L1, L2, L3"),
        ("weights = {L1 = -1}", "weights.L1", "whole number ≥ 0"),
        ("periods = {primary = {astronomy = 1}}", "periods.primary", "a subject"),
        ("teaching_load = {urban = {primary = 0}}", "teaching_load.urban.primary", "> 0"),
        ("students_per_staff = {middle = 0}", "students_per_staff.middle", "> 0"),
        ('coverage = "yes"', "coverage", "true or false"),
        ("retirement_age = 60", "retirement_age", "a table"),
        ("periods = 5", "periods", "a table"),
        ("periods = {primary = 5}", "periods.primary", "a table"),
    ],
)
def test_a_bad_value_is_named_with_what_was_expected(tmp_path, text, key, expected):
    problems = policy_problems(tmp_path, text + "\n")
    assert key in [p.column for p in problems], problems
    problem = next(p for p in problems if p.column == key)
    assert expected in problem.expected
    assert problem.source == str(tmp_path / "policy.toml")


def test_every_bad_value_is_reported_at_once(tmp_path):
    problems = policy_problems(
        tmp_path,
        'preset = "hebei"\nmin_rotation_ratio = 2\nterm_years = 0\nbogus = 1\n'
        "[evaluation]\nnear_miss = 2\n",
    )
    assert [p.column for p in problems] == [
        "preset",
        "bogus",
        None,  # the [evaluation] problem, named in its message
        "min_rotation_ratio",
        "term_years",
    ]
    assert "near_miss" in problems[2].message


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ('[evaluation]\nnear_miss = "high"\n', "near_miss"),
        ('[evaluation]\ncount_rotating_at = "away"\n', "count_rotating_at"),
        ("[evaluation]\ncv_thresholds = {primary = 0.5}\n", "cv_thresholds"),
        ("[evaluation]\nexclude_teaching_points_below = -1\n", "exclude_teaching_points_below"),
        ("evaluation = 5\n", "evaluation"),
        ("indicators = 5\n", "indicators"),
        ("[indicators]\nT1 = 5\n", "indicators.T1"),
    ],
)
def test_bad_evaluation_settings_are_named(tmp_path, text, words):
    problems = policy_problems(tmp_path, text)
    assert any(words in str(p) for p in problems), problems


def test_a_file_that_is_not_toml(tmp_path):
    (problem,) = policy_problems(tmp_path, "min_rotation_ratio = \n")
    assert "not valid TOML" in problem.message


def test_a_policy_file_that_does_not_exist(tmp_path):
    with pytest.raises(PolicyError, match="file not found"):
        load_policy(tmp_path / "none.toml")


# -- to_toml -----------------------------------------------------------------------------------


@pytest.mark.parametrize("name", list(PRESETS))
def test_every_preset_survives_to_toml(name):
    policy = Policy.from_preset(name)
    assert policy_from_dict(tomllib.loads(policy.to_toml())) == policy


def test_a_policy_with_a_user_indicator_survives_to_toml(tmp_path):
    senior = TeacherIndicator(
        "高级",
        "senior teachers",
        {"primary": 1.5, "middle": 1.2},
        column="职称",
        values=("高级教师",),
    )
    policy = Policy(
        standard=Standard(exclude_special=True).with_indicators(senior),
        weights={"L1": 1, "L2": 2, "L3": 1, "高级": 3},
    )
    assert load_policy(write(tmp_path, policy.to_toml())) == policy


def test_an_indicator_given_by_a_function_cannot_be_written():
    young = TeacherIndicator("Y", "y", {"primary": 1, "middle": 1}, where=lambda t: t.gender == "F")
    with pytest.raises(ValueError, match="indicator Y cannot be written"):
        Policy(standard=Standard().with_indicators(young)).to_toml()


ratios = st.floats(0, 0.5).map(lambda x: round(x, 3))


@st.composite
def policies(draw) -> Policy:
    low = draw(ratios)
    return Policy.from_preset(
        draw(st.sampled_from(list(PRESETS))),
        min_rotation_ratio=low,
        max_rotation_ratio=draw(st.floats(low, 1).map(lambda x: max(low, round(x, 3)))),
        min_backbone_share=draw(ratios),
        min_years_at_school=draw(st.integers(0, 15)),
        term_years=draw(st.integers(1, 6)),
        **draw(
            st.one_of(
                st.fixed_dictionaries(
                    {
                        "retirement": st.just("fixed"),
                        "retirement_age": st.fixed_dictionaries(
                            {"M": st.integers(50, 70), "F": st.integers(45, 65)}
                        ),
                    }
                ),
                st.fixed_dictionaries(
                    {
                        "retirement": st.just("reform2025"),
                        "retirement_age": st.fixed_dictionaries(
                            {"M": st.sampled_from([60, 55]), "F": st.sampled_from([55, 50])}
                        ),
                    }
                ),
            )
        ),
        exempt_years_before_retirement=draw(st.integers(0, 10)),
        return_after_term=draw(st.booleans()),
        direction=draw(st.sampled_from(["any", "outward", "strong_to_weak"])),
        within_group=draw(st.booleans()),
        max_distance_km=draw(st.one_of(st.none(), st.floats(0.5, 200))),
        max_travel_minutes=draw(st.one_of(st.none(), st.floats(1, 240))),
        standard=Standard(
            near_miss=draw(st.floats(0, 1)),
            exclude_teaching_points_below=draw(st.one_of(st.none(), st.integers(0, 100))),
            count_rotating_at=draw(st.sampled_from(["host", "home"])),
        ),
    )


@settings(max_examples=50, deadline=None)
@given(policy=policies())
def test_to_toml_round_trip(policy):
    assert policy_from_dict(tomllib.loads(policy.to_toml())) == policy
