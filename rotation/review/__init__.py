"""A roster judged as the review judges it, and what rotation alone cannot fix.

evaluation.py  `evaluate` and the `Evaluation` it returns (CVs, schools, rotation figures)
limits.py      `rotation_limits`: shortages and CVs no rotation can mend, the least hiring
"""
