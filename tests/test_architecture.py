"""The layout holds: layers import only downwards, no cycles, no CLI framework in the library, small files.

Layers, lowest first: the core modules at the package top (errors, clock,
validate, files, yamlfile, settings), then db, people, program, pairing,
outcomes, safety (the library), then render, then cli. A module may import
its own layer and the ones below it. Lazy imports inside functions count.
"""

import ast
import re
from pathlib import Path

import pytest

SRC = Path(__file__).resolve().parent.parent / "src"
PACKAGE = SRC / "peertool"
LAYERS = ["core", "db", "people", "program", "pairing", "outcomes", "safety", "render", "cli", "entry", "__main__"]
LIBRARY = LAYERS[: LAYERS.index("render")]
MAX_LINES = 400


def module_name(path: Path) -> str:
    parts = list(path.relative_to(SRC).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


MODULES = {module_name(p): p for p in sorted(PACKAGE.rglob("*.py"))}


def layer(module: str) -> str:
    parts = module.split(".")
    if len(parts) > 1 and parts[1] in LAYERS:
        return parts[1]
    return "core"


def imports(module: str) -> set[str]:
    """Every module this one imports, at the top or inside functions."""
    found = set()
    is_package = MODULES[module].name == "__init__.py"
    for node in ast.walk(ast.parse(MODULES[module].read_text())):
        if isinstance(node, ast.Import):
            found |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:  # relative: resolve against this module's package
                anchor = module.split(".")[: len(module.split(".")) - node.level + (1 if is_package else 0)]
                base = ".".join(anchor + ([base] if base else []))
            found.add(base)
            found |= {f"{base}.{alias.name}" for alias in node.names if f"{base}.{alias.name}" in MODULES}
    return found


def own(names: set[str]) -> set[str]:
    return {name for name in names if name in MODULES and name != "peertool"}


@pytest.mark.parametrize("module", sorted(MODULES))
def test_imports_go_down_the_layers_only(module: str) -> None:
    rank = LAYERS.index(layer(module))
    upward = sorted(name for name in own(imports(module)) if LAYERS.index(layer(name)) > rank)
    assert upward == [], f"{module} ({layer(module)}) imports from a layer above it"


@pytest.mark.parametrize("module", sorted(m for m in MODULES if layer(m) in LIBRARY + ["render"]))
def test_the_library_and_render_never_import_typer_and_the_library_never_imports_rich(module: str) -> None:
    frameworks = {name.split(".")[0] for name in imports(module)} & {"typer", "click", "rich"}
    allowed = {"rich"} if layer(module) == "render" else set()
    assert frameworks <= allowed, f"{module} imports {sorted(frameworks - allowed)}"


# Issue 29's seam: only db/ knows which database engine is in use, so only db/ imports a driver or holds the
# connection. Nothing is exempt.
DRIVERS = {"sqlite3", "sqlcipher3", "sqlite_utils", "psycopg"}


def touches_the_connection(module: str) -> list[int]:
    """The lines where a module reads or writes an attribute named `conn` (the driver's connection)."""
    tree = ast.parse(MODULES[module].read_text())
    return sorted(node.lineno for node in ast.walk(tree) if isinstance(node, ast.Attribute) and node.attr == "conn")


@pytest.mark.parametrize("module", sorted(m for m in MODULES if layer(m) != "db"))
def test_only_db_imports_a_database_driver_or_touches_its_connection(module: str) -> None:
    drivers = {name.split(".")[0] for name in imports(module)} & DRIVERS
    assert drivers == set(), f"{module} imports {sorted(drivers)}: only peertool.db may"
    assert touches_the_connection(module) == [], f"{module} uses `.conn`: ask peertool.db.Database instead"


# Issue 29's seam, in the SQL itself: the SQL written above db/ runs on SQLite and PostgreSQL alike, so it uses no
# construct only SQLite knows. A string is SQL when it has an SQL keyword in capitals, as this code base writes them
# (prose says "from" and "with" in lower case); an f-string is read with each `{...}` as "{}"; docstrings are prose.
SQL = re.compile(r"\b(SELECT|INSERT|UPDATE|DELETE|CREATE|DROP|ALTER|WITH|PRAGMA|ATTACH|DETACH|FROM|WHERE|ORDER BY)\b")
SQLITE_ONLY = {
    name: re.compile(pattern, re.IGNORECASE)
    for name, pattern in {
        "rowid": r"(?<!without )\b(rowid|_rowid_)\b",
        "PRAGMA": r"\bPRAGMA\b",
        "sqlite_master": r"\b(sqlite_master|sqlite_schema|sqlite_temp_master|sqlite_sequence|_sqlite_migrations)\b",
        "ATTACH": r"\b(ATTACH|DETACH)\b",
        "INSERT OR": r"\bINSERT\s+OR\s+\w+|\bREPLACE\s+INTO\b",
        "IS NOT 1": r"\bIS\s+(NOT\s+)?\d",  # `x IS 1`, `x IS NOT 0`: PostgreSQL's IS takes TRUE, FALSE, NULL
        # the always-true `WHERE 1 {where}` (PostgreSQL wants a boolean), not a comparison such as `WHERE 1 = x`
        "WHERE 1": r"\bWHERE\s+[01](?![\w.])(?!\s*([-=<>!+*/%|]|(IS|IN|NOT|BETWEEN|LIKE|GLOB)\b))",
        # min/max with two arguments is SQLite's scalar form (PostgreSQL: greatest/least): a comma at the top level
        # of the call, after at most one level of nested parentheses
        "scalar max(a, b)": r"\b(max|min)\s*\(([^(),]|\([^()]*\))*,",
        "total(": r"\btotal\s*\(",
        "temp./main.": r"\b(temp|main)\s*\.",
        "WITHOUT ROWID": r"\bWITHOUT\s+ROWID\b",
    }.items()
}
# What cannot move yet: (module, construct) -> (how many, why). The counts are exact, so the list only ever shrinks:
# a new use fails, and so does an entry no longer needed. The plan for each is in /work/notes/i29/seam.md, section 1a.
LINK_ROWS = "a link table's rows in insertion order: PostgreSQL's link tables get a hidden rowid column"
SQLITE_ONLY_ALLOWED: dict[tuple[str, str], tuple[int, str]] = {
    ("peertool.outcomes.outings", "rowid"): (2, LINK_ROWS),
    ("peertool.program.activities", "rowid"): (1, LINK_ROWS),
    ("peertool.program.meetings", "rowid"): (1, LINK_ROWS),
    ("peertool.safety.backup", "PRAGMA"): (2, "backup and restore work on the SQLite file: their SQL moves into db/"),
    ("peertool.safety.backup", "ATTACH"): (2, "restore attaches the staged backup file: its SQL moves into db/"),
    ("peertool.safety.backup", "temp./main."): (2, "restore tells the live tables from the attached backup's"),
}


def sql_strings(module: str) -> list[str]:
    """The SQL-looking string constants of a module; an f-string counts once, its `{...}` parts read as "{}"."""
    tree = ast.parse(MODULES[module].read_text())
    prose = {id(body[0].value) for body in bodies(tree) if body and isinstance(body[0], ast.Expr)}
    found, parts = [], set()
    for node in ast.walk(tree):  # breadth first: an f-string comes before its parts
        if isinstance(node, ast.JoinedStr):
            parts |= {id(value) for value in node.values}
            found.append("".join(str(v.value) if isinstance(v, ast.Constant) else "{}" for v in node.values))
        elif isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in parts | prose:
            found.append(node.value)
    return [text for text in found if SQL.search(text)]


def bodies(tree: ast.Module) -> list[list[ast.stmt]]:
    """The bodies that may open with a docstring: the module's, and every class's and function's."""
    kinds = ast.Module | ast.ClassDef | ast.FunctionDef | ast.AsyncFunctionDef
    return [node.body for node in ast.walk(tree) if isinstance(node, kinds)]


def sqlite_only(texts: list[str]) -> dict[str, int]:
    """How often each SQLite-only construct appears in these SQL strings."""
    counts = {name: sum(len(pattern.findall(text)) for text in texts) for name, pattern in SQLITE_ONLY.items()}
    return {name: count for name, count in counts.items() if count}


@pytest.mark.parametrize(
    ("sql", "found"),
    [
        ("SELECT * FROM t ORDER BY rowid", {"rowid"}),
        ("CREATE TEMP TABLE k (key TEXT PRIMARY KEY) WITHOUT ROWID", {"WITHOUT ROWID"}),
        ("SELECT rowids_note, arrowid FROM t", set()),
        ("PRAGMA main.table_info(t)", {"PRAGMA", "temp./main."}),
        ("SELECT name FROM sqlite_master", {"sqlite_master"}),
        ("ATTACH DATABASE ? AS backup", {"ATTACH"}),
        ("INSERT or ignore INTO t VALUES (?)", {"INSERT OR"}),
        ("INSERT INTO t VALUES (?) ON CONFLICT DO NOTHING", set()),
        ("SELECT 1 FROM n WHERE n.signed IS NOT 1", {"IS NOT 1"}),
        ("SELECT 1 FROM n WHERE n.signed IS NOT TRUE AND x IS NOT NULL AND y IS NOT DISTINCT FROM 1", set()),
        ("SELECT id FROM t WHERE 1 {}", {"WHERE 1"}),
        ("SELECT id FROM t WHERE 1 AND x = ?", {"WHERE 1"}),
        ("SELECT id FROM t WHERE 1 = x OR 1 IN (a) OR 10 > x", set()),
        ("SELECT id FROM t WHERE 1.5 > x", set()),
        ("SELECT id FROM t WHERE TRUE {}", set()),
        ("UPDATE t SET a = max(b, ?)", {"scalar max(a, b)"}),
        ("SELECT MIN(coalesce(a, b), c) FROM t", {"scalar max(a, b)"}),
        ("SELECT max(coalesce(a, b)), count(*), max(x) FROM t", set()),
        ("SELECT total(x IS NULL) FROM t", {"total("}),
        ("SELECT subtotal(x), total_minutes FROM t", set()),
        ("DROP TABLE temp.k", {"temp./main."}),
        ("SELECT main_contact, p.temp FROM t", set()),
    ],
)
def test_the_sqlite_only_patterns_find_what_they_name_and_nothing_else(sql: str, found: set[str]) -> None:
    assert SQL.search(sql)
    assert set(sqlite_only([sql])) == found


@pytest.mark.parametrize("module", sorted(m for m in MODULES if layer(m) != "db"))
def test_the_sql_above_db_uses_nothing_only_sqlite_knows(module: str) -> None:
    found = sqlite_only(sql_strings(module))
    allowed = {name: count for (owner, name), (count, _) in SQLITE_ONLY_ALLOWED.items() if owner == module}
    assert found == allowed, f"{module}: SQLite-only SQL found {found}, allowed {allowed}: rewrite it, or fix the list"


def test_the_sqlite_only_allow_list_names_modules_above_db() -> None:
    stray = sorted(module for module, _ in SQLITE_ONLY_ALLOWED if module not in MODULES or layer(module) == "db")
    assert stray == [], f"SQLITE_ONLY_ALLOWED names modules that are gone or in db/: {stray}"


def test_there_is_no_import_cycle() -> None:
    graph = {module: own(imports(module)) - {module} for module in MODULES}
    done: set[str] = set()

    def visit(module: str, path: list[str]) -> None:
        if module in path:
            cycle = path[path.index(module) :] + [module]
            raise AssertionError("import cycle: " + " -> ".join(cycle))
        if module in done:
            return
        for name in sorted(graph[module]):
            # a package's __init__ is imported by its submodules' import machinery, not by their code
            if not module.startswith(name + "."):
                visit(name, path + [module])
        done.add(module)

    for module in sorted(graph):
        visit(module, [])


@pytest.mark.parametrize("module", sorted(MODULES))
def test_no_source_file_is_over_400_lines(module: str) -> None:
    assert len(MODULES[module].read_text().splitlines()) <= MAX_LINES


def test_the_layout_has_the_capability_packages() -> None:
    packages = {p.name for p in PACKAGE.iterdir() if (p / "__init__.py").exists()}
    assert packages >= {"db", "people", "program", "pairing", "outcomes", "safety", "render", "cli"}
    cli = {p.name for p in (PACKAGE / "cli").iterdir() if (p / "__init__.py").exists()}
    assert cli == packages & {"people", "program", "outcomes", "safety"}


TESTS = Path(__file__).resolve().parent

# Test files about a behaviour of the whole command line, not of one command or module: the only test files whose
# name mirrors neither a library module nor a registered command.
CONCERNS = {
    "test_db_postgres_access_holes": "an adversarial review of the team database's row-level security (issue 29)",
    "test_architecture": "the layout: layers, cycles, frameworks, file sizes, and these test names",
    "test_cli_attribution": "every command that makes a record names the staff member who made it (issue 28)",
    "test_cli_error_codes": "each kind of failure's exit code and hint, whichever command meets it",
    "test_cli_escapes": "stored text never drives the terminal, whichever command shows it",
    "test_cli_future_records": "no record dated after today without --future, in every command that records",
    "test_cli_group_scope": "a name unique in a group resolves in every command that works on the group",
    "test_cli_help_and_completion": "--help and shell completion of every command",
    "test_cli_hostile_folders": "files in hostile folders, whichever command writes them",
    "test_cli_hostile_input": "hostile input to any command gets a clean error, never a hang or a traceback",
    "test_cli_interface": "output that fits the terminal and the script, in every command",
    "test_cli_service_definition": "issue 26's walk: screening, contacts, events, review, discharge, chart, export",
    "test_cli_programs": "an IML group and a drop-in program in one database, walked through as issue 27 asks",
    "test_cli_out_targets": "no file written destroys what is there, and what a killed run left is removed",
    "test_docs": "the README documents every command",
    "test_examples": "the files in examples/ work as the README says",
    "test_export_periods": "two quarters exported and rolled up, each count against SQL on the database (issue 30)",
    "test_fuzz_all": "arbitrary arguments to every command",
    "test_fuzz_cli": "arbitrary input to the commands that take the most of it",
    "test_json_shapes": "the README's table of JSON shapes against what every command prints",
    "test_pg_server": "the test session's throwaway PostgreSQL: its fixtures, databases, roles (issue 29)",
    "test_startup": "commands that need no database import no database or file-format library",
}


def mirror(path: Path) -> str:
    """The test file a library module's tests go in: peertool/db/store.py -> test_db_store."""
    return "_".join(["test", *path.relative_to(PACKAGE).with_suffix("").parts])


LIBRARY_FILES = sorted(
    p for p in PACKAGE.rglob("*.py") if p.name not in ("__init__.py", "__main__.py") and "cli" not in p.parts
)


def runs_code(path: Path) -> bool:
    """Whether a module defines a function: one that declares only types (TypedDicts) has nothing of its own to run;
    the JSON-shapes test and mypy check it through the modules that return those types."""
    return any(
        isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef) for node in ast.walk(ast.parse(path.read_text()))
    )


def test_every_library_module_has_its_test_module() -> None:
    """A module's tests are where its name says: tests/test_<package>_<module>.py (tests/test_<module>.py in core)."""
    missing = [mirror(p) + ".py" for p in LIBRARY_FILES if runs_code(p) and not (TESTS / f"{mirror(p)}.py").exists()]
    assert missing == [], f"library modules without their test module: {missing}"


def test_every_test_module_mirrors_a_module_or_a_command_or_is_a_named_concern() -> None:
    from peertool.cli.registry import COMMANDS

    cli_modules = {mirror(p) for p in (PACKAGE / "cli").glob("*.py")}  # the CLI's own machinery: fields, reference
    allowed = {mirror(p) for p in LIBRARY_FILES} | {f"test_cli_{name}" for name in COMMANDS} | cli_modules
    allowed |= set(CONCERNS)
    strays = sorted(p.stem for p in TESTS.glob("test_*.py") if p.stem not in allowed)
    assert strays == [], f"test modules named after neither a library module nor a command (nor in CONCERNS): {strays}"
    assert all((TESTS / f"{name}.py").exists() for name in CONCERNS), "CONCERNS names a test module that is gone"
