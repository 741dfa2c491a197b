"""A package's readers open only its own files: a descriptor whose paths lead outside (`..`, an
absolute path, a URL, a symbolic link) is refused by validate, plot, load.py and load.R, unread."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from mctimeline.cli import main
from mctimeline.reading import UnsafePath, package_file, resource_file, resource_files

SEEDS = Path(__file__).resolve().parents[1] / "seeds"


# --- the rules, one path at a time --------------------------------------------------------


@pytest.mark.parametrize(
    ("path", "why"),
    [
        ("../../etc/passwd", "climbs out with .."),
        ("tables/../../x.csv", "climbs out with .."),
        ("..", "climbs out with .."),
        ("/etc/passwd", "is absolute"),
        ("https://example.org/x.csv", "is a URL"),
        ("file:///etc/passwd", "is a URL"),
        ("C:/Windows/win.ini", "is a URL"),  # a drive letter reads as a scheme, and is not relative
        ("..\\..\\etc\\passwd", "is not a relative POSIX path"),
        ("", "is not a relative path"),
        (None, "is not a relative path"),
        (["events.csv"], "is not a relative path"),
    ],
)
def test_a_path_that_could_leave_the_package_is_refused_by_its_text(
    tmp_path: Path, path: object, why: str
) -> None:
    with pytest.raises(UnsafePath) as raised:
        package_file(tmp_path, path, "events")
    message = str(raised.value)
    assert message == (
        f"{tmp_path / 'datapackage.json'}: resource 'events': path {path!r} {why}: "
        "a package's files are relative paths inside its folder; not read"
    )
    assert "\n" not in message
    assert isinstance(raised.value, ValueError)


@pytest.mark.parametrize(
    "path", ["events.csv", "./events.csv", "tables/events.csv", "no-such-file.csv", "a..b.csv"]
)
def test_a_relative_path_inside_the_package_is_its_file(tmp_path: Path, path: str) -> None:
    (tmp_path / "tables").mkdir()
    (tmp_path / "events.csv").write_text("event_id\n", encoding="utf-8")
    (tmp_path / "tables" / "events.csv").write_text("event_id\n", encoding="utf-8")
    assert package_file(tmp_path, path, "events") == tmp_path / path


def test_a_symbolic_link_is_followed_only_while_it_stays_inside(tmp_path: Path) -> None:
    pkg, outside = tmp_path / "pkg", tmp_path / "outside"
    (pkg / "tables").mkdir(parents=True)
    outside.mkdir()
    (pkg / "tables" / "series.csv").write_text("series_id\n", encoding="utf-8")
    (outside / "series.csv").write_text("series_id\n", encoding="utf-8")
    (pkg / "inside.csv").symlink_to(pkg / "tables" / "series.csv")
    (pkg / "outside.csv").symlink_to(outside / "series.csv")
    (pkg / "dangling.csv").symlink_to(outside / "gone.csv")
    (pkg / "linked").symlink_to(outside)
    (pkg / "loop.csv").symlink_to(pkg / "loop.csv")
    assert package_file(pkg, "inside.csv") == pkg / "inside.csv"
    for path in ("outside.csv", "dangling.csv", "linked/series.csv", "loop.csv"):
        with pytest.raises(UnsafePath, match="leads outside the package through a symbolic link"):
            package_file(pkg, path)


def test_a_folder_or_a_fifo_is_not_a_file_to_read(tmp_path: Path) -> None:
    (tmp_path / "folder").mkdir()
    os.mkfifo(tmp_path / "fifo")  # reading it would wait for a writer forever
    for path in ("folder", "fifo", "."):
        with pytest.raises(UnsafePath, match="is not a regular file"):
            package_file(tmp_path, path)


def test_resources_without_a_path_have_no_file(tmp_path: Path) -> None:
    inline = {"name": "inline", "data": [{"a": 1}]}
    assert resource_file(tmp_path, inline) is None
    assert resource_file(tmp_path, "not a resource") is None
    assert resource_files(tmp_path, [inline, {"name": "e", "path": "e.csv"}]) == [tmp_path / "e.csv"]
    with pytest.raises(UnsafePath, match="'bad'"):
        resource_files(tmp_path, [{"name": "e", "path": "e.csv"}, {"name": "bad", "path": "/etc/passwd"}])


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.sampled_from(["..", ".", "", "a", "b.csv", "in", "out", "loop", "C:", "x:y"]), max_size=6))
def test_any_path_is_refused_or_a_file_inside_the_package(tmp_path: Path, segments: list[str]) -> None:
    """Whatever a descriptor says: UnsafePath, or a path that stays inside once links are followed."""
    pkg = tmp_path / "pkg"
    if not pkg.exists():
        (pkg / "a").mkdir(parents=True)
        (pkg / "b.csv").write_text("x\n", encoding="utf-8")
        (pkg / "in").symlink_to(pkg / "a")
        (pkg / "out").symlink_to(tmp_path)
        (pkg / "loop").symlink_to(pkg / "loop")
    for path in ("/".join(segments), "/" + "/".join(segments)):
        try:
            file = package_file(pkg, path, "r")
        except UnsafePath as exc:
            assert str(exc).startswith(f"{pkg / 'datapackage.json'}: resource 'r': path ")
            assert "\n" not in str(exc)
            continue
        assert file.resolve().is_relative_to(pkg.resolve())
        assert not file.exists() or file.is_file()


# --- a tampered package, through every reader ---------------------------------------------


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from mctimeline.builder import build

    out = tmp_path_factory.mktemp("reading") / "datapackage"
    build(SEEDS, out)
    return out


# Where a tampered package's file leads: a readable copy of the real one outside the package
# (were it read, every reader would succeed), or a file of the system.
Tamper = Callable[[Path, Path], tuple[str, str]]  # (package, outside) -> (resource, what to find)


def _set_path(pkg: Path, resource: str, path: str) -> None:
    desc_path = pkg / "datapackage.json"
    desc = json.loads(desc_path.read_text(encoding="utf-8"))
    [target] = [r for r in desc["resources"] if r["name"] == resource]
    target["path"] = path
    desc_path.write_text(json.dumps(desc, ensure_ascii=False, indent=2), encoding="utf-8")


def _descriptor_path(resource: str, path: Callable[[Path, Path], str]) -> Tamper:
    def tamper(pkg: Path, outside: Path) -> tuple[str, str]:
        written = path(pkg, outside)
        _set_path(pkg, resource, written)
        return resource, repr(written)

    return tamper


def _symlinked_file(pkg: Path, outside: Path) -> tuple[str, str]:
    (pkg / "series.csv").unlink()
    (pkg / "series.csv").symlink_to(outside / "series.csv")
    return "series", "through a symbolic link"


def _symlinked_folder(pkg: Path, outside: Path) -> tuple[str, str]:
    (pkg / "tables").symlink_to(outside)
    _set_path(pkg, "series", "tables/series.csv")
    return "series", "through a symbolic link"


TAMPERS: dict[str, Tamper] = {
    "dot-dot to a copy": _descriptor_path("series", lambda pkg, out: f"../{out.name}/series.csv"),
    "dot-dot to /etc/passwd": _descriptor_path("series", lambda pkg, out: "../../etc/passwd"),
    "absolute copy": _descriptor_path("series", lambda pkg, out: str(out / "series.csv")),
    "absolute /etc/passwd": _descriptor_path("series", lambda pkg, out: "/etc/passwd"),
    "file URL of a copy": _descriptor_path("series", lambda pkg, out: (out / "series.csv").as_uri()),
    "https URL": _descriptor_path("series", lambda pkg, out: "https://example.org/x.csv"),
    "feed at /etc/passwd": _descriptor_path("feed-all", lambda pkg, out: "/etc/passwd"),
    "page at a copy": _descriptor_path("page", lambda pkg, out: f"../{out.name}/index.html"),
    "symlinked file": _symlinked_file,
    "symlinked folder": _symlinked_folder,
}


@pytest.fixture(params=sorted(TAMPERS))
def tampered(request: pytest.FixtureRequest, built: Path, tmp_path: Path) -> tuple[Path, Path, str]:
    """A tampered copy of the package, the folder outside it, and what the refusal must name."""
    pkg, outside = tmp_path / "datapackage", tmp_path / "outside"
    shutil.copytree(built, pkg)
    outside.mkdir()
    for name in ("series.csv", "index.html"):
        shutil.copy(built / name, outside / name)
    resource, named = TAMPERS[request.param](pkg, outside)
    return pkg, outside, f"resource {resource!r}: path {named}" if named.startswith("'") else named


_SEEN: list[tuple[str, object]] | None = None  # (audit event, its first argument) while watched
_WATCHED_EVENTS = ("open", "socket.getaddrinfo", "socket.connect", "subprocess.Popen")


def _audit(event: str, args: tuple[object, ...]) -> None:
    if _SEEN is not None and event in _WATCHED_EVENTS:
        _SEEN.append((event, args[0] if args else None))


@pytest.fixture(scope="module")
def watched() -> Callable[[], Iterator[list[tuple[str, object]]]]:
    """Collect, meanwhile, every file opened, network lookup and process started."""
    import contextlib

    sys.addaudithook(_audit)  # hooks cannot be removed: this one records only while watched

    @contextlib.contextmanager
    def watch() -> Iterator[list[tuple[str, object]]]:
        global _SEEN
        _SEEN = []
        try:
            yield _SEEN
        finally:
            _SEEN = None

    return watch  # type: ignore[return-value]


def _reached(seen: list[tuple[str, object]], outside: Path) -> list[tuple[str, object]]:
    """Files opened outside the package (once links are followed), network lookups, processes."""
    out = []
    for event, arg in seen:
        if event != "open":
            out.append((event, arg))
        elif isinstance(arg, str | bytes | os.PathLike):  # not a file descriptor already open
            real = Path(os.path.realpath(os.fsdecode(arg)))
            if real.is_relative_to(outside.resolve()) or real == Path("/etc/passwd"):
                out.append((event, arg))
    return out


def test_validate_reports_one_line_and_exits_1_without_reading_it(
    tampered: tuple[Path, Path, str], watched: Callable[..., object]
) -> None:
    pkg, outside, named = tampered
    with watched() as opened:  # type: ignore[attr-defined]
        result = CliRunner().invoke(main, ["validate", str(pkg)])
    assert _reached(opened, outside) == []  # nor fetched, nor handed to a helper process to read
    assert result.exit_code == 1
    assert isinstance(result.exception, SystemExit)  # click's exit, not a traceback
    lines = result.stderr.splitlines()
    assert len(lines) == 2 and lines[1] == f"mctimeline: error: {pkg}: 1 problem"
    assert lines[0].startswith(f"mctimeline: invalid: {pkg / 'datapackage.json'}: ")
    assert named in lines[0] and lines[0].endswith("not read")


def test_plot_refuses_with_one_line_and_exit_1_without_reading_it(
    tampered: tuple[Path, Path, str], watched: Callable[..., object], tmp_path: Path
) -> None:
    pkg, outside, named = tampered
    svg = tmp_path / "plot.svg"
    with watched() as opened:  # type: ignore[attr-defined]
        result = CliRunner().invoke(main, ["plot", str(pkg), "-o", str(svg)])
    assert _reached(opened, outside) == []
    assert result.exit_code == 1 and isinstance(result.exception, SystemExit)
    assert result.stdout == ""
    [line] = result.stderr.splitlines()
    assert line.startswith(f"mctimeline: error: {pkg / 'datapackage.json'}: ") and named in line
    assert not svg.exists()


def test_the_pandas_loader_raises_a_value_error_without_reading_it(
    tampered: tuple[Path, Path, str], watched: Callable[..., object]
) -> None:
    pytest.importorskip("pandas")
    from mctimeline.load import one_liners, read_package, read_resource

    pkg, outside, named = tampered
    for read in (read_package, lambda p: read_resource(p, "events"), one_liners):
        with watched() as opened, pytest.raises(ValueError) as raised:  # type: ignore[attr-defined]
            read(pkg)
        assert _reached(opened, outside) == []
        assert named in str(raised.value) and "\n" not in str(raised.value)


def test_the_r_loader_stops_with_one_message_without_reading_it(
    tampered: tuple[Path, Path, str], tmp_path: Path
) -> None:
    from test_r_loader import rscript

    r = rscript()
    pkg, _outside, named = tampered
    # Each table outside is a readable copy: were it read, the loader would succeed.
    done = subprocess.run([r, str(pkg / "load.R")], capture_output=True, text=True, cwd=tmp_path, timeout=300)
    assert done.returncode != 0
    assert done.stdout == ""  # not one table read
    assert done.stderr.startswith(f"Error: {pkg / 'datapackage.json'}: ")
    assert named.replace("'", "") in done.stderr.replace("'", "") and "not read" in done.stderr


def test_the_untampered_copy_passes_every_reader(built: Path, tmp_path: Path) -> None:
    """The tampering, not the copy, is what the tests above refuse."""
    pkg = tmp_path / "datapackage"
    shutil.copytree(built, pkg)
    assert CliRunner().invoke(main, ["validate", str(pkg)]).exit_code == 0
    assert CliRunner().invoke(main, ["plot", str(pkg), "-o", str(tmp_path / "p.svg")]).exit_code == 0


@pytest.mark.parametrize("where", ["absolute", "dot-dot"])
def test_a_tampered_source_path_is_reported_not_read(
    built: Path, tmp_path: Path, watched: Callable[..., object], where: str
) -> None:
    """sources.csv's paths lead to texts beside the package: one that leaves by `..` or is
    absolute is a problem, even to a real seed whose bytes match (were it read, it would pass)."""
    from mctimeline.reading import csv_rows

    pkg = tmp_path / "pkg" / "datapackage"
    shutil.copytree(built, pkg)
    table = (pkg / "sources.csv").read_text(encoding="utf-8")
    rows = list(csv_rows(table.splitlines(keepends=True)))
    seed = SEEDS.parent / rows[0]["path"]
    assert seed.is_file()
    tampered = str(seed) if where == "absolute" else os.path.relpath(seed, pkg.parent)
    (pkg / "sources.csv").write_text(table.replace(rows[0]["path"], tampered, 1), encoding="utf-8")
    with watched() as seen:  # type: ignore[attr-defined]
        result = CliRunner().invoke(main, ["validate", str(pkg)])
    opened = [arg for event, arg in seen if event == "open" and not isinstance(arg, int)]
    assert not any(Path(os.path.realpath(os.fsdecode(a))) == seed.resolve() for a in opened)
    assert result.exit_code == 1
    why = "is absolute" if where == "absolute" else "climbs out with .."
    assert (
        f"mctimeline: invalid: sources.csv, source {rows[0]['source_id']}: path {tampered!r} {why}: "
        "a source's path is relative to the folder holding the package; not read"
    ) in result.stderr.splitlines()
