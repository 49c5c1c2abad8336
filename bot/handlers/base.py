"""The preamble every handler shares, written once: decorators that run before a handler's own code.

- :func:`in_chat`: a command or message with a chat; the chat's language is loaded into
  ``context.language`` (and the text after the command is in ``context.arguments``, see
  :class:`bot.context.NashraContext`).
- :func:`on_press`: a press on one of the bot's buttons, with its data and chat; language loaded.
- :func:`admins_only`: Nashra's admins only (``telegram.admins``); anyone else is refused politely, and
  the refusal is logged.

So a handler only parses, calls one service and replies, as in python-telegram-bot's examples.
"""

from __future__ import annotations

import functools
import logging
from collections.abc import Awaitable, Callable

from telegram import Update

from bot.context import NashraContext
from bot.handlers.common import acting_user, answer_press, reply
from nashra.texts import text

log = logging.getLogger(__name__)

Handler = Callable[[Update, NashraContext], Awaitable[None]]


def in_chat(handler: Handler) -> Handler:
    """Run ``handler`` for a message in a chat, once the chat's language is loaded; ignore the rest."""

    @functools.wraps(handler)
    async def run(update: Update, context: NashraContext) -> None:
        if update.effective_chat is None or update.effective_message is None:
            return
        await context.load_language()
        await handler(update, context)

    return run


def on_press(handler: Handler) -> Handler:
    """Run ``handler`` for a button press with data, in a chat, once the chat's language is loaded."""

    @functools.wraps(handler)
    async def run(update: Update, context: NashraContext) -> None:
        query = update.callback_query
        if query is None or query.data is None or update.effective_chat is None:
            return
        await context.load_language()
        await handler(update, context)

    return run


def is_bot_admin(update: Update, context: NashraContext) -> bool:
    """A bot admin is a person listed in ``telegram.admins``, as Telegram vouches who acted
    (:func:`bot.handlers.common.acting_user`): never a channel post or an anonymous group admin,
    whatever their ``from`` says."""
    user = acting_user(update)
    return user is not None and user.id in context.services.config.telegram.admins


def admins_only(handler: Handler) -> Handler:
    """Run ``handler`` for Nashra's admins only. Anyone else gets "not_admin" (a reply to a command, an
    alert on a button press) and a warning in the log naming them; place it under :func:`in_chat` or
    :func:`on_press`, which load the language of that answer."""

    @functools.wraps(handler)
    async def run(update: Update, context: NashraContext) -> None:
        if is_bot_admin(update, context):
            await handler(update, context)
            return
        user, chat = acting_user(update), update.effective_chat
        log.warning(
            "refused %s from non-admin user %s in chat %s",
            handler.__name__,
            user.id if user else "unknown",
            chat.id if chat else "unknown",
        )
        refusal = text(context.language, "not_admin")
        if update.callback_query is not None:
            await answer_press(update.callback_query, refusal, alert=True)
        else:
            await reply(update, context, refusal)

    return run
