"""The built-in example county, calibrated on 宁国市 (Anhui), and what an office does by hand.

generator.py  `example_county`: a seeded synthetic roster (county, district, prefecture)
names.py      school and teacher names
history.py    `example_history`: the county over several years, rotated by hand
by_hand.py    `by_hand_plan`: the office's spreadsheet rules of thumb, for comparison
by_hand_road.py  `by_hand_road`: hires and designations each school asks for its own deficits
"""

from rotation.example.by_hand import by_hand_plan
from rotation.example.by_hand_road import by_hand_road
from rotation.example.generator import example_county
from rotation.example.history import example_history

__all__ = ["by_hand_plan", "by_hand_road", "example_county", "example_history"]
