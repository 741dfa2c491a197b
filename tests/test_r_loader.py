"""datapackage/load.R run by the real Rscript on a fresh build: every table, its row count and R types."""

from __future__ import annotations

import csv
import io
import os
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest

from mctimeline.load import read_descriptor, tabular_resources
from mctimeline.package import R_LOADER

R_PACKAGES = "r-base-core r-cran-jsonlite r-cran-readr"
SEEDS = Path(__file__).resolve().parents[1] / "seeds"
LOADER_SOURCE = Path(__file__).resolve().parents[1] / "src" / "mctimeline" / "data" / "load.R"

# Table Schema type -> the class readr gives the column (independent of our script: readr's documented
# col_character/col_integer/col_double/col_logical/col_date results).
R_CLASS = {
    "string": "character",
    "integer": "integer",
    "year": "integer",
    "number": "numeric",
    "boolean": "logical",
    "date": "Date",
    "array": "character",
}


def rscript() -> str:
    """The Rscript with jsonlite and readr; skip without it, but fail under CI (which installs R)."""
    path = shutil.which("Rscript")
    problem = None
    if path is None:
        problem = (
            "Rscript is not installed (Debian: apt-get install r-base-core r-cran-jsonlite r-cran-readr)"
        )
    else:
        check = subprocess.run(
            [path, "-e", "library(jsonlite); library(readr)"], capture_output=True, text=True, timeout=120
        )
        if check.returncode != 0:
            problem = (
                f"R lacks jsonlite or readr (apt-get install r-cran-jsonlite r-cran-readr): {check.stderr}"
            )
    if problem is None:
        return path  # type: ignore[return-value]
    if os.environ.get("CI", "").lower() == "true":
        pytest.fail(f"CI=true but {problem}")
    pytest.skip(problem)


@pytest.fixture(scope="module")
def pkg(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from mctimeline.builder import build

    out = tmp_path_factory.mktemp("r") / "datapackage"
    build(SEEDS, out)
    return out


def csv_rows(path: Path) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(path.read_bytes().decode("utf-8"), newline="")))


def parse_report(stdout: str) -> dict[str, tuple[int, dict[str, str]]]:
    """`table<TAB>name<TAB>rows<TAB>col=class,...` lines -> name -> (rows, {col: class})."""
    tables = {}
    for line in stdout.splitlines():
        kind, name, rows, columns = line.split("\t")
        assert kind == "table", line
        tables[name] = (int(rows), dict(c.split("=", 1) for c in columns.split(",")))
    return tables


def test_the_build_ships_the_loader(pkg: Path) -> None:
    assert (pkg / R_LOADER).read_bytes() == LOADER_SOURCE.read_bytes()


def test_rscript_reads_every_table_with_its_declared_types(pkg: Path, tmp_path: Path) -> None:
    r = rscript()
    # Run from elsewhere with no argument: the script finds the package beside itself.
    done = subprocess.run([r, str(pkg / R_LOADER)], capture_output=True, text=True, cwd=tmp_path, timeout=300)
    assert done.returncode == 0, done.stderr
    report = parse_report(done.stdout)
    resources = tabular_resources(read_descriptor(pkg))
    assert list(report) == [res["name"] for res in resources]
    for resource in resources:
        rows, classes = report[resource["name"]]
        assert rows == len(csv_rows(pkg / resource["path"])) > 0, resource["name"]
        expected = {f["name"]: R_CLASS.get(f["type"], "character") for f in resource["schema"]["fields"]}
        assert classes == expected, resource["name"]


def test_r_values_round_trip_to_the_csv_text(pkg: Path, tmp_path: Path) -> None:
    """What R read, written back with readr, is the CSV's text cell by cell: no value reinterpreted."""
    r = rscript()
    program = (
        f"source({str(pkg / R_LOADER)!r}); tables <- read_package({str(pkg)!r}); "
        "for (n in names(tables)) readr::write_csv(tables[[n]], "
        f"file.path({str(tmp_path)!r}, paste0(n, '.csv')), na = '')"
    )
    done = subprocess.run([r, "-e", program], capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    resources: list[dict[str, Any]] = tabular_resources(read_descriptor(pkg))
    # among them an `unresolved` mention (seed 002's undated «اليوم الأربعاء»), read like any status
    assert any(m["status"] == "unresolved" for m in csv_rows(pkg / "mentions.csv"))
    for resource in resources:
        ours = csv_rows(pkg / resource["path"])
        theirs = csv_rows(tmp_path / f"{resource['name']}.csv")
        assert theirs == ours, resource["name"]


def test_a_wrong_cell_stops_the_loader_naming_the_file_and_row(pkg: Path, tmp_path: Path) -> None:
    r = rscript()
    broken = tmp_path / "datapackage"
    shutil.copytree(pkg, broken)
    events = broken / "events.csv"
    lines = events.read_bytes().split(b"\n")
    header = lines[0].split(b",")
    cells = lines[1].split(b",")
    cells[header.index(b"start_date")] = b"27 May"
    lines[1] = b",".join(cells)
    events.write_bytes(b"\n".join(lines))
    done = subprocess.run([r, str(broken / R_LOADER)], capture_output=True, text=True, timeout=300)
    assert done.returncode != 0
    assert "events.csv: row 2 (the header is row 1), column 2 (start_date)" in done.stderr
    assert "found '27 May'" in done.stderr
