"""Scenarios of a batch: what to run on every county, read from a TOML grid.

A grid file has three parts, all optional:

    year = 2026               # top-level keys: defaults of every scenario
    time_limit = 20

    [grid]                    # lists: every combination is one scenario
    preset = ["anhui", "sichuan"]
    min_rotation_ratio = [0.10, 0.15]
    horizon = [1, 3]
    seed = [0, 1]

    [[scenarios]]             # scenarios listed one by one (added to the grid's)
    name = "baseline"
    kind = "evaluate"

The keys `name`, `kind` ("evaluate", "plan", "horizon"), `year`, `horizon`, `seed` and
`time_limit` describe the run; every other key is a policy setting (`preset` and any key of a
policy file, e.g. `min_rotation_ratio`), checked as a policy file is, so a misspelt key is an
error before anything runs. A scenario's kind defaults to "plan", or "horizon" when its
horizon is above 1. A grid scenario is named by its values, "preset=sichuan,horizon=3".
"""

from __future__ import annotations

import itertools
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal, cast

from rotation.errors import PolicyError, Problem
from rotation.policy.settings import Policy
from rotation.policy.toml import policy_from_dict

Kind = Literal["evaluate", "plan", "horizon"]
KINDS: tuple[str, ...] = ("evaluate", "plan", "horizon")

#: Keys that describe the run rather than the policy.
RUN_KEYS = ("name", "kind", "year", "horizon", "seed", "time_limit")

#: The horizon of a "horizon" scenario that does not give one.
DEFAULT_HORIZON = 3


@dataclass(frozen=True)
class Scenario:
    """One way of running every county: evaluate, plan one year, or plan several.

    Attributes
    ----------
    name : str
        Unique within the batch; names the task's folder.
    kind : {"evaluate", "plan", "horizon"}
        What the task does.
    policy : Mapping[str, Any]
        Policy settings (`preset` and overrides), as a policy file holds them.
    year : int or None
        The first school year (None: the batch's, or this year).
    horizon : int
        Years planned (1 for "plan").
    seed : int
        Solver seed.
    time_limit : float or None
        Solver seconds per task (None: the batch's settings).
    """

    name: str
    kind: Kind = "plan"
    policy: Mapping[str, Any] = field(default_factory=dict)
    year: int | None = None
    horizon: int = 1
    seed: int = 0
    time_limit: float | None = None

    def make_policy(self) -> Policy:
        """The policy the scenario runs under (PolicyError when a setting is wrong)."""
        return policy_from_dict(dict(self.policy), f"scenario {self.name}")


#: The batch's scenario when none is given: a one-year plan under the default policy.
DEFAULT_SCENARIOS: tuple[Scenario, ...] = (Scenario("plan"),)


def read_scenarios(path: str | Path) -> list[Scenario]:
    """The scenarios of a TOML grid file (module doc).

    Raises
    ------
    PolicyError
        Naming every problem: the file, a key, a value, a repeated name.
    """
    source = str(path)
    try:
        data = tomllib.loads(Path(path).read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise PolicyError([Problem(source, "file not found", expected="a TOML grid")]) from None
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as err:
        raise PolicyError([Problem(source, f"cannot be read ({err})")]) from None
    return scenarios_from_dict(data, source)


def scenarios_from_dict(data: Mapping[str, Any], source: str = "scenarios") -> list[Scenario]:
    """The scenarios of a parsed grid (module doc); each one's policy is checked."""
    defaults = {k: v for k, v in data.items() if k not in ("grid", "scenarios")}
    grid = data.get("grid", {})
    listed = data.get("scenarios", [])
    problems: list[Problem] = []
    if not isinstance(grid, Mapping):
        problems.append(Problem(source, "[grid] must be a table", column="grid"))
        grid = {}
    if not isinstance(listed, list):
        problems.append(Problem(source, "scenarios must be [[scenarios]] tables"))
        listed = []
    for key, values in grid.items():
        if not isinstance(values, list) or not values:
            problems.append(Problem(source, "grid values must be a list", column=key, value=values))
    if problems:
        raise PolicyError(problems)
    raw: list[dict[str, Any]] = []
    keys = list(grid)
    if keys:
        for combo in itertools.product(*(grid[k] for k in keys)):
            values = dict(zip(keys, combo, strict=True))
            name = ",".join(f"{k}={v}" for k, v in values.items())
            raw.append({"name": name, **defaults, **values})
    for i, entry in enumerate(listed):
        if not isinstance(entry, Mapping):
            problems.append(Problem(source, "a [[scenarios]] entry must be a table", row=i + 1))
            continue
        raw.append({"name": f"scenario{i + 1}", **defaults, **entry})
    if not raw:
        raw.append({"name": "plan", **defaults})
    out = []
    for entry in raw:
        try:
            out.append(_scenario(entry, source))
        except PolicyError as err:
            problems += err.problems
    names = [s.name for s in out]
    for name in sorted({n for n in names if names.count(n) > 1}):
        problems.append(Problem(source, "scenario name used twice", column="name", value=name))
    if problems:
        raise PolicyError(problems)
    return out


def _scenario(entry: Mapping[str, Any], source: str) -> Scenario:
    name = str(entry["name"])
    policy = {k: v for k, v in entry.items() if k not in RUN_KEYS}
    horizon = entry.get("horizon")
    kind = entry.get("kind") or ("horizon" if horizon not in (None, 1) else "plan")
    problems = []
    if kind not in KINDS:
        problems.append(
            Problem(source, "unknown kind", record=name, column="kind", value=kind,
                    expected="one of " + ", ".join(KINDS))
        )  # fmt: skip
    if horizon is None:
        horizon = DEFAULT_HORIZON if kind == "horizon" else 1
    if not isinstance(horizon, int) or isinstance(horizon, bool) or horizon < 1:
        problems.append(
            Problem(source, "invalid horizon", record=name, column="horizon", value=horizon,
                    expected="a whole number ≥ 1")
        )  # fmt: skip
    if problems:
        raise PolicyError(problems)
    scenario = Scenario(
        name=name,
        kind=cast(Kind, kind),
        policy=policy,
        year=entry.get("year"),
        horizon=horizon if kind != "evaluate" else 1,
        seed=int(entry.get("seed", 0)),
        time_limit=float(entry["time_limit"]) if "time_limit" in entry else None,
    )
    scenario.make_policy()  # every setting checked now, before anything runs
    return scenario
