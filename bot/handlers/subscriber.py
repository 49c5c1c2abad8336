"""Subscriber commands: parse the message, call the subscription domain, reply in the chat's language."""

from __future__ import annotations

import logging

from telegram import Update
from telegram.constants import ChatMemberStatus, ChatType
from telegram.ext import ContextTypes

from bot.handlers.admin import is_admin
from bot.handlers.common import (
    chat_kind,
    command_args,
    esc,
    language,
    refuse_non_admin_change,
    region_names,
    reply,
    services,
)
from bot.handlers.keyboards import TERM_CHARS, describe_unsettled, pick_label, picks_keyboard, shown_terms
from nashra.texts import ADMIN_TOPICS, HELP_TOPICS, LANGUAGES, text
from subscriptions import ChangeResult, ParsedRegions, TimeError

log = logging.getLogger(__name__)


def describe_change(result: ChangeResult, lang: str, adding: bool) -> str:
    """One line per outcome: changed, unchanged, and each unsettled term with what it may mean."""
    parsed = result.parsed
    if parsed.problem:
        return "\n".join(describe_unsettled(parsed, lang))
    lines = []
    if result.changed:
        names = _named(result.changed, parsed, lang)
        lines.append(text(lang, "subscribed" if adding else "unsubscribed", names=names))
    if result.unchanged:
        key = "already" if adding else "not_subscribed"
        lines.append(text(lang, key, names=region_names(result.unchanged, lang)))
    lines.extend(describe_unsettled(parsed, lang))
    if any(parsed.suggestions.get(term) for term in shown_terms(parsed)):
        lines.append(text(lang, "picks_hint_add" if adding else "picks_hint_remove"))
    return "\n".join(lines)


def _named(codes: list[str], parsed: ParsedRegions, lang: str) -> str:
    """The regions of ``codes``, each after the place the user named in it, as its button would show it
    ("صيدا — محافظة الجنوب (لبنان)"): the user asked for Sidon, not for a governorate they may not know."""
    separator = "، " if lang == "ar" else ", "
    return separator.join(esc(pick_label(code, lang, parsed.via.get(code))) for code in codes)


def help_message(lang: str, topic: str, *, admin: bool, private: bool) -> str:
    """/help: the commands (with the admin commands for an admin in a private chat), or one command
    with its example (``topic`` "alert", "/alert"); admin commands are explained to admins only."""
    topic = topic.strip().lstrip("/").split("@")[0].lower()
    if not topic:
        body = text(lang, "help")
        return body + "\n\n" + text(lang, "help_admin") if admin and private else body
    if topic not in HELP_TOPICS:
        return text(lang, "help_unknown_topic", term=esc(topic, TERM_CHARS)) + "\n\n" + text(lang, "help")
    if topic in ADMIN_TOPICS and not admin:
        return text(lang, "not_admin")
    return text(lang, f"help_{topic}")


async def start(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    chat = update.effective_chat
    if chat is None:
        return
    await services(context).subscriptions.ensure(chat.id, chat_kind(update))
    await reply(update, context, text(await language(update, context), "welcome"))


async def help_command(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """/help [command]; also "مساعدة alert" in plain text."""
    chat = update.effective_chat
    private = chat is not None and chat.type == ChatType.PRIVATE
    lang = await language(update, context)
    body = help_message(lang, command_args(update), admin=is_admin(update, context), private=private)
    await reply(update, context, body)


async def unknown_command(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """A command the bot does not have. Answered in a private chat, or when addressed to this bot by name
    (/foo@nashra_bot); in a group a bare /foo may be another bot's, and /foo@otherbot always is."""
    message = update.effective_message
    chat = update.effective_chat
    if message is None or chat is None:
        return
    command = (message.text or "").split(maxsplit=1)[0] if message.text else ""
    _, at, addressee = command.partition("@")
    if at and addressee.casefold() != (context.bot.username or "").casefold():
        return
    if chat.type != ChatType.PRIVATE and not at:
        return
    lang = await language(update, context)
    await reply(update, context, text(lang, "unknown_command") + "\n\n" + text(lang, "help"))


async def do_subscribe(update: Update, context: ContextTypes.DEFAULT_TYPE, names: str) -> None:
    """Shared by /subscribe and "اشترك …"."""
    chat = update.effective_chat
    if chat is None:
        return
    lang = await language(update, context)
    if not names:
        await reply(update, context, text(lang, "subscribe_usage"))
        return
    if await refuse_non_admin_change(update, context):
        return
    domain = services(context).subscriptions
    result = await domain.subscribe(chat.id, chat_kind(update), names, lang)
    markup = picks_keyboard(result.parsed, lang, subscribe=True)
    body = describe_change(result, lang, adding=True)
    await reply(update, context, body or text(lang, "subscribe_usage"), markup)


async def do_unsubscribe(update: Update, context: ContextTypes.DEFAULT_TYPE, names: str) -> None:
    """Shared by /unsubscribe and "الغاء …"."""
    chat = update.effective_chat
    if chat is None:
        return
    lang = await language(update, context)
    if not names:
        await reply(update, context, text(lang, "unsubscribe_usage"))
        return
    if await refuse_non_admin_change(update, context):
        return
    result = await services(context).subscriptions.unsubscribe(chat.id, names)
    body = describe_change(result, lang, adding=False)
    markup = picks_keyboard(result.parsed, lang, subscribe=False)
    await reply(update, context, body or text(lang, "no_subs"), markup)


async def subscribe(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    await do_subscribe(update, context, command_args(update))


async def unsubscribe(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    await do_unsubscribe(update, context, command_args(update))


async def mysubs(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    chat = update.effective_chat
    if chat is None:
        return
    lang = await language(update, context)
    subscriber = await services(context).subscriptions.get(chat.id)
    if subscriber is None or not subscriber.regions:
        await reply(update, context, text(lang, "no_subs"))
        return
    names = "\n".join(f"• {region_names([code], lang)}" for code in subscriber.regions)
    lines = [text(lang, "mysubs", names=names)]
    if subscriber.digest_time:
        lines.append(
            text(lang, "mysubs_time", time=subscriber.digest_time, zone=esc(subscriber.timezone or ""))
        )
    if subscriber.paused:
        lines.append(text(lang, "mysubs_paused"))
    await reply(update, context, "\n".join(lines))


async def lang_command(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    chat = update.effective_chat
    if chat is None:
        return
    wanted = command_args(update).lower()
    wanted = {"عربي": "ar", "العربية": "ar", "english": "en", "انجليزي": "en"}.get(wanted, wanted)
    if wanted not in LANGUAGES:
        await reply(update, context, text(await language(update, context), "lang_usage"))
        return
    if await refuse_non_admin_change(update, context):
        return
    await services(context).subscriptions.set_language(chat.id, chat_kind(update), wanted)
    await reply(update, context, text(wanted, "lang_set"))


async def time_command(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    chat = update.effective_chat
    if chat is None:
        return
    lang = await language(update, context)
    args = command_args(update)
    if not args:
        await reply(update, context, text(lang, "time_usage"))
        return
    if await refuse_non_admin_change(update, context):
        return
    config = services(context).config
    try:
        moment, zone = await services(context).subscriptions.set_time(
            chat.id, chat_kind(update), args, config.schedule.timezone
        )
    except TimeError as exc:
        key = "time_bad" if exc.kind == "time" else "zone_bad"
        await reply(update, context, text(lang, key, term=esc(exc.term, config.telegram.max_input_chars)))
        return
    await reply(update, context, text(lang, "time_set", time=moment, zone=esc(zone)))


async def _set_paused(update: Update, context: ContextTypes.DEFAULT_TYPE, paused: bool) -> None:
    chat = update.effective_chat
    if chat is None or await refuse_non_admin_change(update, context):
        return
    await services(context).subscriptions.set_paused(chat.id, chat_kind(update), paused)
    await reply(update, context, text(await language(update, context), "paused" if paused else "resumed"))


async def pause(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    await _set_paused(update, context, True)


async def resume(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    await _set_paused(update, context, False)


async def stop(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """/stop: forget the chat entirely (subscriber row, regions, pending messages)."""
    chat = update.effective_chat
    if chat is None:
        return
    lang = await language(update, context)
    if await refuse_non_admin_change(update, context):
        return
    forgotten = await services(context).subscriptions.forget(chat.id)
    log.info("chat %s asked to be forgotten (%s)", chat.id, "deleted" if forgotten else "nothing stored")
    await reply(update, context, text(lang, "stopped" if forgotten else "stop_nothing"))


async def digest(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """/digest: what is new in the chat's regions since its last digest, now."""
    chat = update.effective_chat
    if chat is None:
        return
    lang = await language(update, context)
    domain = services(context).subscriptions
    if not await domain.regions_of(chat.id):
        await reply(update, context, text(lang, "no_subs"))
        return
    deliverer = services(context).deliverer
    if deliverer is None:
        return
    subscriber = await domain.get(chat.id)
    first = subscriber is None or subscriber.last_digest_at is None
    report = await deliverer.digest_now(chat.id)
    if not report.messages and first:
        hours = services(context).config.delivery.first_digest_hours
        await reply(update, context, text(lang, "digest_empty_first", hours=hours))
    elif not report.messages:
        await reply(update, context, text(lang, "digest_empty"))


async def member_changed(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """The bot was blocked / removed (stop sending) or welcomed back (send again)."""
    change = update.my_chat_member
    if change is None:
        return
    status = change.new_chat_member.status
    blocked = status in (ChatMemberStatus.BANNED, ChatMemberStatus.LEFT)
    await services(context).subscriptions.mark_blocked(change.chat.id, blocked)
    log.info("chat %s %s the bot", change.chat.id, "blocked" if blocked else "unblocked")


async def chat_migrated(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """A group became a supergroup: its subscriptions move to the new chat id."""
    message = update.effective_message
    if message is None or message.migrate_to_chat_id is None:
        return
    await services(context).subscriptions.migrate(message.chat.id, message.migrate_to_chat_id)
