"""Configuration: a TOML file validated against typed dataclasses, secrets from the environment.

Every option has a default, so Nashra runs without a config file. Unknown keys and wrong types are
errors that name the key, because a silently ignored typo in a schedule or an admin list is worse than
refusing to start.
"""

from __future__ import annotations

import dataclasses
import os
import re
import tomllib
import types
import typing
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

TOKEN_ENV = "NASHRA_TELEGRAM_TOKEN"
CONFIG_ENV = "NASHRA_CONFIG"
WEBHOOK_SECRET_ENV = "NASHRA_WEBHOOK_SECRET"


class ConfigError(Exception):
    """The configuration is invalid; the message names the key and what is wrong."""


@dataclass
class DatabaseConfig:
    path: str = "nashra.db"


@dataclass
class TelegramConfig:
    base_url: str = "https://api.telegram.org/bot"
    admins: list[int] = field(default_factory=list)
    mode: str = "polling"
    webhook_url: str = ""
    webhook_listen: str = "127.0.0.1"
    webhook_port: int = 8443
    alert_confirm_threshold: int = 100
    allow_paid_broadcast: bool = False
    max_input_chars: int = 1000
    flood_messages_per_minute: int = 20


@dataclass
class GenerationConfig:
    """Generation settings laid over the model's own ``generation_config``; unset ones keep the model's."""

    num_beams: int | None = None
    min_new_tokens: int | None = None
    max_new_tokens: int = 64
    no_repeat_ngram_size: int | None = None
    length_penalty: float | None = None


@dataclass
class SummarizerConfig:
    model: str = ""
    revision: str = ""
    device: str = "auto"
    dtype: str = "auto"
    prefix: str = ""
    max_input_tokens: int = 512
    batch_token_budget: int = 8192
    threads: int = 0
    quantize_int8: bool = False
    restrict_vocabulary: bool = False
    timeout_s: float = 300.0
    local_files_only: bool = True
    engine: str = "transformers"
    generation: GenerationConfig = field(default_factory=GenerationConfig)


@dataclass
class IngestConfig:
    feeds: list[str] = field(default_factory=list)
    max_bytes: int = 10_000_000
    http_timeout_s: float = 20.0


@dataclass
class ScheduleConfig:
    timezone: str = "UTC"
    digest_times: list[str] = field(default_factory=lambda: ["08:00", "20:00"])
    ingest_every_minutes: int = 30
    summarize_every_seconds: int = 60
    misfire_grace_minutes: int = 60


@dataclass
class DeliveryConfig:
    global_per_second: float = 30.0
    per_chat_per_second: float = 1.0
    group_per_minute: float = 20.0
    paid_global_per_second: float = 1000.0
    max_attempts: int = 5
    send_empty_digest: bool = False
    max_items_per_digest: int = 30
    # Sends overlapping in time: enough to reach the global rate despite each request's latency.
    max_in_flight: int = 64
    # First retry of a network error after about this long, doubling per attempt (up to 5 minutes).
    retry_base_seconds: float = 2.0
    # A subscriber's first digest covers this many hours before it.
    first_digest_hours: int = 24


@dataclass
class LoggingConfig:
    level: str = "INFO"
    format: str = "text"


@dataclass
class ChannelConfig:
    """A region channel: the bot posts the digests and alerts of ``regions`` into channel ``chat_id``."""

    chat_id: int = 0
    regions: list[str] = field(default_factory=list)


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


_CHOICES: dict[str, tuple[str, ...]] = {
    "telegram.mode": ("polling", "webhook"),
    "summarizer.device": ("auto", "cpu", "cuda", "mps"),
    "summarizer.dtype": ("auto", "float32", "float16", "bfloat16"),
    "summarizer.engine": ("transformers", "ctranslate2"),
    "logging.level": ("DEBUG", "INFO", "WARNING", "ERROR"),
    "logging.format": ("text", "json"),
}


def load_config(path: str | Path | None = None) -> Config:
    """Load ``path`` (or $NASHRA_CONFIG, or ./nashra.toml if present), else the defaults."""
    candidate = path or os.environ.get(CONFIG_ENV)
    if candidate is None and Path("nashra.toml").is_file():
        candidate = "nashra.toml"
    if candidate is None:
        return Config()
    file = Path(candidate).expanduser()
    try:
        raw = tomllib.loads(file.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise ConfigError(f"config file {file} does not exist") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(f"cannot read config file {file}: {exc}") from None
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"config file {file} is not valid TOML: {exc}") from None
    config = parse_config(raw)
    config.source = file
    return config


def parse_config(raw: dict[str, Any]) -> Config:
    config = _build(Config, raw, "")
    _check(config)
    return config


def _build(cls: type, raw: Any, where: str) -> Any:
    if not isinstance(raw, dict):
        raise ConfigError(f"[{where}] must be a table, not {type(raw).__name__}")
    hints = typing.get_type_hints(cls)
    fields = {f.name: f for f in dataclasses.fields(cls) if f.name != "source"}
    unknown = sorted(set(raw) - set(fields))
    if unknown:
        place = f"[{where}]" if where else "the top level"
        raise ConfigError(f"unknown key {unknown[0]!r} in {place}; known keys: {', '.join(sorted(fields))}")
    values = {}
    for name, value in raw.items():
        key = f"{where}.{name}" if where else name
        values[name] = _coerce(hints[name], value, key)
    return cls(**values)


def _coerce(hint: Any, value: Any, key: str) -> Any:
    if dataclasses.is_dataclass(hint):
        return _build(hint, value, key)
    origin = typing.get_origin(hint)
    if origin in (typing.Union, types.UnionType):
        options = [a for a in typing.get_args(hint) if a is not type(None)]
        return _coerce(options[0], value, key)
    if origin is list:
        (item,) = typing.get_args(hint)
        if not isinstance(value, list):
            raise ConfigError(f"{key} must be a list, not {_describe(value)}")
        return [_coerce(item, v, f"{key}[{i}]") for i, v in enumerate(value)]
    if hint is bool:
        if not isinstance(value, bool):
            raise ConfigError(f"{key} must be true or false, not {_describe(value)}")
        return value
    if hint is int:
        if isinstance(value, bool) or not isinstance(value, int):
            raise ConfigError(f"{key} must be an integer, not {_describe(value)}")
        return value
    if hint is float:
        if isinstance(value, bool) or not isinstance(value, int | float):
            raise ConfigError(f"{key} must be a number, not {_describe(value)}")
        return float(value)
    if hint is str:
        if not isinstance(value, str):
            raise ConfigError(f"{key} must be a string, not {_describe(value)}")
        return value
    raise ConfigError(f"{key}: unsupported option type {hint!r}")


def _describe(value: Any) -> str:
    return f"{type(value).__name__} {value!r}"


def _check(config: Config) -> None:
    for key, allowed in _CHOICES.items():
        section, name = key.split(".")
        value = getattr(getattr(config, section), name)
        if value not in allowed:
            raise ConfigError(f"{key} must be one of {', '.join(allowed)}, not {value!r}")
    positive = {
        "delivery.global_per_second": config.delivery.global_per_second,
        "delivery.per_chat_per_second": config.delivery.per_chat_per_second,
        "delivery.group_per_minute": config.delivery.group_per_minute,
        "delivery.max_attempts": config.delivery.max_attempts,
        "schedule.ingest_every_minutes": config.schedule.ingest_every_minutes,
        "summarizer.max_input_tokens": config.summarizer.max_input_tokens,
        "summarizer.batch_token_budget": config.summarizer.batch_token_budget,
        "summarizer.generation.max_new_tokens": config.summarizer.generation.max_new_tokens,
        "ingest.max_bytes": config.ingest.max_bytes,
        # Zero would make every feed request time out, every model batch fall back, the summary job
        # spin, a digest hold nothing, and sends wait forever for a free slot.
        "ingest.http_timeout_s": config.ingest.http_timeout_s,
        "summarizer.timeout_s": config.summarizer.timeout_s,
        "schedule.summarize_every_seconds": config.schedule.summarize_every_seconds,
        "delivery.paid_global_per_second": config.delivery.paid_global_per_second,
        "delivery.max_items_per_digest": config.delivery.max_items_per_digest,
        "delivery.max_in_flight": config.delivery.max_in_flight,
        "telegram.flood_messages_per_minute": config.telegram.flood_messages_per_minute,
    }
    if config.summarizer.generation.num_beams is not None:
        positive["summarizer.generation.num_beams"] = config.summarizer.generation.num_beams
    for key, value in positive.items():
        if value <= 0:
            raise ConfigError(f"{key} must be greater than 0, not {value}")
    not_negative = {
        "summarizer.threads": config.summarizer.threads,
        "schedule.misfire_grace_minutes": config.schedule.misfire_grace_minutes,
        "delivery.retry_base_seconds": config.delivery.retry_base_seconds,
        "delivery.first_digest_hours": config.delivery.first_digest_hours,
        "telegram.alert_confirm_threshold": config.telegram.alert_confirm_threshold,
    }
    for key, value in not_negative.items():
        if value < 0:
            raise ConfigError(f"{key} must not be negative, not {value}")
    # An alert or broadcast is the admin's text under a header, sent as one message; beyond this the
    # whole would pass Telegram's 4096-unit limit and fail for every recipient.
    input_limit = 3500
    if not 1 <= config.telegram.max_input_chars <= input_limit:
        raise ConfigError(
            f"telegram.max_input_chars must be between 1 and {input_limit}, "
            f"not {config.telegram.max_input_chars}"
        )
    if not 0 < config.telegram.webhook_port < 65536:
        raise ConfigError(
            f"telegram.webhook_port must be a port number (1-65535), not {config.telegram.webhook_port}"
        )
    for i, feed in enumerate(config.ingest.feeds):
        if not re.match(r"^https?://\S+$", feed, re.IGNORECASE):
            raise ConfigError(f"ingest.feeds[{i}] must be an http:// or https:// URL, not {feed!r}")
    generation = config.summarizer.generation
    if generation.min_new_tokens is not None and generation.min_new_tokens > generation.max_new_tokens:
        raise ConfigError("summarizer.generation.min_new_tokens must not exceed max_new_tokens")
    for admin in config.telegram.admins:
        if admin <= 0:
            raise ConfigError(f"telegram.admins holds {admin}: admins are numeric Telegram user ids")
    from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

    try:
        ZoneInfo(config.schedule.timezone)
    except (ZoneInfoNotFoundError, ValueError):
        zone = config.schedule.timezone
        raise ConfigError(f"schedule.timezone {zone!r} is not a known time zone") from None
    for i, moment in enumerate(config.schedule.digest_times):
        if not _is_hhmm(moment):
            raise ConfigError(f"schedule.digest_times[{i}] must be HH:MM (24-hour), not {moment!r}")
    _check_channels(config.channels)


def _check_channels(channels: list[ChannelConfig]) -> None:
    from nashra.regions import gazetteer

    seen: set[int] = set()
    for i, channel in enumerate(channels):
        if channel.chat_id >= 0:
            raise ConfigError(
                f"channels[{i}].chat_id must be a channel's numeric id (negative, -100...), "
                f"not {channel.chat_id}"
            )
        if channel.chat_id in seen:
            raise ConfigError(f"channels[{i}].chat_id {channel.chat_id} is listed twice")
        seen.add(channel.chat_id)
        if not channel.regions:
            raise ConfigError(f"channels[{i}].regions must name at least one region code")
        channel.regions = [code.strip().upper() for code in channel.regions]
        for code in channel.regions:
            if not gazetteer().is_known(code):
                raise ConfigError(f"channels[{i}].regions holds {code!r}, which is not a known region code")


def _is_hhmm(text: str) -> bool:
    parts = text.split(":")
    if len(parts) != 2 or not all(p.isdigit() and len(p) == 2 for p in parts):
        return False
    return int(parts[0]) < 24 and int(parts[1]) < 60
