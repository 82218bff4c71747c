"""Reading and writing what the office holds: rosters, plans, pins, road tables, histories.

vocabulary.py  canonical columns and values, and their Chinese aliases
cells.py       one spreadsheet cell parsed (numbers, dates, codes), headers mapped
checks.py      a table checked row by row: every problem at once, located
numbers.py     what counts as a number, a whole number, an exact ratio
ids.py         ids matched across width, case and spaces; "did you mean"
sources.py     CSV folders, single CSV files and workbooks (.xlsx, .xls) read as raw tables
roster.py      `Roster`, `read_roster`
moves.py       plan files (`read_moves`, `write_moves`)
pins.py        pinned decisions (`read_pins`)
roads.py       road and travel tables (`read_roads`), distances between schools
history.py     rosters of several years (`History`, `read_history`)
"""
