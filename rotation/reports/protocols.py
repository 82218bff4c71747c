"""The shapes reports read. Reports sit below the results they render (an `Evaluation`, a
`Plan`, a `Road`), so they name only the attributes they use."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Protocol

import pandas as pd

from rotation.io.roster import Roster


class EvaluationLike(Protocol):
    """What a report reads of an evaluation (see `rotation.Evaluation`)."""

    @property
    def county(self) -> pd.DataFrame:
        """Per (stage, indicator): the county value, the CV, its threshold and verdict."""
        ...

    @property
    def schools(self) -> pd.DataFrame:
        """Per (school_id, stage): each indicator, whether it is met, the school rule."""
        ...

    @property
    def guarantees(self) -> pd.DataFrame | None:
        """The rotation figures and the other government guarantees, where judged."""
        ...

    def failing_schools(self) -> pd.DataFrame:
        """Schools (per stage) below a threshold or failing the school rule."""
        ...


class RoadLike(Protocol):
    """What a report reads of a road (see `rotation.Road`): its tables, each year judged."""

    @property
    def start(self) -> Roster:
        """The roster at the start of the first year."""
        ...

    @property
    def years(self) -> tuple[int, ...]:
        """From the first year to the target year."""
        ...

    @property
    def target_year(self) -> int:
        """The year the review is passed by."""
        ...

    @property
    def hires(self) -> pd.DataFrame:
        """year, school_id, stage, subject, education, count."""
        ...

    @property
    def designations(self) -> pd.DataFrame:
        """year, teacher_id, school_id."""
        ...

    @property
    def moves(self) -> pd.DataFrame:
        """The plan's columns."""
        ...

    @property
    def building(self) -> pd.DataFrame:
        """school_id, stage, indicator, unit, have, needed, addition, reason."""
        ...

    @property
    def short_of_posts(self) -> pd.DataFrame:
        """Units (school_id, stage) the posts condemn: posts, held, extra_posts, missing."""
        ...

    @property
    def posts(self) -> pd.DataFrame:
        """Every unit's posts figures (column short: teachers short whatever the road)."""
        ...

    @property
    def yearly(self) -> Mapping[int, EvaluationLike]:
        """Each year's roster after the road, judged."""
        ...


class PlanLike(Protocol):
    """What a report file reads of a plan (see `rotation.Plan`)."""

    moves: pd.DataFrame
    returns: pd.DataFrame
    eligibility: pd.DataFrame

    @property
    def before(self) -> EvaluationLike:
        """The roster before the plan, judged."""
        ...

    @property
    def after(self) -> EvaluationLike:
        """The roster after the plan, judged."""
        ...
