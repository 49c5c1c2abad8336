"""The Telegram bot: a python-telegram-bot 22 Application with thin handlers over the domain."""

from bot.app import build_application, run_bot, start_bot, stop_bot
from bot.services import Services

__all__ = ["Services", "build_application", "run_bot", "start_bot", "stop_bot"]
