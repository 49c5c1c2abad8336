"""The context every handler and job receives: python-telegram-bot's ``CallbackContext`` plus what Nashra
adds to it (the services, the chat's id and language, the text after a command).

Registered through ``ContextTypes(context=NashraContext)`` on the Application, as in python-telegram-bot's
``contexttypesbot.py`` example, so handlers read ``context.services`` and ``context.language`` instead of
digging in ``bot_data`` and repeating the database lookup of the language.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from telegram import Update
from telegram.ext import Application, CallbackContext, ContextTypes, ExtBot

from nashra.texts import DEFAULT_LANGUAGE, Readers, readers_of

if TYPE_CHECKING:
    from bot.services import Services

SERVICES_KEY = "services"
# python-telegram-bot's user_data, chat_data and bot_data: plain dicts; bot_data holds only the services.
Data = dict[object, object]


class NashraContext(CallbackContext[ExtBot[None], Data, Data, Data]):
    """A ``CallbackContext`` that carries the chat's id and language, who reads the replies (its
    :attr:`readers`), and the text after a command.

    The language costs a database read, so it is read once per update, by :meth:`load_language`, and only
    for an update the bot answers: :func:`bot.app.guard` calls it once the update passed the flood
    check, and the preamble of :mod:`bot.handlers.base` before a handler runs (the context is the same
    for every handler of one update, so the second call reads nothing). Until then :attr:`language` is
    the default language.
    """

    def __init__(
        self,
        application: Application,  # type: ignore[type-arg]
        chat_id: int | None = None,
        user_id: int | None = None,
    ) -> None:
        super().__init__(application=application, chat_id=chat_id, user_id=user_id)
        self.language: str = DEFAULT_LANGUAGE
        self.arguments: str = ""
        # Who reads the replies: one person (a private chat), a group's members, or a channel's readers;
        # replies are worded for them (nashra.texts.text).
        self.readers: Readers = "private"
        self._language_loaded = False

    @classmethod
    def from_update(cls, update: object, application: Application) -> NashraContext:  # type: ignore[type-arg]
        context = super().from_update(update, application)
        assert isinstance(context, NashraContext)
        if isinstance(update, Update):
            context.arguments = command_arguments(update)
            chat = update.effective_chat
            context.readers = readers_of(chat.type) if chat is not None else "private"
        return context

    @property
    def services(self) -> Services:
        return self.bot_data[SERVICES_KEY]  # type: ignore[return-value]

    @property
    def chat_id(self) -> int:
        """The id of the update's chat. Raises RuntimeError for an update without one (or a job): the
        handlers that read it run under :func:`bot.handlers.base.in_chat` or ``on_press``."""
        if self._chat_id is None:
            raise RuntimeError("this update has no chat")
        return self._chat_id

    async def load_language(self) -> str:
        """The chat's interface language ("ar" or "en"), read from the database on the first call."""
        if not self._language_loaded and self._chat_id is not None:
            self.language = await self.services.subscriptions.language_of(self._chat_id)
            self._language_loaded = True
        return self.language


def command_arguments(update: Update) -> str:
    """The text after the command, spacing and line breaks kept ("/subscribe درعا، حلب" -> "درعا، حلب").

    Unlike python-telegram-bot's ``context.args`` (the words, split on any whitespace), this keeps an
    alert's or a broadcast's lines as the admin wrote them.
    """
    message = update.effective_message
    raw = (message.text or "") if message else ""
    parts = raw.split(maxsplit=1)
    return parts[1].strip() if len(parts) > 1 else ""


CONTEXT_TYPES = ContextTypes(context=NashraContext)
