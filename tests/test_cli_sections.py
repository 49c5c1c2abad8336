"""``nashra sections``: the JSON shape, the right-to-left listing, and clear errors."""

from __future__ import annotations

import io
import json
import sys
from pathlib import Path

import pytest

from nashra.arabic import RLM
from nashra.cli import main
from nashra.model import Article
from tests.nashra_process import run_nashra


def run_sections(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    status = main(["sections", *args])
    out, err = capsys.readouterr()
    return status, out, err


def test_json_output_has_title_source_and_sections(
    shared_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    status, out, _ = run_sections(capsys, str(shared_dir / "samples/seed_article.txt"), "--json")
    document = json.loads(out)
    assert status == 0
    assert set(document) == {
        "title", "source", "author", "dateline", "published_at", "url", "sections", "furniture"
    }  # fmt: skip
    assert document["source"] == "أوطان بوست"
    assert "أوطان" in out  # not \\u-escaped
    assert all(set(s) == {"heading", "text", "regions"} for s in document["sections"])
    assert document["sections"][0]["heading"] is None
    assert "SY-DR" in document["sections"][-1]["regions"]


def test_json_output_reports_the_furniture_removed(
    shared_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    status, out, _ = run_sections(capsys, str(shared_dir / "real/articles/p05_ly_vetogate.txt"), "--json")
    furniture = json.loads(out)["furniture"]
    assert status == 0
    assert {"kind": "byline", "text": "فيتو"} in furniture
    assert {"kind": "caption", "text": "اشتباكات مسلحة في مصراتة، فيتو"} in furniture
    assert [item["kind"] for item in furniture].count("tweet") == 2


def test_json_output_keeps_author_and_dateline_place(
    data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    status, out, _ = run_sections(capsys, str(data_dir / "articles/furniture/dateline_agency.txt"), "--json")
    document = json.loads(out)
    assert status == 0
    assert (document["source"], document["dateline"]) == ("النهار", "بيروت")
    assert document["sections"][0]["text"].startswith("أعلن الجيش")
    assert {"kind": "dateline", "text": "بيروت - (الوكالة الوطنية للإعلام):"} in document["furniture"]


def test_json_record_without_source_prints_null(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "a.json"
    path.write_text(json.dumps({"title": "عنوان", "body": "نص عن مدينة حمص."}), encoding="utf-8")
    status, out, _ = run_sections(capsys, str(path), "--json")
    assert status == 0
    assert json.loads(out)["source"] is None


def test_listing_is_right_to_left_with_region_names(
    data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    status, out, _ = run_sections(capsys, str(data_dir / "articles/text/yemen_taiz.txt"))
    lines = [line for line in out.splitlines() if line]
    assert status == 0
    assert all(line.startswith(RLM) for line in lines)
    assert f"{RLM}[2] مواجهات عنيفة في محيط مأرب" in lines
    assert any("(YE-MA)" in line and "مأرب" in line for line in lines)


def test_bad_file_is_one_line_and_exit_1(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "empty.txt"
    path.write_text("")
    status, out, err = run_sections(capsys, str(path))
    assert (status, out) == (1, "")
    assert err.strip() == f"nashra sections: {path}: file is empty"


def test_a_file_of_several_articles_lists_each_under_its_number_and_record(
    data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = data_dir / "articles/json/batch.json"
    status, out, err = run_sections(capsys, str(path))
    headings = [line for line in out.splitlines() if "═══" in line]
    assert (status, err) == (0, "")
    assert headings == [
        f"{RLM}═══ المقال 1 من 2 — {path}[0] ═══",
        f"{RLM}═══ المقال 2 من 2 — {path}[1] ═══",
    ]
    assert f"{RLM}تونس: انطلاق موسم جني الزيتون في صفاقس" in out.splitlines()


def test_a_feed_file_lists_each_entry_named_by_its_link(
    data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = data_dir / "articles/feeds/news.rss"
    status, out, _ = run_sections(capsys, str(path))
    headings = [line for line in out.splitlines() if "═══" in line]
    assert status == 0
    assert headings[1] == (
        f"{RLM}═══ المقال 2 من 2 — {path} entry 2 (https://feeds.example.org/idlib-bread) ═══"
    )


def test_json_of_several_articles_is_one_object_per_line_with_number_and_record(
    data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = data_dir / "articles/json/batch.json"
    status, out, _ = run_sections(capsys, str(path), "--json")
    documents = [json.loads(line) for line in out.splitlines()]
    assert status == 0
    assert [(d["article"], d["origin"]) for d in documents] == [(1, f"{path}[0]"), (2, f"{path}[1]")]
    assert all(d["sections"] and d["title"] for d in documents)


def test_a_bad_record_among_several_is_named_and_the_others_listed(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "day.jsonl"
    good = {"title": "عنوان", "body": "نص عن مدينة حمص."}
    path.write_text(f'{json.dumps(good)}\n{{"body": "نص"}}\n{json.dumps(good)}\n', encoding="utf-8")
    status, out, err = run_sections(capsys, str(path), "--json")
    assert status == 1
    assert [json.loads(line)["origin"] for line in out.splitlines()] == [f"{path}:1", f"{path}:3"]
    assert err.strip() == f"nashra sections: {path}:2: field 'title' is missing"


def test_one_record_of_json_lines_is_listed_as_one_of_several(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The output's shape follows the input's kind (as in ``nashra summarize``), not how many records
    a day's file happens to hold: a script reading JSON Lines gets JSON Lines."""
    path = tmp_path / "day.jsonl"
    path.write_text(json.dumps({"title": "عنوان", "body": "نص عن مدينة حمص."}) + "\n", encoding="utf-8")
    status, out, _ = run_sections(capsys, str(path), "--json")
    assert status == 0
    assert json.loads(out)["origin"] == f"{path}:1"


def test_standard_input_is_read_as_a_file_and_named_stdin(
    monkeypatch: pytest.MonkeyPatch, data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data = (data_dir / "articles/text/yemen_taiz.txt").read_bytes()
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(data)))
    status, out, _ = run_sections(capsys, "-")
    assert status == 0
    assert f"{RLM}[2] مواجهات عنيفة في محيط مأرب" in out.splitlines()


def test_standard_input_of_json_lines_lists_each_record(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    record = json.dumps({"title": "عنوان", "body": "نص عن مدينة حمص."}, ensure_ascii=False)
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(f"{record}\n{record}\n".encode())))
    status, out, _ = run_sections(capsys, "-", "--json")
    assert status == 0
    assert [json.loads(line)["origin"] for line in out.splitlines()] == ["<stdin>:1", "<stdin>:2"]


def test_bad_standard_input_is_one_line_naming_stdin(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(b"\x89PNG\r\n\x1a\n\x00\x00")))
    status, out, err = run_sections(capsys, "-")
    assert (status, out) == (1, "")
    assert err.strip() == "nashra sections: <stdin>: binary file, not text"


def test_a_file_name_with_a_line_break_is_named_on_one_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "x\nnashra sections: forged.txt"
    path.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00")
    assert main(["sections", str(path)]) == 1
    assert capsys.readouterr().err.splitlines() == [
        f"nashra sections: {tmp_path}/x\\nnashra sections: forged.txt: binary file, not text"
    ]


def test_an_article_that_fails_unexpectedly_is_named_and_the_others_listed(
    data_dir: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    from nashra.articles import analysis

    real = analysis.analyze

    def fails_on_tunis(article: Article) -> Article:
        if article.title.startswith("تونس"):
            raise ValueError("a fault no check foresaw")
        return real(article)

    monkeypatch.setattr(analysis, "analyze", fails_on_tunis)
    path = data_dir / "articles/json/batch.json"
    status, out, err = run_sections(capsys, str(path), "--json")
    assert status == 1
    assert [json.loads(line)["origin"] for line in out.splitlines()] == [f"{path}[0]"]
    assert err.startswith(
        f"nashra sections: {path}[1]: unexpected error (ValueError: a fault no check foresaw)"
    )


def test_a_json_list_of_one_record_is_listed_as_one_of_several(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A day's list that happens to hold one record has the shape of a day's list of many."""
    path = tmp_path / "day.json"
    path.write_text(json.dumps([{"title": "عنوان", "body": "نص عن مدينة حمص."}]), encoding="utf-8")
    status, out, _ = run_sections(capsys, str(path), "--json")
    assert status == 0
    document = json.loads(out)
    assert (document["article"], document["origin"]) == (1, f"{path}[0]")


def test_a_record_holding_a_lone_surrogate_is_listed_as_valid_json_with_the_others(tmp_path: Path) -> None:
    """``"\\ud800"`` is valid JSON and no text: printing it failed with UnicodeEncodeError. It is shown
    as ingest stores it, without the surrogate."""
    path = tmp_path / "day.jsonl"
    records = [
        '{"title": "خبر \\ud800 عن حمص", "body": "نص عن مدينة حمص اليوم."}',
        '{"title": "خبر ثان عن حمص", "body": "نص عن مدينة حمص اليوم."}',
    ]
    path.write_text("\n".join(records) + "\n", encoding="utf-8")
    done = run_nashra("sections", "--json", str(path), cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    documents = [json.loads(line) for line in done.stdout.splitlines()]
    assert [d["title"] for d in documents] == ["خبر عن حمص", "خبر ثان عن حمص"]
