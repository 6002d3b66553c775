"""The layout holds: layers import only downwards, no cycles, no CLI framework in the library, small files.

Layers, lowest first: the core modules at the package top (errors, clock,
validate, files, yamlfile, settings), then db, people, program, pairing,
outcomes, safety (the library), then render, then cli. A module may import
its own layer and the ones below it. Lazy imports inside functions count.
"""

import ast
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
