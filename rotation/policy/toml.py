"""Policy files: a TOML file read into a `Policy` (`Policy.to_toml` writes one back)."""

from __future__ import annotations

import tomllib
from collections.abc import Mapping
from dataclasses import fields, replace
from pathlib import Path
from typing import Any

from rotation.errors import PolicyError, Problem
from rotation.indicators.definitions import Standard, TeacherIndicator
from rotation.io.vocabulary import AREAS, STAGES
from rotation.messages import Text, Words, listed
from rotation.policy.settings import (
    DEFAULT_PERIODS,
    DEFAULT_RETIREMENT_AGE,
    DEFAULT_STUDENTS_PER_STAFF,
    DEFAULT_TEACHING_LOAD,
    DEFAULT_WEIGHTS,
    PRESETS,
    Policy,
    fixed_if_ages_given,
)

_EVALUATION_KEYS = {
    "count_rotating_at",
    "near_miss",
    "exclude_special",
    "exclude_teaching_points_below",
    "school_min_met",
    "middle_weight",
    "cv_thresholds",
}


_INDICATOR_KEYS = {"name", "name_zh", "column", "values", "thresholds", "per", "weight"}


def read_policy(path: str | Path | None = None, **changes: Any) -> Policy:
    """The policy in a TOML file: `preset` first, then every key given replaces the preset's.

    Unknown keys are errors (a misspelt key would otherwise be silently ignored). User
    indicators go in `[indicators.CODE]` tables with name, column, values, thresholds
    ({primary = …, middle = …}) and an optional objective weight. Retirement follows the 2025
    reform unless the file sets `retirement = "fixed"` or gives `retirement_age` without
    `retirement` (fixed ages: the rule before 2025).

    Parameters
    ----------
    path
        The TOML file; None for the default preset with `changes` applied.
    **changes
        Settings replacing the file's.

    Returns
    -------
    Policy
        The policy.

    Raises
    ------
    PolicyError
        Naming every problem: a file that cannot be read, unknown keys, invalid values.
    """
    if path is None:
        return Policy.from_preset(**changes)
    source = str(path)
    try:
        data = tomllib.loads(Path(path).read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise PolicyError(
            [Problem(source, Text("io.file_not_found"), expected=Text("expected.policy_file"))]
        ) from None
    except OSError as err:
        raise PolicyError(
            [
                Problem(
                    source,
                    Text("io.cannot_read", error=err.strerror or err),
                    expected=Text("expected.toml_file"),
                )
            ]
        ) from None
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as err:
        raise PolicyError([Problem(source, Text("policy_error.not_toml", error=err))]) from None
    return policy_from_dict(data, source, **changes)


def policy_from_dict(data: Mapping[str, Any], source: str = "policy", **changes: Any) -> Policy:
    """A policy from the key/value form of a TOML file (see `read_policy`).

    Parameters
    ----------
    data
        The parsed file: settings, `preset`, an `evaluation` table, `indicators` tables.
    source
        The name problems are reported under (the file's path).
    **changes
        Settings replacing the file's.

    Returns
    -------
    Policy
        The policy.

    Raises
    ------
    PolicyError
        Naming every problem found.
    """
    data = dict(data)
    preset = data.pop("preset", "anhui")
    problems = []
    if preset not in PRESETS:
        problems.append(
            Problem(
                source,
                Text("policy_error.unknown_preset"),
                column="preset",
                value=preset,
                expected=Text("expected.one_of", codes=listed(PRESETS)),
            )
        )
        preset = "anhui"
    evaluation = data.pop("evaluation", {})
    indicator_tables = data.pop("indicators", {})
    if not isinstance(evaluation, Mapping):
        problems.append(
            Problem(
                source,
                Text("policy_error.invalid_setting"),
                column="evaluation",
                value=evaluation,
                expected=Text("expected.toml_table", table="[evaluation]"),
            )
        )
        evaluation = {}
    if not isinstance(indicator_tables, Mapping):
        problems.append(
            Problem(
                source,
                Text("policy_error.invalid_setting"),
                column="indicators",
                value=indicator_tables,
                expected=Text("expected.toml_tables", table=_INDICATOR_TABLE),
            )
        )
        indicator_tables = {}
    allowed = {f.name for f in fields(Policy)} - {"preset", "standard"}
    for key in data:
        if key not in allowed:
            problems.append(
                Problem(
                    source,
                    Text("policy_error.unknown_key"),
                    column=key,
                    value=data[key],
                    expected=Text(
                        "expected.one_of",
                        codes=listed(sorted(allowed | {"preset", "evaluation", "indicators"})),
                    ),
                )
            )
    for key in evaluation:
        if key not in _EVALUATION_KEYS:
            problems.append(
                Problem(
                    source,
                    Text("policy_error.unknown_evaluation_key"),
                    column=key,
                    expected=Text("expected.one_of", codes=listed(sorted(_EVALUATION_KEYS))),
                )
            )
    extra, weights, bad = _indicators_from_tables(indicator_tables, source)
    problems += bad
    settings = fixed_if_ages_given(
        {**PRESETS[preset], **{k: v for k, v in data.items() if k in allowed}, **changes}
    )
    if weights:
        settings["weights"] = _merged(settings.get("weights", DEFAULT_WEIGHTS), weights)
    _merge_tables(settings)
    try:
        known = {k: v for k, v in evaluation.items() if k in _EVALUATION_KEYS}
        standard = Standard(**known).with_indicators(*extra)
    except (TypeError, ValueError) as err:
        problems.append(Problem(source, Text("policy_error.invalid_evaluation", error=err)))
        standard = Standard()  # to find the other settings' problems too
    try:
        policy = Policy(preset=preset, standard=standard, **settings)
    except PolicyError as err:
        problems += [replace(p, source=source) for p in err.problems]
    except TypeError as err:
        problems.append(Problem(source, Text("policy_error.invalid_setting_detail", error=err)))
    if problems:
        raise PolicyError(problems)
    return policy


#: The TOML table of an added indicator, as messages name it.
_INDICATOR_TABLE = Words("[indicators.指标代码]", "[indicators.CODE]")


def _merged(default: Mapping[str, Any], given: Any) -> Any:
    """`given` over `default` when it is a table; anything else is left for `_check` to name."""
    return {**default, **given} if isinstance(given, Mapping) else given


def _merge_tables(settings: dict[str, Any]) -> None:
    """A periods or load table in a file changes the entries it names and keeps the rest."""
    for key, defaults, keys in (
        ("periods", DEFAULT_PERIODS, STAGES),
        ("teaching_load", DEFAULT_TEACHING_LOAD, AREAS),
    ):
        given = settings.get(key)
        if isinstance(given, Mapping):
            settings[key] = {k: _merged(defaults[k], given.get(k, {})) for k in keys} | {
                k: t for k, t in given.items() if k not in keys
            }
    if "students_per_staff" in settings:
        settings["students_per_staff"] = _merged(
            DEFAULT_STUDENTS_PER_STAFF, settings["students_per_staff"]
        )
    if "retirement_age" in settings:
        settings["retirement_age"] = _merged(DEFAULT_RETIREMENT_AGE, settings["retirement_age"])


def _indicators_from_tables(
    tables: Mapping[str, Any], source: str
) -> tuple[list[TeacherIndicator], dict[str, int], list[Problem]]:
    indicators, weights, problems = [], {}, []
    for code, table in tables.items():
        if not isinstance(table, Mapping):
            problems.append(
                Problem(
                    source,
                    Text("policy_error.invalid_setting"),
                    column=f"indicators.{code}",
                    value=table,
                    expected=Text(
                        "expected.indicator_table",
                        table=_INDICATOR_TABLE,
                        keys=listed(["name", "column", "values", "thresholds"]),
                    ),
                )
            )
            continue
        unknown = set(table) - _INDICATOR_KEYS
        if unknown:
            problems.append(
                Problem(
                    source,
                    Text("policy_error.unknown_indicator_key", table=f"[indicators.{code}]"),
                    column=", ".join(sorted(unknown)),
                    expected=Text("expected.one_of", codes=listed(sorted(_INDICATOR_KEYS))),
                )
            )
            continue
        try:
            indicators.append(
                TeacherIndicator(
                    code,
                    table.get("name", code),
                    dict(table["thresholds"]),
                    per=table.get("per", 100),
                    name_zh=table.get("name_zh", ""),
                    column=table["column"],
                    values=tuple(str(v) for v in table["values"]),
                )
            )
        except (KeyError, TypeError, ValueError) as err:
            problems.append(
                Problem(
                    source,
                    Text(
                        "policy_error.indicator_incomplete", table=f"[indicators.{code}]", error=err
                    ),
                    expected=Text(
                        "expected.indicator_keys",
                        keys=listed(["name", "column", "values"]),
                        thresholds="thresholds = {primary = …, middle = …}",
                    ),
                )
            )
            continue
        if "weight" in table:
            weights[code] = table["weight"]
    return indicators, weights, problems


#: The name this reader had before 0.2; kept for one release.
load_policy = read_policy
