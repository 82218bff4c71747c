"""Two plans of one roster side by side: which moves differ, and what each achieves.

`compare_moves` works on two moves tables (two plan CSVs read with `rotation.read_moves`);
`Plan.compare` on two plans. Both judge each plan on the same roster, policy and year, so the
"before" column is shared and the figures differ only by the moves.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from rotation.io.roster import Roster
from rotation.messages import Lang, text
from rotation.policy.settings import Policy
from rotation.reports.office import cv_text, id_names, indicator_name, missing, pct_text, stage_name
from rotation.review.evaluation import Evaluation, evaluate

__all__ = ["Comparison", "compare_moves"]

#: The rotation figures compared, in the order they are printed.
FIGURES = ("rotated_teachers", "eligible_teachers", "rotation_ratio", "backbone_share")


@dataclass(frozen=True)
class Comparison:
    """Plan A against plan B.

    Attributes
    ----------
    added : pandas.DataFrame
        Moves in B and not in A: teacher_id, name, from_school, to_school (ids), from_name,
        to_name (school names).
    removed : pandas.DataFrame
        Moves in A and not in B, the same columns.
    changed : pandas.DataFrame
        Teachers who move in both to different schools: teacher_id, name, from_school,
        to_a, to_b, and the three schools' names.
    cvs : pandas.DataFrame
        Per (stage, indicator) judged: name, cv_before, cv_a, cv_b, threshold, passes_a,
        passes_b.
    figures : pandas.DataFrame
        Per rotation figure (rotated_teachers, eligible_teachers, rotation_ratio,
        backbone_share): a, b, required, passes_a, passes_b.
    lang : {"zh", "en"}
        The language of `str(comparison)`.
    """

    added: pd.DataFrame
    removed: pd.DataFrame
    changed: pd.DataFrame
    cvs: pd.DataFrame
    figures: pd.DataFrame
    lang: Lang = "en"

    @property
    def same(self) -> bool:
        """True when both plans move the same teachers to the same schools."""
        return self.added.empty and self.removed.empty and self.changed.empty

    def __str__(self) -> str:
        return comparison_text(self, self.lang)

    def render(self, lang: Lang) -> str:
        """The comparison as a terminal shows it, in `lang`."""
        return comparison_text(self, lang)


def compare_moves(
    roster: Roster,
    a: pd.DataFrame,
    b: pd.DataFrame,
    policy: Policy | None = None,
    year: int | None = None,
    *,
    lang: Lang | None = None,
) -> Comparison:
    """Compare two moves tables on one roster.

    Parameters
    ----------
    roster
        The roster both plans start from.
    a, b
        Moves tables (teacher_id, from_school, to_school, start_year, end_year), e.g. two
        ``plan.moves`` or two `rotation.read_moves`.
    policy
        The rules judging both (default: the Anhui preset).
    year
        The school year the plans start, for who is eligible (default: A's first start year,
        else B's).
    lang
        The language of `str(result)` (default: the roster's).

    Raises
    ------
    InputError
        When a moves table does not fit the roster (naming its file and row).
    """
    policy = policy or Policy()
    if year is None:
        starts = [int(m["start_year"].min()) for m in (a, b) if len(m)]
        year = starts[0] if starts else None
    after_a = evaluate(roster, policy, year, moves=a)
    after_b = evaluate(roster, policy, year, moves=b)
    teachers = id_names(roster.teachers, "teacher_id")
    schools = id_names(roster.schools, "school_id")
    key_a = a.set_index("teacher_id")["to_school"].astype(str)
    key_b = b.set_index("teacher_id")["to_school"].astype(str)
    from_a = a.set_index("teacher_id")["from_school"].astype(str)
    from_b = b.set_index("teacher_id")["from_school"].astype(str)
    only_b = [t for t in key_b.index if t not in key_a.index]
    only_a = [t for t in key_a.index if t not in key_b.index]
    both = [t for t in key_a.index if t in key_b.index and key_a[t] != key_b[t]]
    added = _moves(only_b, from_b, key_b, teachers, schools)
    removed = _moves(only_a, from_a, key_a, teachers, schools)
    changed = pd.DataFrame(
        {
            "teacher_id": both,
            "name": [teachers.get(t, t) for t in both],
            "from_school": [from_a[t] for t in both],
            "to_a": [key_a[t] for t in both],
            "to_b": [key_b[t] for t in both],
            "from_name": [schools.get(from_a[t], from_a[t]) for t in both],
            "to_a_name": [schools.get(key_a[t], key_a[t]) for t in both],
            "to_b_name": [schools.get(key_b[t], key_b[t]) for t in both],
        }
    )
    return Comparison(
        added=added,
        removed=removed,
        changed=changed,
        cvs=_cvs(after_a, after_b),
        figures=_figures(after_a, after_b),
        lang=lang or roster.lang,
    )


def _moves(
    ids: list[str],
    origin: pd.Series,
    target: pd.Series,
    teachers: dict[str, str],
    schools: dict[str, str],
) -> pd.DataFrame:
    return pd.DataFrame(
        {
            "teacher_id": ids,
            "name": [teachers.get(t, t) for t in ids],
            "from_school": [origin[t] for t in ids],
            "to_school": [target[t] for t in ids],
            "from_name": [schools.get(origin[t], origin[t]) for t in ids],
            "to_name": [schools.get(target[t], target[t]) for t in ids],
        }
    )


def _cvs(a: Evaluation, b: Evaluation) -> pd.DataFrame:
    judged = a.county["passes"].notna()
    before = a.before.county if a.before is not None else a.county
    out = pd.DataFrame(
        {
            "name": a.county["name"],
            "cv_before": before["cv"].reindex(a.county.index),
            "cv_a": a.county["cv"],
            "cv_b": b.county["cv"].reindex(a.county.index),
            "threshold": a.county["cv_threshold"],
            "passes_a": a.county["passes"],
            "passes_b": b.county["passes"].reindex(a.county.index),
        }
    )
    return out[judged.to_numpy()]


def _figures(a: Evaluation, b: Evaluation) -> pd.DataFrame:
    ga, gb = a.guarantees, b.guarantees
    assert ga is not None and gb is not None  # judged with moves
    return pd.DataFrame(
        {
            "a": ga["value"].reindex(list(FIGURES)),
            "b": gb["value"].reindex(list(FIGURES)),
            "required": ga["required"].reindex(list(FIGURES)),
            "passes_a": ga["passes"].reindex(list(FIGURES)),
            "passes_b": gb["passes"].reindex(list(FIGURES)),
        }
    ).rename_axis("figure")


# -- as a terminal shows it -----------------------------------------------------------------


def comparison_text(c: Comparison, lang: Lang) -> str:
    """The differences, then the verdicts side by side."""
    lines = [text("compare.head", lang, added=len(c.added), removed=len(c.removed))]
    if c.same:
        lines.append("  " + text("compare.same", lang))
    for title, table in (("compare.added", c.added), ("compare.removed", c.removed)):
        if table.empty:
            continue
        lines.append(text(title, lang, n=len(table)))
        for row in table.to_dict("records"):
            lines.append(
                "  "
                + text(
                    "compare.move",
                    lang,
                    who=_who(row["name"], row["teacher_id"], lang),
                    origin=row["from_name"],
                    target=row["to_name"],
                )
            )
    if not c.changed.empty:
        lines.append(text("compare.changed", lang, n=len(c.changed)))
        for row in c.changed.to_dict("records"):
            lines.append(
                "  "
                + text(
                    "compare.changed_line",
                    lang,
                    who=_who(row["name"], row["teacher_id"], lang),
                    origin=row["from_name"],
                    to_a=row["to_a_name"],
                    to_b=row["to_b_name"],
                )
            )
    lines += ["", text("compare.cvs", lang)]
    for (stage, code), row in zip(c.cvs.index, c.cvs.to_dict("records"), strict=True):
        lines.append(
            "  "
            + text(
                "compare.cv_line",
                lang,
                stage=stage_name(str(stage), lang),
                code=code,
                name=indicator_name(str(code), lang, row["name"]),
                before=cv_text(row["cv_before"]),
                a=cv_text(row["cv_a"]),
                b=cv_text(row["cv_b"]),
                threshold=cv_text(row["threshold"], 2),
                verdict_a=_verdict(row["passes_a"], lang),
                verdict_b=_verdict(row["passes_b"], lang),
            )
        )
    lines += ["", text("compare.figures", lang)]
    for figure, fig in zip(c.figures.index, c.figures.to_dict("records"), strict=True):
        share = figure in ("rotation_ratio", "backbone_share")
        show = pct_text if share else _count
        required = not missing(fig["required"])
        lines.append(
            "  "
            + text(
                "compare.figure_line" if required else "compare.figure_line_plain",
                lang,
                figure=text(f"compare.figure.{figure}", lang),
                a=show(fig["a"]),
                b=show(fig["b"]),
                verdict_a=_verdict(fig["passes_a"], lang),
                verdict_b=_verdict(fig["passes_b"], lang),
            )
        )
    return "\n".join(lines)


def _who(name: str, tid: str, lang: Lang) -> str:
    if name == tid:
        return tid
    return f"{name}（{tid}）" if lang == "zh" else f"{name} ({tid})"


def _count(x: object) -> str:
    return "—" if missing(x) else f"{float(str(x)):.0f}"


def _verdict(ok: object, lang: Lang) -> str:
    if missing(ok):
        return "—"
    return text("verdict.pass" if bool(ok) else "verdict.fail", lang)
