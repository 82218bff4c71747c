"""The built-in example county: a seeded synthetic roster shaped like 宁国市 (Anhui).

No real roster can ship with the library, yet every demo, test and tutorial needs a county that
behaves like one: a crowded city with more than 70% of the students, over-staffed town and
village schools in a mountainous south, teaching points with a handful of children, backbone
teachers and arts specialists gathered in the city, and older village teachers with lower
degrees. The numbers below are calibrated so that, before rotation, the inter-school CVs of
L1–L3 sit where 宁国市 published its 2022 figures (docs/example_county.md), and so that
moving 10–15% of the eligible teachers under the default rules can bring them under the thresholds.

    >>> from rotation.example import example_county
    >>> county = example_county(seed=0)       # about 40 school units, 2,500–2,900 teachers

Only `numpy.random.default_rng(seed)` draws numbers here, so a seed gives the same roster on
every machine and every run.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, replace

import numpy as np
import pandas as pd

from rotation.example.names import (
    NINE_YEAR_NAMES,
    TOWN_NAMES,
    URBAN_MIDDLE_NAMES,
    URBAN_PRIMARY_NAMES,
    _names,
    _numbered,
    _village_names,
)
from rotation.io.roster import Roster
from rotation.io.vocabulary import STAGES
from rotation.policy.settings import DEFAULT_PERIODS, DEFAULT_TEACHING_LOAD

SIZES: tuple[str, ...] = ("county", "district", "city", "prefecture")


@dataclass(frozen=True)
class Layout:
    """How many schools of each kind a county has, and how big they are.

    Counts are (low, high) ranges drawn per seed; sizes are enrolment ranges per stage. A
    "town" is a township seat with its centre school(s); villages and teaching points hang off
    a town, further out in the hills.
    """

    prefix: str
    urban_primary: tuple[int, int]
    urban_middle: tuple[int, int]
    urban_nine_year: tuple[int, int]
    towns: tuple[int, int]
    villages: tuple[int, int]
    teaching_points: tuple[int, int]
    urban_primary_students: tuple[int, int]
    urban_middle_students: tuple[int, int]
    nine_year_primary_students: tuple[int, int]
    nine_year_middle_students: tuple[int, int]
    town_primary_students: tuple[int, int]
    town_middle_students: tuple[int, int]
    village_students: tuple[int, int]
    teaching_point_students: tuple[int, int]
    #: Share of towns with their own middle stage (separate 初级中学 or a nine-year 中心学校).
    town_middle_share: float = 0.75
    #: Share of those town middle stages run as a nine-year 中心学校.
    town_nine_year_share: float = 0.5
    groups: tuple[int, int] = (4, 6)
    #: Total compulsory enrolment and the city's share of it, which city and town schools are
    #: scaled to (None: as drawn).
    students: tuple[int, int] | None = None
    urban_share: tuple[float, float] = (0.74, 0.78)
    #: Total teachers the headcounts are scaled to (None: as drawn).
    teachers: tuple[int, int] | None = None
    city_radius_km: float = 3.0
    town_km: tuple[float, float] = (10.0, 40.0)
    rural_km: tuple[float, float] = (18.0, 60.0)


#: 宁国市: 30,000–38,000 compulsory students, 2,500–2,900 teachers, 20–30 primary schools plus
#: teaching points and 10–15 middle or nine-year schools, over 70% of students in the city
#: (docs/example_county.md). Gives about 40 school units.
COUNTY = Layout(
    prefix="NG",
    urban_primary=(8, 9),
    urban_middle=(4, 5),
    urban_nine_year=(1, 2),
    towns=(7, 8),
    villages=(5, 7),
    teaching_points=(3, 5),
    urban_primary_students=(1300, 2500),
    urban_middle_students=(1000, 1900),
    nine_year_primary_students=(700, 1300),
    nine_year_middle_students=(450, 900),
    town_primary_students=(300, 800),
    town_middle_students=(250, 600),
    village_students=(60, 240),
    teaching_point_students=(12, 45),
    students=(33_000, 35_500),
    urban_share=(0.73, 0.77),
    teachers=(2_600, 2_800),
)


#: A large urban district (a typical scale: 100–200 schools, 8,000–15,000 teachers):
#: about 150 schools and 8,000 teachers, nine pupils in ten in the city, a few suburban towns.
DISTRICT = Layout(
    prefix="XZ",
    urban_primary=(84, 88),
    urban_middle=(28, 31),
    urban_nine_year=(12, 14),
    towns=(6, 7),
    villages=(5, 7),
    teaching_points=(0, 2),
    urban_primary_students=(700, 1900),
    urban_middle_students=(600, 1500),
    nine_year_primary_students=(500, 1100),
    nine_year_middle_students=(350, 800),
    town_primary_students=(300, 800),
    town_middle_students=(250, 650),
    village_students=(80, 250),
    teaching_point_students=(15, 45),
    town_middle_share=1.0,
    groups=(8, 12),
    city_radius_km=8.0,
    town_km=(10.0, 25.0),
    rural_km=(15.0, 35.0),
    students=(116_000, 124_000),
    urban_share=(0.88, 0.92),
    teachers=(7_800, 8_300),
)


#: A big city's urban district, three times the district above (the issue's scale case: 20–25k
#: teachers, about 450 schools): some 400 city schools, fifteen suburban towns and a few villages.
CITY = replace(
    DISTRICT,
    prefix="CS",
    urban_primary=(262, 272),
    urban_middle=(86, 92),
    urban_nine_year=(36, 42),
    towns=(14, 16),
    villages=(16, 22),
    teaching_points=(2, 5),
    groups=(24, 32),
    city_radius_km=14.0,
    town_km=(16.0, 35.0),
    rural_km=(22.0, 50.0),
    students=(350_000, 370_000),
    teachers=(24_000, 25_500),
)


#: A prefecture (typically 600–1,000 schools in 8–10 counties): the seat district, three
#: counties like 宁国, and six more rural mountain counties with many village schools and
#: teaching points.
PREFECTURE_SEAT = replace(
    DISTRICT,
    urban_primary=(36, 40),
    urban_middle=(12, 14),
    urban_nine_year=(6, 8),
    villages=(6, 10),
    teaching_points=(0, 3),
    students=(60_000, 66_000),
    urban_share=(0.85, 0.90),
    teachers=None,
)


RURAL_COUNTY = replace(
    COUNTY,
    towns=(13, 16),
    villages=(28, 40),
    teaching_points=(10, 18),
    students=(38_000, 46_000),
    urban_share=(0.55, 0.65),
    teachers=None,
)


#: The prefecture's counties in order (C01 is the seat) with the two-letter code of their ids.
PREFECTURE: tuple[tuple[str, Layout], ...] = (
    ("XZ", PREFECTURE_SEAT),
    ("JX", RURAL_COUNTY),
    ("JD", RURAL_COUNTY),
    ("NG", COUNTY),
    ("JQ", RURAL_COUNTY),
    ("QY", RURAL_COUNTY),
    ("GD", COUNTY),
    ("TH", RURAL_COUNTY),
    ("SD", RURAL_COUNTY),
    ("LX", COUNTY),
)


#: How far apart county seats are in a prefecture (km): counties are laid on a grid.
COUNTY_SPACING_KM = 150.0


#: Average class size per kind of school and stage (urban classes are large, some over the
#: 45/50 limit as in real county towns; village classes are small).
CLASS_SIZE: dict[tuple[str, str], tuple[float, float]] = {
    ("urban", "primary"): (40.0, 46.5),
    ("urban", "middle"): (45.0, 51.5),
    ("town", "primary"): (24.0, 34.0),
    ("town", "middle"): (32.0, 44.0),
    ("village", "primary"): (8.0, 40.0),
    ("teaching_point", "primary"): (6.0, 15.0),
}


#: Share of urban schools that are the "key" schools (重点/名校) where backbone teachers and
#: arts specialists gather: the main source of the L2 imbalance (宁国 middle L2 CV 1.055).
KEY_SCHOOL_SHARE = 0.3


#: Students per staff post, the national standard the quota is computed from (one standard for
#: city and countryside since 2014).
STUDENTS_PER_POST = {"primary": 19.0, "middle": 13.5}


#: Headcount per unit. City schools are staffed below their quota ceil(students / 19 or 13.5),
#: the big ones most (`URBAN_STAFFING`: share of the quota, for 1,500 students and more or
#: fewer); town and village schools kept their teachers while their pupils left for the city,
#: so they have one teacher for 4–10 pupils (`STUDENTS_PER_TEACHER`). That is the typical
#: pattern, it is what makes L1 unequal (almost every teacher holds the required degree, so L1
#: follows headcount per pupil: 宁国 primary L1 CV 0.677), and it is why the staffing rule
#: (R6, docs/model.md) lets rotation send teachers into the city. The county's estimated
#: teacher totals (2,500–2,900 for 30,000–38,000 pupils) need this over-staffing too.
URBAN_STAFFING = {"big": (0.72, 0.86), "small": (0.82, 0.96)}


STUDENTS_PER_TEACHER: dict[tuple[str, str], tuple[float, float]] = {
    ("town", "primary"): (5.5, 8.5),
    ("town", "middle"): (4.3, 6.8),
    ("village", "primary"): (6.5, 9.5),
}


#: The subjects that absorb a unit's teachers beyond its need, with their weights. Chinese and
#: math swell most (the 包班 pattern: a village teacher covers PE and arts with chinese and
#: math), while PE, music and art (`ARTS`, the L3 subjects) fall short outside the city:
#: "over-staffed in total, short in structure" (总量超编、结构性缺编).
ARTS = ("pe", "music", "art")


EXTRA_WEIGHTS: dict[str, dict[str, float]] = {
    "primary": {
        "chinese": 0.34,
        "math": 0.24,
        "english": 0.1,
        "morality": 0.08,
        "science": 0.06,
        "labor": 0.04,
        "it": 0.04,
        "other": 0.1,
    },
    "middle": {
        "chinese": 0.18,
        "math": 0.18,
        "english": 0.14,
        "morality": 0.08,
        "physics": 0.07,
        "chemistry": 0.05,
        "biology": 0.06,
        "history": 0.07,
        "geography": 0.06,
        "it": 0.03,
        "labor": 0.03,
        "other": 0.05,
    },
}


#: Arts and PE teachers per kind of school, as a share of need(subject): city schools have
#: their specialists (key schools `KEY_SCHOOL_ARTS` more of each), towns fall far short and
#: villages seldom have any (宁国 L3 CVs: primary 0.618, middle 0.507).
ARTS_COVER = {"urban": (1.0, 1.5), "town": (0.0, 0.15)}


KEY_SCHOOL_ARTS = 2


#: Chance that a village school has a PE, music or art specialist at all.
VILLAGE_ARTS_CHANCE = {"pe": 0.2, "music": 0.1, "art": 0.1}


#: Age cohorts (weights over ages 22–60) per kind of school: the city took the middle-aged
#: teachers who moved up from the countryside; villages have the oldest staff and a few young
#: 特岗 (special-post) recruits.
AGE_COHORTS: dict[str, tuple[tuple[int, int, float], ...]] = {
    "urban": ((22, 29, 0.17), (30, 39, 0.28), (40, 49, 0.33), (50, 60, 0.22)),
    "town": ((22, 29, 0.18), (30, 39, 0.20), (40, 49, 0.28), (50, 60, 0.34)),
    "village": ((22, 29, 0.16), (30, 39, 0.12), (40, 49, 0.22), (50, 60, 0.50)),
}


#: Share of women: about 70% in primary, about half in the middle stage, fewer among the
#: over-50s (the older village teachers are often men).
FEMALE_SHARE = {"primary": 0.70, "middle": 0.55}


#: Chance of each education level (secondary, associate, bachelor, master) by stage, kind of
#: school and age band (<35, 35–49, 50+). Older village teachers came from 中师 (secondary) or
#: a 师专 (associate) and many never upgraded; middle-stage village teachers often hold only
#: the associate degree, below the middle requirement.
EDUCATION_BANDS = (35, 50)


EDUCATION: dict[tuple[str, str], tuple[tuple[float, float, float, float], ...]] = {
    ("primary", "urban"): ((0, 0.04, 0.88, 0.08), (0.03, 0.30, 0.67, 0), (0.12, 0.52, 0.36, 0)),
    ("primary", "town"): ((0, 0.10, 0.90, 0), (0.04, 0.55, 0.41, 0), (0.22, 0.58, 0.20, 0)),
    ("primary", "village"): ((0, 0.20, 0.80, 0), (0.12, 0.63, 0.25, 0), (0.42, 0.52, 0.06, 0)),
    ("middle", "urban"): ((0, 0, 0.88, 0.12), (0, 0.12, 0.86, 0.02), (0, 0.32, 0.68, 0)),
    ("middle", "town"): ((0, 0.03, 0.97, 0), (0, 0.12, 0.88, 0), (0.01, 0.30, 0.69, 0)),
}


#: Chance a teacher is a county-or-higher backbone teacher, by kind of school (key urban
#: schools multiply it), and the share of each level among backbone teachers.
BACKBONE_CHANCE = {"urban": 0.10, "town": 0.02, "village": 0.0}


KEY_SCHOOL_BACKBONE = 3.0


BACKBONE_LEVELS = {"county": 0.66, "city": 0.24, "province": 0.085, "national": 0.015}


#: Career: teachers start at 21–23; the years at the present school are a share of the career
#: (most teachers changed school once or twice), drawn per teacher.
START_AGE = (21, 23)


STAYED_WHOLE_CAREER = 0.35


#: Share of teachers with an exemption (and its reason), on leave, and already on rotation.
EXEMPT_SHARE = 0.03


EXEMPT_REASONS = ("孕期", "哺乳期", "病休")


ON_LEAVE_SHARE = 0.01


ON_ROTATION_SHARE = 0.03


PREFERENCE_SHARE = 0.04


#: Facilities per student (m², m², yuan) by kind of school: the city is crowded.
FACILITIES: dict[str, dict[str, tuple[float, float]]] = {
    "urban": {"teaching": (2.8, 6.0), "sports": (3.0, 9.0), "equipment": (1800, 3400)},
    "town": {"teaching": (4.0, 10.0), "sports": (6.0, 22.0), "equipment": (1900, 3600)},
    "village": {"teaching": (6.0, 16.0), "sports": (10.0, 35.0), "equipment": (1500, 4200)},
    "teaching_point": {"teaching": (8.0, 20.0), "sports": (6.0, 30.0), "equipment": (900, 3000)},
}


#: Networked multimedia sets per class by kind of school (the city adds 2–7 special rooms):
#: village schools and teaching points still lack them in many classrooms.
MULTIMEDIA_PER_CLASS: dict[str, tuple[float, float]] = {
    "urban": (1.0, 1.0),
    "town": (0.7, 1.0),
    "village": (0.3, 1.0),
    "teaching_point": (0.0, 1.0),
}


def example_county(size: str = "county", seed: int = 0, year: int = 2026) -> Roster:
    """A synthetic county roster in the canonical format, the same for the same seed.

    `size` is "county" (calibrated on 宁国市: about 40 school units, 2,500–2,900 teachers),
    "district" (a large urban district: about 150 schools, 8,000 teachers), "city" (a big
    city's district: about 450 schools, 24,000–25,500 teachers) or "prefecture"
    (ten counties, 600–1,000 schools, ids prefixed by county as in "C04-NG01", the schools'
    `county` column naming each county, e.g. "C04-NG"). `year` is the
    school year the roster describes: birth years and the rotations already under way are
    counted back from it. See docs/example_county.md for how the county is calibrated.
    """
    if size not in SIZES:
        raise ValueError(f"size must be one of {', '.join(SIZES)}, not {size!r}")
    rng = np.random.default_rng(seed)
    if size == "prefecture":
        schools, teachers = _prefecture(rng, year)
    else:
        layout = {"county": COUNTY, "district": DISTRICT, "city": CITY}[size]
        schools, teachers = _county_frames(layout, rng, year)
    return Roster.from_frames(
        schools, teachers, source=f"example_county(size={size!r}, seed={seed})"
    )


def _prefecture(rng: np.random.Generator, year: int) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Ten counties, each drawn with its own seed derived from `rng`, laid out on a grid.

    Ids and groups carry the county prefix (C01-…) so nothing collides, and coordinates are
    offset so that no two counties overlap.
    """
    seeds = rng.integers(0, 2**31, size=len(PREFECTURE))
    all_schools, all_teachers = [], []
    for k, ((code, layout), child) in enumerate(zip(PREFECTURE, seeds, strict=True)):
        layout = replace(layout, prefix=code)
        schools, teachers = _county_frames(layout, np.random.default_rng(child), year)
        tag = f"C{k + 1:02d}"
        row, col = divmod(k, 4)
        schools["x_km"] = (schools["x_km"] + col * COUNTY_SPACING_KM).round(1)
        schools["y_km"] = (schools["y_km"] - row * COUNTY_SPACING_KM).round(1)
        schools["group"] = tag + "-" + schools["group"]
        schools["county"] = f"{tag}-{code}"  # the county line no teacher crosses
        schools["school_id"] = tag + "-" + schools["school_id"]
        for column in ("teacher_id", "school_id"):
            teachers[column] = tag + "-" + teachers[column]
        teachers["home_school_id"] = [f"{tag}-{h}" if h else "" for h in teachers.home_school_id]
        teachers["preferred_schools"] = [
            ";".join(f"{tag}-{s}" for s in p.split(";")) if p else ""
            for p in teachers["preferred_schools"]
        ]
        all_schools.append(schools)
        all_teachers.append(teachers)
    return (
        pd.concat(all_schools, ignore_index=True),
        pd.concat(all_teachers, ignore_index=True),
    )


def _county_frames(
    layout: Layout, rng: np.random.Generator, year: int
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The schools and teachers tables of one county (canonical columns, ready to validate)."""
    schools = _schools(layout, rng)
    units = _units(schools)
    staffing = _staffing(units, layout, rng)
    parts = [
        _teachers_for_unit(unit, counts, rng)
        for unit, counts in zip(units.itertuples(index=False), staffing, strict=True)
    ]
    teachers = pd.concat(parts, ignore_index=True)
    teachers = _identities(teachers, rng)
    teachers = _roles(teachers, schools, rng)
    teachers = _status(teachers, schools, rng, year)
    teachers["birth_year"] = year - teachers["age"]
    return schools[_SCHOOL_OUT], teachers[_TEACHER_OUT]


_SCHOOL_OUT = [
    "school_id",
    "name",
    "area",
    "school_type",
    "students_primary",
    "classes_primary",
    "students_middle",
    "classes_middle",
    "group",
    "x_km",
    "y_km",
    "teaching_area_m2",
    "sports_area_m2",
    "equipment_value_yuan",
    "multimedia_rooms",
]


_TEACHER_OUT = [
    "teacher_id",
    "name",
    "gender",
    "birth_year",
    "school_id",
    "stage",
    "subject",
    "education",
    "backbone",
    "title",
    "years_at_school",
    "role",
    "leader_terms",
    "exempt",
    "on_leave",
    "home_school_id",
    "rotation_start_year",
    "rotation_end_year",
    "preferred_schools",
]


def _draw(rng: np.random.Generator, bounds: tuple[int, int]) -> int:
    """A whole number in low..high inclusive."""
    return int(rng.integers(bounds[0], bounds[1] + 1))


def _schools(layout: Layout, rng: np.random.Generator) -> pd.DataFrame:
    """One row per school with its kind (urban/town/village/teaching_point), enrolment,
    classes, position, group and facilities.

    The kind drives everything downstream: staffing, the age of the staff, their degrees and
    the backbone teachers they have.
    """
    rows = _city_schools(layout, rng) + _countryside_schools(layout, rng)
    schools = _scale_enrolment(pd.DataFrame(rows), layout, rng)
    width = 2 if len(schools) < 100 else 3
    schools.insert(0, "school_id", [f"{layout.prefix}{i + 1:0{width}d}" for i in schools.index])
    for stage in STAGES:
        schools[f"classes_{stage}"] = [
            _classes(kind, stage, n, rng)
            for kind, n in zip(schools["kind"], schools[f"students_{stage}"], strict=True)
        ]
    schools["group"] = _groups(schools, layout, rng)
    return _facilities(schools, rng)


def _scale_enrolment(
    schools: pd.DataFrame, layout: Layout, rng: np.random.Generator
) -> pd.DataFrame:
    """Scale city and town enrolments so the county's total and urban share land in range.

    School counts are drawn, so without this the totals would swing by a fifth between seeds;
    the county's size and its urban share are published facts, the split between
    its schools is not. Village schools and teaching points keep their drawn size.
    """
    if layout.students is None:
        return schools
    total = _draw(rng, layout.students)
    share = rng.uniform(*layout.urban_share)
    columns = ["students_primary", "students_middle"]
    city = (schools["kind"] == "urban").to_numpy()
    town = (schools["kind"] == "town").to_numpy()
    enrolled = schools[columns].to_numpy().sum(axis=1)
    villages = enrolled[~city & ~town].sum()
    factors = {
        "city": share * total / enrolled[city].sum(),
        "town": max(0.5, ((1 - share) * total - villages) / enrolled[town].sum()),
    }
    for mask, factor in ((city, factors["city"]), (town, factors["town"])):
        for column in columns:
            schools.loc[mask, column] = (schools.loc[mask, column] * factor).round().astype(int)
    return schools


def _city_schools(layout: Layout, rng: np.random.Generator) -> list[dict]:
    """The city's primary, middle and nine-year schools, within `city_radius_km` of (0, 0).

    About a third are key schools: bigger, older, and where the backbone teachers are.
    """
    rows = []
    plan = [
        ("primary", _draw(rng, layout.urban_primary)),
        ("middle", _draw(rng, layout.urban_middle)),
        ("nine_year", _draw(rng, layout.urban_nine_year)),
    ]
    for what, count in plan:
        key = rng.permutation(count) < max(1, round(KEY_SCHOOL_SHARE * count))
        for i in range(count):
            primary = middle = 0
            if what == "primary":
                primary = _draw(rng, layout.urban_primary_students)
                name = _numbered(URBAN_PRIMARY_NAMES, i, "城区第{}小学")
            elif what == "middle":
                middle = _draw(rng, layout.urban_middle_students)
                name = _numbered(URBAN_MIDDLE_NAMES, i, "城区第{}中学")
            else:
                primary = _draw(rng, layout.nine_year_primary_students)
                middle = _draw(rng, layout.nine_year_middle_students)
                name = _numbered(NINE_YEAR_NAMES, i, "城区第{}学校")
            if key[i]:  # key schools draw the families: the top of the range
                primary, middle = int(primary * 1.15), int(middle * 1.15)
            r = layout.city_radius_km * math.sqrt(rng.uniform(0.02, 1))
            angle = rng.uniform(0, 2 * math.pi)
            rows.append(
                _school_row(name, "urban", "urban", primary, middle, r, angle, -1, bool(key[i]))
            )
    return rows


def _countryside_schools(layout: Layout, rng: np.random.Generator) -> list[dict]:
    """Town centre schools, then village schools and teaching points around the towns.

    Towns lie 10–40 km out, more of them to the mountainous south; villages and teaching
    points lie further out than their town, up to 60 km.
    """
    rows = []
    n_towns = _draw(rng, layout.towns)
    towns = rng.choice(len(TOWN_NAMES), size=min(n_towns, len(TOWN_NAMES)), replace=False)
    # Angles measured from east; the south (−π/2) is favoured: a mountainous south.
    angles = rng.normal(-math.pi / 2, 1.3, size=len(towns))
    dists = rng.uniform(*layout.town_km, size=len(towns))
    n_middle = round(layout.town_middle_share * len(towns))
    has_middle = rng.permutation(len(towns)) < n_middle
    nine_year = has_middle & (rng.random(len(towns)) < layout.town_nine_year_share)
    for t, town in enumerate(towns):
        name = TOWN_NAMES[town]
        primary = _draw(rng, layout.town_primary_students)
        if nine_year[t]:
            middle = _draw(rng, layout.town_middle_students)
            rows.append(
                _school_row(
                    f"{name}镇中心学校", "town", "town", primary, middle, dists[t], angles[t], t
                )
            )
            continue
        rows.append(
            _school_row(f"{name}镇中心小学", "town", "town", primary, 0, dists[t], angles[t], t)
        )
        if has_middle[t]:
            middle = _draw(rng, layout.town_middle_students)
            d = dists[t] + rng.uniform(0.2, 1.5)
            rows.append(_school_row(f"{name}初级中学", "town", "town", 0, middle, d, angles[t], t))
    n_villages = _draw(rng, layout.villages)
    n_points = _draw(rng, layout.teaching_points)
    names = _village_names(n_villages + n_points, rng)
    for v in range(n_villages + n_points):
        point = v >= n_villages
        t = int(rng.integers(len(towns)))
        d = float(np.clip(dists[t] + rng.uniform(4, 20), *layout.rural_km))
        angle = angles[t] + rng.normal(0, 0.25)
        if point:
            d = float(np.clip(d + rng.uniform(5, 15), *layout.rural_km))
            students = _draw(rng, layout.teaching_point_students)
            name = f"{names[v]}教学点"
            kind = "teaching_point"
        else:
            students = _draw(rng, layout.village_students)
            name = f"{names[v]}村小"
            kind = "village"
        rows.append(_school_row(name, kind, "rural", students, 0, d, angle, t))
    return rows


def _school_row(
    name: str,
    kind: str,
    area: str,
    primary: int,
    middle: int,
    dist: float,
    angle: float,
    town: int,
    key: bool = False,
) -> dict:
    return {
        "name": name,
        "kind": kind,
        "area": area,
        "school_type": "teaching_point" if kind == "teaching_point" else "regular",
        "students_primary": primary,
        "students_middle": middle,
        "x_km": round(dist * math.cos(angle), 1),
        "y_km": round(dist * math.sin(angle), 1),
        "town": town,
        "key": key,
    }


def _classes(kind: str, stage: str, students: int, rng: np.random.Generator) -> int:
    """Classes from enrolment and a drawn average class size (urban classes run large)."""
    if students == 0:
        return 0
    if kind == "village":
        return int(min(6, max(3, math.ceil(students / 25))))
    if kind == "teaching_point":
        return int(min(4, max(1, math.ceil(students / 12))))
    size = rng.uniform(*CLASS_SIZE[(kind, stage)])
    return max(1, round(students / size))


def _groups(schools: pd.DataFrame, layout: Layout, rng: np.random.Generator) -> list[str]:
    """School groups (校共体): each led by an urban school, with town and village members.

    Towns are split into sectors by direction, one sector per group; villages follow their
    town, and the other city schools are shared out among the groups in turn.
    """
    urban = schools.index[schools["kind"] == "urban"].to_numpy()
    n = min(_draw(rng, layout.groups), len(urban))
    leaders = rng.choice(urban, size=n, replace=False)
    leaders = sorted(leaders, key=lambda i: -schools.at[i, "students_primary"])
    names = [f"{schools.at[i, 'name']}校共体" for i in leaders]
    towns = schools[schools["town"] >= 0]
    angle = np.arctan2(towns["y_km"], towns["x_km"])
    town_angle = angle.groupby(towns["town"]).first().sort_values()
    sector = {t: i * n // len(town_angle) for i, t in enumerate(town_angle.index)}
    group = []
    others = 0
    for i, row in schools.iterrows():
        if i in leaders:
            group.append(names[leaders.index(i)])
        elif row["town"] >= 0:
            group.append(names[sector[row["town"]]])
        else:
            group.append(names[others % n])
            others += 1
    return group


def _facilities(schools: pd.DataFrame, rng: np.random.Generator) -> pd.DataFrame:
    """Floor area, sports area, equipment value and multimedia rooms, from per-student draws.

    The city is crowded (less room per student); villages have room but older equipment,
    and not every village classroom has its networked multimedia set yet.
    """
    students = schools["students_primary"] + schools["students_middle"]
    classes = schools["classes_primary"] + schools["classes_middle"]
    out = {"teaching": [], "sports": [], "equipment": []}
    for kind, n in zip(schools["kind"], students, strict=True):
        for what, (lo, hi) in FACILITIES[kind].items():
            out[what].append(rng.uniform(lo, hi) * n)
    schools["teaching_area_m2"] = np.round(out["teaching"], -1)
    schools["sports_area_m2"] = np.round(out["sports"], -1)
    schools["equipment_value_yuan"] = np.round(out["equipment"], -3)
    per_class = [rng.uniform(*MULTIMEDIA_PER_CLASS[kind]) for kind in schools["kind"]]
    extra = np.where(schools["kind"] == "urban", rng.integers(2, 8, len(schools)), 0)
    extra += np.where(schools["kind"] == "town", rng.integers(0, 4, len(schools)), 0)
    schools["multimedia_rooms"] = (np.round(classes * np.array(per_class)) + extra).astype(float)
    return schools


def _units(schools: pd.DataFrame) -> pd.DataFrame:
    """One row per school and stage with students (a nine-year school gives two)."""
    rows = []
    for school in schools.itertuples(index=False):
        for stage in STAGES:
            students = getattr(school, f"students_{stage}")
            if students > 0:
                rows.append(
                    {
                        "school_id": school.school_id,
                        "stage": stage,
                        "kind": school.kind,
                        "area": school.area,
                        "key": school.key,
                        "students": students,
                        "classes": getattr(school, f"classes_{stage}"),
                    }
                )
    return pd.DataFrame(rows)


def _need(area: str, stage: str, classes: int) -> dict[str, int]:
    """Teachers a unit needs per subject: ceil(classes × periods / load), the library's rule."""
    load = DEFAULT_TEACHING_LOAD[area][stage]
    return {s: math.ceil(classes * p / load - 1e-9) for s, p in DEFAULT_PERIODS[stage].items()}


def _headcount(unit, base: int, rng: np.random.Generator) -> int:
    """How many teachers the unit has: below quota in the city, over-staffed elsewhere."""
    if unit.kind == "urban":
        quota = math.ceil(unit.students / STUDENTS_PER_POST[unit.stage])
        share = URBAN_STAFFING["big" if unit.students >= 1500 else "small"]
        return max(base, round(quota * rng.uniform(*share)))
    ratio = STUDENTS_PER_TEACHER[(unit.kind, unit.stage)]
    return max(base, round(unit.students / rng.uniform(*ratio)))


def _base_counts(unit, rng: np.random.Generator) -> dict[str, int]:
    """Teachers per subject before the extra ones: the need of most subjects, and the arts
    pattern of the kind of school.

    City schools have their need and their arts specialists (key schools more); town schools
    have too few PE, music and art teachers; village schools and teaching points are run by a
    few general teachers.
    """
    needed = _need(unit.area, unit.stage, unit.classes)
    counts = dict.fromkeys(needed, 0)
    if unit.kind == "teaching_point":
        counts["chinese"] = _draw(rng, (1, 2))
        counts["math"] = 1
        counts["other"] = int(rng.random() < 0.4)
        return counts
    for subject, n in needed.items():
        if subject in ARTS and unit.kind == "village":
            counts[subject] = int(rng.random() < VILLAGE_ARTS_CHANCE[subject])
        elif subject in ARTS:
            cover = rng.uniform(*ARTS_COVER[unit.kind])
            counts[subject] = round(n * cover) + KEY_SCHOOL_ARTS * int(unit.key)
        elif unit.kind == "village":
            counts[subject] = n if subject in ("chinese", "math", "english", "science") else 0
        else:
            counts[subject] = n
    return counts


def _staffing(units: pd.DataFrame, layout: Layout, rng: np.random.Generator) -> list[dict]:
    """Teachers per subject of every unit: the base counts plus the extra teachers its
    headcount brings, spread over the core subjects (`EXTRA_WEIGHTS`).

    With `layout.teachers` set, every headcount is scaled by one factor so the county's total
    lands in that range: like enrolment, the teacher total is a published figure,
    while its split between schools is not. One factor for all keeps the contrast between
    city and town staffing, which is what the L1 imbalance is made of.
    """
    base = [_base_counts(unit, rng) for unit in units.itertuples(index=False)]
    floor = np.array([sum(b.values()) for b in base])
    heads = np.array(
        [
            _headcount(unit, n, rng) if unit.kind != "teaching_point" else n
            for unit, n in zip(units.itertuples(index=False), floor, strict=True)
        ]
    )
    if layout.teachers is not None:
        factor = _draw(rng, layout.teachers) / heads.sum()
        heads = np.maximum(floor, np.round(heads * factor).astype(int))
    out = []
    for unit, counts, extra in zip(units.itertuples(index=False), base, heads - floor, strict=True):
        weights = EXTRA_WEIGHTS[unit.stage]
        p = np.array(list(weights.values()))
        for subject, k in zip(weights, rng.multinomial(extra, p / p.sum()), strict=True):
            counts[subject] += int(k)
        out.append(counts)
    return out


def _cohort_ages(kind: str, n: int, rng: np.random.Generator) -> np.ndarray:
    """Ages drawn from the kind's cohort weights (uniform within a cohort)."""
    cohorts = AGE_COHORTS[kind]
    weights = np.array([w for *_, w in cohorts])
    pick = rng.choice(len(cohorts), size=n, p=weights / weights.sum())
    lo = np.array([c[0] for c in cohorts])[pick]
    hi = np.array([c[1] for c in cohorts])[pick]
    return rng.integers(lo, hi + 1)


def _teachers_for_unit(unit, counts: dict[str, int], rng: np.random.Generator) -> pd.DataFrame:
    """The staff of one school and stage: subject, gender, age, degree, backbone, tenure."""
    subjects = np.repeat(list(counts), list(counts.values()))
    n = len(subjects)
    kind = "village" if unit.kind in ("village", "teaching_point") else unit.kind
    ages = _cohort_ages(kind, n, rng)
    female = rng.random(n) < FEMALE_SHARE[unit.stage] - np.where(ages >= 50, 0.15, 0.0)
    # Women retire at 55: an older woman is drawn again inside her working years.
    ages = np.where(female & (ages > 55), rng.integers(40, 56, n), ages)
    education = _education(unit.stage, kind, ages, rng)
    backbone = _backbone(kind, unit.key, ages, rng)
    return pd.DataFrame(
        {
            "school_id": unit.school_id,
            "stage": unit.stage,
            "kind": unit.kind,
            "subject": subjects,
            "gender": np.where(female, "F", "M"),
            "age": ages,
            "education": education,
            "backbone": backbone,
            "years_at_school": _tenure(ages, rng),
            "title": _title(ages, backbone, rng),
        }
    )


def _education(stage: str, kind: str, ages: np.ndarray, rng: np.random.Generator) -> np.ndarray:
    """Highest degree by stage, kind of school and age band (see EDUCATION)."""
    table = EDUCATION[(stage, "town" if stage == "middle" and kind == "village" else kind)]
    band = np.searchsorted(EDUCATION_BANDS, ages, side="right")
    levels = np.array(["secondary", "associate", "bachelor", "master"])
    u = rng.random(len(ages))
    cumulative = np.cumsum(np.array(table, dtype=float), axis=1)[band]
    pick = (u[:, None] >= cumulative).sum(axis=1)
    return levels[np.minimum(pick, 3)]


def _backbone(kind: str, key: bool, ages: np.ndarray, rng: np.random.Generator) -> np.ndarray:
    """Backbone level: mostly at key city schools, rarely in villages, seldom the young."""
    chance = BACKBONE_CHANCE[kind] * (KEY_SCHOOL_BACKBONE if key else 1.0)
    by_age = np.select([ages < 28, ages < 35, ages < 52], [0.1, 0.8, 1.3], 0.9)
    hit = rng.random(len(ages)) < chance * by_age
    levels = np.array(list(BACKBONE_LEVELS))
    level = rng.choice(len(levels), size=len(ages), p=list(BACKBONE_LEVELS.values()))
    return np.where(hit, levels[level], "none")


def _tenure(ages: np.ndarray, rng: np.random.Generator) -> np.ndarray:
    """Years at the present school: the whole career, or a share of it after a move."""
    career = np.maximum(0, ages - rng.integers(START_AGE[0], START_AGE[1] + 1, len(ages)))
    stayed = rng.random(len(ages)) < STAYED_WHOLE_CAREER
    share = rng.uniform(0.15, 1.0, len(ages))
    return np.where(stayed, career, np.floor(career * share)).astype(int)


def _title(ages: np.ndarray, backbone: np.ndarray, rng: np.random.Generator) -> np.ndarray:
    """Professional title (职称): senior (高级) ~10%, intermediate (一级), junior (二级/未定级)."""
    senior = np.select([ages >= 45, ages >= 38], [0.17, 0.06], 0.0) + np.where(
        backbone != "none", 0.25, 0.0
    )
    intermediate = np.select([ages >= 32, ages >= 28], [0.75, 0.3], 0.0)
    u = rng.random(len(ages))
    return np.where(
        u < senior, "senior", np.where(u < senior + intermediate, "intermediate", "junior")
    )


def _identities(teachers: pd.DataFrame, rng: np.random.Generator) -> pd.DataFrame:
    """Teacher ids numbered within each school (NG01-0001) and random Chinese names."""
    teachers = teachers.sort_values(["school_id", "stage"], kind="stable").reset_index(drop=True)
    number = teachers.groupby("school_id").cumcount() + 1
    teachers["teacher_id"] = teachers["school_id"] + "-" + number.map("{:04d}".format)
    teachers["name"] = _names(teachers["gender"].to_numpy(), rng)
    return teachers


def _roles(teachers: pd.DataFrame, schools: pd.DataFrame, rng: np.random.Generator) -> pd.DataFrame:
    """One principal per school, one or two vice-principals in the larger ones.

    Leaders are picked among experienced teachers (40–56 where the school has them) and carry
    the number of terms they served at the school (0–4), consistent with their tenure.
    """
    teachers["role"] = "teacher"
    teachers["leader_terms"] = pd.array([pd.NA] * len(teachers), dtype="Int64")
    size = (schools["students_primary"] + schools["students_middle"]).set_axis(schools.school_id)
    for school_id, staff in teachers.groupby("school_id").groups.items():
        staff = np.asarray(staff)
        ages = teachers.loc[staff, "age"].to_numpy()
        senior = staff[(ages >= 40) & (ages <= 56)]
        pool = senior if len(senior) else staff
        n_vice = 2 if size[school_id] >= 1500 else 1 if size[school_id] >= 400 else 0
        picked = rng.choice(pool, size=min(len(pool), 1 + n_vice), replace=False)
        for rank, i in enumerate(picked):
            teachers.at[i, "role"] = "principal" if rank == 0 else "vice_principal"
            terms = _draw(rng, (0, 4))
            years = max(int(teachers.at[i, "years_at_school"]), 3 * terms)
            career = int(teachers.at[i, "age"]) - START_AGE[0]
            teachers.at[i, "years_at_school"] = min(years, career)
            teachers.at[i, "leader_terms"] = min(terms, min(years, career) // 3)
    return teachers


def _status(
    teachers: pd.DataFrame, schools: pd.DataFrame, rng: np.random.Generator, year: int
) -> pd.DataFrame:
    """Exemptions with their reason, leave, rotations already under way, and preferences."""
    n = len(teachers)
    female = (teachers["gender"] == "F").to_numpy()
    young = (teachers["age"] < 40).to_numpy()
    teacher = (teachers["role"] == "teacher").to_numpy()
    exempt = rng.random(n) < EXEMPT_SHARE * np.where(female & young, 1.8, 0.5)
    reason = np.where(female & young, rng.choice(EXEMPT_REASONS[:2], size=n), EXEMPT_REASONS[2])
    teachers["exempt"] = np.where(exempt, reason, "")
    teachers["on_leave"] = (rng.random(n) < ON_LEAVE_SHARE) & ~exempt & teacher
    teachers["home_school_id"] = ""
    teachers["rotation_start_year"] = pd.array([pd.NA] * n, dtype="Int64")
    teachers["rotation_end_year"] = pd.array([pd.NA] * n, dtype="Int64")
    teachers["preferred_schools"] = ""
    _rotations(teachers, schools, rng, year, free=~exempt & teacher)
    _preferences(teachers, schools, rng)
    return teachers


def _rotations(
    teachers: pd.DataFrame,
    schools: pd.DataFrame,
    rng: np.random.Generator,
    year: int,
    free: np.ndarray,
) -> None:
    """Mark about 3% of teachers as already on rotation: city teachers now serving in
    town and village schools, who started one or two years ago for a three-year term."""
    stages = {
        stage: schools.loc[schools[f"students_{stage}"] > 0, ["school_id", "kind"]]
        for stage in STAGES
    }
    hosted = teachers["kind"].isin(("town", "village")).to_numpy() & free
    candidates = np.flatnonzero(hosted & (teachers["age"] >= 28).to_numpy())
    count = min(len(candidates), round(ON_ROTATION_SHARE * len(teachers)))
    for i in rng.choice(candidates, size=count, replace=False):
        stage = teachers.at[i, "stage"]
        homes = stages[stage]
        homes = homes[
            (homes["kind"] == "urban") & (homes["school_id"] != teachers.at[i, "school_id"])
        ]
        if homes.empty:
            continue
        start = year - _draw(rng, (1, 2))
        teachers.at[i, "home_school_id"] = homes["school_id"].iloc[rng.integers(len(homes))]
        teachers.at[i, "rotation_start_year"] = start
        teachers.at[i, "rotation_end_year"] = start + 3
        teachers.at[i, "years_at_school"] = year - start


def _preferences(teachers: pd.DataFrame, schools: pd.DataFrame, rng: np.random.Generator) -> None:
    """A few teachers name one to three schools of their stage they would rotate to."""
    chosen = np.flatnonzero(rng.random(len(teachers)) < PREFERENCE_SHARE)
    by_stage = {
        stage: schools.loc[schools[f"students_{stage}"] > 0, "school_id"].to_numpy()
        for stage in STAGES
    }
    for i in chosen:
        options = by_stage[teachers.at[i, "stage"]]
        options = options[options != teachers.at[i, "school_id"]]
        k = min(len(options), _draw(rng, (1, 3)))
        teachers.at[i, "preferred_schools"] = ";".join(rng.choice(options, size=k, replace=False))


__all__ = ["SIZES", "Layout", "example_county"]
