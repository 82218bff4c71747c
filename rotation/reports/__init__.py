"""What people read: text, HTML, workbooks and printed documents of evaluations and plans.

Reports sit below the results they render and read them through `protocols`.

protocols.py        the shapes reports read of an evaluation and a plan
evaluation_view.py  an evaluation as text and notebook HTML
summary.py          `PlanSummary`: a plan's figures, as text and notebook HTML
director.py, svg.py the director's report: one printable HTML file with inline SVG charts
workbook.py         the office's workbook (交流名单 … 参数, and `plan` for machines)
notice.py           the notice (公示) and a letter per school
office.py           names, terms and words shared by the office's documents
"""
