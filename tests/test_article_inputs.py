"""Every command that reads articles reads what ``nashra ingest`` reads: ``nashra sections PATH`` and
``nashra summarize PATH`` take a file of any kind ingest takes, a folder, a zip or ``-``, planned by the
same code, and read the same articles from it; a bad input is the same one line naming it."""

from __future__ import annotations

import io
import json
import shutil
import sys
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest

from nashra.articles import inputs
from nashra.cli import main
from nashra.commands import summarize
from tests.conftest import DATA

ARTICLES = DATA / "articles"
PARAGRAPH = "شهدت مدينة حمص اليوم تطورات ميدانية متسارعة وفق ما أفادت به مصادر محلية متطابقة."


@pytest.fixture(autouse=True)
def no_config(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.delenv("NASHRA_CONFIG", raising=False)
    monkeypatch.chdir(tmp_path)


def a_folder(tmp_path: Path) -> Path:
    folder = shutil.copytree(ARTICLES / "text", tmp_path / "week")
    (folder / "notes.pdf").write_bytes(b"%PDF-1.4")
    return folder


def a_zip(tmp_path: Path) -> Path:
    path = tmp_path / "day.zip"
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.write(ARTICLES / "text/yemen_taiz.txt", "day/yemen_taiz.txt")
        archive.write(ARTICLES / "json/batch.json", "day/batch.json")
        archive.write(ARTICLES / "html/aleppo_page.html", "day/aleppo_page.html")
        archive.write(ARTICLES / "feeds/news.atom", "day/news.atom")
    return path


# Each kind of input ingest reads, as a function of the test's folder giving the path to name.
KINDS: dict[str, Callable[[Path], Path]] = {
    "text": lambda _: ARTICLES / "text/yemen_taiz.txt",
    "page": lambda _: ARTICLES / "html/aleppo_page.html",
    "json": lambda _: ARTICLES / "json/batch.json",
    "jsonl": lambda _: ARTICLES / "json/stream.jsonl",
    "rss": lambda _: ARTICLES / "feeds/news.rss",
    "atom": lambda _: ARTICLES / "feeds/news.atom",
    "folder": a_folder,
    "zip": a_zip,
}


def articles_read(command: str, target: str, capsys: pytest.CaptureFixture[str]) -> tuple[int, int, str]:
    """The exit status, how many articles ``command`` read from ``target``, and its stderr."""
    if command == "ingest":
        status = main(["ingest", "--db", "n.db", "--json", target])
        out, err = capsys.readouterr()
        return status, json.loads(out)["ingested"], err
    status = main([command, "--json", target])
    out, err = capsys.readouterr()
    # One article is one indented document; several are one object per line.
    count = 1 if out.startswith("{\n") else len(out.splitlines())
    return status, count, err


def ingested(target: str, capsys: pytest.CaptureFixture[str]) -> int:
    status, count, _ = articles_read("ingest", target, capsys)
    assert status == 0
    return count


@pytest.mark.parametrize("command", ["sections", "summarize"])
@pytest.mark.parametrize("kind", KINDS)
def test_a_command_reads_the_articles_ingest_stores_from_each_kind_of_input(
    command: str, kind: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    target = str(KINDS[kind](tmp_path))

    status, count, _ = articles_read(command, target, capsys)

    assert (status, count) == (0, ingested(target, capsys))


@pytest.mark.parametrize("command", ["sections", "summarize"])
def test_a_folder_is_printed_as_each_file_is_read_not_once_all_are(
    command: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    # Reading a whole folder first held all its articles: 186 MB for two SaudiNewsNet days.
    folder = a_folder(tmp_path)
    printed_before: list[str] = []
    read_input = inputs.read_input

    def reading(source: object, *args: object) -> object:
        printed_before.append(capsys.readouterr().out)
        return read_input(source, *args)  # type: ignore[arg-type]

    monkeypatch.setattr(inputs, "read_input", reading)
    monkeypatch.setattr(summarize, "FILE_CHUNK", 1)  # summarize prints each step of this many articles

    status = main([command, str(folder)])

    assert status == 0
    assert len(printed_before) == len(list(folder.glob("*.txt"))) > 1
    assert printed_before[0] == ""
    assert all(printed for printed in printed_before[1:])


def test_the_articles_of_a_folder_are_numbered_without_a_total_as_it_is_read_file_by_file(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = a_folder(tmp_path)
    names = sorted(folder.glob("*.txt"))

    status = main(["sections", str(folder)])
    headings = [line for line in capsys.readouterr().out.splitlines() if "═══" in line]

    assert status == 0
    assert headings == [f"\u200f═══ المقال {n} — {path} ═══" for n, path in enumerate(names, start=1)]


@pytest.mark.parametrize("command", ["sections", "summarize"])
def test_a_command_reads_standard_input_as_ingest_does(
    command: str, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    data = (ARTICLES / "json/stream.jsonl").read_bytes()
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(data)))

    status, count, _ = articles_read(command, "-", capsys)

    assert (status, count) == (0, 3)


@pytest.mark.parametrize("command", ["sections", "summarize"])
def test_a_folder_names_the_files_it_skipped_on_stderr(
    command: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = a_folder(tmp_path)

    _, _, err = articles_read(command, str(folder), capsys)

    assert f"nashra {command}: skipped 1 file that is not an article (.pdf 1): {folder / 'notes.pdf'}" in err


@pytest.mark.parametrize("command", ["sections", "summarize"])
def test_a_zip_bomb_is_the_line_ingest_gives_and_exit_status_1(
    command: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "bomb.zip"
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for n in range(3):
            archive.writestr(f"{n}.json", b" " * 5_000_000)
    main(["ingest", "--db", "n.db", str(path)])
    [ingest_line] = [line for line in capsys.readouterr().err.splitlines() if line.startswith("rejected ")]

    status, count, err = articles_read(command, str(path), capsys)

    assert (status, count) == (1, 0)
    assert err.splitlines() == [ingest_line.replace("rejected ", f"nashra {command}: ", 1)]


@pytest.mark.parametrize("command", ["sections", "summarize"])
@pytest.mark.parametrize(
    ("make", "line"),
    [
        (lambda path: path.mkdir(), "{path}: folder holds no article files"),
        (lambda path: zipfile.ZipFile(path, "w").close(), "{path}: zip archive holds no article files"),
        (lambda _: None, "{path}: no such file or folder"),
    ],
    ids=["empty folder", "empty zip", "missing"],
)
def test_an_input_with_no_articles_is_one_line_naming_it(
    command: str,
    make: Callable[[Path], object],
    line: str,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    path = tmp_path / "input.zip"
    make(path)

    status, count, err = articles_read(command, str(path), capsys)

    assert (status, count, err) == (1, 0, f"nashra {command}: {line.format(path=path)}\n")


@pytest.mark.parametrize(
    ("make", "line"),
    [
        (lambda path: path.mkdir(), "{path}: folder holds no article files"),
        (lambda path: zipfile.ZipFile(path, "w").close(), "{path}: zip archive holds no article files"),
    ],
    ids=["empty folder", "empty zip"],
)
def test_ingest_refuses_a_folder_or_zip_with_no_articles_and_stores_the_other_inputs(
    make: Callable[[Path], object], line: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # A wrong folder or an empty download stored nothing and said nothing, with exit status 0.
    path = tmp_path / "input.zip"
    make(path)

    status, count, err = articles_read("ingest", str(path), capsys)
    main(["ingest", "--db", "n.db", "--json", str(ARTICLES / "text/yemen_taiz.txt"), str(path)])
    report = json.loads(capsys.readouterr().out)

    assert (status, count, err.splitlines()[-1]) == (1, 0, f"rejected {line.format(path=path)}")
    assert (report["ingested"], report["rejected"]) == (1, [line.format(path=path)])


@pytest.mark.parametrize("command", ["sections", "summarize"])
def test_a_feed_with_no_item_is_one_line_naming_it(
    command: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "quiet.rss"
    path.write_text('<rss version="2.0"><channel><title>أخبار</title></channel></rss>', encoding="utf-8")

    status, count, err = articles_read(command, str(path), capsys)

    assert (status, count, err) == (1, 0, f"nashra {command}: {path}: the feed holds no entries\n")


@pytest.mark.parametrize("command", ["sections", "summarize"])
def test_a_feed_url_is_refused_in_one_line_as_only_ingest_fetches_feeds(
    command: str, capsys: pytest.CaptureFixture[str]
) -> None:
    status = main([command, "https://feeds.example.org/rss"])

    assert status == 1
    assert capsys.readouterr().err == (
        f"nashra {command}: https://feeds.example.org/rss: a feed URL is read by nashra ingest only; "
        "save the feed and give the file\n"
    )


@pytest.mark.parametrize("command", ["ingest", "sections", "summarize"])
def test_standard_input_holding_a_zip_is_one_line_saying_to_name_the_file(
    command: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(a_zip(tmp_path).read_bytes())))

    status, count, err = articles_read(command, "-", capsys)

    assert (status, count) == (1, 0)
    assert err.splitlines()[-1].endswith("<stdin>: holds a zip archive, which is read from a file named .zip")


@pytest.mark.parametrize("command", ["sections", "summarize"])
@pytest.mark.parametrize("target", ["", " "])
def test_an_empty_path_is_refused_rather_than_read_as_the_current_folder(
    command: str, target: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "today.txt").write_text("خبر عن حمص\n\n" + PARAGRAPH + "\n", encoding="utf-8")

    status = main([command, target])

    assert status == 1
    assert capsys.readouterr() == (
        "",
        f"nashra {command}: an empty path was given (an unset shell variable?)\n",
    )
