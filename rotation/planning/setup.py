"""What every planning entry point does first: read the roster, settle the policy and year, end
the rotations whose term is over, and build the distance table the rules use."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from rotation.io.roads import distances as distance_table
from rotation.io.roster import Roster, read_roster
from rotation.policy.settings import Policy


@dataclass(frozen=True)
class Setup:
    """The inputs of a plan, settled.

    Attributes
    ----------
    roster : Roster
        The roster as the user gave it.
    policy : Policy
        The policy (the Anhui preset when none was given).
    year : int
        The first school year planned.
    returns : pandas.DataFrame
        Teachers whose rotation ends before `year` and who go home first.
    start : Roster
        The roster at the start of `year`, those returns made.
    km : pandas.DataFrame or None
        Distances between schools (None when the roster has no coordinates nor roads).
    """

    roster: Roster
    policy: Policy
    year: int
    returns: pd.DataFrame
    start: Roster
    km: pd.DataFrame | None


def prepare(
    roster: Roster | str | Path,
    policy: Policy | None,
    year: int | None,
    roads: pd.DataFrame | None = None,
) -> Setup:
    """Settle the inputs of a plan (see `Setup`)."""
    roster = read_roster(roster)
    policy = policy or Policy()
    year = year if year is not None else dt.date.today().year
    start = roster.end_rotations(year, policy.return_after_term)
    km = distance_table(start.schools, roads)
    return Setup(roster, policy, year, roster.rotations_ending(year), start, km)
