"""Loading the data package's tables into pandas with the types its datapackage.json declares."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from mctimeline.reading import DESCRIPTOR, resource_files
from mctimeline.reading import UnsafePath as UnsafePath  # what a tampered descriptor raises

if TYPE_CHECKING:  # pandas is optional: `pip install "mctimeline[pandas]"`
    import pandas as pd

ISO_DATE = "%Y-%m-%d"

# Table Schema type -> pandas dtype (filled in every row, may be empty). Integers that may be
# empty need pandas' nullable Int64: a plain int64 column cannot hold a missing value and
# pandas would otherwise turn the whole column into floats. `array` and `object` cells are
# JSON text; they stay strings (json.loads them when needed). Unknown types stay strings.
_DTYPES: dict[str, tuple[str, str]] = {
    "string": ("string", "string"),
    "integer": ("int64", "Int64"),
    "year": ("int64", "Int64"),
    "number": ("float64", "Float64"),
    "boolean": ("boolean", "boolean"),
    "array": ("string", "string"),
    "object": ("string", "string"),
}
DATE_TYPES = frozenset({"date"})


@dataclass(frozen=True)
class TableLayout:
    """How pandas must read one tabular resource: file, dtypes, date columns and CSV dialect."""

    name: str
    path: str
    dtypes: dict[str, str]  # every non-date column
    dates: tuple[str, ...]  # `date` columns, parsed into datetime64
    missing_values: tuple[str, ...]
    encoding: str
    delimiter: str
    quotechar: str
    doublequote: bool
    skipinitialspace: bool = False  # Table Dialect skipInitialSpace (the spec's default: false)
    date_formats: tuple[str | None, ...] = ()  # per date column; None: pandas infers ("any")

    def date_format(self, column: str) -> str | None:
        formats = self.date_formats or (ISO_DATE,) * len(self.dates)
        return dict(zip(self.dates, formats, strict=True))[column]

    def read_csv_kwargs(self) -> dict[str, Any]:
        """Keyword arguments of pandas.read_csv for this resource (dates are converted afterwards)."""
        return {
            "dtype": {**self.dtypes, **dict.fromkeys(self.dates, "string")},
            "keep_default_na": False,  # only the schema's missingValues are missing: "NA" is a word
            "na_values": list(self.missing_values),
            "encoding": self.encoding,
            "sep": self.delimiter,
            "quotechar": self.quotechar,
            "doublequote": self.doublequote,
            "skipinitialspace": self.skipinitialspace,
        }

    def one_liner(self, folder: str = "datapackage") -> str:
        """A plain pandas statement that reads this resource with its types (no mctimeline needed)."""
        args = [
            repr(f"{folder}/{self.path}"),
            f"dtype={self.dtypes!r}",
            "keep_default_na=False",
            f"na_values={list(self.missing_values)!r}",
        ]
        if self.dates:
            formats = {d: self.date_format(d) for d in self.dates}
            single = set(formats.values())
            fmt = single.pop() if len(single) == 1 else formats
            args += [f"parse_dates={list(self.dates)!r}", f"date_format={fmt!r}"]
        return f"{self.name} = pd.read_csv({', '.join(args)})"


def read_descriptor(folder: Path | str) -> dict[str, Any]:
    """The parsed datapackage.json of the package in `folder`.

    A descriptor naming a file outside the package (an absolute path, `..`, a URL, a
    symbolic link leading out) raises UnsafePath, a ValueError, before any table is read.
    """
    path = Path(folder) / DESCRIPTOR
    try:
        desc = json.loads(path.read_bytes().decode("utf-8"))
    except FileNotFoundError:
        raise FileNotFoundError(f"{path}: no data package here (build one with `mctimeline build`)") from None
    if isinstance(desc, dict) and isinstance(desc.get("resources"), list):
        resource_files(Path(folder), desc["resources"])
    return desc


def tabular_resources(descriptor: dict[str, Any]) -> list[dict[str, Any]]:
    """The resources of `descriptor` that are tables (have a schema), in the descriptor's order."""
    return [r for r in descriptor.get("resources", []) if isinstance(r, dict) and "schema" in r]


def pandas_dtype(field: dict[str, Any]) -> str:
    """The pandas dtype of a Table Schema field (not for `date` fields, which are parsed)."""
    filled, may_be_empty = _DTYPES.get(field.get("type", "string"), _DTYPES["string"])
    required = bool(field.get("constraints", {}).get("required"))
    return filled if required else may_be_empty


def _date_format(field: dict[str, Any]) -> str | None:
    """Table Schema date formats: "default" is ISO 8601, "any" anything pandas can read, else strptime."""
    fmt = field.get("format", "default")
    return ISO_DATE if fmt == "default" else None if fmt == "any" else fmt


def layout(resource: dict[str, Any]) -> TableLayout:
    """How to read `resource` (a tabular resource descriptor) with pandas."""
    fields = resource["schema"]["fields"]
    dialect = resource.get("dialect", {})
    return TableLayout(
        name=resource["name"],
        path=resource["path"],
        dtypes={f["name"]: pandas_dtype(f) for f in fields if f.get("type") not in DATE_TYPES},
        dates=tuple(f["name"] for f in fields if f.get("type") in DATE_TYPES),
        date_formats=tuple(_date_format(f) for f in fields if f.get("type") in DATE_TYPES),
        missing_values=tuple(resource["schema"].get("missingValues", [""])),
        encoding=resource.get("encoding", "utf-8"),
        delimiter=dialect.get("delimiter", ","),
        quotechar=dialect.get("quoteChar", '"'),
        doublequote=dialect.get("doubleQuote", True),
        skipinitialspace=dialect.get("skipInitialSpace", False),
    )


def _layout_of(descriptor: dict[str, Any], name: str, folder: Path | str) -> TableLayout:
    resources = tabular_resources(descriptor)
    for resource in resources:
        if resource.get("name") == name:
            return layout(resource)
    names = ", ".join(r["name"] for r in resources)
    raise KeyError(f"{Path(folder) / DESCRIPTOR}: no table named {name!r} (the tables are: {names})")


def read_resource(folder: Path | str, name: str) -> pd.DataFrame:
    """Read the table `name` of the data package in `folder` into a pandas DataFrame.

    Column types come from datapackage.json: `date` fields become datetime64 (empty: NaT),
    integers int64 (nullable Int64 when the field may be empty), strings pandas' string
    dtype (empty: <NA>). The primary key stays an ordinary column.

        events = read_resource("datapackage", "events")
        events["start_date"].dt.year      # datetime64: dates are dates
        events["edition"]                 # Int64: <NA> where the field is empty
    """
    pd = _pandas()
    table = _layout_of(read_descriptor(folder), name, folder)
    frame = pd.read_csv(Path(folder) / table.path, **table.read_csv_kwargs())
    for column in table.dates:
        frame[column] = pd.to_datetime(frame[column], format=table.date_format(column))
    return frame


def read_package(folder: Path | str) -> dict[str, pd.DataFrame]:
    """Every table of the data package in `folder`: name -> DataFrame (see read_resource)."""
    return {r["name"]: read_resource(folder, r["name"]) for r in tabular_resources(read_descriptor(folder))}


def one_liners(folder: Path | str, prefix: str = "datapackage") -> list[str]:
    """The plain pandas statement of every table, reading from the folder `prefix`."""
    return [layout(r).one_liner(prefix) for r in tabular_resources(read_descriptor(folder))]


def _pandas() -> Any:
    try:
        import pandas
    except ImportError:
        raise ImportError(
            'reading the tables into DataFrames needs pandas: python3 -m pip install "mctimeline[pandas]"'
        ) from None
    return pandas
