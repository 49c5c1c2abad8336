"""Which updates are for Nashra at all, as a python-telegram-bot filter.

In a private chat everything is; in a group, a command (unless it names another bot: "/note@weather_bot")
or a plain-text command ("اشترك درعا", also with a mention of the bot before or after it: «@nashra_bot
اشترك مصرر», «اشترك مصرر @nashra_bot»);
in a channel the bot administers, only commands (its other posts are the channel's content). Other
talk in a group is not for the bot: it gets no reply, no language lookup, and does not count against
the chat's flood limit.
"""

from __future__ import annotations

from telegram import Update
from telegram.constants import ChatType
from telegram.ext import filters

from bot.handlers.common import command_for_another_bot
from bot.handlers.text_commands import split_verb, without_mention


def addressed_to_bot(update: Update, username: str | None) -> bool:
    """Whether the bot (``@username``) acts on this update: anything in a private chat, a button press,
    a command for it, or (in a group) a plain-text command. A channel's own posts are not for it."""
    chat = update.effective_chat
    if chat is None or chat.type == ChatType.PRIVATE or update.callback_query is not None:
        return True
    message = update.effective_message
    if message is None or not message.text:
        return False
    if message.text.startswith("/"):
        return not command_for_another_bot(message.text, username)
    said = without_mention(message.text, username)
    return (
        chat.type != ChatType.CHANNEL
        and split_verb(said or message.text, addressed=said is not None) is not None
    )


class _Addressed(filters.UpdateFilter):
    """:func:`addressed_to_bot` for the bot that received the update."""

    def filter(self, update: Update) -> bool:
        return addressed_to_bot(update, update.get_bot().username)


ADDRESSED = _Addressed(name="ADDRESSED")
