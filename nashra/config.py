"""Configuration: a TOML file validated against typed dataclasses, secrets from the environment.

Every option has a default, so Nashra runs without a config file. Unknown keys, wrong types and values
out of range are errors that name the key, because a silently ignored typo in a schedule or an admin
list is worse than refusing to start. Every problem of a file is found in one pass (:class:`ConfigError`
holds them all), so a person fixes them in one go and ``nashra doctor`` can list them beside its other
checks.

What an option accepts is declared beside it with :func:`option`: its type is the annotation, and its
range, choices or parser are the arguments. Adding an option is one line here plus its line in
``config.example.toml`` (a test checks that the example documents every option with its default).
"""

from __future__ import annotations

import codecs
import dataclasses
import difflib
import logging
import math
import os
import re
import tomllib
import types
import typing
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import timedelta
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from nashra.arabic import normalize
from nashra.clock import clock_time, merged_times, time_zone
from nashra.retention import MIN_KEEP

log = logging.getLogger(__name__)

TOKEN_ENV = "NASHRA_TELEGRAM_TOKEN"
CONFIG_ENV = "NASHRA_CONFIG"
WEBHOOK_SECRET_ENV = "NASHRA_WEBHOOK_SECRET"
SECRET_ENVS = (TOKEN_ENV, WEBHOOK_SECRET_ENV)
"""The environment variables that hold secrets: left out of the environment of child processes that do
not talk to Telegram (the model's conversion and translation, summarizer.ct2 and summarizer.ct2_process)."""


def environment_without_secrets() -> dict[str, str]:
    """This process's environment less :data:`SECRET_ENVS`, for a child process."""
    return {name: value for name, value in os.environ.items() if name not in SECRET_ENVS}


# An alert or broadcast is the admin's text under a header, sent as one message; beyond this the
# whole would pass Telegram's 4096-unit limit and fail for every recipient.
MAX_INPUT_CHARS = 3500

# Upper bounds of time spans: beyond them a value means "never" to a person, and makes the scheduler's
# and datetime's arithmetic overflow (a timedelta holds at most 999,999,999 days; asyncio's timers
# C ints).
HOUR_S = 3600
DAY_S = 86_400
YEAR_HOURS = 366 * 24
YEAR_MINUTES = YEAR_HOURS * 60
TEN_YEARS_DAYS = 3660

# Upper bounds of sizes read whole into memory. An article: SQLite stores no string longer than
# 1,000,000,000 bytes (SQLITE_MAX_LENGTH, https://www.sqlite.org/limits.html), so a larger one could
# never be stored. An archive: it takes about 9 times its size in memory while ingested
# (nashra.articles.files), 90 GB at this bound. A larger value is a typo (a digit group too many) and
# would fail only once a file is read, as a MemoryError or an OverflowError.
MAX_ARTICLE_BYTES = 1_000_000_000
MAX_ARCHIVE_BYTES = 10_000_000_000
# Upper bounds of what one zip may hold (nashra.articles.zipfiles): its members are inflated one at a
# time, so these bound time and the listing's memory, not one read. A terabyte of news text would take
# days to ingest; ten million members take about 6 GB to list (600 bytes each). A larger value is a typo.
MAX_ZIP_BYTES = 1_000_000_000_000
MAX_ZIP_MEMBERS = 10_000_000

# What setWebhook accepts as secret_token: 1-256 characters A-Z, a-z, 0-9, _ and - (Bot API).
WEBHOOK_SECRET_SHAPE = re.compile(r"^[A-Za-z0-9_-]{1,256}$")


class ConfigError(Exception):
    """The configuration is invalid; each of ``problems`` names a key and what is wrong with it."""

    def __init__(self, *problems: str) -> None:
        super().__init__("; ".join(problems))
        self.problems = list(problems)


@dataclass(frozen=True, slots=True)
class Rule:
    """What an option accepts beyond its type. Numbers: ``above`` is exclusive, ``at_least`` and
    ``at_most`` inclusive. ``choices`` match without regard to case and are stored as spelled here.
    ``parse`` (for the value) and ``each`` (for each item of a list) return the value to store or raise
    ValueError with the words that follow the key in the error ("must be …, not …"); ``whole`` turns
    the list of read items into the list stored (items that say the same thing, merged)."""

    choices: tuple[str, ...] = ()
    above: float | None = None
    at_least: float | None = None
    at_most: float | None = None
    parse: Callable[[Any], Any] | None = None
    each: Callable[[Any], Any] | None = None
    whole: Callable[[list[Any]], list[Any]] | None = None


def option(
    default: Any = dataclasses.MISSING,
    *,
    factory: Callable[[], Any] | None = None,
    choices: tuple[str, ...] = (),
    above: float | None = None,
    at_least: float | None = None,
    at_most: float | None = None,
    parse: Callable[[Any], Any] | None = None,
    each: Callable[[Any], Any] | None = None,
    whole: Callable[[list[Any]], list[Any]] | None = None,
) -> Any:
    """A dataclass field carrying its :class:`Rule`; ``factory`` for mutable defaults (lists)."""
    metadata = {"rule": Rule(choices, above, at_least, at_most, parse, each, whole)}
    if factory is not None:
        return field(default_factory=factory, metadata=metadata)
    return field(default=default, metadata=metadata)


def digest_times_once(times: list[str]) -> list[str]:
    """``[schedule] digest_times`` each once (:func:`nashra.clock.merged_times`): ``["08:00", "08:00",
    "20:00"]`` -> ``["08:00", "20:00"]``, one digest at a time listed twice, not two jobs at one minute.
    A time listed again is logged as one warning line naming it, since the file's author may have
    meant another time there ("08:00" for "18:00")."""
    kept, repeated = merged_times(times)
    if repeated:
        log.warning(
            "[schedule] digest_times lists %s more than once; one digest is sent at each time",
            ", ".join(repeated),
        )
    return kept


def listing_some(value: list[Any]) -> list[Any]:
    """A list that must name at least one item (a type error is the option reader's to report)."""
    if isinstance(value, list) and not value:
        raise ValueError("must list at least one item, not []")
    return value


def webhook_address(value: str) -> str:
    """The public address Telegram calls in webhook mode: an https:// URL with a host (Telegram calls
    nothing else, https://core.telegram.org/bots/api#setwebhook), or "" when there is none."""
    if not value:
        return value
    parts = urlsplit(value.strip())
    if parts.scheme.lower() != "https" or not parts.hostname or any(c.isspace() for c in value.strip()):
        raise ValueError(f"must be the public https:// address Telegram should call, not {value!r}")
    return value.strip()


def http_url(value: str) -> str:
    if not re.match(r"^https?://\S+$", value, re.IGNORECASE):
        raise ValueError(f"must be an http:// or https:// URL, not {value!r}")
    return value


def allowed_host(value: str) -> str:
    from nashra.netguard import AddressPolicy  # httpx and friends, only when there is something to check

    try:
        AddressPolicy.from_entries([value])
    except ValueError:
        raise ValueError(
            f"must be a host name, an IP address or a network (feeds.intranet, 10.0.0.5, 10.0.0.0/8), "
            f"not {value!r}"
        ) from None
    return value


def file_path(value: str) -> str:
    """A path that names a file: an empty one is the current folder (``path = ""``, or a value
    templated from an unset variable), which would be refused later as "a folder, not a file"."""
    if not value.strip():
        raise ValueError("must be a file path, not empty")
    return value


def port_number(value: int) -> int:
    if not 0 < value < 65536:
        raise ValueError(f"must be a port number (1-65535), not {value}")
    return value


def telegram_user_id(value: int) -> int:
    if value <= 0:
        raise ValueError(f"must be a numeric Telegram user id (a positive number), not {value}")
    return value


def channel_id(value: int) -> int:
    """A channel's numeric id (negative); 0 is none, which the channel's table says it lacks
    (:func:`_check_together`)."""
    if value > 0:
        raise ValueError(f"must be a channel's numeric id (negative, -100...), not {value}")
    return value


def region_code(value: str) -> str:
    from nashra.regions import get_gazetteer  # the region packages, only when an option names a region

    code = value.strip().upper()
    if not get_gazetteer().is_known(code):
        raise ValueError(f"must be a known region code such as 'SY' or 'SY-DR', not {value!r}")
    return code


def country_code(value: str) -> str:
    """A country code, upper-cased; empty stays empty (the table that needs one says it is missing)."""
    from nashra.regions import get_gazetteer  # the region packages, only when an option names a region

    code = value.strip().upper()
    if code and (not re.fullmatch(r"[A-Z]{2}", code) or not get_gazetteer().is_known(code)):
        raise ValueError(f"must be a country code (ISO 3166-1 alpha-2) such as 'SA', not {value!r}")
    return code


def outlet_name(value: str) -> str:
    if not value.strip():
        raise ValueError("must be an outlet's name, not empty")
    return value


def region_codes(value: list[str]) -> list[str]:
    if not value:
        raise ValueError("must name at least one region code")
    return value


@dataclass
class DatabaseConfig:
    path: str = option("nashra.db", parse=file_path)


@dataclass
class TelegramConfig:
    base_url: str = option("https://api.telegram.org/bot", parse=http_url)
    admins: list[int] = option(factory=list, each=telegram_user_id)
    mode: str = option("polling", choices=("polling", "webhook"))
    # Empty unless mode is webhook (nashra doctor says so when it is).
    webhook_url: str = option("", parse=webhook_address)
    webhook_listen: str = "127.0.0.1"
    webhook_port: int = option(8443, parse=port_number)
    alert_confirm_threshold: int = option(100, at_least=0)
    allow_paid_broadcast: bool = False
    max_input_chars: int = option(1000, at_least=1, at_most=MAX_INPUT_CHARS)
    flood_messages_per_minute: int = option(20, above=0)
    flood_presses_per_minute: int = option(60, above=0)


@dataclass
class GenerationConfig:
    """Generation settings laid over the model's own ``generation_config``; unset ones keep the model's."""

    num_beams: int | None = option(None, above=0)
    min_new_tokens: int | None = option(None, at_least=0)
    max_new_tokens: int = option(64, above=0)
    no_repeat_ngram_size: int | None = option(None, at_least=0)
    length_penalty: float | None = None


@dataclass
class SummarizerConfig:
    model: str = ""
    revision: str = ""
    device: str = option("auto", choices=("auto", "cpu", "cuda", "mps"))
    dtype: str = option("auto", choices=("auto", "float32", "float16", "bfloat16"))
    prefix: str = ""
    max_input_tokens: int = option(512, above=0)
    batch_token_budget: int = option(8192, above=0)
    threads: int = option(0, at_least=0)
    quantize_int8: bool = False
    restrict_vocabulary: bool = False
    # Zero would make every model batch fall back to extractive summaries.
    timeout_s: float = option(300.0, above=0, at_most=DAY_S)
    local_files_only: bool = True
    engine: str = option("transformers", choices=("transformers", "ctranslate2"))
    # Most words in a built-in (extractive) summary: one sentence, shortened at clause boundaries.
    summary_words: int = option(30, above=0)
    generation: GenerationConfig = field(default_factory=GenerationConfig)


@dataclass
class OutletConfig:
    """Outlets of one home country: the bare «المملكة» ("the Kingdom") of their articles is ``country``
    where the text names no kingdom (nashra.articles.outlets). ``feeds`` are feed URLs, ``sources`` the
    outlet names articles give (a JSON record's ``source``, a feed's title, a text file's outlet line),
    compared without regard to case or spacing."""

    country: str = option("", parse=country_code)
    feeds: list[str] = option(factory=list, each=http_url)
    sources: list[str] = option(factory=list, each=outlet_name)


@dataclass
class IngestConfig:
    feeds: list[str] = option(factory=list, each=http_url)
    # The largest article read: a file of one article, one record of a JSON or JSON Lines archive, a
    # feed response (nashra.articles.files says why an archive is bounded per record).
    max_bytes: int = option(10_000_000, above=0, at_most=MAX_ARTICLE_BYTES)
    # The largest JSON or JSON Lines archive read: it is held in memory while read (about 9 times its
    # size at the peak of an ingest), so this bounds the memory one file may take.
    max_archive_bytes: int = option(50_000_000, above=0, at_most=MAX_ARCHIVE_BYTES)
    # The most a zip's article members may inflate to, all together, and the most members a zip may list
    # (nashra.articles.zipfiles says why each figure). A zip past either is refused whole, before a byte
    # of it is inflated.
    max_zip_bytes: int = option(1_000_000_000, above=0, at_most=MAX_ZIP_BYTES)
    max_zip_members: int = option(100_000, above=0, at_most=MAX_ZIP_MEMBERS)
    # Zero would make every feed request time out.
    http_timeout_s: float = option(20.0, above=0, at_most=HOUR_S)
    # Feeds whose entries are teasers: each new entry's link is fetched and its page read instead.
    full_page_feeds: list[str] = option(factory=list, each=http_url)
    # Hosts on the operator's own network that feeds may be fetched from: host names, addresses or
    # networks ("feeds.intranet", "10.0.0.5", "192.168.0.0/16"). Others must be public (nashra.netguard).
    allow_hosts: list[str] = option(factory=list, each=allowed_host)
    # Caps on what one input may store (nashra.articles.limits says what happens past each, and why).
    # Entries read from one feed, fetched or saved as a file: the newest.
    max_entries_per_feed: int = option(200, above=0)
    # A longer title is shortened at a word and ends with "…".
    max_title_chars: int = option(300, above=0)
    # A longer source or author is no name (a paragraph caught in the field) and is left out.
    max_name_chars: int = option(120, above=0)
    # An article's text is kept up to its last whole paragraph within this many characters.
    max_text_chars: int = option(100_000, above=0)
    # The home country of outlets, for a bare «المملكة» their text names no kingdom for.
    outlets: list[OutletConfig] = field(default_factory=list)


@dataclass
class ScheduleConfig:
    timezone: str = option("UTC", parse=time_zone)
    # At least one: a subscriber is told at /start when its digest comes, and with none it never would.
    digest_times: list[str] = option(
        factory=lambda: ["08:00", "20:00"], parse=listing_some, each=clock_time, whole=digest_times_once
    )
    ingest_every_minutes: int = option(30, above=0, at_most=YEAR_MINUTES)
    # Zero would make the summary job spin.
    summarize_every_seconds: int = option(60, above=0, at_most=DAY_S)
    misfire_grace_minutes: int = option(60, at_least=0, at_most=YEAR_MINUTES)


@dataclass
class DeliveryConfig:
    global_per_second: float = option(30.0, above=0)
    per_chat_per_second: float = option(1.0, above=0)
    group_per_minute: float = option(20.0, above=0)
    paid_global_per_second: float = option(1000.0, above=0)
    max_attempts: int = option(5, above=0)
    send_empty_digest: bool = False
    # Zero would make every digest hold nothing.
    max_items_per_digest: int = option(30, above=0)
    # Sends overlapping in time: enough to reach the global rate despite each request's latency. Zero
    # would make sends wait forever for a free slot.
    max_in_flight: int = option(64, above=0)
    # First retry of a network error after about this long, doubling per attempt (up to 5 minutes).
    retry_base_seconds: float = option(2.0, at_least=0)
    # A subscriber's first digest covers this many hours before it.
    first_digest_hours: int = option(24, at_least=0, at_most=YEAR_HOURS)
    # A story published longer ago than this is stored but never owed in a digest: a feed's backlog
    # or an item dated years back is not news (a correction of one goes to the chats sent it). Nor is
    # an alert or broadcast held this long for a chat that paused: /resume drops it unsent
    # (nashra.storage.outbox.owe_held_again).
    max_age_days: float = option(3.0, above=0, at_most=TEN_YEARS_DAYS)
    # A send that timed out, was cut off or got an unreadable answer may have been delivered anyway.
    # true: send it again (it may arrive twice); false: give it up (it may never arrive). docs/delivery.md
    retry_unknown_outcome: bool = True
    # Seconds to wait for Telegram's answer to a send before it counts as timed out (see above).
    request_timeout_s: float = option(10.0, above=0)
    # Messages sent (or given up) are deleted this many days after they were owed, with the digest
    # fragments no digest uses any more; pending ones are kept, and an alert's report keeps its counts.
    # At least MIN_KEEP (2 days): a chat's last digest must stay until its next one is sent.
    keep_days: float = option(30.0, at_least=MIN_KEEP / timedelta(days=1), at_most=TEN_YEARS_DAYS)


@dataclass
class LoggingConfig:
    level: str = option("INFO", choices=("DEBUG", "INFO", "WARNING", "ERROR"))
    format: str = option("text", choices=("text", "json"))


@dataclass
class ChannelConfig:
    """A region channel: the bot posts the digests and alerts of ``regions`` into channel ``chat_id``."""

    chat_id: int = option(0, parse=channel_id)
    regions: list[str] = option(factory=list, parse=region_codes, each=region_code)


@dataclass
class Config:
    database: DatabaseConfig = field(default_factory=DatabaseConfig)
    telegram: TelegramConfig = field(default_factory=TelegramConfig)
    summarizer: SummarizerConfig = field(default_factory=SummarizerConfig)
    ingest: IngestConfig = field(default_factory=IngestConfig)
    schedule: ScheduleConfig = field(default_factory=ScheduleConfig)
    delivery: DeliveryConfig = field(default_factory=DeliveryConfig)
    logging: LoggingConfig = field(default_factory=LoggingConfig)
    channels: list[ChannelConfig] = field(default_factory=list)
    source: Path | None = None

    def token(self) -> str | None:
        """The bot token from the environment; never stored in the config file."""
        value = os.environ.get(TOKEN_ENV, "").strip()
        return value or None

    def webhook_secret(self) -> str | None:
        """The secret Telegram sends with each webhook call, so forged calls are refused."""
        value = os.environ.get(WEBHOOK_SECRET_ENV, "").strip()
        return value or None

    def webhook_secret_problem(self) -> str | None:
        """Why ``NASHRA_WEBHOOK_SECRET`` cannot be used (Telegram's setWebhook would refuse it), or None."""
        secret = self.webhook_secret()
        if secret is None or WEBHOOK_SECRET_SHAPE.match(secret):
            return None
        return (
            f"{WEBHOOK_SECRET_ENV} must be 1-256 characters of A-Z, a-z, 0-9, _ and - (what Telegram accepts)"
        )


def load_config(path: str | Path | None = None) -> Config:
    """Load ``path`` (or $NASHRA_CONFIG, or ./nashra.toml if present), else the defaults.

    Raises :class:`ConfigError` holding every problem found.
    """
    config, problems = load_config_report(path)
    if problems:
        raise ConfigError(*problems)
    return config


def load_config_report(path: str | Path | None = None) -> tuple[Config, list[str]]:
    """The configuration and every problem of it, without raising: each invalid option keeps its
    default, and an unreadable file gives the defaults. For ``nashra doctor``, which reports the
    problems and goes on checking the rest."""
    # An empty $NASHRA_CONFIG (``Environment=NASHRA_CONFIG=`` in a unit file) names no file.
    candidate = path or os.environ.get(CONFIG_ENV, "").strip() or None
    if candidate is None and Path("nashra.toml").is_file():
        candidate = "nashra.toml"
    if candidate is None:
        return Config(), []
    file = Path(candidate).expanduser()
    try:
        # utf-8-sig: editors on Windows (Notepad) start the file with a byte-order mark.
        raw = tomllib.loads(file.read_text(encoding="utf-8-sig"))
    except FileNotFoundError:
        problem = f"config file {file} does not exist"
    except IsADirectoryError:
        problem = f"config file {file} is a folder, not a file"
    except OSError as exc:
        problem = f"cannot read config file {file}: {exc.strerror or exc}"
    except UnicodeDecodeError as exc:
        problem = f"cannot read config file {file}: it is not UTF-8 text (byte {exc.start})"
        if exc.object[:2] in (codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE):
            # TOML is UTF-8 only; Notepad's "Unicode" is UTF-16, and its user needs to know which to pick.
            problem = f"cannot read config file {file}: it is UTF-16 text; save it as UTF-8"
    except tomllib.TOMLDecodeError as exc:
        problem = f"config file {file} is not valid TOML: {exc}"
    else:
        config, problems = parse_config_report(raw)
        config.source = file
        return config, problems
    config = Config()
    config.source = file
    return config, [problem]


def parse_config(raw: dict[str, Any]) -> Config:
    """The configuration of a parsed TOML document; raises :class:`ConfigError` holding every problem."""
    config, problems = parse_config_report(raw)
    if problems:
        raise ConfigError(*problems)
    return config


def parse_config_report(raw: dict[str, Any]) -> tuple[Config, list[str]]:
    problems: list[str] = []
    config = _build(Config, raw, "", problems)
    if config is None:
        config = Config()
    _check_together(config, problems)
    return config, problems


def _build(cls: type, raw: Any, where: str, problems: list[str]) -> Any:
    """An instance of ``cls`` from the table ``raw``; None when the table itself is unusable.

    A bad option adds a problem and keeps its default.
    """
    if not isinstance(raw, dict):
        problems.append(f"[{where}] must be a table, not {_describe(raw)}")
        return None
    hints = typing.get_type_hints(cls)
    fields = {f.name: f for f in dataclasses.fields(cls) if f.name != "source"}
    place = f"[{where}]" if where else "the top level"
    for name in sorted(set(raw) - set(fields)):
        close = difflib.get_close_matches(name, list(fields), n=1)
        hint = f" (did you mean {close[0]}?)" if close else ""
        problems.append(f"unknown key {name!r} in {place}{hint}; known keys: {', '.join(sorted(fields))}")
    values = {}
    for name, spec in fields.items():
        key = f"{where}.{name}" if where else name
        if name in raw:
            value = _coerce(hints[name], raw[name], key, problems)
            if value is _INVALID:
                continue
        elif dataclasses.is_dataclass(hints[name]) or "rule" not in spec.metadata:
            continue
        elif spec.default_factory is not dataclasses.MISSING:
            value = spec.default_factory()
        else:
            value = spec.default
        value = _apply(spec.metadata.get("rule"), value, key, problems)
        if value is not _INVALID:
            values[name] = value
    return cls(**values)


_INVALID = object()


def _coerce(hint: Any, value: Any, key: str, problems: list[str]) -> Any:
    """``value`` checked against the type ``hint``; _INVALID (with a problem added) when it does not fit."""
    if dataclasses.is_dataclass(hint):
        built = _build(hint, value, key, problems)
        return _INVALID if built is None else built
    origin = typing.get_origin(hint)
    if origin in (typing.Union, types.UnionType):
        options = [a for a in typing.get_args(hint) if a is not type(None)]
        return _coerce(options[0], value, key, problems)
    if origin is list:
        (item,) = typing.get_args(hint)
        if not isinstance(value, list):
            problems.append(f"{key} must be a list, not {_describe(value)}")
            return _INVALID
        before = len(problems)
        items = [_coerce(item, v, f"{key}[{i}]", problems) for i, v in enumerate(value)]
        return _INVALID if len(problems) > before else items
    expected = {bool: "true or false", int: "an integer", float: "a number", str: "a string"}.get(hint)
    if expected is None:
        raise TypeError(f"{key}: unsupported option type {hint!r}")
    fits = {
        bool: isinstance(value, bool),
        int: isinstance(value, int) and not isinstance(value, bool),
        float: isinstance(value, int | float) and not isinstance(value, bool),
        str: isinstance(value, str),
    }[hint]
    if not fits:
        problems.append(f"{key} must be {expected}, not {_describe(value)}")
        return _INVALID
    if hint is float and not math.isfinite(value):
        problems.append(f"{key} must be a finite number, not {value}")
        return _INVALID
    return float(value) if hint is float else value


def _apply(rule: Rule | None, value: Any, key: str, problems: list[str]) -> Any:
    """``value`` normalized by its rule; _INVALID (with the problem added) when the rule refuses it."""
    if rule is None or value is None:
        return value
    try:
        if rule.parse is not None:
            value = rule.parse(value)
        if rule.choices:
            value = _choice(rule.choices, value)
        _check_range(rule, value)
    except ValueError as exc:
        problems.append(f"{key} {exc}")
        return _INVALID
    if rule.each is None:
        return value
    items = []
    for i, item in enumerate(value):
        try:
            items.append(rule.each(item))
        except ValueError as exc:
            problems.append(f"{key}[{i}] {exc}")
    if len(items) != len(value):
        return _INVALID
    return rule.whole(items) if rule.whole is not None else items


def _choice(choices: tuple[str, ...], value: str) -> str:
    for choice in choices:
        if value.strip().casefold() == choice.casefold():
            return choice
    raise ValueError(f"must be one of {', '.join(choices)}, not {value!r}")


def _check_range(rule: Rule, value: Any) -> None:
    if rule.at_least is not None and rule.at_most is not None:
        if not rule.at_least <= value <= rule.at_most:
            raise ValueError(f"must be between {rule.at_least:g} and {rule.at_most:g}, not {value}")
    elif rule.above is not None and value <= rule.above:
        raise ValueError(f"must be greater than {rule.above:g}, not {value}")
    elif rule.at_least == 0 and value < 0:
        raise ValueError(f"must not be negative, not {value}")
    elif rule.at_least is not None and value < rule.at_least:
        raise ValueError(f"must be at least {rule.at_least:g}, not {value}")
    elif rule.at_most is not None and value > rule.at_most:
        raise ValueError(f"must be at most {rule.at_most:g}, not {value}")


def _check_together(config: Config, problems: list[str]) -> None:
    """Rules that relate two options."""
    generation = config.summarizer.generation
    if generation.min_new_tokens is not None and generation.min_new_tokens > generation.max_new_tokens:
        problems.append(
            f"summarizer.generation.min_new_tokens ({generation.min_new_tokens}) must not exceed "
            f"max_new_tokens ({generation.max_new_tokens})"
        )
    _check_outlets(config.ingest.outlets, problems)
    seen: set[int] = set()
    for i, channel in enumerate(config.channels):
        if not channel.chat_id:
            problems.append(
                f"channels[{i}] names no channel: "
                "give its chat_id, the channel's numeric id (negative, -100...)"
            )
        elif channel.chat_id in seen:
            problems.append(f"channels[{i}].chat_id {channel.chat_id} is listed twice")
        seen.add(channel.chat_id)


def _check_outlets(outlets: list[OutletConfig], problems: list[str]) -> None:
    """Each [[ingest.outlets]] names its country and something to apply it to, and no feed or outlet
    name is given two countries, however spelled (:func:`feed_key`, :func:`outlet_key`); the error
    names both entries as written."""
    owner: dict[str, tuple[int, str, str]] = {}
    for i, outlet in enumerate(outlets):
        where = f"ingest.outlets[{i}]"
        if not outlet.country:
            problems.append(f"{where}.country is missing: give the outlets' country code, such as 'SA'")
        if not outlet.feeds and not outlet.sources:
            problems.append(f"{where} lists no feeds and no sources for country {outlet.country!r}")
        names = [
            *((feed_key(feed), feed) for feed in outlet.feeds),
            *((outlet_key(name), name) for name in outlet.sources),
        ]
        for key, name in names:
            first = owner.setdefault(key, (i, outlet.country, name))
            if first[1] != outlet.country:
                problems.append(
                    f"{where} gives {name!r} country {outlet.country!r}, "
                    f"but ingest.outlets[{first[0]}] gives {first[2]!r} country {first[1]!r}"
                )


def outlet_key(name: str) -> str:
    """An outlet's name as [[ingest.outlets]] sources are compared: Arabic spelling variants (alef and
    hamza forms, tatweel, diacritics; :func:`nashra.arabic.normalize`), invisible marks (a bidi mark
    such as U+200F a feed title carries), case and spacing folded: «عكاظ\u200f» is «عكاظ»."""
    return normalize(name)


def feed_key(url: str) -> str:
    """A feed URL as [[ingest.outlets]] feeds are compared: scheme and host case-folded and a trailing
    slash dropped, since both spell the same feed («HTTPS://WWW.SPA.GOV.SA/rss/» is
    «https://www.spa.gov.sa/rss»); the path and query keep their case, which servers may heed."""
    parts = urlsplit(url.strip())
    path = parts.path.rstrip("/")
    return parts._replace(scheme=parts.scheme.casefold(), netloc=parts.netloc.casefold(), path=path).geturl()


def size_limit(max_bytes: int, option: str = "max_bytes", *, exact: bool = False) -> str:
    """The size limit as rejections name it, so the reader knows which option to raise:
    ``"[ingest] max_bytes = 10.0 MB"`` (``option`` is the ``[ingest]`` option's name); ``exact``, in
    bytes (``"[ingest] max_bytes = 10,000,000 bytes"``)."""
    return f"[ingest] {option} = {f'{max_bytes:,} bytes' if exact else byte_size(max_bytes)}"


def byte_size(size: int) -> str:
    """A size in bytes as people read it: ``"12.6 MB"``, ``"20.0 kB"``, ``"512 bytes"`` (SI units)."""
    if size >= 1_000_000:
        return f"{size / 1_000_000:.1f} MB"
    if size >= 10_000:
        return f"{size / 1000:.1f} kB"
    return f"{size} bytes"


def _describe(value: Any) -> str:
    return f"{type(value).__name__} {value!r}"
