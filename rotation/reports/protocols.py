"""The shapes reports read. Reports sit below the results they render (an `Evaluation`, a
`Plan`), so they name only the attributes they use."""

from __future__ import annotations

from typing import Protocol

import pandas as pd


class EvaluationLike(Protocol):
    """What a report reads of an evaluation (see `rotation.Evaluation`)."""

    county: pd.DataFrame
    schools: pd.DataFrame
    guarantees: pd.DataFrame | None

    def failing_schools(self) -> pd.DataFrame:
        """Schools (per stage) below a threshold or failing the school rule."""
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
