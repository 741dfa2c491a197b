"""Every table of a fresh build in pandas: typed from the schema by mctimeline.load, and by frictionless."""

from __future__ import annotations

import csv
import io
from pathlib import Path
from typing import Any

import pytest

from mctimeline.load import (
    layout,
    one_liners,
    read_descriptor,
    read_package,
    read_resource,
    tabular_resources,
)

pd = pytest.importorskip("pandas", reason='pandas is in the test extra: pip install -e ".[test]"')

SEEDS = Path(__file__).resolve().parents[1] / "seeds"


@pytest.fixture(scope="module")
def pkg(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from mctimeline.builder import build

    out = tmp_path_factory.mktemp("pandas") / "datapackage"
    build(SEEDS, out)
    return out


@pytest.fixture(scope="module")
def resources(pkg: Path) -> list[dict[str, Any]]:
    tables = tabular_resources(read_descriptor(pkg))
    assert {"sources", "mentions", "events", "series", "reconciliation"} <= {r["name"] for r in tables}
    return tables


def csv_rows(pkg: Path, resource: dict[str, Any]) -> list[dict[str, str]]:
    """The table as the csv module reads it: strings, the independent reference."""
    text = (pkg / resource["path"]).read_bytes().decode("utf-8")
    return list(csv.DictReader(io.StringIO(text, newline="")))


def fields(resource: dict[str, Any]) -> list[dict[str, Any]]:
    return resource["schema"]["fields"]


def required(field: dict[str, Any]) -> bool:
    return bool(field.get("constraints", {}).get("required"))


# --- typed by the schema (mctimeline.load) ----------------------------------------------


def check_schema_dtype(frame: Any, field: dict[str, Any], where: str) -> None:
    dtype = frame[field["name"]].dtype
    kind = field["type"]
    if kind == "date":
        assert pd.api.types.is_datetime64_dtype(dtype), f"{where}: {dtype}"
    elif kind == "integer":
        assert str(dtype) == ("int64" if required(field) else "Int64"), f"{where}: {dtype}"
    elif kind == "number":
        assert pd.api.types.is_float_dtype(dtype), f"{where}: {dtype}"
    else:  # string, and array/object kept as their JSON text
        assert isinstance(dtype, pd.StringDtype), f"{where}: {dtype}"


def test_every_table_has_the_schema_types_and_the_csv_rows(pkg: Path, resources: list) -> None:
    for resource in resources:
        frame = read_resource(pkg, resource["name"])
        reference = csv_rows(pkg, resource)
        assert len(frame) == len(reference) > 0, resource["name"]
        assert list(frame.columns) == [f["name"] for f in fields(resource)]
        for field in fields(resource):
            where = f"{resource['name']}.{field['name']}"
            check_schema_dtype(frame, field, where)
            # Same values as the CSV text, cell by cell: nothing lost or reinterpreted.
            column = frame[field["name"]]
            for value, row in zip(column, reference, strict=True):
                text = row[field["name"]]
                if text == "":
                    assert pd.isna(value), where
                elif field["type"] == "date":
                    assert value.strftime("%Y-%m-%d") == text, where
                else:
                    assert str(value) == text, where


def test_fields_that_may_be_empty_hold_missing_values_not_empty_strings(pkg: Path) -> None:
    events = read_resource(pkg, "events")
    assert events["edition"].isna().any() and events["edition"].notna().any()
    assert events["series_id"].isna().any()
    assert not (events["series_id"] == "").any()
    mentions = read_resource(pkg, "mentions")
    assert (mentions["end"] > mentions["start"]).all()
    assert (mentions["end_date"].dropna() >= mentions["start_date"].dropna()).all()
    # seed 002's undated «اليوم الأربعاء» is `unresolved`, with no bounds, and loads as such
    undated = mentions[mentions["status"] == "unresolved"]
    assert len(undated) >= 1 and undated["start_date"].isna().all()
    # a role where the words give one (seed 002's «حتى يوم 25 من الشهر ذاته»), missing elsewhere
    assert set(mentions["role"].dropna()) == {"until"} and mentions["role"].isna().any()


def test_the_documented_one_liners_read_what_read_resource_reads(pkg: Path, resources: list) -> None:
    statements = one_liners(pkg, prefix=str(pkg))
    assert len(statements) == len(resources)
    for resource, statement in zip(resources, statements, strict=True):
        scope: dict[str, Any] = {"pd": pd}
        exec(statement, scope)
        pd.testing.assert_frame_equal(scope[resource["name"]], read_resource(pkg, resource["name"]))


def test_foreign_keys_resolve(pkg: Path, resources: list) -> None:
    frames = read_package(pkg)
    checked = 0
    for resource in resources:
        for fk in resource["schema"].get("foreignKeys", []):
            [child], [parent] = fk["fields"], fk["reference"]["fields"]
            target = fk["reference"]["resource"] or resource["name"]
            values = set(frames[resource["name"]][child].dropna())
            missing = values - set(frames[target][parent])
            assert not missing, f"{resource['name']}.{child} -> {target}.{parent}: {sorted(missing)[:5]}"
            checked += 1
    assert checked >= 4  # mentions->sources, mentions->events, events->series, reconciliation->...
    events, mentions = frames["events"], frames["mentions"]
    assert set(mentions["event_id"].dropna()) == set(events["event_id"])  # every event has a mention


def test_unknown_table_and_missing_package_say_what_to_do(pkg: Path, tmp_path: Path) -> None:
    with pytest.raises(KeyError, match=r"no table named 'nope'.*events"):
        read_resource(pkg, "nope")
    with pytest.raises(FileNotFoundError, match="mctimeline build"):
        read_resource(tmp_path, "events")


def test_a_leading_space_is_kept_unless_the_dialect_says_skip(tmp_path: Path) -> None:
    import json

    (tmp_path / "t.csv").write_text("a,b\n x, 1\n", encoding="utf-8")
    fields = [{"name": "a", "type": "string"}, {"name": "b", "type": "string"}]
    resource = {"name": "t", "path": "t.csv", "schema": {"fields": fields}}
    for skip, expected in ((None, [" x", " 1"]), (True, ["x", "1"])):
        if skip is not None:
            resource["dialect"] = {"skipInitialSpace": skip}
        (tmp_path / "datapackage.json").write_text(json.dumps({"resources": [resource]}), encoding="utf-8")
        assert list(read_resource(tmp_path, "t").iloc[0]) == expected


def test_layout_maps_table_schema_types() -> None:
    resource = {
        "name": "t",
        "path": "t.csv",
        "schema": {
            "fields": [
                {"name": "a", "type": "integer", "constraints": {"required": True}},
                {"name": "b", "type": "integer"},
                {"name": "c", "type": "date"},
                {"name": "d", "type": "array"},
                {"name": "e", "type": "number"},
                {"name": "f", "type": "geopoint"},
            ]
        },
    }
    table = layout(resource)
    assert table.dtypes == {"a": "int64", "b": "Int64", "d": "string", "e": "Float64", "f": "string"}
    assert table.dates == ("c",)
    assert table.date_format("c") == "%Y-%m-%d"
    resource["schema"]["fields"][2]["format"] = "%d/%m/%Y"
    assert layout(resource).date_format("c") == "%d/%m/%Y"
    assert "date_format='%d/%m/%Y'" in layout(resource).one_liner()
    assert table.missing_values == ("",)


# --- frictionless's own reader ---------------------------------------------------------


def test_frictionless_reads_every_table_with_its_types(pkg: Path, resources: list) -> None:
    import frictionless

    package = frictionless.Package(str(pkg / "datapackage.json"))
    for resource in resources:
        name = resource["name"]
        reference = csv_rows(pkg, resource)
        rows = package.get_resource(name).read_rows()
        assert len(rows) == len(reference), name
        frame = package.get_resource(name).to_pandas()  # the primary key becomes the index
        assert len(frame) == len(reference), name
        frame = frame.reset_index()
        for field in fields(resource):
            dtype = frame[field["name"]].dtype
            where = f"{name}.{field['name']}: {dtype}"
            if field["type"] == "date":
                assert pd.api.types.is_datetime64_dtype(dtype), where
            elif field["type"] == "integer":
                assert pd.api.types.is_integer_dtype(dtype), where
            else:
                assert pd.api.types.is_string_dtype(dtype) or dtype == "object", where
        # Both readers agree on every value.
        ours = read_resource(pkg, name)
        for field in fields(resource):
            column = field["name"]
            theirs = frame[column]
            if field["type"] == "array":
                continue  # frictionless gives lists, we keep the JSON text
            left = [None if pd.isna(v) else v for v in ours[column]]
            right = [None if pd.isna(v) else v for v in theirs]
            assert left == right, f"{name}.{column}"
