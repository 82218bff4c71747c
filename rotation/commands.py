"""The commands that read plans back: `rotation compare`, `rotation explain` and
`rotation minimum-ratio` (registered by `rotation.cli`).

Each prints in one language (``--lang zh|en``, by default the roster's) and returns the exit
code of the contract: 0 done, 1 invalid input (raised as an InputError, which `rotation.cli`
prints), 2 no plan.
"""

from __future__ import annotations

import argparse
from collections.abc import Callable

import pandas as pd

from rotation.io.moves import read_moves
from rotation.io.pins import read_pins
from rotation.io.roads import read_roads
from rotation.io.roster import Roster, read_roster
from rotation.messages import Lang
from rotation.model import SolverSettings
from rotation.planning.compare import compare_moves
from rotation.planning.explain import explain_key
from rotation.planning.ratio import minimum_ratio_to_pass
from rotation.planning.setup import prepare
from rotation.planning.years import play_out
from rotation.policy.toml import read_policy

__all__ = ["COMMANDS", "add_commands"]


def add_commands(sub: argparse._SubParsersAction) -> None:
    """Add the subcommands of this module to the `rotation` parser."""
    co = sub.add_parser("compare", help="two plans of one roster side by side")
    co.add_argument("a", metavar="A.csv", help="the first plan (CSV or .xlsx)")
    co.add_argument("b", metavar="B.csv", help="the second plan")
    co.add_argument("roster", help="a folder with schools.csv and teachers.csv, or an .xlsx")
    co.add_argument("--year", type=int, help="the school year the plans start (default: A's)")
    co.add_argument("--policy", help="a policy TOML file (default: the anhui preset)")
    lang_option(co)

    mr = sub.add_parser(
        "minimum-ratio", help="the lowest yearly rotation ratio with which every CV passes"
    )
    mr.add_argument("roster", help="a folder with schools.csv and teachers.csv, or an .xlsx")
    mr.add_argument("--year", type=int, help="the first school year (default: this year)")
    mr.add_argument("--target-year", type=int, help="pass by this year (default: --year)")
    mr.add_argument("--time-limit", type=float, default=60.0, help="solver seconds in all (60)")
    mr.add_argument("--policy", help="a policy TOML file (default: the anhui preset)")
    mr.add_argument("--workers", type=int, default=1, help="CP-SAT workers (default 1)")
    mr.add_argument("--seed", type=int, default=0, help="solver seed (default 0)")
    lang_option(mr)
    _explain_parser(sub)


def lang_option(parser: argparse.ArgumentParser) -> None:
    """The `--lang` option every command that prints for people takes."""
    parser.add_argument(
        "--lang",
        choices=("zh", "en"),
        help="language of everything printed and written for people (default: the roster's)",
    )


def language(args: argparse.Namespace, roster: Roster) -> Lang:
    """The language asked for, else the roster's; remembered for the error messages."""
    args.lang = args.lang or roster.lang
    lang: Lang = args.lang
    return lang


def _compare(args: argparse.Namespace) -> int:
    roster = read_roster(args.roster)
    lang = language(args, roster)
    policy = read_policy(args.policy)
    a, b = read_moves(args.a), read_moves(args.b)
    print(compare_moves(roster, a, b, policy, args.year, lang=lang).render(lang))
    return 0


def _minimum_ratio(args: argparse.Namespace) -> int:
    roster = read_roster(args.roster)
    lang = language(args, roster)
    policy = read_policy(args.policy)
    settings = SolverSettings(time_limit=args.time_limit, num_workers=args.workers, seed=args.seed)
    answer = minimum_ratio_to_pass(roster, policy, args.year, args.target_year, settings=settings)
    print(answer.render(lang))
    return 0


# -- rotation explain ---------------------------------------------------------------------------
def _explain_parser(sub: argparse._SubParsersAction) -> None:
    """`rotation explain PLAN.csv ROSTER ID`: why a teacher moves (or not), what a school gets."""
    ex = sub.add_parser("explain", help="why a plan moves a teacher, and what it does to a school")
    ex.add_argument("plan", metavar="PLAN.csv", help="the plan (CSV or .xlsx)")
    ex.add_argument("roster", help="a folder with schools.csv and teachers.csv, or an .xlsx")
    ex.add_argument("key", metavar="ID", help="a teacher_id or a school_id")
    ex.add_argument("--year", type=int, help="the school year (default: the plan's first)")
    ex.add_argument("--policy", help="a policy TOML file (default: the anhui preset)")
    ex.add_argument("--pins", help="the pins the plan was made with (kept when pricing a swap)")
    ex.add_argument("--roads", help="the road or travel table the plan was made with")
    ex.add_argument(
        "--time-limit", type=float, default=10.0, help="seconds to price a swap (default 10)"
    )
    ex.add_argument("--no-swap", action="store_true", help="do not re-solve to price a swap")
    lang_option(ex)


def _explain(args: argparse.Namespace) -> int:
    roster = read_roster(args.roster)
    lang = language(args, roster)
    policy = read_policy(args.policy)
    every = read_moves(args.plan)
    first = _first_year(every)
    year = args.year if args.year is not None else first
    moves = every[every["start_year"] == year] if year is not None else every
    roads = read_roads(args.roads) if args.roads else None
    setup = prepare(roster, policy, year, roads)
    start = setup.start
    pins = read_pins(args.pins, roster) if args.pins else None
    if year is not None and first is not None and year > first:
        # a later year of a multi-year plan: its roster with the plan's earlier years made,
        # and only the "stay" pins (the others hold in the first year)
        earlier = prepare(roster, policy, first, roads)
        years = tuple(range(first, year + 1))
        start = play_out(earlier.start, earlier.policy, years, every)[year].start
        pins = pins[pins["action"] == "stay"] if pins is not None else None
    settings = SolverSettings(time_limit=args.time_limit, num_workers=1, seed=0, deterministic=True)
    found = explain_key(
        start,
        setup.policy,
        moves,
        args.key,
        pins=pins,
        distances=setup.km,
        settings=settings,
        swap=not args.no_swap,
        lang=lang,
    )
    print(found.render(lang))
    return 0


def _first_year(moves: pd.DataFrame) -> int | None:
    return int(moves["start_year"].min()) if len(moves) else None


#: command name → handler.
COMMANDS: dict[str, Callable[[argparse.Namespace], int]] = {
    "compare": _compare,
    "minimum-ratio": _minimum_ratio,
    "explain": _explain,
}
