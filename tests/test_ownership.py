"""ownership: what proves a folder is mctimeline's to replace or remove."""

from __future__ import annotations

import hashlib
import json
import os
import time
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from mctimeline import ownership
from mctimeline.ownership import BUILD_MARK, BUILD_MARK_TEXT, DESCRIPTOR, MANIFEST_KEY


def signed_folder(folder: Path, files: dict[str, bytes]) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for name, data in files.items():
        (folder / name).write_bytes(data)
    desc = ownership.signed({"name": "x", "resources": []}, ownership.folder_records(folder))
    (folder / DESCRIPTOR).write_text(json.dumps(desc, indent=1), encoding="utf-8")
    return folder


def test_records_are_sizes_and_sha256_from_hashlib(tmp_path: Path) -> None:
    data = "گزارش ۲۷ مه ۲۰۲۵\n".encode() * 300_000  # past one read chunk
    (tmp_path / "a.csv").write_bytes(data)
    expected = {"bytes": len(data), "sha256": hashlib.sha256(data).hexdigest()}
    assert ownership.file_record(tmp_path / "a.csv") == expected
    assert ownership.bytes_record(data) == expected


def test_the_signature_leaves_out_the_descriptor_and_the_build_mark(tmp_path: Path) -> None:
    (tmp_path / BUILD_MARK).write_bytes(BUILD_MARK_TEXT)
    (tmp_path / DESCRIPTOR).write_text("{}", encoding="utf-8")
    (tmp_path / "events.csv").write_text("event_id\n", encoding="utf-8")
    assert set(ownership.folder_records(tmp_path)) == {"events.csv"}


def test_a_file_noted_as_written_is_not_read_back_unless_written_to_since(tmp_path: Path) -> None:
    (tmp_path / "a.csv").write_bytes(b"a\n1\n")
    (tmp_path / "b.csv").write_bytes(b"b\n2\n")
    # Noted with a digest that is not its bytes': taken as told, so the file was not read.
    known = {
        "a.csv": ownership.noted(tmp_path / "a.csv", "0" * 64),
        "b.csv": ownership.noted(tmp_path / "b.csv", "1" * 64),
    }
    time.sleep(0.01)
    (tmp_path / "b.csv").write_bytes(b"b\n3\n")  # written since: its identity changed
    records = ownership.folder_records(tmp_path, known)
    assert records["a.csv"] == {"bytes": 4, "sha256": "0" * 64}
    assert records["b.csv"] == ownership.bytes_record(b"b\n3\n")


def test_proved_files_are_hashed_and_kept_only_when_their_identity_may_stand(tmp_path: Path) -> None:
    (tmp_path / "old.ics").write_bytes(b"BEGIN:VCALENDAR\r\n")
    old = time.time_ns() - 10_000_000_000
    os.utime(tmp_path / "old.ics", ns=(old, old))  # its status change is still now: racy
    assert ownership.proved_files(tmp_path, ["old.ics"]) == {}
    (tmp_path / "new.ics").write_bytes(b"END:VCALENDAR\r\n")
    assert ownership.proved_files(tmp_path, ["new.ics"]) == {}  # just written: racy, hashed again later


def test_an_empty_folder_and_an_untouched_signed_one_hold_nothing_foreign(tmp_path: Path) -> None:
    (tmp_path / "empty").mkdir()
    assert ownership.foreign_entries(tmp_path / "empty") == ()
    folder = signed_folder(tmp_path / "pkg", {"events.csv": b"a\n1\n", "load.R": b"x <- 1\n"})
    assert ownership.foreign_entries(folder) == ()


def test_the_descriptor_hash_ignores_layout_but_not_content() -> None:
    desc = {"name": "mctimeline", "title": "گاه‌شمار", "resources": [{"path": "events.csv"}]}
    reordered = json.loads(json.dumps(dict(reversed(desc.items()))))
    assert ownership.descriptor_sha256(desc) == ownership.descriptor_sha256(reordered)
    assert ownership.descriptor_sha256(desc) != ownership.descriptor_sha256({**desc, "title": "x"})
    # the manifest itself is not part of what it signs
    assert ownership.descriptor_sha256(desc) == ownership.descriptor_sha256({**desc, MANIFEST_KEY: {}})


@pytest.mark.parametrize(
    "descriptor",
    [b"", b"not json", b"\xff\xfe", b"[]", b'{"mctimeline": []}', b'{"mctimeline": {"files": []}}'],
)
def test_a_descriptor_that_is_not_a_signed_one_proves_nothing(tmp_path: Path, descriptor: bytes) -> None:
    (tmp_path / DESCRIPTOR).write_bytes(descriptor)
    (tmp_path / "events.csv").write_text("a\n", encoding="utf-8")
    foreign = ownership.foreign_entries(tmp_path)
    assert foreign == (f"{DESCRIPTOR} (not signed by mctimeline, or changed since)", "events.csv")


def test_a_descriptor_that_is_a_link_proves_nothing(tmp_path: Path) -> None:
    real = signed_folder(tmp_path / "real", {"events.csv": b"a\n"})
    fake = tmp_path / "fake"
    fake.mkdir()
    (fake / "events.csv").write_bytes(b"a\n")
    (fake / DESCRIPTOR).symlink_to(real / DESCRIPTOR)
    assert ownership.foreign_entries(fake) == (f"{DESCRIPTOR} (a link)", "events.csv")


names = st.text(
    alphabet=st.characters(blacklist_categories=("Cs",), blacklist_characters="/\x00"),
    min_size=1,
    max_size=12,
).filter(lambda n: n not in (".", "..", DESCRIPTOR, "events.csv"))


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(extra=st.lists(names, min_size=1, max_size=4, unique=True))
def test_every_added_entry_is_named_hidden_ones_too(tmp_path_factory: pytest.TempPathFactory, extra) -> None:
    folder = signed_folder(tmp_path_factory.mktemp("p") / "pkg", {"events.csv": b"a\n1\n"})
    for name in extra:
        try:
            (folder / name).write_bytes(b"mine")
        except OSError:  # a name the file system refuses (too long in bytes): not a case
            return
    foreign = ownership.foreign_entries(folder)
    assert sorted(foreign) == sorted(extra)


def test_a_leftover_is_removable_only_when_provably_a_builds(tmp_path: Path) -> None:
    empty = tmp_path / "empty"
    empty.mkdir()
    assert ownership.is_build_leftover(empty)
    marked = tmp_path / "marked"
    marked.mkdir()
    (marked / BUILD_MARK).write_bytes(BUILD_MARK_TEXT)
    (marked / "events.csv").write_bytes(b"partial")
    assert ownership.is_build_leftover(marked)
    os.mkdir(marked / "sub")
    assert not ownership.is_build_leftover(marked)  # a folder inside: no build writes one
    wrong_mark = tmp_path / "wrong"
    wrong_mark.mkdir()
    (wrong_mark / BUILD_MARK).write_bytes(b"my own file that happens to have this name\n")
    assert not ownership.is_build_leftover(wrong_mark)
    unmarked = tmp_path / "unmarked"
    unmarked.mkdir()
    (unmarked / "events.csv").write_bytes(b"partial")
    assert not ownership.is_build_leftover(unmarked)
    signed = signed_folder(tmp_path / "signed", {"events.csv": b"a\n"})
    assert ownership.is_build_leftover(signed)
    (signed / ".DS_Store").write_bytes(b"\0")
    assert not ownership.is_build_leftover(signed)


def test_a_signed_file_is_its_bytes_and_a_line_with_their_sha256(tmp_path: Path) -> None:
    svg = "<svg xmlns='http://www.w3.org/2000/svg'><title>نشست مسکو</title></svg>\n".encode()
    signed = ownership.signed_bytes(svg)
    assert signed.startswith(svg)
    assert hashlib.sha256(svg).hexdigest().encode() in signed.splitlines()[-1]
    path = tmp_path / "t.svg"
    path.write_bytes(signed)
    assert ownership.is_signed_file(path)


@pytest.mark.parametrize(
    "change",
    [
        lambda b: b.replace(b"title", b"desc"),  # the drawing edited
        lambda b: b + b"\n",  # a newline added after the signature
        lambda b: b[: b.rindex(b"<!--")],  # the signature removed
        lambda b: b"",
    ],
)
def test_a_changed_signed_file_is_not_ours(tmp_path: Path, change) -> None:
    path = tmp_path / "t.svg"
    path.write_bytes(change(ownership.signed_bytes(b"<svg><title>x</title></svg>\n")))
    assert not ownership.is_signed_file(path)


# --- a folder looked at again within one build (`ownership.examine`'s `proved`) -------------


@pytest.fixture
def steady(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Files count as steady 50 ms after their last change (2 s in a build), and every file
    hashed is named in the list returned."""
    monkeypatch.setattr(ownership, "_RACY_NS", 50_000_000)
    hashed: list[str] = []
    real = ownership._hashed

    def counting(path: Path) -> tuple[str, ownership.Identity | None]:
        hashed.append(path.name)
        return real(path)

    monkeypatch.setattr(ownership, "_hashed", counting)
    return hashed


def an_old_package(tmp_path: Path, hashed: list[str]) -> Path:
    folder = signed_folder(
        tmp_path / "pkg",
        {"events.csv": b"event_id,date\nev-1,2024-10-22\n", "all.ics": b"BEGIN:VCALENDAR\r\n"},
    )
    time.sleep(0.2)  # past the racy moment
    hashed.clear()  # signing hashed them
    return folder


def test_an_untouched_file_is_proved_again_without_reading_it(tmp_path: Path, steady: list[str]) -> None:
    folder = an_old_package(tmp_path, steady)
    foreign, proved = ownership.examine(folder)
    assert foreign == () and sorted(steady) == ["all.ics", "events.csv"]
    assert set(proved) == {"all.ics", "events.csv"}
    steady.clear()
    foreign, again = ownership.examine(folder, proved)
    assert foreign == () and steady == [] and again == proved
    # renamed as a whole (the swap's exchange): its files are the same inodes
    moved = folder.rename(tmp_path / ".pkg.old")
    assert ownership.examine(moved, again) == ((), again) and steady == []


def test_a_file_changed_after_its_proof_is_caught_even_with_its_size_and_times_put_back(
    tmp_path: Path, steady: list[str]
) -> None:
    folder = an_old_package(tmp_path, steady)
    _, proved = ownership.examine(folder)
    path = folder / "events.csv"
    info = path.stat()
    edited = path.read_bytes().replace(b"2024-10-22", b"2024-10-23")
    assert len(edited) == info.st_size
    path.write_bytes(edited)
    os.utime(path, ns=(info.st_atime_ns, info.st_mtime_ns))  # a careful editor; ctime moves anyway
    foreign, _ = ownership.examine(folder, proved)
    assert foreign == ("events.csv (changed since mctimeline wrote it)",)


def test_a_file_replaced_by_another_with_the_same_bytes_is_read_again_and_still_ours(
    tmp_path: Path, steady: list[str]
) -> None:
    folder = an_old_package(tmp_path, steady)
    _, proved = ownership.examine(folder)
    path = folder / "all.ics"
    copy = folder.parent / "copy"
    copy.write_bytes(path.read_bytes())
    os.replace(copy, path)  # another inode
    steady.clear()
    assert ownership.examine(folder, proved)[0] == () and steady == ["all.ics"]


def test_a_file_hashed_right_after_it_was_written_is_not_proved_by_its_identity(tmp_path: Path) -> None:
    # the build's own margin: a file written a moment ago may be written again in the same tick
    folder = signed_folder(tmp_path / "pkg", {"events.csv": b"event_id\n"})
    assert ownership.examine(folder) == ((), {})


def test_a_proof_of_another_manifest_record_is_not_taken(tmp_path: Path, steady: list[str]) -> None:
    folder = an_old_package(tmp_path, steady)
    _, proved = ownership.examine(folder)
    forged = {name: ("0" * 64, identity) for name, (_, identity) in proved.items()}
    steady.clear()
    assert ownership.examine(folder, forged)[0] == () and sorted(steady) == ["all.ics", "events.csv"]
