"""The by-hand road (example.by_hand_road): each school fills its own deficits, no rotation."""

from __future__ import annotations

from rosters import YEAR, roster, school, teacher

from rotation.example.by_hand_road import by_hand_road
from rotation.policy.settings import Policy


def test_each_school_hires_its_own_subject_and_l3_deficits_and_designates_for_l2() -> None:
    # A: 200 students, one class: needs one teacher of each of 11 subjects, L1 ⌈8.4⌉ = 9,
    # L2 2, L3 ⌈1.8⌉ = 2; has 3 Chinese teachers (one a long-serving candidate)
    teachers = [teacher(f"a{i}", "A", years=2, birth_year=2000) for i in range(2)]
    teachers.append(teacher("senior", "A", years=20, birth_year=1980))
    hires, designations = by_hand_road(roster([school("A")], teachers), Policy(), YEAR)
    by_subject = hires.set_index("subject")["count"]
    assert "chinese" not in by_subject.index
    assert by_subject.sum() >= 10  # the 10 subjects without a teacher
    assert by_subject[["pe", "music", "art"]].sum() == 3  # coverage; L3 needs 2: none beyond
    assert 3 + by_subject.sum() >= 9  # L1
    assert list(designations["teacher_id"]) == ["senior"]  # the only candidate
    assert set(hires["education"]) == {"bachelor"}
