"""``nashra sections``: the JSON shape, the right-to-left listing, and clear errors."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from nashra.arabic import RLM
from nashra.cli import main


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


def test_file_with_several_articles_is_refused(data_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    status, _, err = run_sections(capsys, str(data_dir / "articles/json/batch.json"))
    assert status == 1
    assert "holds 2 articles; give a file with exactly one" in err


def test_a_file_name_with_a_line_break_is_named_on_one_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "x\nnashra sections: forged.txt"
    path.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00")
    assert main(["sections", str(path)]) == 1
    assert capsys.readouterr().err.splitlines() == [
        f"nashra sections: {tmp_path}/x\\nnashra sections: forged.txt: binary file, not text"
    ]
