"""The `rotation` command: demo, evaluate, plan.

Exit codes (the contract): 0 done; 1 invalid input (the message names file, row, column, value
and what was expected); 2 no plan can satisfy the rules; 3 the plan failed its independent
check (a bug in this library; nothing is written). A user's mistake never shows a traceback; a
traceback means a bug in this library.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence

from rotation.errors import RotationError
from rotation.example.generator import example_county
from rotation.io.moves import read_moves
from rotation.io.pins import read_pins
from rotation.io.roads import read_roads
from rotation.io.roster import read_roster
from rotation.model import SolverSettings
from rotation.planning.planner import plan
from rotation.planning.result import Plan
from rotation.policy.toml import read_policy
from rotation.review.evaluation import evaluate

#: Exit code when a plan fails the independent check: a bug, and nothing is written.
EXIT_UNVERIFIED = 3


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="rotation",
        description="Plan teacher rotation between a county's schools and judge it by the "
        "official balanced-education indicators.",
    )
    sub = parser.add_subparsers(dest="command", required=True)

    demo = sub.add_parser("demo", help="run the whole job on the built-in example county")
    demo.add_argument("--seed", type=int, default=0, help="seed of the example county (default 0)")
    demo.add_argument("--size", default="county", choices=("county", "district", "prefecture"))
    demo.add_argument("--time-limit", type=float, default=30.0, help="solver seconds (default 30)")
    demo.add_argument("--workers", type=int, default=2, help="CP-SAT workers (default 2)")

    ev = sub.add_parser("evaluate", help="indicators, CVs and verdicts of a roster (and a plan)")
    ev.add_argument("roster", help="a folder with schools.csv and teachers.csv, or an .xlsx")
    ev.add_argument(
        "--plan", help="a plan CSV (teacher_id, from_school, to_school, start_year, end_year)"
    )
    ev.add_argument(
        "--policy", help="a policy TOML file (for eligibility and the evaluation settings)"
    )
    ev.add_argument(
        "--year", type=int, help="the school year the plan starts (default: the plan's)"
    )
    ev.add_argument("--json", action="store_true", help="print one JSON object instead of tables")

    pl = sub.add_parser("plan", help="plan the rotation of one school year (or several)")
    pl.add_argument("roster", help="a folder with schools.csv and teachers.csv, or an .xlsx")
    pl.add_argument("--out", required=True, help="where to write the plan CSV")
    pl.add_argument("--year", type=int, help="the school year the plan starts (default: this year)")
    pl.add_argument("--horizon", type=int, default=1, help="plan this many years at once")
    pl.add_argument("--time-limit", type=float, default=60.0, help="solver seconds in all (60)")
    pl.add_argument("--policy", help="a policy TOML file (default: the anhui preset)")
    pl.add_argument("--seed", type=int, default=0, help="solver seed (default 0)")
    pl.add_argument("--workers", type=int, default=2, help="CP-SAT workers; ≤ cores (default 2)")
    pl.add_argument("--pins", help="CSV of pinned decisions: teacher_id, action, school")
    pl.add_argument("--roads", help="CSV road or travel table: from, to, km")
    pl.add_argument("--excel", help="also write the office workbook (.xlsx)")
    pl.add_argument("--report", help="also write a standalone HTML report")
    pl.add_argument("--notice", help="also write the printable notice (公示) of the list (.xlsx)")
    pl.add_argument("--letters", help="also write one letter per school into this folder")
    pl.add_argument(
        "--lang",
        choices=("zh", "en"),
        help="language of the workbook, notice and letters (default: the roster's)",
    )
    pl.add_argument("--log", action="store_true", help="show the CP-SAT search log")
    pl.add_argument(
        "--deterministic",
        action="store_true",
        help="the same plan on any machine: limit the search by work done, not by seconds",
    )
    _road_parser(sub)
    return parser


def _road_parser(sub: argparse._SubParsersAction) -> None:
    """`rotation road`: hires, designations, moves and building that pass by a year."""
    rd = sub.add_parser("road", help="what to recruit, designate, rotate and build to pass")
    rd.add_argument("roster", help="a folder with schools.csv and teachers.csv, or an .xlsx")
    rd.add_argument("--target-year", type=int, required=True, help="pass the review by then")
    rd.add_argument("--year", type=int, help="the first school year (default: this year)")
    rd.add_argument("--out", required=True, help="folder for hires/designations/moves/building")
    rd.add_argument("--time-limit", type=float, default=120.0, help="solver seconds (120)")
    rd.add_argument("--policy", help="a policy TOML file (default: the anhui preset)")
    rd.add_argument("--workers", type=int, default=1, help="CP-SAT workers; ≤ cores (default 1)")
    rd.add_argument("--seed", type=int, default=0, help="solver seed (default 0)")


def _road(args: argparse.Namespace) -> int:
    from rotation.planning.road import road

    roster = read_roster(args.roster)
    policy = read_policy(args.policy)
    settings = SolverSettings(time_limit=args.time_limit, num_workers=args.workers, seed=args.seed)
    result = road(roster, policy, args.year, args.target_year, settings=settings)
    print(result.summary())
    problems = result.verify()
    if problems:
        print(
            "\nVERIFICATION FAILED: the road breaks the rules below. This is a bug in rotation: "
            "please report it with the roster and the command. Nothing was written.",
            file=sys.stderr,
        )
        for p in problems:
            print(f"  {p}", file=sys.stderr)
        return EXIT_UNVERIFIED
    print("\nIndependent check: every rule, quota and claimed verdict holds.")
    print(f"road written to {result.write(args.out)}")
    return 0


def _demo(args: argparse.Namespace) -> int:
    roster = example_county(args.size, seed=args.seed)
    print(f"Built-in example county ({args.size}, seed {args.seed}), before rotation:\n")
    print(evaluate(roster))
    year = 2026
    print(f"\nPlanning {year} under the default (anhui) policy, {args.time_limit:g} s …\n")
    settings = SolverSettings(time_limit=args.time_limit, num_workers=args.workers)
    result = plan(roster, year=year, settings=settings)
    print(result.summary())
    return _verified(result)


def _verified(result: Plan) -> int:
    """Print the independent check; EXIT_UNVERIFIED when the plan breaks a rule (a bug)."""
    problems = result.verify()
    if not problems:
        print("\nIndependent check: every hard rule holds (R1–R11).")
        return 0
    print(
        "\nVERIFICATION FAILED: the plan breaks the rules below. This is a bug in rotation: "
        "please report it with the roster and the command. Nothing was written.",
        file=sys.stderr,
    )
    for p in problems:
        print(f"  {p}", file=sys.stderr)
    return EXIT_UNVERIFIED


def _plan(args: argparse.Namespace) -> int:
    roster = read_roster(args.roster)
    policy = read_policy(args.policy)
    pins = read_pins(args.pins, roster) if args.pins else None
    roads = read_roads(args.roads) if args.roads else None
    settings = SolverSettings(
        time_limit=args.time_limit,
        num_workers=args.workers,
        seed=args.seed,
        log=args.log,
        deterministic=args.deterministic,
    )
    result = plan(
        roster, policy, args.year, horizon=args.horizon, pins=pins, roads=roads, settings=settings
    )
    print(result.summary())
    code = _verified(result)
    if code:
        return code
    print(f"\nplan written to {result.to_csv(args.out)}")
    if args.excel:
        print(f"workbook written to {result.to_excel(args.excel, args.lang)}")
    if args.report:
        print(f"report written to {result.to_html(args.report)}")
    if args.notice:
        print(f"notice written to {result.notice(args.notice, args.lang)}")
    if args.letters:
        letters = result.letters(args.letters, args.lang)
        print(f"{len(letters)} letters written to {args.letters}")
    return 0


def _evaluate(args: argparse.Namespace) -> int:
    roster = read_roster(args.roster)
    policy = read_policy(args.policy)
    moves = read_moves(args.plan) if args.plan else None
    result = evaluate(roster, policy, args.year, moves=moves)
    if args.json:
        print(json.dumps(result.to_dict(), ensure_ascii=False, indent=1))
    else:
        print(result)
    return 0


COMMANDS = {"demo": _demo, "evaluate": _evaluate, "plan": _plan, "road": _road}


def main(argv: Sequence[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    try:
        return COMMANDS[args.command](args)
    except RotationError as err:
        print(f"rotation {args.command}: {err}", file=sys.stderr)
        return err.exit_code
    except OSError as err:  # a file the user named cannot be written (or read)
        print(f"rotation {args.command}: {err}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("rotation: interrupted", file=sys.stderr)
        return 130


if __name__ == "__main__":
    sys.exit(main())
