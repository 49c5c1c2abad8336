"""``nashra doctor``: each check says what is wrong and how to fix it, and never prints the token."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from nashra.cli import main
from nashra.config import TOKEN_ENV, parse_config
from nashra.doctor import check_config, check_database, check_model, diagnose, render
from nashra.sandbox.server import SandboxBotAPI
from nashra.storage import Database

TOKEN = "7012345678:AAHk3x_Example-Token-For-Tests-0123456"
OTHER_TOKEN = "7012345678:AAHk3x_Different-Token-For-Test-98765"


@pytest.fixture(autouse=True)
def no_token(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.delenv(TOKEN_ENV, raising=False)
    monkeypatch.delenv("NASHRA_CONFIG", raising=False)
    monkeypatch.chdir(tmp_path)


def test_invalid_config_is_reported_with_the_key_named(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    config = tmp_path / "bad.toml"
    config.write_text('[telegram]\nadmins = ["@me"]\n', encoding="utf-8")

    status = main(["--config", str(config), "doctor"])

    assert status == 1
    assert "✗ config: telegram.admins[0] must be an integer" in capsys.readouterr().out


def test_unknown_key_is_reported(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    config = tmp_path / "typo.toml"
    config.write_text('[schedule]\ndigest_time = ["08:00"]\n', encoding="utf-8")

    status = main(["--config", str(config), "doctor"])

    assert status == 1
    assert "✗ config: unknown key 'digest_time' in [schedule]" in capsys.readouterr().out


def test_a_config_file_that_does_not_exist_is_to_be_created_not_edited(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    status = main(["--config", str(tmp_path / "absent.toml"), "doctor"])

    assert status == 1
    out = capsys.readouterr().out
    assert f"    fix: copy config.example.toml to {tmp_path / 'absent.toml'} and edit it" in out


def test_every_config_problem_is_reported_and_the_other_checks_still_run(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    config = tmp_path / "bad.toml"
    config.write_text(
        '[schedule]\ntimezone = "Damascus"\ndigest_times = ["25:00"]\n[ingest]\nmax_bytes = 0\n',
        encoding="utf-8",
    )

    status = main(["--config", str(config), "doctor", "--db", str(tmp_path / "n.db")])

    out = capsys.readouterr().out
    assert status == 1
    assert "schedule.timezone 'Damascus' is not a known time zone; did you mean 'Asia/Damascus'?" in out
    assert "schedule.digest_times[0] must be a 24-hour time" in out
    assert "ingest.max_bytes must be greater than 0, not 0" in out
    assert "✓ database" in out and "✓ summarizer" in out and "✗ token" in out
    assert "4 problem(s) to fix" in out


def test_a_config_refused_for_a_combination_of_options_is_not_also_called_valid() -> None:
    config = parse_config({"telegram": {"mode": "webhook"}})

    verdicts = [(check.verdict, check.found) for check in check_config(config) if check.name == "config"]

    assert ("fail", "telegram.mode is webhook but telegram.webhook_url is ''") in verdicts
    assert not any(verdict == "ok" for verdict, _ in verdicts)


def test_a_bad_webhook_address_is_reported_once(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    config = tmp_path / "nashra.toml"
    config.write_text('[telegram]\nmode = "webhook"\nwebhook_url = 5\n', encoding="utf-8")

    main(["--config", str(config), "doctor"])

    out = capsys.readouterr().out
    assert "telegram.webhook_url must be a string, not int 5" in out
    assert "webhook_url is ''" not in out


def test_missing_token_is_a_problem_with_the_fix(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    status = main(["doctor", "--db", str(tmp_path / "nashra.db")])

    out = capsys.readouterr().out
    assert status == 1
    assert f"✗ token: {TOKEN_ENV} is not set" in out
    assert "@BotFather" in out
    assert "✓ summarizer: no model configured" in out
    assert not (tmp_path / "nashra.db").exists(), "the doctor must not create the database"


def test_malformed_token_is_reported_without_printing_it(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv(TOKEN_ENV, "not-a-token-secret-value")

    status = main(["doctor", "--db", str(tmp_path / "nashra.db")])

    out = capsys.readouterr()
    assert status == 1
    assert "does not look like a bot token" in out.out
    assert "not-a-token-secret-value" not in out.out + out.err


async def test_working_token_names_the_bot(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv(TOKEN_ENV, TOKEN)
    async with SandboxBotAPI(token=TOKEN) as api:
        config = parse_config({"telegram": {"base_url": api.base_url, "admins": [42]}})
        checks = await diagnose(config, db_path=str(tmp_path / "nashra.db"))

    report = render(checks, TOKEN)
    assert [c.verdict for c in checks] == ["ok", "ok", "ok", "ok"]
    assert "✓ token: works: the bot is @nashra_sandbox_bot" in report
    assert report.endswith("Ready for `nashra run`.")
    assert TOKEN not in report


async def test_rejected_token_is_reported_without_printing_it(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv(TOKEN_ENV, TOKEN)
    async with SandboxBotAPI(token=OTHER_TOKEN) as api:
        config = parse_config({"telegram": {"base_url": api.base_url}})
        checks = await diagnose(config, db_path=str(tmp_path / "nashra.db"))

    token_check = checks[-1]
    report = render(checks, TOKEN)
    assert token_check.verdict == "fail"
    assert "rejected the token (401" in token_check.found
    assert TOKEN not in report
    assert TOKEN.split(":")[1] not in report


async def test_unreachable_bot_api_is_reported_clearly(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv(TOKEN_ENV, TOKEN)
    with socket_bound_and_closed() as port:
        config = parse_config({"telegram": {"base_url": f"http://127.0.0.1:{port}/bot"}})
        checks = await diagnose(config, db_path=str(tmp_path / "nashra.db"), timeout_s=2.0)

    token_check = checks[-1]
    assert token_check.verdict == "fail"
    assert token_check.found.startswith(f"cannot reach http://127.0.0.1:{port}")
    assert "network" in token_check.fix
    assert TOKEN not in render(checks, TOKEN)


async def test_existing_database_is_checked_without_changing_it(tmp_path: Path) -> None:
    path = tmp_path / "nashra.db"
    db = await Database.open(path)
    await db.close()
    before = path.read_bytes()

    check = await check_database(str(path))

    assert check.verdict == "ok"
    assert "integrity ok" in check.found
    assert path.read_bytes() == before


async def test_file_that_is_not_a_database_fails(tmp_path: Path) -> None:
    path = tmp_path / "nashra.db"
    path.write_text("these are notes, not a database\n" * 200, encoding="utf-8")

    check = await check_database(str(path))

    assert check.verdict == "fail"
    assert check.fix


async def test_database_of_another_program_fails(tmp_path: Path) -> None:
    path = tmp_path / "other.db"
    with sqlite3.connect(path) as conn:
        conn.execute("CREATE TABLE notes (body TEXT)")

    check = await check_database(str(path))

    assert check.verdict == "fail"
    assert "another program" in check.found


async def test_database_of_another_program_keeps_its_journal_mode(tmp_path: Path) -> None:
    path = tmp_path / "other.db"
    with sqlite3.connect(path) as conn:
        conn.execute("CREATE TABLE notes (body TEXT)")
    conn.close()

    await check_database(str(path))

    with sqlite3.connect(path) as conn:
        assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "delete"
    conn.close()


async def test_database_newer_than_this_nashra_fails(tmp_path: Path) -> None:
    path = tmp_path / "nashra.db"
    db = await Database.open(path)
    async with db.transaction() as conn:
        await conn.execute(
            "INSERT INTO schema_migrations (version, name, applied_at) VALUES (9999, '9999_future.sql', 'x')"
        )
    await db.close()

    check = await check_database(str(path))

    assert check.verdict == "fail"
    assert "upgrade Nashra" in check.fix


async def test_database_in_a_missing_folder_fails(tmp_path: Path) -> None:
    check = await check_database(str(tmp_path / "absent" / "nashra.db"))

    assert check.verdict == "fail"
    assert "does not exist" in check.found


def test_model_folder_that_does_not_exist_fails(tmp_path: Path) -> None:
    config = parse_config({"summarizer": {"model": str(tmp_path / "models" / "mt5")}})

    check = check_model(config)

    assert check.verdict == "fail"
    assert "does not exist" in check.found
    assert "Summarization models offline" in check.fix


def test_model_folder_without_a_model_fails_with_what_it_needs(tmp_path: Path) -> None:
    folder = tmp_path / "empty-model"
    folder.mkdir()
    config = parse_config({"summarizer": {"model": str(folder)}})

    check = check_model(config)

    assert check.verdict == "fail"
    assert str(folder) in check.found
    assert "config.json" in check.fix


def test_a_model_that_loads_then_fails_on_its_test_paragraph_fails_with_the_reason(
    clause_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The bot leaves the backlog pending for such a model: it is no model that merely writes badly.
    from summarizer.service import Summarizer

    def failing(*args: object, **kwargs: object) -> None:
        raise RuntimeError("the model's device is gone")

    monkeypatch.setattr(Summarizer, "_generate", failing)
    config = parse_config({"summarizer": {"model": str(clause_dir), "device": "cpu"}})

    check = check_model(config)

    assert check.verdict == "fail"
    assert "the model's device is gone" in check.found
    assert "Arabic" not in check.fix


class socket_bound_and_closed:
    """A local port that nothing listens on (bound, then released)."""

    def __enter__(self) -> int:
        import socket

        with socket.socket() as sock:
            sock.bind(("127.0.0.1", 0))
            return int(sock.getsockname()[1])

    def __exit__(self, *exc: object) -> None:
        return None


async def test_a_token_too_short_to_register_is_masked_in_the_path_a_server_echoes(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    # "abc" is shorter than any secret the logs register: only the /bot<TOKEN>/ path rule hides it.
    monkeypatch.setenv(TOKEN_ENV, "abc")
    async with SandboxBotAPI(token=OTHER_TOKEN) as api:
        config = parse_config({"telegram": {"base_url": api.base_url}})
        checks = await diagnose(config, db_path=str(tmp_path / "nashra.db"))

    report = render(checks, "abc")
    assert checks[-1].verdict == "fail"
    assert "/botabc" not in report
