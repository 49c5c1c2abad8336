"""What every handler shares: escaping, region names, safe replies, who may change a chat's settings.

Replies use the Application's defaults (:data:`bot.app.DEFAULTS`: HTML parse mode, no link previews),
so nothing here names a parse mode except to fall back to plain text.
"""

from __future__ import annotations

import html
import logging
from typing import Literal

from telegram import CallbackQuery, InlineKeyboardMarkup, Message, Update, User
from telegram.constants import ChatType
from telegram.error import TelegramError

from bot.context import NashraContext
from nashra.arabic import strip_controls
from nashra.clock import zone_label
from nashra.delivery.errors import Meaning, classify
from nashra.regions.names import display_name
from nashra.telegram_limits import MAX_TEXT_UNITS, split_html, truncate, visible_text
from nashra.texts import text
from subscriptions import ADMIN_STATUSES, may_change_subscriptions

log = logging.getLogger(__name__)


def esc(value: object, limit: int | None = None) -> str:
    """User-provided text made safe to show in a reply: without bidi embeddings, overrides and isolates
    (:func:`nashra.arabic.strip_controls`: a U+202E someone typed would reverse the rest of the reply's
    line), cut to ``limit`` characters, and HTML-escaped for Telegram's HTML parse mode."""
    raw = strip_controls(str(value))
    if limit is not None:
        raw = truncate(raw, limit)
    return html.escape(raw, quote=False)


# A user's own words quoted back in a reply ("not a valid time: …") are cut to this many characters, so
# a reply about a long mistake is still one readable line.
TERM_CHARS = 80


def quoted(value: object) -> str:
    """A user's own words for a reply that names them: escaped, cut to :data:`TERM_CHARS` with "…"."""
    return esc(value, TERM_CHARS)


def chat_kind(update: Update) -> str:
    chat = update.effective_chat
    return chat.type if chat is not None else ChatType.PRIVATE


def region_names(codes: list[str], lang: str) -> str:
    """Display names of codes, joined by the language's comma; unknown codes are shown as they are."""
    return text(lang, "list_separator").join(esc(display_name(code, lang)) for code in codes)


async def schedule_line(context: NashraContext, lang: str) -> str:
    """When the chat's digests arrive (its own /time, else the configured times) and how to get one now:
    what a chat that has just chosen its first regions wants to know next."""
    subscriber = await context.services.subscriptions.get(context.chat_id)
    schedule = context.services.config.schedule
    if subscriber is not None and subscriber.digest_time:
        times, zone = [subscriber.digest_time], subscriber.timezone or schedule.timezone
    else:
        times, zone = list(schedule.digest_times), schedule.timezone
    shown = text(lang, "list_separator").join(times)
    return text(
        lang,
        "first_regions_schedule",
        readers=context.readers,
        times=shown,
        zone=esc(zone_label(zone, lang)),
    )


def command_for_another_bot(text: str, username: str | None) -> bool:
    """Whether ``text`` is a command that names a bot other than ``username`` ("/note@weather_bot …");
    a bare command ("/note") names none."""
    if not text.startswith("/"):
        return False
    command = text.split(maxsplit=1)[0]
    _, at, addressee = command.partition("@")
    return bool(at) and addressee.casefold() != (username or "").casefold()


async def reply(
    update: Update,
    context: NashraContext,
    html_text: str,
    markup: InlineKeyboardMarkup | None = None,
) -> Message | None:
    """Answer in the chat of the update; see :func:`send`."""
    chat = update.effective_chat
    if chat is None:
        return None
    message = update.effective_message
    thread_id = message.message_thread_id if message is not None and message.is_topic_message else None
    return await send(context, chat.id, html_text, markup, thread_id)


def split_message(html_text: str, limit: int = MAX_TEXT_UNITS) -> list[str]:
    """Parts of at most ``limit`` visible UTF-16 units (Telegram refuses longer messages), each valid
    HTML, cut at paragraph or line ends where possible (see :func:`nashra.telegram_limits.split_html`)."""
    return [piece.markup for piece in split_html(html_text, limit)]


async def send(
    context: NashraContext,
    chat_id: int,
    html_text: str,
    markup: InlineKeyboardMarkup | None = None,
    thread_id: int | None = None,
) -> Message | None:
    """Send an HTML reply, in several messages when it is longer than Telegram allows; see :func:`_send_one`.

    The keyboard goes with the last message, which is returned; a part that fails stops the rest.
    """
    parts = split_message(html_text) or [html_text]
    sent: Message | None = None
    for number, part in enumerate(parts, start=1):
        sent = await _send_one(context, chat_id, part, markup if number == len(parts) else None, thread_id)
        if sent is None:
            return None
        chat_id = sent.chat_id  # a group that became a supergroup goes on in the new chat
    return sent


async def _send_one(
    context: NashraContext,
    chat_id: int,
    html_text: str,
    markup: InlineKeyboardMarkup | None,
    thread_id: int | None,
) -> Message | None:
    """Send one HTML message, acting on what Telegram answers as the outbox sender does.

    The bot's rate limiter paces the reply and waits out short flood control in this chat's own lane
    (:mod:`nashra.delivery.limiter`), so nothing here sleeps. What an error means comes from
    :func:`nashra.delivery.errors.classify`: a chat that is gone is marked blocked; a group that became
    a supergroup moves its subscriptions and gets the reply there; a deleted forum topic gets it in
    General; markup Telegram cannot parse goes as plain text. Nothing here raises, so a failed reply
    never stops the bot.
    """
    text_to_send, plain = html_text, False
    for _ in range(3):
        try:
            return await context.bot.send_message(
                chat_id,
                text_to_send,
                reply_markup=markup,
                message_thread_id=thread_id,
                **({"parse_mode": None} if plain else {}),
            )
        except Exception as exc:
            verdict = classify(exc)
        meaning = verdict.meaning
        if meaning is Meaning.MIGRATED and verdict.new_chat_id is not None:
            log.info("chat %s became supergroup %s; moving its subscriptions", chat_id, verdict.new_chat_id)
            await context.services.subscriptions.migrate(chat_id, verdict.new_chat_id)
            chat_id = verdict.new_chat_id
        elif meaning is Meaning.THREAD_GONE and thread_id is not None:
            thread_id = None
        elif meaning is Meaning.BAD_MARKUP and not plain:
            text_to_send, plain = visible_text(html_text), True
        elif meaning is Meaning.GONE:
            log.info("chat %s cannot be written to (%s); marking it blocked", chat_id, verdict.reason)
            await context.services.subscriptions.mark_blocked(chat_id, True)
            return None
        else:
            level = logging.ERROR if meaning in (Meaning.REFUSED, Meaning.TOO_LONG) else logging.WARNING
            log.log(level, "reply to chat %s not sent (%s): %s", chat_id, meaning.value, verdict.reason)
            return None
    return None


def acting_user(update: Update) -> User | None:
    """The person Telegram vouches acted, or None when no person did (or none can be trusted).

    A button press: its sender. A message sent on behalf of a chat (``sender_chat``: a channel's own
    post, an anonymous group admin, a member posting as their channel): no person, whatever ``from``
    says. Telegram sends a channel post without ``from``; one that has it is forged, so a channel post
    is never attributed to a user, and never to a bot admin.
    """
    if update.callback_query is not None:
        return update.callback_query.from_user
    if update.channel_post is not None or update.edited_channel_post is not None:
        return None
    message = update.message or update.edited_message
    if message is None or message.sender_chat is not None:
        return None
    return message.from_user


async def may_change(update: Update, context: NashraContext) -> bool:
    """Whether the sender may change this chat's subscriptions (group admins only, in groups).

    A message sent as the chat itself comes from its admins: Telegram lets only a channel's admins post
    in it, and only a group's admins write anonymously as the group. For a channel, the bot also asks
    ``getChatMember`` whether it administers that channel (the only way it receives its posts), so an
    update about a channel the bot is not in is refused. Any reader of a channel can press the buttons
    of a message the bot posted there, so a press is checked like in a group.
    """
    chat = update.effective_chat
    if chat is None:
        return False
    if chat.type == ChatType.PRIVATE:
        return may_change_subscriptions(chat.type, None)
    message = update.effective_message if update.callback_query is None else None
    if message is not None and message.sender_chat is not None:
        if message.sender_chat.id != chat.id:  # a channel writing in a group is none of its admins
            return False
        if chat.type != ChatType.CHANNEL:
            return True
        return await _is_admin_of(context, chat.id, context.bot.id)
    if chat.type == ChatType.CHANNEL and update.callback_query is None:
        return False  # a channel post always names its channel as sender_chat
    user = acting_user(update)
    if user is None:
        return False
    return await _is_admin_of(context, chat.id, user.id)


async def _is_admin_of(context: NashraContext, chat_id: int, user_id: int) -> bool:
    try:
        member = await context.bot.get_chat_member(chat_id, user_id)
    except TelegramError as exc:
        log.warning("cannot check whether user %s administers chat %s: %s", user_id, chat_id, exc)
        return False
    return member.status in ADMIN_STATUSES


# What a group member may try to change; each has its own refusal in the catalogue
# (``group_admins_only`` for the subscriptions, ``group_admins_only_<setting>`` for the others).
AdminSetting = Literal["subscriptions", "keywords", "format", "time", "language", "pause", "stop", "topic"]


def group_refusal(lang: str, setting: AdminSetting = "subscriptions") -> str:
    """The refusal a group member who is no admin reads, naming the ``setting`` they tried to change."""
    return text(lang, "group_admins_only" if setting == "subscriptions" else f"group_admins_only_{setting}")


async def refuse_non_admin_change(
    update: Update, context: NashraContext, setting: AdminSetting = "subscriptions"
) -> bool:
    """Reply with the group-admins rule for ``setting`` and return True when the sender may not change
    the chat's settings."""
    if await may_change(update, context):
        return False
    await reply(update, context, group_refusal(context.language, setting))
    return True


async def answer_press(query: CallbackQuery, notice: str | None = None, *, alert: bool = False) -> None:
    """Answer a button press: the client stops its spinner and shows ``notice`` (a pop-up with
    ``alert``). Telegram refuses an answer once the press is too old (about 15 seconds, e.g. a press
    that waited in a busy chat's lane) or its id is unknown; the press has had its effect by then, so
    the refusal is logged and the handler goes on to redraw."""
    try:
        await query.answer(notice, show_alert=alert)
    except TelegramError as exc:
        log.info("press %s not answered: %s", query.id, exc)


async def stale_press(update: Update, context: NashraContext) -> None:
    """A press whose data no handler reads (a button of an older version of the bot, or data no
    button had): say the button no longer works, so the user sends the command again."""
    query = update.callback_query
    if query is None:
        return
    chat = update.effective_chat
    log.warning("ignoring unknown button data %r from chat %s", query.data, chat.id if chat else None)
    await answer_press(query, text(context.language, "button_stale"), alert=True)


async def redraw(update: Update, body: str, markup: InlineKeyboardMarkup | None) -> None:
    """Show ``body`` in place of the message whose button was pressed; see :func:`edit_pressed`."""
    await edit_pressed(update, body, markup)


async def edit_pressed(update: Update, body: str | None, markup: InlineKeyboardMarkup | None) -> None:
    """Edit the message whose button was pressed: its text and keyboard, or (``body`` None) only its
    keyboard. An edit that changes nothing is no error; one Telegram refuses (the message was deleted,
    or is too old to edit) is logged, and the press's effect stands."""
    query = update.callback_query
    assert query is not None
    try:
        if body is None:
            await query.edit_message_reply_markup(markup)
        else:
            await query.edit_message_text(body, reply_markup=markup)
    except TelegramError as exc:
        verdict = classify(exc)
        if verdict.meaning is not Meaning.UNCHANGED:
            log.warning("pressed message not redrawn (%s): %s", verdict.meaning.value, verdict.reason)
