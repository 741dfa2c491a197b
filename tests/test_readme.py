"""The README a newcomer reads: its data dictionary is current, its examples run, its commands work."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from mctimeline.dictionary import REGENERATE, render_folder, replace_section, section

ROOT = Path(__file__).resolve().parents[1]
README = ROOT / "README.md"
COMMITTED = ROOT / "datapackage"


def readme() -> str:
    return README.read_text(encoding="utf-8")


def between(text: str, heading: str) -> str:
    """The text of the section `heading` (a whole Markdown heading line) up to the next one of its
    level or above (a `##` heading ends a `###` section)."""
    level = heading.split(" ", 1)[0]
    start = text.index(f"\n{heading}\n")
    rest = text[start + len(heading) + 2 :]
    end = re.search(rf"^#{{1,{len(level)}}} ", rest, flags=re.M)
    return rest[: end.start()] if end else rest


def test_the_data_dictionary_in_the_readme_is_current() -> None:
    generated = render_folder(COMMITTED)
    assert section(readme()) == generated, (
        "README.md's data dictionary differs from datapackage/datapackage.json: "
        f"regenerate it with `{REGENERATE}` and commit README.md"
    )


def test_the_dictionary_describes_every_field_of_every_table() -> None:
    import json

    text = section(readme())
    desc = json.loads((COMMITTED / "datapackage.json").read_text(encoding="utf-8"))
    for resource in desc["resources"]:
        assert f"`{resource['path']}`" in text
        for field in resource.get("schema", {}).get("fields", []):
            assert f"| `{field['name']}` |" in text, f"{resource['name']}.{field['name']}"


def test_replace_section_keeps_the_rest_and_is_idempotent() -> None:
    text = "# T\n\nbefore\n<!-- data-dictionary -->\nold\n<!-- /data-dictionary -->\nafter\n"
    once = replace_section(text, "new\n")
    assert once == "# T\n\nbefore\n<!-- data-dictionary -->\nnew\n<!-- /data-dictionary -->\nafter\n"
    assert replace_section(once, "new\n") == once
    with pytest.raises(ValueError, match="no <!-- data-dictionary -->"):
        section("no markers")


def test_dictionary_command_writes_and_checks(tmp_path: Path) -> None:
    from click.testing import CliRunner

    from mctimeline.cli import main

    copy = tmp_path / "README.md"
    copy.write_text(replace_section(readme(), "stale\n"), encoding="utf-8")
    copy.chmod(0o640)
    checked = CliRunner().invoke(main, ["dictionary", str(COMMITTED), "--write", str(copy), "--check"])
    assert checked.exit_code == 1 and "stale" in checked.stderr
    written = CliRunner().invoke(main, ["dictionary", str(COMMITTED), "--write", str(copy)])
    assert written.exit_code == 0, written.output
    assert copy.read_text(encoding="utf-8") == replace_section(readme(), render_folder(COMMITTED))
    assert copy.stat().st_mode & 0o777 == 0o640  # rewritten whole, permissions kept
    assert sorted(p.name for p in tmp_path.iterdir()) == ["README.md"]  # no temporary file left
    again = CliRunner().invoke(main, ["dictionary", str(COMMITTED), "--write", str(copy), "--check"])
    assert (again.exit_code, again.stdout) == (0, f"{copy}: the data dictionary is up to date\n")
    printed = CliRunner().invoke(main, ["dictionary", str(COMMITTED)])
    assert printed.stdout == render_folder(COMMITTED)
    no_markers = tmp_path / "plain.md"
    no_markers.write_text("# nothing\n", encoding="utf-8")
    refused = CliRunner().invoke(main, ["dictionary", str(COMMITTED), "--write", str(no_markers)])
    assert refused.exit_code == 2 and "no <!-- data-dictionary -->" in refused.stderr


def test_python_dash_m_dictionary_prints_the_same() -> None:
    done = subprocess.run(
        [sys.executable, "-m", "mctimeline", "dictionary", str(COMMITTED)],
        capture_output=True,
        text=True,
        timeout=120,
        encoding="utf-8",
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout == render_folder(COMMITTED)


def test_the_quick_start_builds_the_package() -> None:
    run = readme().split("<!-- run-command -->", 1)[1].split("<!-- /run-command -->", 1)[0]
    assert run.strip().strip("`").strip() == "python3 -m pip install -e . && mctimeline build"


def test_the_python_api_examples_run(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    blocks = re.findall(r"```python\n(.*?)```", between(readme(), "### Python API"), flags=re.S)
    assert len(blocks) == 4
    assert all(len(b.strip().splitlines()) == 3 for b in blocks), "each example is three lines"
    shutil.copytree(ROOT / "seeds", tmp_path / "seeds")
    monkeypatch.chdir(tmp_path)
    for block in blocks:
        exec(compile(block, "README.md", "exec"), {})
    assert (tmp_path / "datapackage" / "events.csv").is_file()


def test_the_gazetteer_example_prints_what_it_says(capsys: pytest.CaptureFixture[str]) -> None:
    (block,) = re.findall(r"```python\n(.*?)```", between(readme(), "## Gazetteers"), flags=re.S)
    code, said = block.rsplit("  # ", 1)
    exec(compile(code, "README.md", "exec"), {})
    assert capsys.readouterr().out.strip() == said.strip()


def test_the_pandas_examples_run(monkeypatch: pytest.MonkeyPatch) -> None:
    pytest.importorskip("pandas", reason='pandas is in the test extra: pip install -e ".[test]"')
    blocks = re.findall(r"```python\n(.*?)```", between(readme(), "### pandas"), flags=re.S)
    assert len(blocks) == 2
    monkeypatch.chdir(ROOT)
    for block in blocks:
        scope: dict = {}
        exec(compile(block, "README.md", "exec"), scope)
        assert len(scope["events"]) > 0


def test_frictionless_validate_as_the_readme_says() -> None:
    assert "frictionless validate datapackage/datapackage.json" in readme()
    done = subprocess.run(
        [sys.executable, "-m", "frictionless", "validate", "datapackage/datapackage.json"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 0, done.stdout + done.stderr


def test_every_feed_is_in_the_subscription_table() -> None:
    table = between(readme(), "## Subscribing to the feeds")
    for feed in sorted(COMMITTED.glob("*.ics")):
        name = "series-<id>.ics" if feed.name.startswith("series-") else feed.name
        assert f"| `{name}` |" in table, feed.name
    assert "https://raw.githubusercontent.com/OWNER/mctimeline/main/datapackage/all.ics" in table
    assert "webcal://" in table
