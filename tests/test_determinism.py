"""Determinism of the whole build on the real seeds: the same bytes whatever the run, the time
zone, the locale or the order in which the folder is listed; event ids that do not move
when an unrelated text is added.

(tests/test_build.py covers the writers alone across time zones, and the build command in
Tehran under the C locale; this file covers the rest of the matrix end to end.)
"""

from __future__ import annotations

import os
import pathlib
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from mctimeline.builder import build
from mctimeline.package import read_csv

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT / "seeds"


def snapshot(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir(), key=lambda p: p.name)}


def rows(folder: Path, table: str) -> list[dict[str, str]]:
    return read_csv((folder / f"{table}.csv").read_bytes())


@pytest.fixture(scope="module")
def baseline(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("baseline")
    shutil.copytree(SEEDS, root / "seeds")
    build(root / "seeds", root / "datapackage")
    return root / "datapackage"


def _skip_unless_ci(why: str) -> None:
    """Skip on a developer's machine; under CI, which installs `locales`, the check must run."""
    if os.environ.get("CI") == "true":
        pytest.fail(f"CI must run the fa_IR.UTF-8 check (.ci/run installs locales): {why}")
    pytest.skip(why)


@pytest.fixture(scope="module")
def fa_locale(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    """Environment for the fa_IR.UTF-8 locale: the system's, else compiled with localedef."""
    listed = subprocess.run(["locale", "-a"], capture_output=True, text=True, check=False).stdout.split()
    if any(name.lower().replace("-", "") in ("fa_ir.utf8",) for name in listed):
        return {"LC_ALL": "fa_IR.UTF-8"}
    if not shutil.which("localedef") or not Path("/usr/share/i18n/locales/fa_IR").is_file():
        _skip_unless_ci("no fa_IR.UTF-8 locale and no locale sources to compile it (apt-get install locales)")
    locpath = tmp_path_factory.mktemp("locales")
    subprocess.run(
        ["localedef", "-i", "fa_IR", "-f", "UTF-8", str(locpath / "fa_IR.UTF-8")],
        check=False,
        capture_output=True,
    )
    env = {"LOCPATH": str(locpath), "LC_ALL": "fa_IR.UTF-8"}
    probe = "import locale; locale.setlocale(locale.LC_ALL, ''); print(locale.localeconv()['decimal_point'])"
    done = subprocess.run(
        [sys.executable, "-c", probe], env={**os.environ, **env}, capture_output=True, check=False
    )
    if done.returncode != 0:
        _skip_unless_ci(f"fa_IR.UTF-8 could not be compiled here: {done.stderr.decode()[-200:]}")
    return env


def build_in_subprocess(tmp: Path, env: dict[str, str]) -> dict[str, bytes]:
    shutil.copytree(SEEDS, tmp / "seeds")
    subprocess.run(
        [sys.executable, "-m", "mctimeline", "build"],
        cwd=tmp,
        env={**os.environ, **env},
        check=True,
        capture_output=True,
    )
    return snapshot(tmp / "datapackage")


@pytest.mark.parametrize(
    "env",
    [
        {"TZ": "UTC", "LC_ALL": "C", "PYTHONHASHSEED": "1"},
        {"TZ": "America/Los_Angeles", "LC_ALL": "C.UTF-8", "PYTHONHASHSEED": "99"},
    ],
    ids=lambda e: f"{e['TZ']}-{e['LC_ALL']}",
)
def test_same_bytes_in_another_time_zone_locale_and_hash_seed(
    baseline: Path, tmp_path: Path, env: dict[str, str]
) -> None:
    assert build_in_subprocess(tmp_path, env) == snapshot(baseline)


def test_same_bytes_under_the_persian_locale_in_tehran(
    baseline: Path, tmp_path: Path, fa_locale: dict[str, str]
) -> None:
    env = {"TZ": "Asia/Tehran", **fa_locale, "LANG": "fa_IR.UTF-8"}
    assert build_in_subprocess(tmp_path, env) == snapshot(baseline)


def test_same_bytes_on_a_second_run(baseline: Path, tmp_path: Path) -> None:
    shutil.copytree(SEEDS, tmp_path / "seeds")
    build(tmp_path / "seeds", tmp_path / "datapackage")
    assert snapshot(tmp_path / "datapackage") == snapshot(baseline)


def test_same_bytes_whatever_order_the_folder_is_listed_in(
    baseline: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    shutil.copytree(SEEDS, tmp_path / "seeds")
    real = pathlib.Path.iterdir
    listed: list[str] = []

    def reversed_iterdir(self: Path) -> Iterator[Path]:
        entries = sorted(real(self), key=lambda p: p.name, reverse=True)
        if self.name == "seeds":
            listed.extend(p.name for p in entries)
        return iter(entries)

    monkeypatch.setattr(pathlib.Path, "iterdir", reversed_iterdir)
    build(tmp_path / "seeds", tmp_path / "datapackage")
    monkeypatch.undo()
    assert listed and listed == sorted(listed, reverse=True)  # the patch was in the path
    assert snapshot(tmp_path / "datapackage") == snapshot(baseline)


UNRELATED = "گزارش کوتاه\n\nنمایشگاه کتاب تبریز روز ۵ آبان ۱۴۰۲ گشایش یافت و تا ۱۰ آبان ۱۴۰۲ ادامه داشت.\n"


@pytest.mark.parametrize("name", ["000_aaa_unrelated.txt", "zzz_unrelated.txt"])
def test_an_unrelated_seed_changes_no_earlier_event_or_mention(
    baseline: Path, tmp_path: Path, name: str
) -> None:
    shutil.copytree(SEEDS, tmp_path / "seeds")
    (tmp_path / "seeds" / name).write_text(UNRELATED, encoding="utf-8")
    build(tmp_path / "seeds", tmp_path / "datapackage")
    out = tmp_path / "datapackage"
    for table, key in (("events", "event_id"), ("mentions", "mention_id"), ("reconciliation", None)):
        before = rows(baseline, table)
        after = rows(out, table)
        assert len(after) >= len(before)
        # Every earlier row is still there, byte for byte: the ids, the dates, the links.
        missing = [r for r in before if r not in after]
        assert not missing, (table, [r.get(key or "mention_id") for r in missing][:5])
    new_ids = {e["event_id"] for e in rows(out, "events")} - {e["event_id"] for e in rows(baseline, "events")}
    assert new_ids, "the unrelated text should bring its own events"
