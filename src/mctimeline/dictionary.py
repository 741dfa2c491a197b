"""The data dictionary: datapackage.json's resources and fields rendered as Markdown for the README.

Regenerate the README's section after a change to the schema (and a rebuild):

    mctimeline dictionary --write README.md        # or: python -m mctimeline dictionary --write README.md

The command line is the one way to run it: this module does not import `cli` (the
command imports it), so the two never depend on each other.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from mctimeline.load import layout

BEGIN = "<!-- data-dictionary -->"
END = "<!-- /data-dictionary -->"
REGENERATE = "mctimeline build && mctimeline dictionary --write README.md"


def _cell(text: object) -> str:
    """Text safe inside a Markdown table cell: one line, pipes escaped."""
    return " ".join(str(text).split()).replace("|", "\\|")


def _constraints(field: dict[str, Any]) -> str:
    c = field.get("constraints", {})
    parts = []
    if c.get("unique"):
        parts.append("unique")
    if "enum" in c:
        parts.append("one of " + ", ".join(f"`{v}`" for v in c["enum"]))
    if "pattern" in c:
        parts.append(f"pattern `{c['pattern']}`")
    if "minimum" in c:
        parts.append(f"≥ {c['minimum']}")
    if "maximum" in c:
        parts.append(f"≤ {c['maximum']}")
    return "; ".join(parts)


def _table(resource: dict[str, Any]) -> list[str]:
    schema = resource["schema"]
    lines = [
        f"### `{resource['path']}` — {_cell(resource.get('title', resource['name']))}",
        "",
        _cell(resource.get("description", "")),
        "",
        "| field | type | required | constraints | description |",
        "| --- | --- | --- | --- | --- |",
    ]
    for field in schema["fields"]:
        required = "yes" if field.get("constraints", {}).get("required") else ""
        lines.append(
            f"| `{_cell(field['name'])}` | {field.get('type', 'string')} | {required} | "
            f"{_cell(_constraints(field))} | {_cell(field.get('description', ''))} |"
        )
    lines += ["", "```python", layout(resource).one_liner(), "```"]
    keys = []
    if schema.get("primaryKey"):
        keys.append("Primary key: " + ", ".join(f"`{k}`" for k in schema["primaryKey"]) + ".")
    for fk in schema.get("foreignKeys", []):
        ref = fk["reference"]
        keys.append(
            f"`{', '.join(fk['fields'])}` → `{ref['resource'] or resource['name']}."
            f"{', '.join(ref['fields'])}`."
        )
    if keys:
        lines += ["", " ".join(keys)]
    return lines


def render(descriptor: dict[str, Any]) -> str:
    """The data dictionary of `descriptor`: a table per tabular resource, then the other files."""
    resources = [r for r in descriptor.get("resources", []) if isinstance(r, dict)]
    tables = [r for r in resources if "schema" in r]
    files = [r for r in resources if "schema" not in r]
    lines = [
        f"_Generated from `datapackage/datapackage.json`; regenerate with `{REGENERATE}`._",
        "",
        "Empty cells are missing values. `date` fields are Gregorian ISO days; Jalali and Hijri "
        "days are strings (`YYYY-MM-DD` in their own calendar) so that no reader mistakes them "
        "for Gregorian dates. Under each table, the pandas statement that reads it with these "
        'types (`mctimeline.load.read_resource("datapackage", name)` does the same).',
    ]
    for resource in tables:
        lines += ["", *_table(resource)]
    if files:
        lines += ["", "### Other files", "", "| file | format | what it holds |", "| --- | --- | --- |"]
        for r in files:
            what = _cell(r.get("description", ""))
            lines.append(f"| `{_cell(r['path'])}` | {_cell(r.get('format', ''))} | {what} |")
    return "\n".join(lines) + "\n"


def render_folder(folder: Path) -> str:
    """The data dictionary of the package in `folder`."""
    return render(json.loads((folder / "datapackage.json").read_bytes().decode("utf-8")))


def section(text: str, where: str = "README.md") -> str:
    """What stands between the data-dictionary markers in `text`."""
    start, end = text.find(BEGIN), text.find(END)
    if start < 0 or end < start:
        raise ValueError(f"{where}: no {BEGIN} … {END} markers: add them where the dictionary goes")
    return text[start + len(BEGIN) : end].strip("\n") + "\n"


def replace_section(text: str, dictionary: str, where: str = "README.md") -> str:
    """`text` with the data dictionary between its markers replaced by `dictionary`."""
    section(text, where)  # the markers must be there
    start, end = text.find(BEGIN) + len(BEGIN), text.find(END)
    return text[:start] + "\n" + dictionary + text[end:]

