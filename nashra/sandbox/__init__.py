"""A local Telegram Bot API stand-in: tests, the demo and trying the bot without a token."""

from nashra.sandbox.server import (
    SANDBOX_TOKEN,
    ApiError,
    SandboxBotAPI,
    SandboxLimits,
    SentMessage,
    parsed_text,
)

__all__ = ["SANDBOX_TOKEN", "ApiError", "SandboxBotAPI", "SandboxLimits", "SentMessage", "parsed_text"]
