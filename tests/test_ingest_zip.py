"""Zipped archives ingest as folders do: ``nashra ingest day.zip`` reads the article files inside, each
with the reader and the limits of its kind, named ``day.zip#member`` in every line; a zip bomb, an
encrypted member, a nested zip or a damaged zip is refused without exhausting memory or disk."""

from __future__ import annotations

import json
import zipfile
from pathlib import Path

import pytest

from nashra.articles.errors import ArticleError
from nashra.articles.files import read_zip_member, walk
from nashra.articles.zipfiles import ZipMember
from nashra.cli import main
from nashra.model import Article
from tests.zip_articles import PARAGRAPH, make_zip, text_article


def record(n: int) -> dict[str, str]:
    return {"title": f"خبر رقم {n} عن حمص", "body": f"{PARAGRAPH} {n}\n{PARAGRAPH}\n"}


def ingest(capsys: pytest.CaptureFixture[str], db: Path, *args: str) -> tuple[int, dict, str]:
    code = main(["ingest", "--db", str(db), "--json", *args])
    out, err = capsys.readouterr()
    return code, json.loads(out), err


def test_a_zip_of_json_records_ingests_every_record(tmp_path: Path, capsys) -> None:
    day = json.dumps([record(n) for n in range(5)], ensure_ascii=False)
    path = make_zip(tmp_path / "2015-07-27.zip", {"2015-07-27.json": day})

    code, report, _ = ingest(capsys, tmp_path / "n.db", str(path))

    assert (code, report["ingested"], report["rejected"]) == (0, 5, [])


def test_a_zip_of_text_files_in_folders_reads_each_file_and_passes_over_hidden_ones(tmp_path: Path) -> None:
    path = make_zip(
        tmp_path / "week.zip",
        {
            "week/sunday/a.txt": text_article(1),
            "week/monday/b.txt": text_article(2),
            "week/.draft.txt": text_article(3),
            "__MACOSX/week/._a.txt": b"\x00\x05\x16\x07",
            "week/notes.pdf": b"%PDF-1.4",
        },
    )
    skipped: list[Path] = []

    found = list(walk([path], skipped))

    assert found == [ZipMember(path, "week/monday/b.txt"), ZipMember(path, "week/sunday/a.txt")]
    assert skipped == [Path(f"{path}#week/notes.pdf")]
    assert all(isinstance(item, Article) for member in found for item in read_zip_member(member, 10_000))


def test_a_zip_found_in_a_folder_is_read_as_a_folder(tmp_path: Path, capsys) -> None:
    (tmp_path / "archive").mkdir()
    make_zip(tmp_path / "archive" / "day.zip", {"a.txt": text_article(1), "b.txt": text_article(2)})

    code, report, _ = ingest(capsys, tmp_path / "n.db", str(tmp_path / "archive"))

    assert (code, report["ingested"]) == (0, 2)


def test_a_zip_bomb_is_refused_before_it_is_inflated(tmp_path: Path, capsys) -> None:
    # 60 MB of one byte compresses to about 60 kB: a thousand times, refused whole, never inflated.
    path = tmp_path / "bomb.zip"
    with (
        zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as archive,
        archive.open("bomb.json", "w", force_zip64=True) as handle,
    ):
        for _ in range(60):
            handle.write(b" " * 1_000_000)

    code, report, _ = ingest(capsys, tmp_path / "n.db", str(path))

    assert code == 1 and report["ingested"] == 0
    [line] = report["rejected"]
    assert line.startswith(f"{path}: refused as a zip bomb (it unzips to 60.0 MB, ")


def test_a_member_that_inflates_past_its_declared_size_is_read_no_further(tmp_path: Path) -> None:
    path = make_zip(tmp_path / "liar.zip", {"a.txt": text_article(1) * 50})
    data = path.read_bytes()
    # Both headers say 10 bytes: the reader stops there, and the member is refused, not stored.
    size = len((text_article(1) * 50).encode())
    data = data.replace(size.to_bytes(4, "little"), (10).to_bytes(4, "little"))
    path.write_bytes(data)

    [error] = read_zip_member(ZipMember(path, "a.txt"), 10_000)

    assert isinstance(error, ArticleError) and str(error).startswith(f"{path}#a.txt: damaged zip member")


def test_a_corrupt_zip_is_one_line_naming_it(tmp_path: Path, capsys) -> None:
    path = make_zip(tmp_path / "day.zip", {"a.txt": text_article(1)})
    path.write_bytes(path.read_bytes()[:-30])  # truncated: the central directory's end is gone

    code, report, _ = ingest(capsys, tmp_path / "n.db", str(path))

    assert code == 1 and report["ingested"] == 0
    assert report["rejected"] == [f"{path}: not a readable zip archive (File is not a zip file)"]


def test_an_encrypted_member_is_refused_alone(tmp_path: Path, capsys) -> None:
    path = make_zip(tmp_path / "day.zip", {"a.txt": text_article(1), "b.txt": text_article(2)})
    data = bytearray(path.read_bytes())
    # Set the "encrypted" flag of b.txt in its local and central headers (zipfile cannot write one).
    with zipfile.ZipFile(path) as archive:
        info = archive.getinfo("b.txt")
    central = data.index(b"PK\x01\x02", data.index(b"PK\x01\x02") + 4)
    for flags_at in (info.header_offset + 6, central + 8):
        data[flags_at] |= 0x1
    path.write_bytes(bytes(data))

    code, report, _ = ingest(capsys, tmp_path / "n.db", str(path))

    assert (code, report["ingested"]) == (1, 1)
    assert report["rejected"] == [f"{path}#b.txt: member is encrypted; Nashra reads unencrypted zips only"]


def test_a_member_too_large_is_refused_alone_while_the_others_are_stored(tmp_path: Path, capsys) -> None:
    config = tmp_path / "nashra.toml"
    config.write_text("[ingest]\nmax_bytes = 20000\n", encoding="utf-8")
    long = text_article(9) + f"{PARAGRAPH}\n" * 200
    path = make_zip(
        tmp_path / "day.zip", {"a.txt": text_article(1), "b.html": long, "c.txt": text_article(3)}
    )

    code = main(["-c", str(config), "ingest", "--db", str(tmp_path / "n.db"), "--json", str(path)])
    report = json.loads(capsys.readouterr().out)

    size = len(long.encode()) / 1000
    assert (code, report["ingested"]) == (1, 2)
    assert report["rejected"] == [
        f"{path}#b.html: member is too large ({size:.1f} kB, more than [ingest] max_bytes = 20.0 kB)"
    ]


def test_a_zip_inside_a_zip_is_refused_not_read(tmp_path: Path, capsys) -> None:
    inner = make_zip(tmp_path / "inner.zip", {"a.txt": text_article(1)}).read_bytes()
    path = make_zip(tmp_path / "outer.zip", {"inner.zip": inner, "b.txt": text_article(2)})

    code, report, _ = ingest(capsys, tmp_path / "n.db", str(path))

    assert (code, report["ingested"]) == (1, 1)
    assert report["rejected"] == [f"{path}#inner.zip: a zip inside a zip is not read; unzip it first"]


def test_records_of_a_zipped_json_file_are_named_by_member_and_index(tmp_path: Path, capsys) -> None:
    items = [record(0), {"title": "", "body": ""}]
    path = make_zip(tmp_path / "day.zip", {"day.json": json.dumps(items, ensure_ascii=False)})

    code, report, _ = ingest(capsys, tmp_path / "n.db", str(path))

    assert code == 1 and report["ingested"] == 1
    [line] = report["rejected"]
    assert line.startswith(f"{path}#day.json[1]: ")


def test_a_zip_is_opened_once_for_its_members_and_closed_after_the_last(tmp_path: Path, monkeypatch) -> None:
    path = make_zip(tmp_path / "day.zip", {f"{n}.txt": text_article(n) for n in range(20)})
    found = list(walk([path]))
    opened: list[zipfile.ZipFile] = []
    real = zipfile.ZipFile

    def counting(*args, **kwargs) -> zipfile.ZipFile:
        opened.append(real(*args, **kwargs))
        return opened[-1]

    monkeypatch.setattr(zipfile, "ZipFile", counting)

    for member in found:
        read_zip_member(member, 10_000)

    assert len(opened) == 1 and opened[0].fp is None


def test_a_member_compressed_with_a_method_zipfile_lacks_is_refused_alone(tmp_path: Path, capsys) -> None:
    path = make_zip(tmp_path / "day.zip", {"a.txt": text_article(1), "b.txt": text_article(2)})
    data = bytearray(path.read_bytes())
    with zipfile.ZipFile(path) as archive:
        info = archive.getinfo("b.txt")
    central = data.index(b"PK\x01\x02", data.index(b"PK\x01\x02") + 4)
    # Method 9, Deflate64, in b.txt's local and central headers.
    for method_at in (info.header_offset + 8, central + 10):
        data[method_at : method_at + 2] = (9).to_bytes(2, "little")
    path.write_bytes(bytes(data))

    code, report, _ = ingest(capsys, tmp_path / "n.db", str(path))

    assert (code, report["ingested"]) == (1, 1)
    assert report["rejected"] == [
        f"{path}#b.txt: compressed with a method Python's zipfile cannot unzip (That compression method is "
        "not supported); unzip it with another tool and give the folder"
    ]


def test_a_link_inside_a_zip_is_refused_not_read_as_the_path_it_points_to(tmp_path: Path, capsys) -> None:
    path = tmp_path / "day.zip"
    with zipfile.ZipFile(path, "w") as archive:
        link = zipfile.ZipInfo("today.txt")
        link.external_attr = 0o120777 << 16  # a symbolic link, as `zip --symlinks` stores one
        archive.writestr(link, "/etc/passwd")
        archive.writestr("a.txt", text_article(1))

    code, report, _ = ingest(capsys, tmp_path / "n.db", str(path))

    assert (code, report["ingested"]) == (1, 1)
    assert report["rejected"] == [f"{path}#today.txt: a link inside the zip, not a file; it is not followed"]


def unmark_utf8_names(path: Path) -> Path:
    """``path`` with its names' UTF-8 flag cleared (bit 11 of each header), as Info-ZIP's ``zip -r``
    writes an Arabic name: its UTF-8 bytes, unmarked."""
    data = bytearray(path.read_bytes())
    for signature, flags_at in ((b"PK\x03\x04", 6), (b"PK\x01\x02", 8)):
        at = data.find(signature)
        while at >= 0:
            data[at + flags_at + 1] &= ~0x08
            at = data.find(signature, at + 4)
    path.write_bytes(bytes(data))
    return path


def test_an_arabic_member_name_written_unmarked_as_utf8_is_named_as_written(tmp_path: Path, capsys) -> None:
    path = unmark_utf8_names(make_zip(tmp_path / "week.zip", {"أخبار/خبر.json": b"[1"}))

    code, report, _ = ingest(capsys, tmp_path / "n.db", str(path))

    assert code == 1
    [line] = report["rejected"]
    assert line.startswith(f"{path}#أخبار/خبر.json: invalid JSON")


def test_a_member_name_in_code_page_437_is_read_as_code_page_437(tmp_path: Path, capsys) -> None:
    # «é» in DOS's code page is byte 0x82, which starts no UTF-8 character: «éé» as DOS's zip wrote it.
    path = make_zip(tmp_path / "week.zip", {"Café.json": b"[1"})
    path.write_bytes(path.read_bytes().replace("é".encode(), b"\x82\x82"))
    unmark_utf8_names(path)

    code, report, _ = ingest(capsys, tmp_path / "n.db", str(path))

    assert code == 1
    [line] = report["rejected"]
    assert line.startswith(f"{path}#Caféé.json: invalid JSON")


@pytest.mark.parametrize(("method", "name"), [(zipfile.ZIP_BZIP2, "bzip2"), (zipfile.ZIP_LZMA, "LZMA")])
def test_a_member_compressed_with_a_method_inflated_without_bound_is_refused_alone(
    method: int, name: str, tmp_path: Path, capsys
) -> None:
    # zipfile bounds what one read of a deflated member returns only: a bzip2 member declaring 100 bytes
    # whose 722 bytes hold 1 GB of zeros took 2 GB of memory to read.
    path = make_zip(tmp_path / "day.zip", {"a.txt": text_article(1)})
    with zipfile.ZipFile(path, "a", compression=method) as archive:
        archive.writestr("b.txt", text_article(2))

    code, report, _ = ingest(capsys, tmp_path / "n.db", str(path))

    assert (code, report["ingested"]) == (1, 1)
    assert report["rejected"] == [
        f"{path}#b.txt: compressed with {name}, which Python's zipfile unzips with no bound on what a read "
        "returns; unzip it with another tool and give the folder"
    ]
