"""Architecture rules checked on the source: one conversion core, and no hard-coded dates in src/."""

from __future__ import annotations

import ast
import datetime as dt
import re
import tomllib
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "src" / "mctimeline"
MODULES = sorted(PACKAGE.rglob("*.py"))
DATA_FILES = sorted((PACKAGE / "data").glob("*.toml"))

# Top-level names of calendar libraries (import names, not distribution names: PyICU is `icu`).
CALENDAR_LIBRARIES = frozenset(
    {"jdatetime", "hijridate", "hijri_converter", "convertdate", "icu", "persiantools", "khayyam"}
)
# The conversion core: a subpackage, every module of which may import the calendar libraries.
CORE = PACKAGE / "calendars"
CORE_MODULES = sorted(CORE.rglob("*.py"))
# The command line: a subpackage that imports the library, never imported by it.
CLI = PACKAGE / "cli"

# A Gregorian, Jalali or Hijri day written YYYY-MM-DD with a year between 1300 and 2099.
ISO_DAY = re.compile(r"(?<!\d)(1[3-9]\d\d|20\d\d)-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])(?!\d)")


def _rel(path: Path) -> str:
    return path.relative_to(PACKAGE.parent).as_posix()


def _dotted(path: Path) -> str:
    """The module name of a file under src/: mctimeline/calendars/bulk.py is mctimeline.calendars.bulk."""
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def imported_modules(tree: ast.AST) -> Iterator[tuple[int, str]]:
    """Top-level names of everything a module imports: statements, import_module() and __import__()."""
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                yield node.lineno, alias.name.split(".")[0]
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            yield node.lineno, node.module.split(".")[0]
        elif isinstance(node, ast.Call) and node.args:
            func = node.func
            name = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", None)
            first = node.args[0]
            if (
                name in ("import_module", "__import__")
                and isinstance(first, ast.Constant)
                and isinstance(first.value, str)
            ):
                yield node.lineno, first.value.split(".")[0]


def _docstrings(tree: ast.AST) -> set[int]:
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Module | ast.ClassDef | ast.FunctionDef | ast.AsyncFunctionDef) and node.body:
            first = node.body[0]
            if (
                isinstance(first, ast.Expr)
                and isinstance(first.value, ast.Constant)
                and isinstance(first.value.value, str)
            ):
                found.add(id(first.value))
    return found


def date_literals(source: str) -> list[tuple[int, str]]:
    """String constants in code (docstrings and comments excepted) that contain a YYYY-MM-DD day."""
    tree = ast.parse(source)
    docs = _docstrings(tree)
    hits = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in docs:
            match = ISO_DAY.search(node.value)
            if match:
                hits.append((node.lineno, match.group()))
    return hits


def _toml_dates(value: Any, where: str) -> Iterator[str]:
    if isinstance(value, dict):
        for key, item in value.items():
            yield from _toml_dates(item, f"{where}.{key}")
    elif isinstance(value, list):
        for i, item in enumerate(value):
            yield from _toml_dates(item, f"{where}[{i}]")
    elif isinstance(value, dt.date | dt.datetime):
        yield f"{where} = {value.isoformat()}"
    elif isinstance(value, str) and ISO_DAY.search(value):
        yield f"{where} = {value!r}"


# --- the detectors themselves ----------------------------------------------------------------------


def test_the_package_is_where_the_test_looks() -> None:
    expected = {PACKAGE / "__init__.py", CORE / "__init__.py", PACKAGE / "conversion.py", CLI / "__init__.py"}
    assert expected <= set(MODULES)
    assert len(CORE_MODULES) > 1  # the core is the subpackage, not one file


def test_import_detector_sees_every_form() -> None:
    source = (
        "import jdatetime\nimport icu.foo as f\nfrom hijridate import Hijri\nfrom . import calendars\n"
        "import importlib\nimportlib.import_module('convertdate.persian')\n__import__('hijri_converter')\n"
    )
    found = {name for _, name in imported_modules(ast.parse(source))}
    assert found == {"jdatetime", "icu", "hijridate", "importlib", "convertdate", "hijri_converter"}


def test_date_detector_skips_docstrings_and_comments_only() -> None:
    source = (
        '"""Module doc: 2025-05-27."""\n'
        "def f() -> str:\n"
        '    """Doc 1404-03-06."""\n'
        "    # 2025-05-27 in a comment\n"
        '    x = "1446-11-29"\n'
        "    return f\"{x}/2025-05-29\" + 'x 1300-01-01' + '2025-13-01' + '12025-05-27'\n"
    )
    assert sorted(hit for _, hit in date_literals(source)) == ["1300-01-01", "1446-11-29", "2025-05-29"]


# --- the rules ---------------------------------------------------------------------------------------


@pytest.mark.parametrize("module", MODULES, ids=_rel)
def test_only_the_core_imports_a_calendar_library(module: Path) -> None:
    if CORE in module.parents:
        return
    tree = ast.parse(module.read_text(encoding="utf-8"), filename=str(module))
    offenders = [
        f"line {line}: {name}" for line, name in imported_modules(tree) if name in CALENDAR_LIBRARIES
    ]
    assert not offenders, (
        f"{_rel(module)} imports a calendar library ({', '.join(offenders)}); "
        "only the modules of mctimeline/calendars/ may: call mctimeline.calendars instead"
    )


def test_the_core_does_import_its_libraries() -> None:
    # Guards the rule above against vacuity (a renamed core would make it pass trivially).
    names = {
        name
        for module in CORE_MODULES
        for _, name in imported_modules(ast.parse(module.read_text(encoding="utf-8")))
    }
    assert {"jdatetime", "hijridate"} <= names


@pytest.mark.parametrize("module", MODULES, ids=_rel)
def test_no_hard_coded_dates_in_code(module: Path) -> None:
    hits = date_literals(module.read_text(encoding="utf-8"))
    assert not hits, (
        f"{_rel(module)} has date literals {hits} (line, text): dates come from the texts and the "
        "calendar core, never from the code; move examples to docstrings or tests"
    )


@pytest.mark.parametrize("data_file", DATA_FILES, ids=_rel)
def test_no_dates_in_lexicon_data(data_file: Path) -> None:
    # House rule: the dates of particular events never appear in code or config.
    found = list(_toml_dates(tomllib.loads(data_file.read_text(encoding="utf-8")), data_file.name))
    assert not found, f"{_rel(data_file)} holds dates: {found}"


def _mctimeline_imports(tree: ast.AST) -> Iterator[tuple[int, str]]:
    """Every mctimeline module a module imports, by its dotted name, statements anywhere in it."""
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                if alias.name.startswith("mctimeline."):
                    yield node.lineno, alias.name
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            if node.module == "mctimeline":
                for alias in node.names:
                    yield node.lineno, f"mctimeline.{alias.name}"
            elif node.module.startswith("mctimeline."):
                yield node.lineno, node.module


@pytest.mark.parametrize(
    "module", [m for m in MODULES if CLI not in m.parents and m.name != "__main__.py"], ids=_rel
)
def test_no_library_module_imports_the_command_line(module: Path) -> None:
    # One way each: the command line imports the library, never the other way round
    # (the data dictionary and the command line imported each other once).
    tree = ast.parse(module.read_text(encoding="utf-8"))
    found = [
        f"{_rel(module)}:{line}"
        for line, name in _mctimeline_imports(tree)
        if name == "mctimeline.cli" or name.startswith("mctimeline.cli.")
    ]
    assert not found, f"imports mctimeline.cli: {found}"


@pytest.mark.parametrize(
    "module", [m for m in [*CORE_MODULES, *sorted(CLI.rglob("*.py"))] if m.name != "__init__.py"], ids=_rel
)
def test_a_split_module_does_not_reach_back_up_into_its_package(module: Path) -> None:
    # The core's and the command line's modules import their siblings by their own names;
    # only the package's __init__ gathers them, so data flows one way and no import cycles.
    package = _dotted(module.parent)
    tree = ast.parse(module.read_text(encoding="utf-8"))
    found = [f"{_rel(module)}:{line}" for line, name in _mctimeline_imports(tree) if name == package]
    assert not found, f"imports its own package {package} instead of the sibling module: {found}"
