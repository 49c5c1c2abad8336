"""``nashra summarize FILE.jsonl --json``: many articles in, one JSON object per article out, in order."""

from __future__ import annotations

import io
import json
import sys
from pathlib import Path

import pytest

from nashra.cli import main


@pytest.fixture(autouse=True)
def no_config(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.delenv("NASHRA_CONFIG", raising=False)
    monkeypatch.chdir(tmp_path)


def article(n: int) -> dict:
    return {
        "title": f"خبر رقم {n}",
        "body": f"أعلنت بلدية حمص افتتاح الحديقة رقم {n} في حي الوعر بعد ترميمها.\n"
        "ترميم الحديقة\n"
        "وقال رئيس البلدية إن أعمال الترميم استمرت ستة أشهر وشملت زراعة الأشجار وتركيب الإنارة.",
    }


def write_lines(path: Path, lines: list[str]) -> Path:
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_each_article_gives_one_json_line_in_input_order(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = write_lines(
        tmp_path / "many.jsonl", [json.dumps(article(n), ensure_ascii=False) for n in range(5)]
    )
    assert main(["summarize", str(path), "--json"]) == 0
    lines = capsys.readouterr().out.splitlines()
    documents = [json.loads(line) for line in lines]
    assert [d["title"] for d in documents] == [f"خبر رقم {n}" for n in range(5)]
    for document in documents:
        assert set(document) == {"title", "sections"}
        assert [s["heading"] for s in document["sections"]] == [None, "ترميم الحديقة"]
        for entry in document["sections"]:
            assert set(entry) == {"heading", "summary", "method"}
            assert entry["summary"] and entry["method"] == "extractive"


def test_bad_lines_are_named_on_stderr_and_the_good_ones_still_summarized(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    good = json.dumps(article(1), ensure_ascii=False)
    path = write_lines(tmp_path / "mixed.jsonl", [good, "{not json", '{"title": "بلا نص"}', good])
    assert main(["summarize", str(path), "--json"]) == 1
    captured = capsys.readouterr()
    assert len(captured.out.splitlines()) == 2
    errors = captured.err.splitlines()
    assert len(errors) == 2
    assert f"{path}:2:" in errors[0] and f"{path}:3:" in errors[1]


def test_a_file_of_only_bad_lines_fails(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    # Neither line is an article: a string, and text that is no JSON. (A line holding a list is read as
    # the list's records, so it is not used here.)
    path = write_lines(tmp_path / "bad.jsonl", ['"خبر بلا عنوان"', "{not json"])
    assert main(["summarize", str(path), "--json"]) == 1
    captured = capsys.readouterr()
    assert captured.out == ""
    errors = captured.err.splitlines()
    assert all(line.startswith("nashra summarize: ") for line in errors)
    assert f"{path}:1:" in errors[0] and f"{path}:2:" in errors[1]


def test_a_missing_file_is_named(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["summarize", str(tmp_path / "none.jsonl"), "--json"]) == 1
    assert "none.jsonl: no such file" in capsys.readouterr().err


def test_real_articles_are_summarized_one_line_each(
    shared_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = shared_dir / "real" / "articles.jsonl"
    count = sum(1 for line in source.read_text(encoding="utf-8").splitlines() if line.strip())
    assert main(["summarize", str(source), "--json"]) == 0
    documents = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert len(documents) == count
    assert all(d["sections"] and all(s["summary"] for s in d["sections"]) for d in documents)


def test_without_json_each_article_is_listed_by_title(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = write_lines(tmp_path / "two.jsonl", [json.dumps(article(n), ensure_ascii=False) for n in (1, 2)])
    assert main(["summarize", str(path)]) == 0
    out = capsys.readouterr().out
    assert out.index("خبر رقم 1") < out.index("خبر رقم 2")
    assert "• ترميم الحديقة: " in out


def test_standard_input_is_summarized_as_a_file_is(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    data = "".join(json.dumps(article(n), ensure_ascii=False) + "\n" for n in range(2)) + '{"body": "نص"}\n'
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(data.encode())))
    assert main(["summarize", "-", "--json"]) == 1
    out, err = capsys.readouterr()
    assert [json.loads(line)["title"] for line in out.splitlines()] == ["خبر رقم 0", "خبر رقم 1"]
    assert err.strip() == "nashra summarize: <stdin>:3: field 'title' is missing"


def test_a_json_list_of_one_article_gives_one_json_line_as_a_list_of_many_does(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "day.json"
    path.write_text(json.dumps([article(1)], ensure_ascii=False), encoding="utf-8")
    assert main(["summarize", str(path), "--json"]) == 0
    [line] = capsys.readouterr().out.splitlines()
    assert set(json.loads(line)) == {"title", "sections"}
