"""The official inter-school coefficient of variation (CV) and the identity the optimiser uses."""

from __future__ import annotations

import math
from collections.abc import Iterable

import numpy as np


def weighted_cv(resources: Iterable[float], students: Iterable[float]) -> float:
    """The official inter-school CV: enrolment-weighted, population form.

    X_i = R_i/P_i, X̄ = ΣR/ΣP, S = sqrt(Σ (P_i/P)(X_i − X̄)²), CV = S/X̄. The "per 100" factor
    cancels. NaN when the county has none of the resource (X̄ = 0) or no students.

    Parameters
    ----------
    resources
        R_i, the resource of each school (teachers counted, m², yuan…).
    students
        P_i, the enrolment of each school, in the same order.

    Returns
    -------
    float
        The CV, or NaN.
    """
    r = np.asarray(list(resources), dtype=float)
    p = np.asarray(list(students), dtype=float)
    total_p, total_r = p.sum(), r.sum()
    if total_p <= 0 or total_r <= 0:
        return math.nan
    mean = total_r / total_p
    spread = np.sqrt(np.sum(p / total_p * (r / p - mean) ** 2))
    return float(spread / mean)


def cv_squared_from_squares(sum_r2_over_p: float, total_r: float, total_p: float) -> float:
    """CV² = (P/R²)·Σ R_i²/P_i − 1: with R and P fixed, CV² falls with the sum of squares.

    This identity is why an optimiser can state the official CV exactly over integer counts.

    Parameters
    ----------
    sum_r2_over_p
        Σ R_i²/P_i over the schools.
    total_r, total_p
        ΣR and ΣP.

    Returns
    -------
    float
        CV².
    """
    return total_p / total_r**2 * sum_r2_over_p - 1
