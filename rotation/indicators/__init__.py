"""The review's indicators: what they count and how the county is judged by them.

definitions.py  `Indicator`, `TeacherIndicator`, `FacilityIndicator`, `Standard`, `OFFICIAL`
cv.py           the enrolment-weighted coefficient of variation (`weighted_cv`)
tables.py       per school and stage values, the county table, the school rule (6 of 7)
"""
