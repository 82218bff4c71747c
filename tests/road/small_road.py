"""Small roads for the output and check tests: primary schools named in Chinese.

城关小学 (A) has backbone and PE teachers; 河口小学 (B) none, and too little sports area (L5
below 85 %: condemned by its facilities, building.csv names the area to add). The road
designates at B and hires a PE, music or art teacher there. With 龙川教学点 (C,
`with_teaching_point`): 2 posts, both held by young teachers who may neither rotate nor be
designated, so L2 is out of reach within its posts (编制需求). One worker, deterministic:
about a second each.
"""

from __future__ import annotations

from rosters import YEAR, roster, school, teacher

from rotation.io.roster import Roster
from rotation.model import SolverSettings
from rotation.planning.road import Road, road
from rotation.policy.settings import Policy

SETTINGS = SolverSettings(time_limit=20, num_workers=1, deterministic=True)
#: Facilities that meet every threshold for 200 primary students.
FACILITIES = {
    "teaching_area_m2": 900,
    "sports_area_m2": 1500,
    "equipment_value_yuan": 400_000,
    "multimedia_rooms": 5,
}


def small_county(with_teaching_point: bool = False) -> Roster:
    ta = [teacher(f"a{i}", "A", years=2, name=f"张{i}") for i in range(4)]
    ta += [teacher(f"ab{i}", "A", backbone="county", years=2, name=f"李{i}") for i in range(3)]
    ta += [teacher(f"ap{i}", "A", subject="pe", years=2, name=f"王{i}") for i in range(2)]
    tb = [teacher(f"b{i}", "B", years=2, name=f"赵{i}") for i in range(9)]
    tc = [
        teacher("c0", "C", years=2, birth_year=2002, name="孙一"),
        teacher("c1", "C", subject="pe", years=2, birth_year=2002, name="孙二"),
    ]
    schools = [
        school("A", name="城关小学", **FACILITIES),
        school("B", name="河口小学", area="town", **{**FACILITIES, "sports_area_m2": 100}),
    ]
    if not with_teaching_point:
        return roster(schools, ta + tb)
    c = {k: v * 30 / 200 for k, v in FACILITIES.items()}
    schools.append(school("C", name="龙川教学点", area="rural", primary=(30, 1), **c))
    return roster(schools, ta + tb + tc)


def small_policy() -> Policy:
    """No coverage (a tiny school lacks most subjects), no ratio floor on rotation, up to
    20 % of the teachers designated a year."""
    return Policy(coverage=False, min_rotation_ratio=0.0, designation_share=0.2)


def small_road(with_teaching_point: bool = False) -> Road:
    """The road of `small_county` in YEAR."""
    return road(small_county(with_teaching_point), small_policy(), YEAR, settings=SETTINGS)
