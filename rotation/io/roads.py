"""Distances between schools: straight lines from coordinates, or shortest paths on roads.

In a mountainous county the straight line misleads, so a road graph (an edge table: from, to,
km, whose nodes are school_ids and any junctions) or a travel table between schools replaces it.

A road table's third column is either a length in km (km, 距离, 公里 …) or a travel time in
minutes (minutes, 分钟 …), never both: its header says which. The distance table built from it
keeps the unit in ``attrs["unit"]`` ("km" or "minutes"; straight lines are km), and
`distance_unit` reads it back, so a km cap is never compared with minutes.
"""

from __future__ import annotations

from pathlib import Path
from typing import Literal

import networkx as nx
import numpy as np
import pandas as pd

from rotation.errors import InputError, Problem
from rotation.io.vocabulary import normalise
from rotation.messages import Text, listed

#: The unit of a distance table: length in km, or travel time in minutes.
DistanceUnit = Literal["km", "minutes"]

#: The units, as the column of a road table they are read from.
UNITS: tuple[DistanceUnit, ...] = ("km", "minutes")

#: How a unit is written after a number in a message or report.
UNIT_NAMES: dict[str, str] = {"km": "km", "minutes": "min"}

EDGE_ALIASES = {
    "from": ("from", "起点", "from_school", "source"),
    "to": ("to", "终点", "to_school", "target"),
    "km": ("km", "distance_km", "距离", "距离km", "length_km", "公里"),
    "minutes": ("minutes", "travel_minutes", "分钟", "用时", "用时分钟", "时间分钟"),
}


def distance_unit(table: pd.DataFrame) -> DistanceUnit:
    """The unit of a distance table from `distances`: "km" unless it says "minutes"."""
    return "minutes" if table.attrs.get("unit") == "minutes" else "km"


def straight_line(schools: pd.DataFrame) -> pd.DataFrame | None:
    """km between every pair of schools from x_km, y_km; None when any coordinate is blank.

    Parameters
    ----------
    schools
        A roster's schools table.

    Returns
    -------
    pandas.DataFrame or None
        km, indexed and columned by school_id.
    """
    xy = schools[["x_km", "y_km"]].to_numpy(dtype=float)
    if np.isnan(xy).any():
        return None
    diff = xy[:, None, :] - xy[None, :, :]
    km = np.sqrt((diff**2).sum(axis=2))
    ids = schools["school_id"].to_list()
    table = pd.DataFrame(km, index=ids, columns=ids)
    table.attrs["unit"] = "km"
    return table


def read_roads(path: str | Path) -> pd.DataFrame:
    """A road or travel table: one row per road segment or pair of schools.

    Parameters
    ----------
    path
        A CSV with columns from, to and the length: ``km`` (距离 …), or ``minutes`` (分钟) for
        a travel-time table. The header decides; a table with both is an error.

    Returns
    -------
    pandas.DataFrame
        Columns from, to (text) and "km" or "minutes" (float).

    Raises
    ------
    InputError
        Listing every missing column and every length that is not a number ≥ 0.
    """
    source = str(path)
    try:
        raw = pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8-sig")
    except (OSError, pd.errors.ParserError, pd.errors.EmptyDataError) as err:
        raise InputError(
            [Problem(source, Text("io.cannot_read", error=err))], "road table"
        ) from None
    lookup = {normalise(a): c for c, names in EDGE_ALIASES.items() for a in names}
    raw = raw.rename(columns=lambda h: lookup.get(normalise(h), h))
    units = [u for u in UNITS if u in raw.columns]
    missing = [c for c in ("from", "to") if c not in raw.columns] + ["km"] * (not units)
    if missing or len(units) > 1:
        message = (
            Text("io.missing_columns", columns=listed(missing))
            if missing
            else Text("io.road_two_units")
        )
        expected = Text(
            "expected.road_columns",
            km=listed(["from", "to", "km"]),
            minutes=listed(["from", "to", "minutes"]),
        )
        raise InputError([Problem(source, message, row=1, expected=expected)], "road table")
    unit = units[0]
    problems = []
    length = pd.to_numeric(raw[unit], errors="coerce")
    for i in np.flatnonzero(length.isna() | (length < 0)):
        problems.append(
            Problem(
                source,
                Text("io.invalid_distance" if unit == "km" else "io.invalid_travel_time"),
                row=int(i) + 2,
                column=unit,
                value=raw.at[i, unit],
                expected=Text("expected.number_positive"),
            )
        )
    if problems:
        raise InputError(problems, "road table")
    return pd.DataFrame(
        {"from": raw["from"].str.strip(), "to": raw["to"].str.strip(), unit: length}
    )


#: The name this reader had before 0.2; kept for one release.
read_edges = read_roads


def road_distances(schools: pd.DataFrame, edges: pd.DataFrame) -> pd.DataFrame:
    """Shortest paths between schools over an undirected road graph (inf where unconnected).

    Parameters
    ----------
    schools
        A roster's schools table.
    edges
        A road table as `read_roads` returns it: from, to and "km" or "minutes" (a third
        column with another name is taken as km).

    Returns
    -------
    pandas.DataFrame
        Lengths indexed and columned by school_id, the unit in ``attrs["unit"]``.
    """
    unit: DistanceUnit = "minutes" if edges.columns[2] == "minutes" else "km"
    graph: nx.Graph[str] = nx.Graph()
    for row in edges.itertuples(index=False):
        if graph.has_edge(row[0], row[1]):
            graph[row[0]][row[1]]["length"] = min(graph[row[0]][row[1]]["length"], row[2])
        else:
            graph.add_edge(row[0], row[1], length=float(row[2]))
    ids = schools["school_id"].to_list()
    out = pd.DataFrame(np.inf, index=ids, columns=ids)
    for sid in ids:
        out.at[sid, sid] = 0.0
        if sid not in graph:
            continue
        lengths = nx.single_source_dijkstra_path_length(graph, sid, weight="length")
        for other in ids:
            if other in lengths:
                out.at[sid, other] = lengths[other]
    out.attrs["unit"] = unit
    return out


def distances(schools: pd.DataFrame, edges: pd.DataFrame | None = None) -> pd.DataFrame | None:
    """The distance table the rules use: roads when given, else straight lines, else None.

    Parameters
    ----------
    schools
        A roster's schools table.
    edges
        A road table, or None.

    Returns
    -------
    pandas.DataFrame or None
    """
    if edges is not None:
        return road_distances(schools, edges)
    return straight_line(schools)
