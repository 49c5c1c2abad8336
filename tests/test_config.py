"""The configuration: documented defaults, and clear errors for unknown keys and wrong types."""

from __future__ import annotations

import dataclasses
import re
import tomllib
from pathlib import Path

import pytest

from nashra.config import Config, ConfigError, load_config, parse_config

EXAMPLE = Path(__file__).resolve().parent.parent / "config.example.toml"


def _option_paths(cls: type, prefix: str = "") -> set[str]:
    paths = set()
    for field in dataclasses.fields(cls):
        if field.name == "source":
            continue
        default = field.default_factory() if field.default_factory is not dataclasses.MISSING else None
        if dataclasses.is_dataclass(default):
            paths |= _option_paths(type(default), f"{prefix}{field.name}.")
        else:
            paths.add(prefix + field.name)
    return paths


def _toml_paths(table: dict, prefix: str = "") -> set[str]:
    paths = set()
    for key, value in table.items():
        if isinstance(value, dict):
            paths |= _toml_paths(value, f"{prefix}{key}.")
        else:
            paths.add(prefix + key)
    return paths


def _commented_paths(text: str) -> set[str]:
    """Options shown commented out (``# name = value``): those left unset by default."""
    paths, table = set(), ""
    for line in text.splitlines():
        if header := re.fullmatch(r"\[([a-z_.]+)\]", line.strip()):
            table = header.group(1) + "."
        elif option := re.fullmatch(r"# ([a-z_]+) = .+", line.strip()):
            paths.add(table + option.group(1))
    return paths


def test_example_documents_every_option() -> None:
    text = EXAMPLE.read_text(encoding="utf-8")
    documented = _toml_paths(tomllib.loads(text)) | _commented_paths(text)
    assert documented == _option_paths(Config)


def test_example_shows_the_defaults() -> None:
    example = load_config(EXAMPLE)
    example.source = None
    assert example == Config()


def test_unknown_key_is_named() -> None:
    with pytest.raises(ConfigError, match=re.escape("unknown key 'digest_time' in [schedule]")):
        parse_config({"schedule": {"digest_time": "08:00"}})


def test_wrong_type_is_named() -> None:
    with pytest.raises(ConfigError, match=re.escape("delivery.global_per_second must be a number")):
        parse_config({"delivery": {"global_per_second": "fast"}})


def test_admin_usernames_are_refused() -> None:
    with pytest.raises(ConfigError, match=re.escape("telegram.admins[0] must be an integer")):
        parse_config({"telegram": {"admins": ["@editor"]}})


def test_bad_digest_time_is_refused() -> None:
    with pytest.raises(ConfigError, match="HH:MM"):
        parse_config({"schedule": {"digest_times": ["8am"]}})


def test_unknown_time_zone_is_refused() -> None:
    with pytest.raises(ConfigError, match="time zone"):
        parse_config({"schedule": {"timezone": "Mars/Olympus"}})


def test_invalid_toml_names_the_file(tmp_path: Path) -> None:
    bad = tmp_path / "nashra.toml"
    bad.write_text("[telegram\nadmins = [1]", encoding="utf-8")
    with pytest.raises(ConfigError, match="not valid TOML"):
        load_config(bad)


def test_a_utf16_file_is_named_as_such_with_the_encoding_to_save_it_in(tmp_path: Path) -> None:
    notepad = tmp_path / "nashra.toml"
    notepad.write_text("[telegram]\nadmins = [1]\n", encoding="utf-16")
    with pytest.raises(ConfigError, match=r"it is UTF-16 text; save it as UTF-8$"):
        load_config(notepad)


def test_missing_file_is_an_error(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="does not exist"):
        load_config(tmp_path / "absent.toml")


def test_token_comes_from_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("NASHRA_TELEGRAM_TOKEN", " 123:abc ")
    assert Config().token() == "123:abc"


@pytest.mark.parametrize(
    ("section", "key", "value"),
    [
        ("delivery", "max_in_flight", 0),
        ("ingest", "http_timeout_s", 0.0),
        ("summarizer", "timeout_s", -1.0),
        ("schedule", "summarize_every_seconds", 0),
    ],
)
def test_zero_where_zero_cannot_work_is_refused(section: str, key: str, value: float) -> None:
    with pytest.raises(ConfigError, match=re.escape(f"{section}.{key} must be greater than 0")):
        parse_config({section: {key: value}})


def test_negative_model_threads_are_refused() -> None:
    with pytest.raises(ConfigError, match=re.escape("summarizer.threads must not be negative")):
        parse_config({"summarizer": {"threads": -2}})


def test_webhook_port_out_of_range_is_refused() -> None:
    with pytest.raises(ConfigError, match=re.escape("telegram.webhook_port must be a port number")):
        parse_config({"telegram": {"webhook_port": 70000}})


def test_feed_that_is_not_an_http_url_is_refused() -> None:
    with pytest.raises(ConfigError, match=re.escape("ingest.feeds[1] must be an http:// or https:// URL")):
        parse_config({"ingest": {"feeds": ["https://example.org/rss", "example.org/rss"]}})


@pytest.mark.parametrize("value", [0, 3501])
def test_input_limit_that_would_break_alerts_is_refused(value: int) -> None:
    with pytest.raises(ConfigError, match=re.escape("telegram.max_input_chars must be between 1 and 3500")):
        parse_config({"telegram": {"max_input_chars": value}})


def test_input_limit_at_the_ceiling_is_accepted() -> None:
    assert parse_config({"telegram": {"max_input_chars": 3500}}).telegram.max_input_chars == 3500


@pytest.mark.parametrize("level", ["info", "Info", "INFO", " debug "])
def test_level_names_are_read_in_any_case(level: str) -> None:
    assert parse_config({"logging": {"level": level}}).logging.level == level.strip().upper()


def test_choices_are_stored_as_documented() -> None:
    config = parse_config({"telegram": {"mode": "Polling"}, "summarizer": {"device": "CPU"}})
    assert (config.telegram.mode, config.summarizer.device) == ("polling", "cpu")


def test_digest_times_are_read_as_the_bot_reads_them() -> None:
    times = parse_config(
        {"schedule": {"digest_times": ["8:00", "07:30", "٩:١٥", "21.45"]}}
    ).schedule.digest_times
    assert times == ["08:00", "07:30", "09:15", "21:45"]


def test_no_digest_time_at_all_is_refused() -> None:
    with pytest.raises(ConfigError, match=re.escape("schedule.digest_times must list at least one item")):
        parse_config({"schedule": {"digest_times": []}})


@pytest.mark.parametrize("address", ["https://", "https://bot example.org/x", "http://bot.example.org/x"])
def test_a_webhook_address_telegram_could_not_call_is_refused(address: str) -> None:
    refusal = re.escape("telegram.webhook_url must be the public https:// address")
    with pytest.raises(ConfigError, match=refusal):
        parse_config({"telegram": {"webhook_url": address}})


def test_a_webhook_address_is_read_whatever_the_case_of_its_scheme() -> None:
    config = parse_config({"telegram": {"webhook_url": "HTTPS://bot.example.org/telegram"}})
    assert config.telegram.webhook_url == "HTTPS://bot.example.org/telegram"


def test_unknown_time_zone_error_gives_an_example() -> None:
    with pytest.raises(ConfigError, match=re.escape("did you mean 'Asia/Damascus'?")):
        parse_config({"schedule": {"timezone": "Damascus"}})
    with pytest.raises(ConfigError, match=re.escape("such as 'Asia/Damascus'")):
        parse_config({"schedule": {"timezone": "Mars/Olympus"}})


def test_time_zone_case_is_forgiven() -> None:
    assert parse_config({"schedule": {"timezone": "asia/riyadh"}}).schedule.timezone == "Asia/Riyadh"


def test_every_problem_is_reported_at_once() -> None:
    with pytest.raises(ConfigError) as caught:
        parse_config(
            {
                "telegram": {"admins": [1, "@me"], "webhook_port": 0},
                "schedule": {"digest_times": ["8am"], "timezon": "UTC"},
                "logging": {"level": "loud"},
            }
        )
    problems = caught.value.problems
    assert len(problems) == 5
    assert any(p.startswith("unknown key 'timezon' in [schedule] (did you mean timezone?)") for p in problems)
    assert "logging.level must be one of DEBUG, INFO, WARNING, ERROR, not 'loud'" in problems


def test_every_default_satisfies_its_own_rule() -> None:
    assert parse_config({}) == Config()


def test_channel_without_regions_is_refused() -> None:
    with pytest.raises(
        ConfigError, match=re.escape("channels[0].regions must name at least one region code")
    ):
        parse_config({"channels": [{"chat_id": -1001}]})


def test_channel_region_codes_are_checked_and_upper_cased() -> None:
    config = parse_config({"channels": [{"chat_id": -1001, "regions": ["sy-dr"]}]})
    assert config.channels[0].regions == ["SY-DR"]
    with pytest.raises(ConfigError, match=re.escape("channels[0].regions[0] must be a known region code")):
        parse_config({"channels": [{"chat_id": -1001, "regions": ["XX-YY"]}]})


def test_a_channel_without_its_id_is_refused_as_naming_no_channel_not_as_id_0() -> None:
    # It was "channels[0].chat_id must be a channel's numeric id (negative, -100...), not 0".
    with pytest.raises(ConfigError) as caught:
        parse_config({"channels": [{"regions": ["SY-DR"]}]})
    assert caught.value.problems == [
        "channels[0] names no channel: give its chat_id, the channel's numeric id (negative, -100...)"
    ]


def test_a_channel_listed_twice_is_refused() -> None:
    channel = {"chat_id": -1001, "regions": ["SY"]}
    with pytest.raises(ConfigError, match="listed twice"):
        parse_config({"channels": [channel, channel]})


def test_a_file_starting_with_a_byte_order_mark_is_read(tmp_path: Path) -> None:
    saved_by_notepad = tmp_path / "nashra.toml"
    saved_by_notepad.write_bytes('\ufeff[logging]\nlevel = "debug"\n'.encode())

    assert load_config(saved_by_notepad).logging.level == "DEBUG"


def test_an_empty_config_variable_names_no_file(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("NASHRA_CONFIG", "")

    assert load_config() == Config()


def test_a_folder_given_as_config_file_is_one_plain_sentence(tmp_path: Path) -> None:
    with pytest.raises(ConfigError) as error:
        load_config(tmp_path)

    assert error.value.problems == [f"config file {tmp_path} is a folder, not a file"]


@pytest.mark.parametrize("value", [float("nan"), float("inf"), float("-inf")])
def test_numbers_that_are_not_finite_are_refused(value: float) -> None:
    with pytest.raises(ConfigError, match=r"delivery\.per_chat_per_second must be a finite number"):
        parse_config({"delivery": {"per_chat_per_second": value}})


@pytest.mark.parametrize(
    ("section", "key"),
    [
        ("delivery", "max_age_days"),
        ("delivery", "first_digest_hours"),
        ("schedule", "misfire_grace_minutes"),
        ("schedule", "ingest_every_minutes"),
        ("schedule", "summarize_every_seconds"),
        ("summarizer", "timeout_s"),
        ("ingest", "http_timeout_s"),
    ],
)
def test_time_spans_too_long_for_the_clock_arithmetic_are_refused(section: str, key: str) -> None:
    with pytest.raises(ConfigError, match=re.escape(f"{section}.{key} must be ") + "(at most|between)"):
        parse_config({section: {key: 9_223_372_036_854_775_807}})


@pytest.mark.parametrize("value", [0, 0.5, 1.9])
def test_keep_days_too_short_for_a_chats_last_digest_is_refused(value: float) -> None:
    # A chat's last sent digest is read until its next one is sent: a day apart, and sent within a day.
    with pytest.raises(ConfigError, match=re.escape("delivery.keep_days must be between 2 and 3660")):
        parse_config({"delivery": {"keep_days": value}})


def test_keep_days_at_the_floor_is_accepted() -> None:
    assert parse_config({"delivery": {"keep_days": 2}}).delivery.keep_days == 2.0


def test_an_article_size_bound_sqlite_could_never_store_is_refused() -> None:
    with pytest.raises(
        ConfigError, match=re.escape("ingest.max_bytes must be at most 1e+09, not 10000000000")
    ):
        parse_config({"ingest": {"max_bytes": 10_000_000_000}})


def test_an_archive_size_bound_beyond_any_memory_is_refused() -> None:
    """A digit group too many: read whole, the archive would fail as a MemoryError or OverflowError."""
    too_many = 99_999_999_999_999_999_999_999
    with pytest.raises(
        ConfigError, match=re.escape(f"ingest.max_archive_bytes must be at most 1e+10, not {too_many}")
    ):
        parse_config({"ingest": {"max_archive_bytes": too_many}})


def test_an_empty_database_path_is_refused() -> None:
    with pytest.raises(ConfigError, match=re.escape("database.path must be a file path, not empty")):
        parse_config({"database": {"path": ""}})
