"""A local Telegram Bot API stand-in: tests, the demo and trying the bot without a token."""

from nashra.sandbox.server import (
    ApiError,
    SandboxBotAPI,
    SandboxLimits,
    SentMessage,
    visible_text,
)

__all__ = ["ApiError", "SandboxBotAPI", "SandboxLimits", "SentMessage", "visible_text"]
