"""The `rotation` command: demo, evaluate, plan.

Exit codes (the contract): 0 done; 1 invalid input (the message names file, row, column, value
and what was expected); 2 no plan can satisfy the rules. A user's mistake never shows a
traceback; a traceback means a bug in this library.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence

from rotation.errors import RotationError
from rotation.io.moves import read_moves
from rotation.io.pins import read_pins
from rotation.io.roster import load_roster
from rotation.policy.toml import load_policy
from rotation.review.evaluation import evaluate


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
    pl.add_argument("--log", action="store_true", help="show the CP-SAT search log")
    return parser


def _demo(args: argparse.Namespace) -> int:
    from rotation.example.generator import example_county
    from rotation.planning.result import plan

    roster = example_county(args.size, seed=args.seed)
    print(f"Built-in example county ({args.size}, seed {args.seed}), before rotation:\n")
    print(evaluate(roster))
    year = 2026
    print(f"\nPlanning {year} under the default (anhui) policy, {args.time_limit:g} s …\n")
    result = plan(roster, year=year, time_limit=args.time_limit, num_workers=args.workers)
    print(result)
    _print_verification(result)
    return 0


def _print_verification(result) -> None:
    problems = result.verify()
    if problems:
        print("\nVERIFICATION FAILED (a bug: please report it):")
        for p in problems:
            print(f"  {p}")
    else:
        print("\nIndependent check: every hard rule holds (R1–R11).")


def _plan(args: argparse.Namespace) -> int:
    import datetime as dt

    from rotation.io.roads import read_edges
    from rotation.planning.result import plan

    roster = load_roster(args.roster)
    policy = load_policy(args.policy)
    pins = read_pins(args.pins) if args.pins else None
    roads = read_edges(args.roads) if args.roads else None
    year = args.year if args.year is not None else dt.date.today().year
    if args.horizon != 1:
        from rotation.planning.horizon import plan_horizon

        result = plan_horizon(
            roster, policy, year, args.horizon, pins=pins, roads=roads,
            time_limit=args.time_limit, num_workers=args.workers, seed=args.seed, log=args.log,
        )  # fmt: skip
    else:
        result = plan(
            roster, policy, year, pins=pins, roads=roads, time_limit=args.time_limit,
            num_workers=args.workers, seed=args.seed, log=args.log,
        )  # fmt: skip
    print(result)
    _print_verification(result)
    print(f"\nplan written to {result.save(args.out)}")
    if args.excel:
        print(f"workbook written to {result.to_excel(args.excel)}")
    if args.report:
        print(f"report written to {result.to_html(args.report)}")
    return 0


def _evaluate(args: argparse.Namespace) -> int:
    roster = load_roster(args.roster)
    policy = load_policy(args.policy)
    plan = read_moves(args.plan) if args.plan else None
    result = evaluate(roster, plan, policy=policy, year=args.year)
    if args.json:
        print(json.dumps(result.to_dict(), ensure_ascii=False, indent=1))
    else:
        print(result)
    return 0


COMMANDS = {"demo": _demo, "evaluate": _evaluate, "plan": _plan}


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
