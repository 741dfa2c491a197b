"""archive: a folder's metadata.csv and corpus files (JSON Lines, CSV), read and checked alike."""

from __future__ import annotations

import json
import tracemalloc
from pathlib import Path

import pytest

from mctimeline.archive import OPTIONAL, iter_corpus, read_metadata
from mctimeline.seeds import NO_META, Meta, SeedError, list_seeds, read_seeds

AR = "موسكو (رويترز) - التقى وزير الخارجية الروسي نظيره السعودي أمس في موسكو.\n"
FA = "رئیس جمهور امروز وارد بیشکک شد و در اجلاس سران شرکت خواهد کرد.\n"


def _folder(tmp_path: Path, sheet: str | bytes) -> Path:
    folder = tmp_path / "news"
    folder.mkdir()
    (folder / "ar.txt").write_text(AR, encoding="utf-8")
    (folder / "fa.txt").write_text(FA, encoding="utf-8")
    (folder / "empty.txt").write_bytes(b"")
    data = sheet.encode("utf-8") if isinstance(sheet, str) else sheet
    (folder / "metadata.csv").write_bytes(data)
    return folder


def test_metadata_is_read_and_a_text_without_a_row_has_none(tmp_path: Path) -> None:
    sheet = (
        "\ufefffile,published,url,outlet,title,language\r\n"  # a spreadsheet's BOM and CRLF
        'ar.txt,2015-08-11T09:30+03:00,https://example.org/a,Reuters,"لافروف، الجبير",ar\r\n'
    )
    texts, warnings = read_seeds(_folder(tmp_path, sheet))
    by_name = {t.name: t for t in texts}
    assert by_name["ar.txt"].meta == Meta(
        published="2015-08-11",
        url="https://example.org/a",
        outlet="Reuters",
        title="لافروف، الجبير",
        language="ar",
    )
    assert by_name["fa.txt"].meta == NO_META
    # metadata.csv is read, not skipped as an entry that is not a *.txt
    assert not any("metadata.csv" in w for w in warnings)


def test_empty_cells_are_unknown_and_unknown_columns_are_left_out_with_a_warning(tmp_path: Path) -> None:
    sheet = "file,published,section,language\nfa.txt,,politics,\n"
    listing = list_seeds(_folder(tmp_path, sheet))
    assert listing.meta["fa.txt"] == NO_META
    (warning,) = [w for w in listing.warnings if "section" in w]
    assert "metadata.csv, line 1" in warning and "ignored" in warning


def test_a_row_may_name_an_empty_text(tmp_path: Path) -> None:
    listing = list_seeds(_folder(tmp_path, "file,published\nempty.txt,2015-08-11\n"))
    assert listing.meta["empty.txt"].published == "2015-08-11"


@pytest.mark.parametrize(
    ("sheet", "line", "says"),
    [
        ("file,published\nar.txt,2015-08-11\ngone.txt,2015-08-12\n", 3, "'gone.txt' is not a *.txt text"),
        ("file,published\nar.txt,2015-08-11\nar.txt,2015-08-12\n", 3, "has a row already, on line 2"),
        ("file,language\nfa.txt,persian\n", 2, "language 'persian' is not one of fa, ar, en"),
        ("file,published\nar.txt,11/08/2015\n", 2, "not ISO 8601"),
        ("file,published\nar.txt,2015-08-11T09:30\n", 2, "UTC offset"),
        ("file,published\nar.txt,2015-02-30\n", 2, "not a real date"),
        ("file,published\nnotes.md,2015-08-11\n", 2, "'notes.md' is not a *.txt text"),
        ("name,published\nar.txt,2015-08-11\n", 1, "no 'file' column"),
        ("file,published\nar.txt,2015-08-11,extra\n", 2, "3 cells, but the header has 2 columns"),
        ("file,file\nar.txt,fa.txt\n", 1, "named twice"),
        ("file,title\n\nar.txt,\"unclosed\n", 3, "not CSV"),
    ],
)
def test_bad_metadata_is_refused_naming_the_file_and_line(
    tmp_path: Path, sheet: str, line: int, says: str
) -> None:
    with pytest.raises(SeedError) as caught:
        list_seeds(_folder(tmp_path, sheet))
    message = str(caught.value)
    assert f"metadata.csv, line {line}: " in message and says in message and "\n" not in message


def test_metadata_that_is_not_utf8_names_the_line(tmp_path: Path) -> None:
    with pytest.raises(SeedError, match=r"metadata\.csv, line 2: not UTF-8"):
        read_metadata(_folder(tmp_path, b"file,title\nar.txt,\xe9t\xe9\n") / "metadata.csv", {"ar.txt"})


# --- corpus files -----------------------------------------------------------------------------------


def _jsonl(tmp_path: Path, *lines: object) -> Path:
    path = tmp_path / "corpus.jsonl"
    body = [line if isinstance(line, str) else json.dumps(line, ensure_ascii=False) for line in lines]
    path.write_text("".join(f"{line}\n" for line in body), encoding="utf-8")
    return path


def test_jsonl_records_become_texts_with_their_ids_and_metadata(tmp_path: Path) -> None:
    path = _jsonl(
        tmp_path,
        {"id": "ar-1", "text": AR, "language": "ar", "published": "2015-08-11", "url": "https://example.org/a"},
        {"id": 7, "text": FA, "published": None, "title": None},
    )
    warnings: list[str] = []
    ar, fa = iter_corpus(path, warnings=warnings)
    assert (ar.source_id, ar.path, ar.text, ar.data) == ("ar-1", "corpus.jsonl#ar-1", AR, AR.encode("utf-8"))
    assert ar.meta == Meta(published="2015-08-11", url="https://example.org/a", language="ar")
    assert (fa.source_id, fa.meta) == ("7", NO_META)
    assert warnings == []


def test_jsonl_skips_are_named_with_their_lines(tmp_path: Path) -> None:
    path = _jsonl(
        tmp_path,
        {"id": "a", "text": AR, "section": "world"},
        "",
        {"id": "b", "text": " \n\t"},
        {"id": "c", "text": FA},
    )
    warnings: list[str] = []
    assert [t.source_id for t in iter_corpus(path, warnings=warnings)] == ["a", "c"]
    assert warnings == [
        f"{path}, line 1: key 'section' ignored: not one of id, text, {', '.join(OPTIONAL)}",
        f"{path}, line 2: skipped: a blank line",
        f"{path}, line 3: skipped: id 'b' has no text",
    ]


@pytest.mark.parametrize(
    ("bad", "says"),
    [
        ("{not json", "not JSON"),
        (json.dumps([AR]), "a JSON list, not an object"),
        (json.dumps({"id": "x"}), "no text"),
        (json.dumps({"text": AR}), "no id"),
        (json.dumps({"id": "a", "text": AR}), "id 'a' is taken already, on line 1"),
        (json.dumps({"id": 1.5, "text": AR}), "id must be a string"),
        (json.dumps({"id": " x", "text": AR}), "spaces around"),
        (json.dumps({"id": "x", "text": 12}), "text must be a string"),
        (json.dumps({"id": "x", "text": AR, "language": "fr"}), "language 'fr' is not one of"),
        (json.dumps({"id": "x", "text": AR, "published": "August 11"}), "not ISO 8601"),
        (json.dumps({"id": "x", "text": AR, "url": 3}), "url must be a string"),
    ],
)
def test_a_bad_jsonl_record_is_refused_naming_the_line(tmp_path: Path, bad: str, says: str) -> None:
    path = _jsonl(tmp_path, {"id": "a", "text": AR}, bad)
    with pytest.raises(SeedError) as caught:
        list(iter_corpus(path))
    assert str(caught.value).startswith(f"{path}, line 2: ") and says in str(caught.value)


def test_a_text_over_the_limit_is_refused(tmp_path: Path) -> None:
    path = _jsonl(tmp_path, {"id": "a", "text": AR})
    with pytest.raises(SeedError, match=r"line 1: a text of \d+ bytes, more than the limit of 20"):
        list(iter_corpus(path, max_bytes=20))


def test_corpus_files_are_read_as_a_stream(tmp_path: Path) -> None:
    # the records before a bad line are yielded before it is read
    path = _jsonl(tmp_path, {"id": "a", "text": AR}, {"id": "b", "text": FA}, "[1]")
    records = iter_corpus(path)
    assert next(records).source_id == "a" and next(records).source_id == "b"
    with pytest.raises(SeedError, match="line 3"):
        next(records)


def _peak_reading(path: Path) -> int:
    tracemalloc.start()
    try:
        for _ in iter_corpus(path):
            pass
        return tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


def test_memory_does_not_grow_with_the_file(tmp_path: Path) -> None:
    small, large = tmp_path / "small", tmp_path / "large"
    small.mkdir()
    large.mkdir()
    article = AR * 60  # about 16 kB in UTF-8, a long agency report
    _jsonl(small, *({"id": f"s{n}", "text": article} for n in range(10)))
    _jsonl(large, *({"id": f"s{n}", "text": article} for n in range(400)))
    grown = _peak_reading(large / "corpus.jsonl") - _peak_reading(small / "corpus.jsonl")
    added = (large / "corpus.jsonl").stat().st_size - (small / "corpus.jsonl").stat().st_size
    # 6 MB more of file, a few tens of kB more of memory (the ids seen, for duplicates): not the texts
    assert grown < added / 20


def test_csv_corpus_keeps_multiline_texts_and_numbers_physical_lines(tmp_path: Path) -> None:
    path = tmp_path / "corpus.csv"
    two_lines = "سطر اول\r\nسطر دوم امروز"
    path.write_bytes(
        (
            "id,text,published,language\r\n"
            f'a,"{two_lines}",2019-06-13,fa\r\n'
            "b,,2019-06-13,\r\n"
            f'c,"{AR.strip()}",,ar\r\n'
            "d,x,2019-13-01,\r\n"
        ).encode()
    )
    warnings: list[str] = []
    records = iter_corpus(path, warnings=warnings)
    a, c = next(records), next(records)
    assert a.text == two_lines  # CRLF inside the quoted cell kept: offsets count it
    assert (a.meta.published, a.meta.language, c.source_id) == ("2019-06-13", "fa", "c")
    assert warnings == [f"{path}, line 4: skipped: id 'b' has no text"]  # the record after a 2-line one
    with pytest.raises(SeedError, match=r"corpus\.csv, line 6: published: .*not a real date"):
        next(records)


@pytest.mark.parametrize(
    ("body", "says"),
    [
        ("text,title\nhello,\n", "line 1: no 'id' column"),
        ("id,title\na,b\n", "line 1: no 'text' column"),
        ("", "empty: a header row is needed"),
    ],
)
def test_csv_corpus_header_problems(tmp_path: Path, body: str, says: str) -> None:
    path = tmp_path / "corpus.csv"
    path.write_text(body, encoding="utf-8")
    with pytest.raises(SeedError, match=says):
        list(iter_corpus(path))


def test_a_csv_text_longer_than_csvs_default_cell_limit_is_read(tmp_path: Path) -> None:
    path = tmp_path / "corpus.csv"
    long_text = AR * 2000  # about 290,000 characters, more than 131,072
    path.write_text(f'id,text\nlong,"{long_text}"\n', encoding="utf-8")
    (record,) = iter_corpus(path)
    assert record.text == long_text
