"""`mctimeline build --out DIR` never deletes what mctimeline did not write (issue 13).

Every folder here holds someone else's files, hidden ones included; each refusal
must exit 1, name what would have been lost, and leave every byte where it was.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import subprocess
import time
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

import mctimeline.swap
import mctimeline.validate
from mctimeline.cli import main
from mctimeline.validate import validate

SEED = (
    "سفر وزیر خارجه به مسکو\n\n"
    "به گزارش خبرگزاری‌ها، وزیر امور خارجه روز ۲۷ مه ۲۰۲۵ برای گفتگو با همتای روس خود "
    "وارد مسکو شد و در نشست امنیتی این شهر سخنرانی کرد.\n"
)


def tree(folder: Path) -> dict[str, str]:
    """Every entry under `folder` (hidden ones, links and empty folders included) with its content."""
    found = {}
    for root, dirs, files in os.walk(folder):
        for name in dirs + files:
            path = Path(root, name)
            rel = str(path.relative_to(folder))
            if path.is_symlink():
                found[rel] = "-> " + os.readlink(path)
            elif path.is_dir():
                found[rel] = "/"
            else:
                found[rel] = hashlib.sha256(path.read_bytes()).hexdigest()
    return found


@pytest.fixture
def seeds(tmp_path: Path) -> Path:
    folder = tmp_path / "seeds"
    folder.mkdir()
    (folder / "001_visit.txt").write_text(SEED, encoding="utf-8")
    return folder


def build(seeds: Path, out: Path | str) -> Result:
    return CliRunner().invoke(main, ["build", "--seeds", str(seeds), "--out", str(out)])


def assert_refused(result: Result, *lost: str) -> None:
    assert result.exit_code == 1, result.output
    [line] = result.stderr.splitlines()  # one line, no traceback
    assert "refusing to replace it" in line or "is a link" in line or "current folder" in line, line
    for name in lost:
        assert name in line, (name, line)
    assert "left as it was" in line


def siblings(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.parent.iterdir())


# --- folders that are not mctimeline's ------------------------------------------------------


def test_a_git_checkout_is_refused_and_kept_whole(seeds: Path, tmp_path: Path) -> None:
    repo = tmp_path / "checkout"
    repo.mkdir()
    subprocess.run(["git", "init", "-q", str(repo)], check=True)
    (repo / ".env").write_text("API_TOKEN=s3cret\n", encoding="utf-8")  # only hidden entries
    before = tree(repo)
    assert_refused(build(seeds, repo), ".env", ".git/")
    assert tree(repo) == before
    assert siblings(repo) == ["checkout", "seeds"]


@pytest.mark.parametrize("spelled", ["path", "tilde"])
def test_a_home_folder_with_only_dotfiles_is_refused(
    seeds: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, spelled: str
) -> None:
    home = tmp_path / "home"
    (home / ".ssh").mkdir(parents=True)
    (home / ".ssh" / "id_ed25519").write_text("-----BEGIN OPENSSH PRIVATE KEY-----\n", encoding="utf-8")
    (home / ".bashrc").write_text("export PATH=$HOME/bin:$PATH\n", encoding="utf-8")
    (home / ".profile").write_text("", encoding="utf-8")
    monkeypatch.setenv("HOME", str(home))
    out = os.path.expanduser("~") if spelled == "tilde" else str(home)  # what a shell passes for ~
    before = tree(home)
    assert_refused(build(seeds, out), ".bashrc", ".profile", ".ssh/")
    assert tree(home) == before


def test_a_foreign_frictionless_package_is_refused(seeds: Path, tmp_path: Path) -> None:
    survey = tmp_path / "survey"
    survey.mkdir()
    (survey / "survey.csv").write_text("respondent,answer\n1,yes\n", encoding="utf-8")
    (survey / "README.md").write_text("# Survey 2025\n", encoding="utf-8")
    desc = {"name": "survey", "resources": [{"name": "survey", "path": "survey.csv", "format": "csv"}]}
    (survey / "datapackage.json").write_text(json.dumps(desc), encoding="utf-8")
    before = tree(survey)
    result = build(seeds, survey)
    assert_refused(result, "datapackage.json (not signed by mctimeline", "survey.csv", "README.md")
    assert tree(survey) == before


def test_a_folder_holding_a_file_is_refused_even_with_a_copy_of_a_signed_descriptor(
    seeds: Path, tmp_path: Path
) -> None:
    # A signature proves only the files it lists: a package's descriptor copied next to
    # a user's notes does not make the notes mctimeline's.
    built = tmp_path / "built"
    assert build(seeds, built).exit_code == 0
    notes = tmp_path / "notes"
    notes.mkdir()
    shutil.copy(built / "datapackage.json", notes / "datapackage.json")
    (notes / "notes.md").write_text("interview transcripts\n", encoding="utf-8")
    before = tree(notes)
    assert_refused(build(seeds, notes), "notes.md")
    assert tree(notes) == before


def test_a_plain_file_in_the_way_is_refused(seeds: Path, tmp_path: Path) -> None:
    out = tmp_path / "timeline"
    out.write_text("my own timeline", encoding="utf-8")
    result = build(seeds, out)
    assert result.exit_code == 2 and "is a file" in result.stderr  # click's usage error
    assert out.read_text(encoding="utf-8") == "my own timeline"


# --- a package mctimeline built, then touched ------------------------------------------------


@pytest.fixture
def built(seeds: Path, tmp_path: Path) -> Path:
    out = tmp_path / "datapackage"
    result = build(seeds, out)
    assert result.exit_code == 0, result.output
    return out


def test_an_untouched_package_is_replaced(seeds: Path, built: Path) -> None:
    (seeds / "002_more.txt").write_text(SEED.replace("۲۷ مه", "۲۸ مه"), encoding="utf-8")
    result = build(seeds, built)
    assert result.exit_code == 0, result.output
    assert "2025-05-28" in (built / "events.csv").read_text(encoding="utf-8")
    assert validate(built) == []
    assert siblings(built) == ["datapackage", "seeds"]


@pytest.mark.parametrize("name", ["notes.md", ".Rhistory", "events (copy).csv"])
def test_a_file_added_inside_a_built_package_is_refused_then_built_once_moved(
    seeds: Path, built: Path, name: str
) -> None:
    (built / name).write_text("the analyst's own notes\n", encoding="utf-8")
    before = tree(built)
    assert_refused(build(seeds, built), name)
    assert tree(built) == before
    (built / name).unlink()
    assert build(seeds, built).exit_code == 0


def test_a_folder_added_inside_a_built_package_is_refused(seeds: Path, built: Path) -> None:
    (built / "charts").mkdir()
    (built / "charts" / "draft.png").write_bytes(b"\x89PNG\r\n")
    before = tree(built)
    assert_refused(build(seeds, built), "charts/")
    assert tree(built) == before


@pytest.mark.parametrize("name", ["events.csv", "all.ics", "load.R"])
def test_a_file_changed_since_the_build_is_refused(seeds: Path, built: Path, name: str) -> None:
    with (built / name).open("a", encoding="utf-8") as f:
        f.write("\n")  # as an editor that adds a final newline would
    before = tree(built)
    assert_refused(build(seeds, built), f"{name} (changed since mctimeline wrote it)")
    assert tree(built) == before


def test_a_same_size_change_is_found_by_its_hash(seeds: Path, built: Path) -> None:
    events = built / "events.csv"
    data = events.read_bytes()
    events.write_bytes(data.replace(b"2025-05-27", b"2025-05-28", 1))
    assert len(events.read_bytes()) == len(data)
    assert_refused(build(seeds, built), "events.csv (changed since mctimeline wrote it)")


def test_an_edited_descriptor_is_refused(seeds: Path, built: Path) -> None:
    desc = json.loads((built / "datapackage.json").read_text(encoding="utf-8"))
    desc["title"] = "Our team's timeline of the Moscow talks"
    (built / "datapackage.json").write_text(json.dumps(desc, indent=2), encoding="utf-8")
    before = tree(built)
    assert_refused(build(seeds, built), "datapackage.json (not signed by mctimeline, or changed since)")
    assert tree(built) == before


def test_a_link_added_inside_a_built_package_is_refused(seeds: Path, built: Path) -> None:
    (built / "latest.csv").symlink_to("events.csv")
    assert_refused(build(seeds, built), "latest.csv (a link)")
    assert (built / "latest.csv").is_symlink()


def test_a_listed_file_replaced_by_a_link_is_refused(seeds: Path, built: Path, tmp_path: Path) -> None:
    mine = tmp_path / "my-events.csv"
    (built / "events.csv").rename(mine)
    (built / "events.csv").symlink_to(mine)  # same bytes through the link, but the link is the user's
    assert_refused(build(seeds, built), "events.csv (a link)")
    assert mine.is_file()


def test_out_as_a_link_to_a_built_package_is_refused(seeds: Path, built: Path, tmp_path: Path) -> None:
    link = tmp_path / "current"
    link.symlink_to(built)
    before = tree(built)
    assert_refused(build(seeds, link), "is a link")
    assert link.is_symlink() and os.readlink(link) == str(built)
    assert tree(built) == before


# --- --out . ----------------------------------------------------------------------------------


def test_out_dot_in_a_project_folder_is_refused(
    seeds: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)  # holds seeds/: the user's project
    before = tree(tmp_path)
    assert_refused(build(seeds, "."))
    assert tree(tmp_path) == before


@pytest.mark.parametrize("folder", ["empty", "datapackage"])
def test_out_dot_in_an_empty_folder_or_a_package_is_refused(
    seeds: Path, built: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, folder: str
) -> None:
    # Replacing the current folder would leave the user's shell in a deleted one.
    (tmp_path / "empty").mkdir()
    monkeypatch.chdir(tmp_path / folder)
    before = tree(tmp_path)
    result = build(seeds, ".")
    assert_refused(result, "is the current folder")
    assert tree(tmp_path) == before


# --- somebody writes into --out while the build runs -----------------------------------------


def test_a_file_added_while_the_build_runs_stops_the_swap(
    seeds: Path, built: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    real = mctimeline.validate.validate

    def validate_while_the_user_saves(folder: Path) -> list[str]:
        (built / "draft.md").write_text("saved during the build\n", encoding="utf-8")
        return real(folder)

    monkeypatch.setattr(mctimeline.validate, "validate", validate_while_the_user_saves)
    before = {k: v for k, v in tree(built).items() if k != "draft.md"}
    assert_refused(build(seeds, built), "draft.md")
    assert {k: v for k, v in tree(built).items() if k != "draft.md"} == before
    assert (built / "draft.md").read_text(encoding="utf-8") == "saved during the build\n"
    assert siblings(built) == ["datapackage", "seeds"]


@pytest.mark.parametrize("exchange", [True, False], ids=["exchange", "two-renames"])
def test_a_file_added_at_the_last_moment_is_kept_aside_with_a_warning(
    seeds: Path, built: Path, monkeypatch: pytest.MonkeyPatch, exchange: bool
) -> None:
    real = mctimeline.swap.exchange

    def exchange_just_after_the_user_saved(a: Path, b: Path) -> bool:
        (built / "draft.md").write_text("saved at the last moment\n", encoding="utf-8")
        return real(a, b) if exchange else False

    monkeypatch.setattr(mctimeline.swap, "exchange", exchange_just_after_the_user_saved)
    result = build(seeds, built)
    assert result.exit_code == 0, result.output
    assert validate(built) == []
    [kept] = [p for p in built.parent.iterdir() if p.name.startswith(".datapackage.")]
    assert (kept / "draft.md").read_text(encoding="utf-8") == "saved at the last moment\n"
    assert f"mctimeline: warning: {kept}: the previous --out folder, kept: draft.md" in result.stderr
    # and the next build keeps it too, saying so
    again = build(seeds, built)
    assert again.exit_code == 0 and f"{kept}: kept" in again.stderr
    assert (kept / "draft.md").is_file()


def edit_keeping_size_and_times(path: Path) -> None:
    """A same-size edit whose modification time is put back: only the status change shows."""
    info = path.stat()
    data = path.read_bytes()
    path.write_bytes(data.replace(b"2025-05-27", b"2025-05-28", 1))
    os.utime(path, ns=(info.st_atime_ns, info.st_mtime_ns))


@pytest.fixture
def settled(built: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """`built`, old enough that the build proves its files once by their bytes and then by
    their identity on disk (50 ms in these tests; 2 s in a real build)."""
    import mctimeline.ownership

    monkeypatch.setattr(mctimeline.ownership, "_RACY_NS", 50_000_000)
    time.sleep(0.2)
    return built


def test_a_same_size_edit_while_the_build_runs_stops_the_swap(
    seeds: Path, settled: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    real = mctimeline.validate.validate

    def validate_while_the_user_edits(folder: Path) -> list[str]:
        edit_keeping_size_and_times(settled / "events.csv")
        return real(folder)

    monkeypatch.setattr(mctimeline.validate, "validate", validate_while_the_user_edits)
    assert_refused(build(seeds, settled), "events.csv (changed since mctimeline wrote it)")
    assert "2025-05-28" in (settled / "events.csv").read_text(encoding="utf-8")
    assert siblings(settled) == ["datapackage", "seeds"]


@pytest.mark.parametrize("exchange", [True, False], ids=["exchange", "two-renames"])
def test_a_same_size_edit_at_the_last_moment_is_kept_aside(
    seeds: Path, settled: Path, monkeypatch: pytest.MonkeyPatch, exchange: bool
) -> None:
    real = mctimeline.swap.exchange

    def exchange_just_after_the_user_edited(a: Path, b: Path) -> bool:
        edit_keeping_size_and_times(settled / "events.csv")
        return real(a, b) if exchange else False

    monkeypatch.setattr(mctimeline.swap, "exchange", exchange_just_after_the_user_edited)
    result = build(seeds, settled)
    assert result.exit_code == 0, result.output
    [kept] = [p for p in settled.parent.iterdir() if p.name.startswith(".datapackage.")]
    assert "2025-05-28" in (kept / "events.csv").read_text(encoding="utf-8")
    assert f"{kept}: the previous --out folder, kept: events.csv (changed since" in result.stderr


def test_a_foreign_out_is_refused_before_any_text_is_read(
    seeds: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import mctimeline.builder

    out = tmp_path / "thesis"
    out.mkdir()
    (out / "chapter1.md").write_text("draft\n", encoding="utf-8")
    read: list[Path] = []
    real = mctimeline.builder.read_texts

    def reading(seeds: Path, *args: object, **kwargs: object) -> object:
        read.append(seeds)
        return real(seeds, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(mctimeline.builder, "read_texts", reading)
    assert_refused(build(seeds, out), "chapter1.md")
    assert read == []
    assert tree(out) == {"chapter1.md": hashlib.sha256(b"draft\n").hexdigest()}


def test_an_old_package_is_read_once_by_a_build_that_replaces_it(
    seeds: Path, settled: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import mctimeline.ownership

    # by inode: after the exchange the old files are read under the temporary folder's name
    old = {os.stat(p).st_ino: p.name for p in settled.iterdir() if p.name != "datapackage.json"}
    hashed: list[str] = []
    real = mctimeline.ownership._hashed

    def counting(path: Path) -> tuple[str, object]:
        if (inode := os.stat(path).st_ino) in old:
            hashed.append(old[inode])
        return real(path)

    monkeypatch.setattr(mctimeline.ownership, "_hashed", counting)
    result = build(seeds, settled)
    assert result.exit_code == 0, result.output
    assert validate(settled) == []
    assert sorted(hashed) == sorted(old.values())  # each once, not three times
