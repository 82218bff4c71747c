"""A roster judged as the review judges it, and what rotation alone cannot fix.

evaluation.py  `evaluate` and the `Evaluation` it returns (CVs, schools, rotation figures)
limits.py      `rotation_limits`: shortages and CVs no rotation can mend, the least hiring
building.py    `building_needs`: what only building can fix (L4–L7)
staffing.py    `staffing_limits`: what only more posts (编制) can fix
"""
