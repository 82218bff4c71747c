"""What only more posts can fix (review.staffing): a school at its 编制 cap whose teachers
cannot leave has no room for the PE, music or art teacher the school rule needs.

B: 40 primary students in one class (quota ceil(40/19) = 3), facilities that meet L4–L7, three
teachers, none of PE, music or art (L3 needs ceil(0.9 × 0.4) = 1). Teachers with 2 years at
the school may not rotate; one with 8 years may.
"""

from __future__ import annotations

from rosters import YEAR, roster, school, teacher

from rotation.model import SolverSettings
from rotation.planning.road import check_road, road
from rotation.policy.settings import Policy
from rotation.review.staffing import staffing_limits

FACILITIES = {
    "teaching_area_m2": 400,
    "sports_area_m2": 600,
    "equipment_value_yuan": 100_000,
    "multimedia_rooms": 2,
}
#: Up to 20% of the teachers designated a year (2 of 11): L2 by designating b0
DESIGNATE = Policy(designation_share=0.2)


def county(third_years: int) -> object:
    a = [teacher(f"a{i}", "A", years=2) for i in range(6)]
    a += [teacher("ap", "A", subject="pe", years=8), teacher("ab", "A", backbone="county")]
    b = [
        teacher("b0", "B", years=2),
        teacher("b1", "B", subject="math", years=2),
        teacher("b2", "B", years=third_years),
    ]
    return roster([school("A", **FACILITIES), school("B", primary=(40, 1), **FACILITIES)], a + b)


def test_a_school_whose_posts_are_held_needs_one_more_post() -> None:
    limits = staffing_limits(county(third_years=2), DESIGNATE, YEAR)
    b = limits.loc[("B", "primary")]
    assert (b["posts"], b["held"]) == (3, 3)
    assert b["school_rule"] is False
    assert b["extra_posts"] == 1
    assert b["missing"] == ("L3",)


def test_a_post_held_by_a_teacher_who_may_rotate_leaves_room() -> None:
    # b2 (a second Chinese teacher, 8 years) may leave: Chinese keeps b0, one post is open
    limits = staffing_limits(county(third_years=8), DESIGNATE, YEAR)
    b = limits.loc[("B", "primary")]
    assert b["held"] == 2
    assert b["school_rule"] is True
    assert b["extra_posts"] == 0


def test_without_designations_l2_is_missing_too() -> None:
    # ⌊2% × 11⌋ = 0 designations: no teacher of B may become backbone
    limits = staffing_limits(county(third_years=2), Policy(), YEAR)
    assert limits.at[("B", "primary"), "missing"] == ("L2", "L3")


def test_the_least_shortage_within_the_posts() -> None:
    # one class needs a teacher of each of the 11 primary subjects; B's 3 posts are all held
    # (chinese, math, chinese): 9 subjects stay short whatever the road
    limits = staffing_limits(county(third_years=2), DESIGNATE, YEAR)
    assert limits.at[("B", "primary"), "short"] == 9


def test_the_road_names_the_school_and_does_not_search_for_it() -> None:
    policy = Policy(coverage=False, min_rotation_ratio=0.0, designation_share=0.2)
    result = road(
        county(third_years=2), policy, YEAR, settings=SolverSettings(time_limit=20, num_workers=1)
    )
    assert list(result.short_of_posts.index) == [("B", "primary")]
    assert ("B", "primary") not in result.claimed["school_pass"]
    line = next(ln for ln in result.summary("en").splitlines() if "3 posts" in ln)
    assert line.strip().startswith("B Primary") and "1 more post" in line
    assert check_road(result) == []
