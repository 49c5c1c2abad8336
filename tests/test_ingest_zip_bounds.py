"""A zip is bounded as a whole, not only member by member: the members it lists (``[ingest]
max_zip_members``), what its article members unzip to together (``[ingest] max_zip_bytes``) and how many
times its own size that is (a zip bomb). A zip past a bound is refused whole, in one line naming it,
before a byte is inflated; the other inputs of the run are stored and the exit status is 1. The hostile
zips are built here, and a zip whose headers lie is written by changing zipfile's own output."""

from __future__ import annotations

import ast
import dataclasses
import json
import struct
import zipfile
from pathlib import Path

import pytest

from nashra.articles import zipfiles
from nashra.articles.limits import DEFAULT_LIMITS
from nashra.articles.zipfiles import MAX_RATIO, members
from nashra.cli import main
from tests.zip_articles import PARAGRAPH, make_zip, text_article


@pytest.fixture(autouse=True)
def no_config(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.delenv("NASHRA_CONFIG", raising=False)
    monkeypatch.chdir(tmp_path)


def ingest(capsys: pytest.CaptureFixture[str], *args: str, config: str = "") -> tuple[int, dict]:
    Path("nashra.toml").write_text(f"[ingest]\n{config}\n", encoding="utf-8")
    code = main(["-c", "nashra.toml", "ingest", "--db", "n.db", "--json", *args])
    return code, json.loads(capsys.readouterr().out)


def test_a_zip_listing_more_members_than_max_zip_members_is_refused_whole(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = make_zip(tmp_path / "many.zip", {f"{n}.txt": text_article(n) for n in range(6)})

    code, report = ingest(capsys, str(path), config="max_zip_members = 5")

    assert (code, report["ingested"]) == (1, 0)
    assert report["rejected"] == [
        f"{path}: zip archive lists too many members (6, more than [ingest] max_zip_members = 5); "
        "unzip it and give the folder"
    ]


def hide_members(path: Path) -> Path:
    """``path`` with an end record saying "1 member", whatever its list holds (zipfile reads the list)."""
    data = bytearray(path.read_bytes())
    end = data.rindex(b"PK\x05\x06")
    data[end + 8 : end + 12] = struct.pack("<HH", 1, 1)
    path.write_bytes(bytes(data))
    return path


def test_a_zip_whose_end_record_hides_members_is_refused_by_the_members_its_list_holds(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = hide_members(make_zip(tmp_path / "liar.zip", {f"{n}.txt": text_article(n) for n in range(6)}))

    code, report = ingest(capsys, str(path), config="max_zip_members = 5")

    assert (code, report["ingested"]) == (1, 0)
    assert report["rejected"] == [
        f"{path}: zip archive lists too many members (6, more than [ingest] max_zip_members = 5); "
        "unzip it and give the folder"
    ]


def test_the_members_an_end_record_hides_are_counted_before_zipfile_lists_them(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # zipfile holds every member it lists in memory (a 51 MB list of a million members took 800 MB):
    # a zip with more members than the bound is refused before zipfile opens it.
    path = hide_members(make_zip(tmp_path / "liar.zip", {f"{n}.txt": text_article(n) for n in range(6)}))
    opened: list[object] = []
    monkeypatch.setattr(zipfile, "ZipFile", lambda *args, **kwargs: opened.append(args))

    found = members(path, (".txt",), limits=dataclasses.replace(DEFAULT_LIMITS, zip_members=5))

    assert [str(item) for item in found] == [
        f"{path}: zip archive lists too many members (6, more than [ingest] max_zip_members = 5); "
        "unzip it and give the folder"
    ]
    assert opened == []


def test_the_zip_bounds_go_by_no_private_name_of_zipfile() -> None:
    # A private name (zipfile._EndRecData) may change with any Python; every zip would then fail.
    tree = ast.parse(Path(zipfiles.__file__).read_text(encoding="utf-8"))

    private = [
        node.attr
        for node in ast.walk(tree)
        if isinstance(node, ast.Attribute)
        and isinstance(node.value, ast.Name)
        and node.value.id == "zipfile"
        and node.attr.startswith("_")
    ]

    assert private == []


def test_a_list_of_members_larger_than_max_zip_members_take_is_refused_before_it_is_read(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # Two members whose names take 600 bytes each: more list than two members take (512 bytes each).
    folder = "و" * 300
    path = make_zip(tmp_path / "long.zip", {f"{folder}/{n}.txt": text_article(n) for n in range(2)})

    code, report = ingest(capsys, str(path), config="max_zip_members = 2")

    assert (code, report["ingested"]) == (1, 0)
    [line] = report["rejected"]
    assert line.startswith(f"{path}: zip archive's list of members is too large (")
    assert line.endswith(
        "more than the 1024 bytes that [ingest] max_zip_members = 2 allows); unzip it and give the folder"
    )


def test_members_each_within_their_bound_that_unzip_past_max_zip_bytes_together_are_refused(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    members = {f"{n}.txt": text_article(n) + f"{PARAGRAPH}\n" * 20 for n in range(10)}
    path = make_zip(tmp_path / "week.zip", members)
    total = sum(len(text.encode()) for text in members.values())

    code, report = ingest(capsys, str(path), config=f"max_zip_bytes = {total - 1}")

    assert (code, report["ingested"]) == (1, 0)
    assert report["rejected"] == [
        f"{path}: unzipped archive is too large ({total:,} bytes, more than "
        f"[ingest] max_zip_bytes = {total - 1:,} bytes); unzip it and give the folder"
    ]


def test_a_bomb_of_many_members_each_under_its_bound_is_refused_by_its_ratio(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # Four members of 4 MB of spaces, each far under max_archive_bytes (50 MB): 16 MB that compress
    # about a thousand times.
    path = make_zip(tmp_path / "bomb.zip", {f"{n}.json": b" " * 4_000_000 for n in range(4)})
    size = path.stat().st_size

    code, report = ingest(capsys, str(path))

    assert (code, report["ingested"]) == (1, 0)
    assert report["rejected"] == [
        f"{path}: refused as a zip bomb (it unzips to 16.0 MB, {16_000_000 // size:,} times its "
        f"{size / 1000:.1f} kB; news unzips to about 4 times, more than {MAX_RATIO} is refused)"
    ]


def test_a_small_zip_of_repeated_text_is_read_however_well_it_compresses(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    article = text_article(1) + f"{PARAGRAPH}\n" * 2000
    path = make_zip(tmp_path / "repeated.zip", {"a.txt": article})
    assert len(article.encode()) > MAX_RATIO * path.stat().st_size

    code, report = ingest(capsys, str(path))

    assert (code, report["ingested"], report["rejected"]) == (0, 1, [])


def test_the_other_inputs_of_the_run_are_stored_around_a_refused_zip(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    before = tmp_path / "before.txt"
    before.write_text(text_article(1), encoding="utf-8")
    bomb = make_zip(tmp_path / "bomb.zip", {f"{n}.json": b" " * 4_000_000 for n in range(4)})
    after = make_zip(tmp_path / "after.zip", {"a.txt": text_article(2), "b.txt": text_article(3)})

    code, report = ingest(capsys, str(before), str(bomb), str(after))

    assert (code, report["ingested"]) == (1, 3)
    [line] = report["rejected"]
    assert line.startswith(f"{bomb}: refused as a zip bomb")


def test_the_files_of_other_kinds_in_a_refused_zip_are_not_listed_as_skipped(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    members = {**{f"{n}.txt": text_article(n) for n in range(5)}, "notes.pdf": b"%PDF-1.4"}
    path = make_zip(tmp_path / "many.zip", members)

    _, report = ingest(capsys, str(path), config="max_zip_members = 5")

    assert report["skipped"] == []


def test_two_members_of_one_name_are_each_read_as_themselves(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = make_zip(tmp_path / "twice.zip", {"a.txt": text_article(1)})
    with pytest.warns(UserWarning, match="Duplicate name"), zipfile.ZipFile(path, "a") as archive:
        archive.writestr("a.txt", text_article(2))

    code, report = ingest(capsys, str(path))

    assert (code, report["ingested"], report["unchanged"]) == (0, 2, 0)


def test_members_named_outside_the_zip_are_read_and_named_as_given_as_nothing_is_unzipped_to_disk(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = make_zip(tmp_path / "odd.zip", {"../../up.txt": text_article(1), "/root.txt": "\n"})

    code, report = ingest(capsys, str(path))

    assert (code, report["ingested"]) == (1, 1)
    [line] = report["rejected"]
    assert line.startswith(f"{path}#/root.txt: ")
    assert not (tmp_path.parent / "up.txt").exists()
