"""What counts as a number in a setting, and the exact value of a decimal setting.

Settings come from TOML files and Python code. TOML's `true` is not 1, NaN is no limit, and a
ratio written 0.15 means fifteen hundredths exactly, not the binary float nearest to it. These
three definitions are shared by the policy, the evaluation standard and the optimiser, so a
value accepted in one place is accepted everywhere and means the same number.
"""

from __future__ import annotations

import math
from fractions import Fraction
from numbers import Rational
from typing import Any, TypeGuard

__all__ = ["exact", "is_number", "is_whole"]


def is_number(x: Any) -> TypeGuard[int | float]:
    """True for a finite int or float that is not a boolean.

    Parameters
    ----------
    x
        Any value, typically read from a policy file.

    Returns
    -------
    bool
        Whether `x` may stand for a number of the file (TOML's ``true`` may not, nor NaN).
    """
    return isinstance(x, int | float) and not isinstance(x, bool) and math.isfinite(x)


def is_whole(x: Any) -> TypeGuard[int]:
    """True for an int that is not a boolean (``3.0`` is not whole: a file would say ``3``).

    Parameters
    ----------
    x
        Any value.

    Returns
    -------
    bool
        Whether `x` is a whole number of the file.
    """
    return isinstance(x, int) and not isinstance(x, bool)


def exact(x: int | float | Fraction) -> Fraction:
    """The exact rational a decimal setting stands for: 0.15 → 3/20, 0.1 → 1/10.

    A float is read through its shortest decimal form (``repr``), which is the decimal a user
    wrote in a file or in code, so no rounding of the binary float leaks into a rule such as
    ``20·backbone ≥ 3·rotated``.

    Parameters
    ----------
    x
        A finite number.

    Returns
    -------
    Fraction
        The value as an exact fraction in lowest terms.

    Raises
    ------
    ValueError
        When `x` is not a finite number.
    """
    if isinstance(x, Rational) and not isinstance(x, bool):
        return Fraction(x.numerator, x.denominator)
    if not is_number(x):
        raise ValueError(f"not a finite number: {x!r}")
    return Fraction(repr(float(x)))


def cell_float(value: Any) -> float:
    """A table cell as a float: pandas types a cell read by label loosely (any scalar), so
    this states what the caller knows it holds."""
    return float(value)
