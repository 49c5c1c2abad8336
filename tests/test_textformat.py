"""Plain-text article files: decoding, size and binary refusal, title and byline, the seed layout."""

from __future__ import annotations

import codecs
import json
import re
import zipfile
from pathlib import Path

import pytest

from nashra.articles.errors import ArticleError
from nashra.articles.files import read_article_file
from nashra.articles.textformat import decode_text, parse_byline, parse_text, read_bytes
from nashra.model import Article
from nashra.storage.articles import content_hash

ARTICLE = "عنوان الخبر هنا\n\nالمصدر – الكاتب\nفقرة أولى من المقدمة عن الأحداث في دمشق.\n"


def test_title_byline_and_lead_are_read() -> None:
    article = parse_text(ARTICLE, "a.txt")
    assert (article.title, article.source, article.author) == ("عنوان الخبر هنا", "المصدر", "الكاتب")
    assert [(s.heading, s.text) for s in article.sections] == [
        (None, "فقرة أولى من المقدمة عن الأحداث في دمشق.")
    ]


@pytest.mark.parametrize("dash", ["–", "-", "—"])
def test_byline_accepts_en_dash_hyphen_and_em_dash(dash: str) -> None:
    assert parse_byline(f"أوطان بوست {dash} فريق التحرير") == ("أوطان بوست", "فريق التحرير")


def test_a_sentence_with_a_dash_is_not_a_byline() -> None:
    line = "قال المتحدث - في مؤتمر صحفي عقده اليوم في العاصمة بحضور عدد كبير من الصحفيين والمراسلين - إن."
    assert parse_byline(line) is None


def test_article_without_byline_keeps_its_first_paragraph() -> None:
    article = parse_text("عنوان\nهذه فقرة المقدمة الوحيدة في الخبر.", "a.txt")
    assert article.source is None
    assert article.sections[0].text == "هذه فقرة المقدمة الوحيدة في الخبر."


def test_title_without_body_is_rejected() -> None:
    with pytest.raises(ArticleError, match=r"a\.txt: no article text after the title"):
        parse_text("عنوان فقط\n\nالمصدر – الكاتب\n", "a.txt")


def test_empty_file_is_rejected(tmp_path: Path) -> None:
    path = tmp_path / "empty.txt"
    path.write_bytes(b"  \n\n")
    [error] = read_article_file(path, 1000)
    assert isinstance(error, ArticleError)
    assert str(error) == f"{path}: file is empty"


def test_binary_file_is_rejected(tmp_path: Path) -> None:
    path = tmp_path / "photo.txt"
    path.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)))
    [error] = read_article_file(path, 10_000)
    assert str(error) == f"{path}: binary file, not text"


def test_utf8_with_bom_is_read() -> None:
    assert decode_text("\ufeffعنوان".encode(), "a.txt") == "عنوان"


def test_utf16_with_byte_order_mark_is_read_as_notepad_saves_unicode(data_dir: Path) -> None:
    [article] = read_article_file(data_dir / "encodings/notepad_unicode.txt", 10_000)
    assert isinstance(article, Article)
    assert article.title == "انقطاع الكهرباء عن أحياء في درعا"


def test_utf16_without_byte_order_mark_is_read(data_dir: Path) -> None:
    [article] = read_article_file(data_dir / "encodings/utf16le_no_bom.txt", 10_000)
    assert isinstance(article, Article)
    assert article.title == "انقطاع الكهرباء عن أحياء في درعا"


@pytest.mark.parametrize(
    "data",
    [codecs.BOM_UTF16_BE + ARTICLE.encode("utf-16-be"), ARTICLE.encode("utf-32")],
    ids=["utf-16-be", "utf-32"],
)
def test_other_wide_encodings_with_byte_order_mark_are_read(data: bytes) -> None:
    assert decode_text(data, "a.txt") == ARTICLE


def test_utf16_cut_short_is_rejected_as_damaged_not_binary() -> None:
    data = ARTICLE.encode("utf-16")[:-1]
    with pytest.raises(ArticleError, match=r"^a\.txt: not UTF-16 text \(cut short or damaged\)$"):
        decode_text(data, "a.txt")


def test_random_bytes_with_nuls_are_still_binary() -> None:
    data = bytes(range(256)) * 40
    with pytest.raises(ArticleError, match="binary file, not text"):
        decode_text(data, "a.txt")


def test_windows_arabic_cp1256_is_decoded() -> None:
    data = ARTICLE.encode("cp1256")
    with pytest.raises(UnicodeDecodeError):
        data.decode("utf-8")
    assert parse_text(decode_text(data, "a.txt"), "a.txt").source == "المصدر"


def test_iso_8859_6_arabic_is_decoded_rather_than_read_as_windows_arabic(data_dir: Path) -> None:
    [article] = read_article_file(data_dir / "encodings/iso8859_6.txt", 10_000)
    assert isinstance(article, Article)
    assert article.title == "انقطاع الكهرباء عن أحياء في درعا"


def test_invalid_bytes_that_are_not_arabic_are_rejected_with_their_offset() -> None:
    data = "résumé of the news".encode("latin-1")
    with pytest.raises(ArticleError, match=r"a\.txt: not UTF-8 text \(invalid byte 0xe9 at offset 1\)"):
        decode_text(data, "a.txt")


def test_utf8_arabic_with_a_few_damaged_bytes_is_read_and_the_damage_named(
    data_dir: Path, caplog: pytest.LogCaptureFixture
) -> None:
    text = (data_dir / "articles/text/yemen_taiz.txt").read_text(encoding="utf-8")
    data = bytearray(text.encode("utf-8"))
    offset = text.encode("utf-8").index(b" ", 400) + 1  # the first byte of a letter
    data[offset] = 0xFF

    decoded = decode_text(bytes(data), "taiz.txt")

    assert decoded.splitlines()[0] == text.splitlines()[0]
    assert decoded.count("\ufffd") == 2  # the bad byte, and the letter it cut
    assert f"taiz.txt: 2 bytes are not UTF-8 (the first at offset {offset})" in caplog.text


def test_a_latin1_text_is_not_read_as_damaged_utf8() -> None:
    data = ("The café's résumé. " * 40).encode("latin-1")
    with pytest.raises(ArticleError, match="not UTF-8 text"):
        decode_text(data, "a.txt")


def test_large_file_is_refused_before_reading(tmp_path: Path) -> None:
    path = tmp_path / "huge.txt"
    with path.open("wb") as handle:
        handle.write(b"x" * 50_000_000)
    with pytest.raises(
        ArticleError,
        match=re.escape("huge.txt: file is too large (50.0 MB, more than [ingest] max_bytes = 10.0 MB)"),
    ):
        read_bytes(path, 10_000_000)


def test_missing_file_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(ArticleError, match="cannot read"):
        read_bytes(tmp_path / "gone.txt", 1000)


def test_a_page_saved_as_txt_is_read_as_a_page_not_as_markup(data_dir: Path) -> None:
    [article] = read_article_file(data_dir / "exports/page_saved_as.txt", 100_000)
    assert isinstance(article, Article)
    assert article.title == "افتتاح مستشفى جديد في جازان"
    assert all("<" not in section.text for section in article.sections)


def test_a_feed_saved_as_txt_is_read_as_a_feed(tmp_path: Path, data_dir: Path) -> None:
    path = tmp_path / "feed.txt"
    path.write_bytes((data_dir / "articles/feeds/news.rss").read_bytes())
    parsed = read_article_file(path, 100_000)
    feed = read_article_file(data_dir / "articles/feeds/news.rss", 100_000)
    assert (
        [a.title for a in parsed if isinstance(a, Article)]
        == [a.title for a in feed if isinstance(a, Article)]
        != []
    )


@pytest.mark.parametrize("opening", ["<html>", "<rss>", "<!DOCTYPE html>", "<?xml"])
def test_an_article_whose_title_opens_with_markup_stays_an_article(tmp_path: Path, opening: str) -> None:
    path = tmp_path / "web.txt"
    path.write_text(f"{opening} وسم يثير الجدل في مواقع التواصل\n{ARTICLE}", encoding="utf-8")
    [article] = read_article_file(path, 100_000)
    assert isinstance(article, Article)
    assert article.title == f"{opening} وسم يثير الجدل في مواقع التواصل"


def test_a_page_saved_with_a_comment_before_its_markup_is_read_as_a_page(
    tmp_path: Path, data_dir: Path
) -> None:
    path = tmp_path / "page.txt"
    page = (data_dir / "exports/page_saved_as.txt").read_bytes()
    path.write_bytes(b"<!-- saved from url=(0014)about:internet -->\n" + page)
    [article] = read_article_file(path, 100_000)
    assert isinstance(article, Article)
    assert article.title == "افتتاح مستشفى جديد في جازان"


def test_a_page_saved_as_utf16_txt_is_read_as_a_page(tmp_path: Path, data_dir: Path) -> None:
    path = tmp_path / "page.txt"
    page = (data_dir / "exports/page_saved_as.txt").read_text(encoding="utf-8")
    path.write_bytes(codecs.BOM_UTF16_LE + page.encode("utf-16-le"))
    [article] = read_article_file(path, 100_000)
    assert isinstance(article, Article)
    assert article.title == "افتتاح مستشفى جديد في جازان"


@pytest.mark.parametrize("layout", ["list", "lines"])
def test_records_saved_as_txt_are_read_as_records(tmp_path: Path, layout: str) -> None:
    records = [{"title": f"خبر رقم {n} عن حمص", "body": "فقرة عن الأحداث في حمص اليوم."} for n in (1, 2)]
    lines = [json.dumps(record, ensure_ascii=False) for record in records]
    path = tmp_path / "export.txt"
    path.write_text("[" + ",".join(lines) + "]" if layout == "list" else "\n".join(lines), encoding="utf-8")
    assert [a.title for a in read_article_file(path, 100_000) if isinstance(a, Article)] == [
        "خبر رقم 1 عن حمص",
        "خبر رقم 2 عن حمص",
    ]


@pytest.mark.parametrize("opening", ["[فيديو]", "{عاجل}", "{"])
def test_an_article_whose_title_opens_with_a_bracket_stays_an_article(tmp_path: Path, opening: str) -> None:
    path = tmp_path / "news.txt"
    path.write_text(f"{opening} عنوان الخبر هنا\n{ARTICLE}", encoding="utf-8")
    [article] = read_article_file(path, 100_000)
    assert isinstance(article, Article)
    assert article.title == f"{opening} عنوان الخبر هنا"


@pytest.mark.parametrize("cut", [40, 120])
def test_records_saved_as_txt_and_cut_short_are_refused_as_invalid_json(tmp_path: Path, cut: int) -> None:
    records = [{"title": f"خبر رقم {n} عن حمص", "body": "فقرة عن الأحداث في حمص اليوم."} for n in (1, 2)]
    path = tmp_path / "export.txt"
    path.write_text(json.dumps(records, ensure_ascii=False, indent=2)[:cut], encoding="utf-8")
    [error] = read_article_file(path, 100_000)
    assert isinstance(error, ArticleError)
    assert str(error).startswith(f"{path}: invalid JSON at line ")


def test_unsupported_suffix_is_rejected(tmp_path: Path) -> None:
    path = tmp_path / "article.docx"
    path.write_text("نص")
    [error] = read_article_file(path, 1000)
    assert "unsupported file type '.docx'" in str(error)


def test_fixture_articles_have_source_author_and_headed_sections(data_dir: Path) -> None:
    [article] = read_article_file(data_dir / "articles/text/lebanon_tripoli.txt", 100_000)
    assert not isinstance(article, ArticleError)
    assert (article.source, article.author) == ("الوكالة الوطنية للإعلام", "مكتب الشمال")
    assert [s.heading for s in article.sections] == [
        None,
        "الحكومة تعد بحلول عاجلة",
        "بعلبك والبقاع: أزمة مياه تتفاقم",
    ]
    assert "الليرة" not in article.sections[-1].text


def test_a_stray_nul_is_removed_with_a_warning_naming_the_file(
    data_dir: Path, caplog: pytest.LogCaptureFixture
) -> None:
    path = data_dir / "encodings/stray_nul.txt"  # a NUL after the headline, the rest UTF-8 text
    [article] = read_article_file(path, 10_000)
    assert isinstance(article, Article)
    assert article.title == "عنوان عن حلب"
    [warning] = [r.getMessage() for r in caplog.records if r.levelname == "WARNING"]
    assert warning == f"{path}: removed 1 control byte(s) that are no text (the first, 0x00, at character 12)"


def test_stray_control_bytes_without_a_nul_are_removed_too() -> None:
    assert decode_text("عنوان\x07 عن حلب\nمصدر\nنص".encode(), "a.txt") == "عنوان عن حلب\nمصدر\nنص"


def test_zip_bytes_are_still_binary(tmp_path: Path) -> None:
    archive = tmp_path / "news.zip"
    with zipfile.ZipFile(archive, "w") as zipped:
        zipped.writestr("a.txt", ARTICLE)
    with pytest.raises(ArticleError, match="binary file, not text"):
        decode_text(archive.read_bytes(), "a.txt")


def test_a_pdf_with_nuls_is_still_binary() -> None:
    data = b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Length 5 >>\nstream\n\x00\x00\x10\x00\x00\nendstream\n"
    with pytest.raises(ArticleError, match="binary file, not text"):
        decode_text(data, "a.txt")


def test_short_utf16_without_a_mark_is_read_by_its_pairs_reading_as_arabic() -> None:
    # Too short for its NULs alone to tell UTF-16 (see wide_encoding): its pairs read as Arabic text.
    assert decode_text("حلب\nنص".encode("utf-16-le"), "a.txt") == "حلب\nنص"


def test_a_short_utf16_article_without_a_mark_is_read(data_dir: Path) -> None:
    [article] = read_article_file(data_dir / "encodings/utf16le_no_bom_short.txt", 10_000)
    assert isinstance(article, Article)
    assert article.title == "سيول في جدة"


def test_utf16_without_a_mark_cut_by_a_byte_is_refused_saying_what_it_is(data_dir: Path) -> None:
    path = data_dir / "encodings/utf16be_no_bom_cut_by_a_byte.txt"
    [error] = read_article_file(path, 10_000)
    assert str(error) == (
        f"{path}: UTF-16-BE text without a byte-order mark, cut short (an odd number of bytes); "
        "save it again as UTF-8"
    )


def test_text_whose_nuls_are_many_is_binary() -> None:
    data = ("عنوان عن حلب\n" + "نص\x00" * 10).encode()
    with pytest.raises(ArticleError, match="binary file, not text"):
        decode_text(data, "a.txt")


def test_a_bidi_embedding_from_a_source_page_leaves_the_text_and_its_marks_stay(data_dir: Path) -> None:
    text = (data_dir / "layouts/bidi_embedding_lead.txt").read_text(encoding="utf-8")
    article = parse_text(text, "bidi.txt")
    shown = "\n".join(s.text for s in article.sections)
    assert not re.search("[\u202a-\u202e\u2066-\u2069]", shown)
    assert "\u200f(8:20)\u200f" in shown  # right-to-left marks only affect their neighbours: they stay


def test_an_article_read_again_without_the_embedding_keeps_its_content_hash(data_dir: Path) -> None:
    # The stored identity folds every bidi control (nashra.arabic.normalize), so an article stored
    # before the controls were removed at the cut is the same story, not an update, when read again.
    text = (data_dir / "layouts/bidi_embedding_lead.txt").read_text(encoding="utf-8")
    with_control = parse_text(text, "a.txt")
    with_control.sections[0].text = "\u202b" + with_control.sections[0].text  # as stored before
    assert content_hash(with_control) == content_hash(parse_text(text, "a.txt"))


def test_a_utf8_file_cut_inside_its_last_character_keeps_its_text_without_a_replacement_character(
    data_dir: Path, caplog: pytest.LogCaptureFixture
) -> None:
    path = data_dir / "encodings/utf8_cut_inside_a_character.txt"
    text = decode_text(path.read_bytes(), str(path))
    assert text.endswith("في ا")
    assert f"{path}: ends inside a character (cut short?)" in caplog.text
