"""The bot token never reaches a log line, in text or JSON format, messages or tracebacks."""

from __future__ import annotations

import json
import logging
import os
from pathlib import Path

import pytest

from nashra.logs import mask, one_line, setup_logging

TOKEN = "7012345678:AAH-secret_token_value_abcdefghijklmnop"


@pytest.fixture(autouse=True)
def _restore_logging() -> None:
    root = logging.getLogger()
    handlers, level = root.handlers[:], root.level
    yield
    root.handlers[:] = handlers
    root.setLevel(level)


def test_configured_token_is_masked_in_messages(capsys: pytest.CaptureFixture[str]) -> None:
    setup_logging(secrets=["plain-secret"])
    logging.getLogger("test").warning("calling %s with plain-secret", f"https://host/bot{TOKEN}/getMe")
    err = capsys.readouterr().err
    assert TOKEN not in err and "plain-secret" not in err
    assert "***" in err


def test_token_is_masked_in_tracebacks(capsys: pytest.CaptureFixture[str]) -> None:
    setup_logging()
    try:
        raise RuntimeError(f"request to /bot{TOKEN}/sendMessage failed")
    except RuntimeError:
        logging.getLogger("test").exception("send failed")
    assert TOKEN not in capsys.readouterr().err


def test_a_text_log_line_naming_a_file_with_a_line_break_stays_one_line(
    capsys: pytest.CaptureFixture[str],
) -> None:
    setup_logging()
    logging.getLogger("nashra.test").warning("%s: stored without a link", "today/a\nWARNING forged.json")
    lines = capsys.readouterr().err.splitlines()
    assert len(lines) == 1
    assert lines[0].endswith("nashra.test: today/a\\nWARNING forged.json: stored without a link")


def test_a_traceback_in_a_text_log_keeps_its_lines(capsys: pytest.CaptureFixture[str]) -> None:
    setup_logging()
    try:
        raise RuntimeError("boom")
    except RuntimeError:
        logging.getLogger("nashra.test").exception("send failed")
    err = capsys.readouterr().err
    assert "send failed\nTraceback (most recent call last):\n" in err


def test_json_format_writes_one_object_per_line(capsys: pytest.CaptureFixture[str]) -> None:
    setup_logging(json_format=True)
    logging.getLogger("nashra.test").info("تم إرسال %d رسالة", 3)
    line = capsys.readouterr().err.strip().splitlines()[-1]
    record = json.loads(line)
    assert record["message"] == "تم إرسال 3 رسالة" and record["level"] == "INFO"


def test_cli_masks_the_webhook_secret(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    from nashra.cli import main

    monkeypatch.setenv("NASHRA_WEBHOOK_SECRET", "webhook-secret-value")
    monkeypatch.chdir(tmp_path)
    main(["sections", str(tmp_path / "absent.txt")])
    # PTB logs setWebhook's parameters, secret_token included, at DEBUG.
    logging.getLogger("telegram.ext").warning("setWebhook with secret_token=webhook-secret-value")
    assert "webhook-secret-value" not in capsys.readouterr().err


@pytest.mark.parametrize(
    ("text", "masked"),
    [
        (
            "fetch of https://reader:pa55word@feeds.example/rss failed",
            "fetch of https://***@feeds.example/rss failed",
        ),
        ("http://token@feeds.example:8080/rss?a=b@c", "http://***@feeds.example:8080/rss?a=b@c"),
        ("http://us:p@ss@feeds.example/rss", "http://***@feeds.example/rss"),
        (
            "mail ops@feeds.example about https://feeds.example/a@b",
            "mail ops@feeds.example about https://feeds.example/a@b",
        ),
    ],
)
def test_the_user_name_and_password_of_a_link_are_masked(text: str, masked: str) -> None:
    from nashra.logs import mask

    assert mask(text) == masked


@pytest.mark.parametrize(
    ("text", "masked"),
    [
        ("https://feeds.example/rss?apikey=abc123&lang=ar", "https://feeds.example/rss?apikey=***&lang=ar"),
        ("https://feeds.example/rss?access_token=zz#top", "https://feeds.example/rss?access_token=***#top"),
        ("https://s3.example/f?X-Amz-Signature=beef&id=1", "https://s3.example/f?X-Amz-Signature=***&id=1"),
    ],
)
def test_a_secret_named_in_a_links_query_is_masked(text: str, masked: str) -> None:
    from nashra.logs import mask

    assert mask(text) == masked


@pytest.mark.parametrize(
    "text", ["https://feeds.example/rss?keyword=syria&author=me", "the key=value in prose"]
)
def test_query_parameters_that_only_contain_a_secrets_name_are_kept(text: str) -> None:
    from nashra.logs import mask

    assert mask(text) == text


def test_a_link_password_is_masked_in_log_lines(capsys: pytest.CaptureFixture[str]) -> None:
    setup_logging("INFO")
    logging.getLogger("nashra.test").warning("feed %s timed out", "https://reader:pa55word@feeds.example/rss")
    err = capsys.readouterr().err
    assert "pa55word" not in err and "https://***@feeds.example/rss" in err


def test_one_line_writes_line_breaks_and_escape_sequences_as_escapes() -> None:
    assert one_line("a.txt\nrejected b.txt\x1b[2J\tc") == "a.txt\\nrejected b.txt\\x1b[2J\\tc"


def test_one_line_writes_a_right_to_left_override_as_an_escape_so_the_line_reads_as_written() -> None:
    assert one_line("today/\u202etxt.exe: binary file") == "today/\\u202etxt.exe: binary file"


def test_one_line_writes_the_bytes_of_a_name_that_is_not_utf8_as_byte_escapes() -> None:
    name = os.fsdecode(b"today/\xff\xfe.txt")
    assert one_line(name) == "today/\\xff\\xfe.txt"


def test_one_line_keeps_arabic_and_the_right_to_left_mark() -> None:
    assert one_line("أخبار\u200f.txt") == "أخبار\u200f.txt"


@pytest.mark.parametrize(
    ("text", "masked"),
    [
        ("path was /botabc/getMe", "path was /bot***/getMe"),
        (
            "GET https://api.telegram.org/bot12:a%3Ab/sendMessage",
            "GET https://api.telegram.org/bot***/sendMessage",
        ),
        ("GET /file/botX-y_z/photos/1.jpg", "GET /file/bot***/photos/1.jpg"),
        ("check telegram.base_url (it must end in /bot)", "check telegram.base_url (it must end in /bot)"),
    ],
)
def test_whatever_follows_bot_in_a_path_is_masked(text: str, masked: str) -> None:
    assert mask(text) == masked
