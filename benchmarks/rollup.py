"""Time the program office's roll-up of many sites' exports (issue 30, part 6: "3,000 sites in under 10 s").

Run: python benchmarks/rollup.py [--sites 300,3000] [--runs 3] [--dir DIR] [--profile] [--parquet]

The sites are built once and kept in `--dir` (default: a temporary folder, removed at the end):

- one real site: `benchmarks/generate.py`'s database cut to 4 groups of 10 (40 people) with 39 weekly meetings
  (1,560 attendance marks, about the state program's 470,000 / 300), a goal per person with a domain, a few
  achieved, a few discharges; `peertool site key`, then `peertool export --deidentify --format csv --from
  2025-01-01 --to 2025-12-31`, run as subprocesses with their own XDG_CONFIG_HOME;
- cloned to N sites, each written directly: every CSV's `site_id` column rewritten, every pseudonym replaced by
  one of the site's own (so no two sites share a person, meeting or group), each file's sha256 recomputed, the
  manifest given the site's id, its own key fingerprint and export id, and signed with the site's own Ed25519 key
  (its public key in KEYS/SITE.pub), exactly as `peertool.safety.site_key` signs: raw Ed25519 over the bytes of
  manifest.json, in manifest.sig.

Then, for each N: the whole roll-up as the office runs it, `python examples/agency_rollup.py --keys KEYS
SITES...` for the attendance rate (the default), `--goals` and `--summary` (which reads every table), median of
`--runs` subprocess runs each, with the CPU seconds the default one used (a wall time well above it means the
command waited: other jobs had the machine; `load avg` is its 1-minute load before each size); and the same work
in-process, phase by phase (`trusted` on every folder, `consistent`, then each query's `load` of the tables it
reads and the query itself), to show where the time goes. `--profile` adds
cProfile's top functions for the largest N. The files are in the page cache after the first run (the office's
second look at a folder it just received); a cold disk is slower.

The goal is the largest N's end-to-end time under 10 s (5 s over Parquet), for each of the three. Exit 1 if it
is missed. Not part of the test suite.
"""

import argparse
import cProfile
import hashlib
import json
import os
import pstats
import re
import resource
import shutil
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(ROOT / "examples"))

PY = sys.executable
SCRIPT = ROOT / "examples" / "agency_rollup.py"
GOAL_SECONDS, GOAL_SITES = 10.0, 3000
PARQUET_SECONDS = 5.0
PERIOD = ("2025-01-01", "2025-12-31")
DOMAINS = ["transportation", "housing", "employment", "education", "health", "social", "faith", "recreation"]
BASE_SITE = "base"
PSEUDONYM = re.compile(rb"\b([PGMR])-([0-9A-F]{10})\b")  # peertool.safety.deidentify.Pseudonyms.of


def base_export(where: Path) -> Path:
    """One real site's signed, de-identified CSV export, made once with peertool itself."""
    export = where / "export"
    if (export / "manifest.sig").is_file():
        return export
    from generate import generate

    shutil.rmtree(where, ignore_errors=True)
    where.mkdir(parents=True)
    db, config = where / "site.db", where / "site.yaml"
    generate(db, groups=4, size=10, meetings=39)
    conn = sqlite3.connect(db)
    with conn:  # a domain for nine goals in ten (the tenth unrecorded), as coaches give them
        conn.executemany(
            "UPDATE goals SET domain = ? WHERE id = ?",
            [(DOMAINS[i % len(DOMAINS)] if i % 10 else None, i) for i in range(1, 41)],
        )
    conn.close()
    config.write_text(f"site_id: {BASE_SITE}\ngoal_domains: [{', '.join(DOMAINS)}]\n")
    env = {**os.environ, "XDG_CONFIG_HOME": str(where / "xdg"), "PEERTOOL_LOGIN": "director"}
    env.pop("PEERTOOL_CONFIG", None)
    peertool = [PY, "-m", "peertool", "--db", str(db), "--config", str(config)]
    steps = [["goal", "update", str(goal), "--status", "achieved", "--date", f"2025-0{goal % 9 + 1}-15"]
             for goal in (3, 9, 14, 22, 31, 38)]  # fmt: skip
    steps += [["discharge", "record", str(person), "--reason-code", reason, "--date", "2025-10-01", "--yes"]
              for person, reason in ((3, "goals-met"), (17, "moved"), (26, "no-longer-wishes"))]  # fmt: skip
    steps += [["site", "key"], ["export", "--deidentify", "--format", "csv", "--out", str(export),
                                "--from", PERIOD[0], "--to", PERIOD[1]]]  # fmt: skip
    for step in steps:
        done = subprocess.run(peertool + step, env=env, capture_output=True, text=True)
        if done.returncode:
            raise SystemExit(f"{' '.join(step[:2])} failed: {done.stderr.strip()}")
    return export


class Cloner:
    """The base export rewritten as site after site."""

    def __init__(self, base: Path):
        self.manifest = json.loads((base / "manifest.json").read_bytes())
        self.files = {entry["name"]: (base / entry["name"]).read_bytes() for entry in self.manifest["files"]}
        for entry in self.manifest["files"]:
            assert entry["columns"][0] == "site_id", entry["name"]

    def write(self, folder: Path, keys: Path, site: str, parquet: object = None) -> None:
        """The site's export in `folder`, signed with a new key of its own; as Parquet when given a DuckDB
        connection (`parquet`), each file converted as `export --format parquet` converts it."""
        from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
        from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat

        from peertool.safety.site_key import fingerprint

        name = site.encode()
        renamed: dict[bytes, bytes] = {}

        def pseudonym(match: re.Match[bytes]) -> bytes:
            old = match.group(0)
            new = renamed.get(old)
            if new is None:
                digest = hashlib.sha256(name + b"\x1f" + old).hexdigest()[:10].upper().encode()
                new = renamed[old] = match.group(1) + b"-" + digest
            return new

        folder.mkdir(parents=True)
        manifest = json.loads(json.dumps(self.manifest))
        for entry in manifest["files"]:
            header, _, body = self.files[entry["name"]].partition(b"\n")
            body, rows = re.subn(rb"(?m)^" + re.escape(BASE_SITE.encode()) + rb",", name + b",", body)
            assert rows == entry["rows"], (entry["name"], rows, entry["rows"])  # one line a row, each its site's
            data = header + b"\n" + PSEUDONYM.sub(pseudonym, body)
            (folder / entry["name"]).write_bytes(data)
            entry["sha256"] = hashlib.sha256(data).hexdigest()
            if parquet is not None:
                entry.update(_as_parquet(parquet, folder / entry["name"], entry["columns"]))
        key = Ed25519PrivateKey.generate()
        manifest["site_id"] = site
        manifest["export_id"] = hashlib.sha256(b"export\x1f" + name).hexdigest()[:32]
        manifest["key_fingerprint"] = hashlib.sha256(b"pseudonym key\x1f" + name).hexdigest()[:16]
        manifest["signing_key"] = fingerprint(key.public_key())
        data = (json.dumps(manifest, indent=2, ensure_ascii=False) + "\n").encode()
        (folder / "manifest.json").write_bytes(data)
        (folder / "manifest.sig").write_bytes(key.sign(data))
        (keys / f"{site}.pub").write_bytes(
            key.public_key().public_bytes(Encoding.PEM, PublicFormat.SubjectPublicKeyInfo)
        )


def _as_parquet(con: object, path: Path, columns: list[str]) -> dict[str, str]:
    """A CSV turned into Parquet as peertool's export does (every column text); its new name and checksum."""
    from peertool.safety.rollup import csv_options, sql_text

    target = path.with_suffix(".parquet")
    con.execute(f"COPY (SELECT * FROM read_csv({sql_text(str(path))}{csv_options(columns)})) "  # type: ignore[attr-defined]
                f"TO {sql_text(str(target))} (FORMAT parquet)")  # fmt: skip
    path.unlink()
    return {"name": target.name, "sha256": hashlib.sha256(target.read_bytes()).hexdigest()}


def build(where: Path, count: int, parquet: bool = False) -> tuple[list[Path], Path, float]:
    """`count` sites' exports in where/sites (or where/parquet), those built before kept, their keys in
    where/keys (or where/parquet-keys); the seconds it took to build the missing ones."""
    import duckdb

    start = time.perf_counter()
    sites = where / ("parquet" if parquet else "sites")
    keys = where / ("parquet-keys" if parquet else "keys")  # each set's own: a site built again has a new key
    sites.mkdir(parents=True, exist_ok=True)
    keys.mkdir(exist_ok=True)
    cloner = None
    folders = []
    for number in range(1, count + 1):
        site = f"site-{number:05d}"
        folder = sites / site
        folders.append(folder)
        if (folder / "manifest.sig").is_file() and (keys / f"{site}.pub").is_file():
            continue
        if cloner is None:
            cloner = Cloner(base_export(where / "base"))
        shutil.rmtree(folder, ignore_errors=True)
        cloner.write(folder, keys, site, duckdb.connect() if parquet else None)
    return folders, keys, time.perf_counter() - start


def counts(folders: list[Path]) -> tuple[int, int]:
    """People and attendance marks in the exports, from their manifests."""
    people = marks = 0
    for folder in folders:
        rows = {entry["name"].split(".")[0]: entry["rows"]
                for entry in json.loads((folder / "manifest.json").read_bytes())["files"]}  # fmt: skip
        people += rows["participants"]
        marks += rows["attendance"]
    return people, marks


def end_to_end(folders: list[Path], keys: Path, flags: list[str], runs: int) -> tuple[float, float]:
    """Median seconds of the office's command, start-up and output included, and the median CPU seconds it used
    (user and system: beside the wall time, what other jobs on the machine took from it)."""
    command = [PY, str(SCRIPT), "--keys", str(keys), *map(str, folders), *flags]
    times, cpu = [], []
    for _ in range(runs):
        used = resource.getrusage(resource.RUSAGE_CHILDREN)
        start = time.perf_counter()
        done = subprocess.run(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
        times.append(time.perf_counter() - start)
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        cpu.append(after.ru_utime + after.ru_stime - used.ru_utime - used.ru_stime)
        if done.returncode:
            raise SystemExit(f"the roll-up failed: {done.stderr.strip()}")
    return statistics.median(times), statistics.median(cpu)


def phases(folders: list[Path], keys: Path) -> dict[str, float]:
    """Seconds of each phase of `agency_rollup.rollup`, in this process: the checks, then for each query the load
    of the tables it reads and the query."""
    import duckdb
    from agency_rollup import QUERIES

    from peertool.safety.office import READS, consistent
    from peertool.safety.rollup import all_trusted, load

    seconds = {}
    start = time.perf_counter()
    manifests = all_trusted(folders, keys, READS)
    seconds["trusted"] = time.perf_counter() - start
    start = time.perf_counter()
    consistent(manifests)
    seconds["consistent"] = time.perf_counter() - start
    for name in ("attendance", "goals", "summary"):
        query, tables = QUERIES[name]
        con = duckdb.connect()
        start = time.perf_counter()
        load(con, manifests, tables)
        seconds[f"{name} load"] = time.perf_counter() - start
        start = time.perf_counter()
        con.execute(query).fetchall()
        seconds[f"{name} q"] = time.perf_counter() - start
        con.close()
    return seconds


def profile(folders: list[Path], keys: Path, top: int = 15) -> None:
    """cProfile's costliest functions (own time) of the whole in-process roll-up."""
    profiler = cProfile.Profile()
    profiler.runcall(phases, folders, keys)
    stats = pstats.Stats(profiler)
    stats.sort_stats("tottime").print_stats(top)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--sites", default=f"300,{GOAL_SITES}", help="comma-separated site counts (default %(default)s)"
    )
    parser.add_argument("--runs", type=int, default=3, help="subprocess runs per figure; the median is shown")
    parser.add_argument("--dir", type=Path, help="keep the built sites here and reuse them (default: a temp dir)")
    parser.add_argument("--profile", action="store_true", help="cProfile the in-process roll-up of the largest N")
    parser.add_argument("--parquet", action="store_true", help="the sites' exports as Parquet (goal: 5 s)")
    options = parser.parse_args()
    sizes = sorted({int(n) for n in options.sites.split(",")})
    temp = None
    if options.dir is None:
        temp = tempfile.TemporaryDirectory(prefix="peertool-rollup-")
        options.dir = Path(temp.name)
    try:
        folders, keys, built = build(options.dir, sizes[-1], options.parquet)
        goal_seconds = PARQUET_SECONDS if options.parquet else GOAL_SECONDS
        used = subprocess.run(["du", "-sh", str(options.dir)], capture_output=True, text=True).stdout.split()[0]
        print(f"{sizes[-1]} sites in {options.dir}: built in {built:.1f} s, {used} on disk")
        header = ("sites", "people", "marks", "rollup s", "(cpu s)", "--goals s", "--summary s", "trusted",
                  "consistent", *(f"{q} {p}" for q in ("attendance", "goals", "summary") for p in ("load", "q")),
                  "load avg")  # fmt: skip
        print(" | ".join(header))
        missed = False
        for size in sizes:
            chosen = folders[:size]
            people, marks = counts(chosen)
            phases(chosen[: min(size, 10)], keys)  # warm: imports, the page cache
            load_avg = os.getloadavg()[0]
            total, cpu = end_to_end(chosen, keys, [], options.runs)
            goals, _ = end_to_end(chosen, keys, ["--goals"], options.runs)
            summary, _ = end_to_end(chosen, keys, ["--summary"], options.runs)
            phase = phases(chosen, keys)
            print(" | ".join([f"{size:,}", f"{people:,}", f"{marks:,}", f"{total:.2f}", f"({cpu:.2f})", f"{goals:.2f}",
                              f"{summary:.2f}", *(f"{seconds:.2f}" for seconds in phase.values()),
                              f"{load_avg:.2f}"]))  # fmt: skip
            if size >= GOAL_SITES and max(total, goals, summary) >= goal_seconds:
                missed = True
        kind = "Parquet" if options.parquet else "CSV"
        print(f"goal: {GOAL_SITES:,} sites in under {goal_seconds:.0f} s over {kind}: "
              + ("missed" if missed else "met" if sizes[-1] >= GOAL_SITES else "not measured"))  # fmt: skip
        if options.profile:
            profile(folders, keys)
        return 1 if missed else 0
    finally:
        if temp is not None:
            temp.cleanup()


if __name__ == "__main__":
    sys.exit(main())
