"""Distances between schools: straight lines from coordinates, or shortest paths on roads.

In a mountainous county the straight line misleads, so a road graph (an edge table: from, to,
km, whose nodes are school_ids and any junctions) or a travel table between schools replaces it.
"""

from __future__ import annotations

from pathlib import Path

import networkx as nx
import numpy as np
import pandas as pd

from rotation.errors import InputError, Problem
from rotation.io.vocabulary import normalise

EDGE_ALIASES = {
    "from": ("from", "起点", "from_school", "source"),
    "to": ("to", "终点", "to_school", "target"),
    "km": ("km", "distance_km", "距离", "距离km", "length_km", "minutes", "分钟"),
}


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
    return pd.DataFrame(km, index=ids, columns=ids)


def read_roads(path: str | Path) -> pd.DataFrame:
    """A road or travel table: one row per road segment or pair of schools.

    Parameters
    ----------
    path
        A CSV with columns from, to, km (起点, 终点, 距离 …; minutes work as well as km).

    Returns
    -------
    pandas.DataFrame
        Columns from, to (text) and km (float).

    Raises
    ------
    InputError
        Listing every missing column and every distance that is not a number ≥ 0.
    """
    source = str(path)
    try:
        raw = pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8-sig")
    except (OSError, pd.errors.ParserError, pd.errors.EmptyDataError) as err:
        raise InputError([Problem(source, f"cannot be read ({err})")], "road table") from None
    lookup = {normalise(a): c for c, names in EDGE_ALIASES.items() for a in names}
    raw = raw.rename(columns=lambda h: lookup.get(normalise(h), h))
    missing = [c for c in ("from", "to", "km") if c not in raw.columns]
    if missing:
        raise InputError(
            [
                Problem(
                    source, f"missing columns {', '.join(missing)}", row=1, expected="from, to, km"
                )
            ],
            "road table",
        )
    problems = []
    km = pd.to_numeric(raw["km"], errors="coerce")
    for i in np.flatnonzero(km.isna() | (km < 0)):
        problems.append(
            Problem(
                source,
                "invalid distance",
                row=int(i) + 2,
                column="km",
                value=raw.at[i, "km"],
                expected="a number ≥ 0",
            )
        )
    if problems:
        raise InputError(problems, "road table")
    return pd.DataFrame({"from": raw["from"].str.strip(), "to": raw["to"].str.strip(), "km": km})


#: The name this reader had before 0.2; kept for one release.
read_edges = read_roads


def road_distances(schools: pd.DataFrame, edges: pd.DataFrame) -> pd.DataFrame:
    """Shortest-path km between schools over an undirected road graph (inf where unconnected).

    Parameters
    ----------
    schools
        A roster's schools table.
    edges
        A road table as `read_roads` returns it.

    Returns
    -------
    pandas.DataFrame
        km, indexed and columned by school_id.
    """
    graph: nx.Graph[str] = nx.Graph()
    for row in edges.itertuples(index=False):
        if graph.has_edge(row[0], row[1]):
            graph[row[0]][row[1]]["km"] = min(graph[row[0]][row[1]]["km"], row[2])
        else:
            graph.add_edge(row[0], row[1], km=float(row[2]))
    ids = schools["school_id"].to_list()
    out = pd.DataFrame(np.inf, index=ids, columns=ids)
    for sid in ids:
        out.at[sid, sid] = 0.0
        if sid not in graph:
            continue
        lengths = nx.single_source_dijkstra_path_length(graph, sid, weight="km")
        for other in ids:
            if other in lengths:
                out.at[sid, other] = lengths[other]
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
