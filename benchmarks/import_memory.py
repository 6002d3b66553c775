"""Peak memory of `peertool enroll --from` on a large roster (issue 23: flat, under 100 MiB at 1,000,000 rows).

Run: python benchmarks/import_memory.py [--rows N] [--format csv|yaml]

Writes a fictional roster of N rows to a temporary folder (every column,
a goal and an external_id per row), enrolls it into a new database with
`--json` (output to /dev/null), and prints the child's peak resident set
size (`ru_maxrss`) and the time taken. A 1,000,000-row CSV roster takes
about two minutes. Nothing here is part of the test suite.
"""

import argparse
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
COLUMNS = "name,gender,interests,goals,referral,phone,email,enrolled_on,external_id"
GENDERS = ("female", "male", "")


def write_roster(path: Path, rows: int) -> None:
    """A roster of made-up people, written row by row (the benchmark itself must not hold it)."""
    with open(path, "w", encoding="utf-8", newline="") as out:
        if path.suffix == ".csv":
            out.write(COLUMNS + "\n")
        for n in range(1, rows + 1):
            fields = (f"Person {n}", GENDERS[n % 3], "hiking;music", "Take the bus", "self", f"555-{n % 10000:04d}",
                      f"p{n}@example.org", "2026-01-05", f"X-{n}")  # fmt: skip
            if path.suffix == ".csv":
                out.write(",".join(fields) + "\n")
            else:
                pairs = zip(COLUMNS.split(","), fields, strict=True)
                out.write("- " + "\n  ".join(f"{key}: '{value}'" for key, value in pairs if value) + "\n")


def peak_of_import(roster: Path, folder: Path) -> tuple[float, float]:
    """Peak RSS (MiB) and seconds of one `peertool enroll --from` into a new database."""
    env = {**os.environ, "PEERTOOL_DB": str(folder / "peertool.db"), "XDG_CONFIG_HOME": str(folder / "xdg")}
    started = time.perf_counter()
    with open(os.devnull, "w") as null:
        done = subprocess.run([sys.executable, "-m", "peertool", "enroll", "--from", str(roster), "--json"],
                              stdout=null, stderr=subprocess.PIPE, text=True, env=env, cwd=folder)  # fmt: skip
    seconds = time.perf_counter() - started
    if done.returncode:
        sys.exit(f"enroll --from failed (exit {done.returncode}): {done.stderr.strip()}")
    return resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024, seconds  # Linux gives KiB


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--format", choices=("csv", "yaml"), default="csv")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as temp:
        folder = Path(temp)
        roster = folder / f"roster.{args.format}"
        write_roster(roster, args.rows)
        size = roster.stat().st_size / 2**20
        peak, seconds = peak_of_import(roster, folder)
    print(f"enroll --from {args.rows:,} {args.format} rows ({size:.0f} MiB): peak RSS {peak:.0f} MiB, {seconds:.1f} s")


if __name__ == "__main__":
    main()
