"""Subscriber commands: parse the message, call the subscription domain, reply in the chat's language."""

from __future__ import annotations

import logging
import re
from datetime import UTC, datetime

from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Update
from telegram.constants import ChatMemberStatus, ChatType

from bot.callbacks import MoreStories, StopAnswer, decode, encode
from bot.context import NashraContext
from bot.handlers.base import in_chat, is_bot_admin, on_press
from bot.handlers.common import (
    answer_press,
    chat_kind,
    command_for_another_bot,
    esc,
    group_refusal,
    may_change,
    quoted,
    redraw,
    refuse_non_admin_change,
    region_names,
    reply,
    schedule_line,
    send,
    stale_press,
)
from bot.handlers.keyboards import (
    describe_unsettled,
    pick_label,
    picks_keyboard,
    reading_order,
    shown_terms,
)
from nashra.arabic import normalize
from nashra.clock import asks_no_time, zone_label
from nashra.digest.compose import closes_with_left_out
from nashra.regions.names import display_name, region_name
from nashra.storage.outbox import OutboxRow
from nashra.texts import ADMIN_TOPICS, HELP_TOPICS, LANGUAGES, Readers, text
from subscriptions import ChangeResult, ParsedRegions, TimeError, ZoneChoice

log = logging.getLogger(__name__)

# /stop's question deletes only while this fresh (seconds since it was asked): an old one, pressed after
# the chat subscribed again, must not delete what it chose since.
STOP_QUESTION_TTL_S = 600


def describe_change(result: ChangeResult, lang: str, adding: bool, *, readers: Readers = "private") -> str:
    """One line per outcome: changed, unchanged, and each unsettled term with what it may mean; ``group``:
    worded for a group chat (:func:`nashra.texts.text`)."""
    parsed = result.parsed
    if parsed.problem:
        return "\n".join(describe_unsettled(parsed, lang))
    lines = []
    if result.changed:
        names = _named(result.changed, parsed, lang)
        lines.append(text(lang, "subscribed" if adding else "unsubscribed", readers=readers, names=names))
    if result.unchanged:
        key = "already" if adding else "not_subscribed"
        lines.append(text(lang, key, readers=readers, names=region_names(result.unchanged, lang)))
    lines.extend(describe_unsettled(parsed, lang))
    if any(parsed.suggestions.get(term) for term in shown_terms(parsed)):
        lines.append(text(lang, "picks_hint_add" if adding else "picks_hint_remove"))
    elif adding and parsed.unknown:
        lines.append(text(lang, "picks_hint_none", readers=readers))
    return "\n".join(lines)


def _named(codes: list[str], parsed: ParsedRegions, lang: str) -> str:
    """The regions of ``codes``, each after the place the user named in it, as its button would show it
    ("صيدا — محافظة الجنوب (لبنان)"): the user asked for Sidon, not for a governorate they may not know."""
    names = (esc(pick_label(code, lang, parsed.via.get(code))) for code in codes)
    return text(lang, "list_separator").join(names)


def help_message(lang: str, topic: str, *, admin: bool, private: bool, readers: Readers = "private") -> str:
    """/help: the commands (with the admin commands for an admin in a private chat), or one command
    with its example (``topic`` "alert", "/alert"); admin commands are explained to admins only. Worded
    for the chat's ``readers`` (a channel's topics offer no typed words and no «More» button)."""
    topic = topic.strip().lstrip("/").split("@")[0].lower()
    if not topic:
        body = text(lang, "help", readers=readers)
        return body + "\n\n" + text(lang, "help_admin") if admin and private else body
    if topic not in HELP_TOPICS:
        return (
            text(lang, "help_unknown_topic", term=quoted(topic))
            + "\n\n"
            + text(lang, "help", readers=readers)
        )
    if topic in ADMIN_TOPICS and not admin:
        return text(lang, "not_admin")
    return text(lang, f"help_{topic}", readers=readers)


@in_chat
async def start(update: Update, context: NashraContext) -> None:
    """/start: the welcome (a group's and a channel's say that its admins choose the regions); a chat
    that already follows regions (back after a while, or after unblocking the bot) is also told which,
    so it need not wonder whether it must choose again."""
    lang = context.language
    domain = context.services.subscriptions
    kind = chat_kind(update)
    await domain.ensure(context.chat_id, kind)
    if kind in (ChatType.GROUP, ChatType.SUPERGROUP):
        body = text(lang, "welcome_group", bot=esc(context.bot.username or ""))
    else:
        body = text(lang, "welcome", readers=context.readers)
    codes = await domain.regions_of(context.chat_id)
    if codes:
        body += "\n\n" + text(
            lang,
            "welcome_back",
            readers=context.readers,
            names=region_names(reading_order(codes, lang), lang),
        )
    await reply(update, context, body)


@in_chat
async def help_command(update: Update, context: NashraContext) -> None:
    """/help [command]; also "مساعدة alert" in plain text."""
    chat = update.effective_chat
    private = chat is not None and chat.type == ChatType.PRIVATE
    admin = is_bot_admin(update, context)
    body = help_message(
        context.language, context.arguments, admin=admin, private=private, readers=context.readers
    )
    await reply(update, context, body)


@in_chat
async def unknown_command(update: Update, context: NashraContext) -> None:
    """A command the bot does not have, answered in a private chat or when addressed to this bot by name
    (/foo@nashra_bot): in a group a bare /foo may be another bot's (commands for another bot by name
    never get here in a group, see :func:`bot.filters.addressed_to_bot`)."""
    message, chat = update.effective_message, update.effective_chat
    assert message is not None and chat is not None
    command = (message.text or "").split(maxsplit=1)[0] if message.text else ""
    if command_for_another_bot(command, context.bot.username):
        return
    if chat.type != ChatType.PRIVATE and "@" not in command:
        return
    lang = context.language
    await reply(
        update,
        context,
        text(lang, "unknown_command") + "\n\n" + text(lang, "help", readers=context.readers),
    )


async def do_subscribe(update: Update, context: NashraContext, names: str, *, command: bool = False) -> None:
    """Shared by /subscribe and "اشترك …"; ``command``: ``names`` are a command's arguments, where a lone
    code is one in any case (:func:`subscriptions.parse_regions`)."""
    lang = context.language
    if not names:
        await reply(update, context, text(lang, "subscribe_usage"))
        return
    if await refuse_non_admin_change(update, context):
        return
    domain = context.services.subscriptions
    result = await domain.subscribe(context.chat_id, chat_kind(update), names, lang, command=command)
    markup = picks_keyboard(result.parsed, lang, subscribe=True)
    body = describe_change(result, lang, adding=True, readers=context.readers)
    if result.changed and set(await domain.regions_of(context.chat_id)) == set(result.changed):
        # After the line of what was subscribed, before what is left to choose and its buttons' hint.
        subscribed, _, rest = body.partition("\n")
        body = "\n".join(line for line in (subscribed, await schedule_line(context, lang), rest) if line)
    await reply(update, context, body or text(lang, "subscribe_usage"), markup)


async def do_unsubscribe(
    update: Update, context: NashraContext, names: str, *, command: bool = False
) -> None:
    """Shared by /unsubscribe and "الغاء …"; ``command`` as for :func:`do_subscribe`."""
    lang = context.language
    if not names:
        await reply(update, context, text(lang, "unsubscribe_usage"))
        return
    if await refuse_non_admin_change(update, context):
        return
    domain = context.services.subscriptions
    result = await domain.unsubscribe(context.chat_id, names, command=command)
    body = describe_change(result, lang, adding=False, readers=context.readers)
    if not body:  # no region was named: "follows nothing" only where that is so
        body = text(
            lang,
            "unsubscribe_usage" if await domain.regions_of(context.chat_id) else "no_subs",
            readers=context.readers,
        )
    markup = picks_keyboard(result.parsed, lang, subscribe=False)
    await reply(update, context, body, markup)


@in_chat
async def mysubs(update: Update, context: NashraContext) -> None:
    lang = context.language
    subscriber = await context.services.subscriptions.get(context.chat_id)
    if subscriber is None or not subscriber.regions:
        await reply(update, context, text(lang, "no_subs", readers=context.readers))
        return
    names = "\n".join(f"• {region_names([code], lang)}" for code in reading_order(subscriber.regions, lang))
    lines = [text(lang, "mysubs", readers=context.readers, names=names)]
    if subscriber.digest_time:
        zone = subscriber.timezone or context.services.config.schedule.timezone
        lines.append(text(lang, "mysubs_time", time=subscriber.digest_time, zone=esc(zone_label(zone, lang))))
    if subscriber.paused:
        lines.append(text(lang, "mysubs_paused"))
    await reply(update, context, "\n".join(lines))


# What /lang accepts besides "ar" and "en", normalized (nashra.arabic.normalize: إ as ا, ة as ه, ى as ي).
_LANGUAGE_NAMES = {
    "عربي": "ar",
    "العربي": "ar",
    "عربيه": "ar",
    "العربيه": "ar",
    "arabic": "ar",
    "انجليزي": "en",
    "انكليزي": "en",
    "الانجليزي": "en",
    "الانكليزي": "en",
    "انجليزيه": "en",
    "الانجليزيه": "en",
    "الانكليزيه": "en",
    "english": "en",
    "انقليزي": "en",
    "الانقليزي": "en",
    "انقليزيه": "en",
    "الانقليزيه": "en",
    "انجلش": "en",
}
# A word naming the language itself before its name ("اللغة العربية", "language English").
_LANGUAGE_WORD = re.compile(r"^(?:اللغه|لغه|language)\s+", re.IGNORECASE)


def wanted_language(argument: str) -> str | None:
    """The interface language ``argument`` names ("en", "EN", "en-US", "English", «الإنجليزية», «عربى»,
    «اللغة العربية»), or None."""
    word = _LANGUAGE_WORD.sub("", normalize(argument.strip()))
    code = re.split(r"[-_]", word, maxsplit=1)[0]
    wanted = _LANGUAGE_NAMES.get(word, code)
    return wanted if wanted in LANGUAGES else None


@in_chat
async def lang_command(update: Update, context: NashraContext) -> None:
    wanted = wanted_language(context.arguments)
    if wanted is None:
        await reply(update, context, text(context.language, "lang_usage"))
        return
    if await refuse_non_admin_change(update, context, "language"):
        return
    await context.services.subscriptions.set_language(context.chat_id, chat_kind(update), wanted)
    await reply(update, context, text(wanted, "lang_set", readers=context.readers))


@in_chat
async def time_command(update: Update, context: NashraContext) -> None:
    """/time [time] [place]; /time off; /time alone says when the chat's digest comes and how to change it."""
    lang = context.language
    if not context.arguments:  # when the digest comes now, and how to set one
        await reply(update, context, await schedule_line(context, lang) + "\n" + text(lang, "time_usage"))
        return
    if await refuse_non_admin_change(update, context, "time"):
        return
    if asks_no_time(context.arguments):
        await context.services.subscriptions.clear_time(context.chat_id, chat_kind(update))
        await reply(
            update,
            context,
            text(lang, "time_cleared", readers=context.readers) + "\n" + await schedule_line(context, lang),
        )
        return
    config = context.services.config
    try:
        setting = await context.services.subscriptions.set_time(
            context.chat_id, chat_kind(update), context.arguments, config.schedule.timezone
        )
    except TimeError as exc:
        await reply(update, context, time_refusal(exc, lang, readers=context.readers))
        return
    body = text(
        lang,
        "time_set",
        readers=context.readers,
        time=setting.time,
        zone=esc(zone_label(setting.zone, lang)),
    )
    if setting.repeated:
        shown = text(lang, "list_separator").join(quoted(written) for written in setting.repeated)
        body += "\n" + text(lang, "time_merged", times=shown)
    await reply(update, context, body)


def time_refusal(exc: TimeError, lang: str, *, readers: Readers = "private") -> str:
    """The one line that answers a /time it could not set, saying what it understood: the time read
    and the zone it could not tell, the places a shared name may mean with their zones (and how to
    name one: its vocalized name, «عَمَّان», or the name and its country, «طرابلس لبنان»), the places
    in different zones or the zones' names written for the chat's one zone, or the different times
    written for the chat's one digest time."""
    separator = text(lang, "list_separator")
    if exc.kind == "zones":
        return text(lang, "zone_several", country=esc(display_name(exc.country, lang)))
    if exc.kind in ("shared", "places"):
        places = separator.join(
            text(
                lang,
                "zone_choice",
                place=esc(pick_label(c.code, lang, c.place)),
                zone=esc(zone_label(c.zone, lang)),
            )
            for c in exc.choices
        )
        if exc.kind == "places":
            example = esc(exc.choices[0].place or region_name(exc.choices[0].code, lang))
            return text(lang, "zone_places", readers=readers, places=places, time=exc.moment, example=example)
        example = esc(_settling_name(exc.choices[0], exc.term, lang))
        return text(
            lang, "zone_shared", term=quoted(exc.term), places=places, time=exc.moment, example=example
        )
    if exc.kind == "times":
        return text(
            lang, "time_several", readers=readers, times=separator.join(exc.times), first=exc.times[0]
        )
    if exc.kind == "zone_names":
        zones = separator.join(esc(zone_label(zone, lang)) for zone in exc.zones)
        return text(
            lang, "zone_names", readers=readers, zones=zones, time=exc.moment, first=esc(exc.zones[0])
        )
    if exc.kind == "time":
        return text(lang, "time_bad", term=quoted(exc.term))
    return text(lang, "zone_bad", term=quoted(exc.term), time=exc.moment)


def _settling_name(choice: ZoneChoice, term: str, lang: str) -> str:
    """How to name ``choice`` so that /time reads it alone: its own name where that differs from the
    shared ``term`` (vocalized, «عَمَّان»; or another language's, "Amman"), else the term and the
    choice's country («طرابلس ليبيا»)."""
    name = region_name(choice.code, lang)
    if choice.place is None and name != term:
        return name
    country = choice.code.partition("-")[0]
    return f"{choice.place or term} {region_name(country, lang)}"


async def set_paused(update: Update, context: NashraContext, paused: bool) -> None:
    """/pause and /resume (and their phrases, :mod:`bot.handlers.text_commands`); a chat that follows
    no region has nothing to pause, and is told so."""
    if await refuse_non_admin_change(update, context, "pause"):
        return
    if not await context.services.subscriptions.regions_of(context.chat_id):
        await reply(update, context, text(context.language, "no_subs", readers=context.readers))
        return
    await context.services.set_paused(context.chat_id, chat_kind(update), paused)
    await reply(
        update, context, text(context.language, "paused" if paused else "resumed", readers=context.readers)
    )


@in_chat
async def pause(update: Update, context: NashraContext) -> None:
    await set_paused(update, context, True)


@in_chat
async def resume(update: Update, context: NashraContext) -> None:
    await set_paused(update, context, False)


@in_chat
async def stop(update: Update, context: NashraContext) -> None:
    """/stop: ask before forgetting the chat entirely (subscriber row, regions, pending messages); the
    answer comes as a press (:func:`stop_pressed`). A chat with nothing stored is told so at once."""
    if await refuse_non_admin_change(update, context, "stop"):
        return
    lang = context.language
    subscriber = await context.services.subscriptions.get(context.chat_id)
    if subscriber is None:
        await reply(update, context, text(lang, "stop_nothing", readers=context.readers))
        return
    since = subscriber.life
    buttons = [
        InlineKeyboardButton(
            text(lang, "stop_yes", readers=context.readers), callback_data=encode(StopAnswer(True, since))
        ),
        InlineKeyboardButton(
            text(lang, "stop_no", readers=context.readers), callback_data=encode(StopAnswer(False, since))
        ),
    ]
    await reply(
        update,
        context,
        text(lang, "stop_confirm", readers=context.readers),
        InlineKeyboardMarkup([buttons]),
    )


@on_press
async def stop_pressed(update: Update, context: NashraContext) -> None:
    """The answer to /stop's question: delete the chat's data, or keep it; the question then loses its
    buttons. A question older than :data:`STOP_QUESTION_TTL_S` deletes nothing, nor does one asked
    about data that is gone (its ``since`` is not the chat's row: the chat was deleted and started
    again since), and a repeated press finds nothing left to delete and says so."""
    query = update.callback_query
    assert query is not None
    press = decode(query.data)
    lang = context.language
    if not isinstance(press, StopAnswer):
        await stale_press(update, context)
        return
    if not await may_change(update, context):
        await answer_press(query, group_refusal(lang, "stop"), alert=True)
        return
    await answer_press(query)
    chat_id = context.chat_id
    # Presses of one chat are handled one at a time (its lane), so nothing starts the chat again between
    # this look and the deletion.
    subscriber = await context.services.subscriptions.get(chat_id)
    asked_about = subscriber is not None and subscriber.life == press.since
    if not press.delete:
        # "Nothing was deleted, your subscriptions stay" is not true of data another question deleted.
        await redraw(
            update,
            text(lang, "stop_kept" if asked_about else "stop_expired", readers=context.readers),
            None,
        )
        return
    asked = getattr(query.message, "date", None)
    if asked is None or (datetime.now(UTC) - asked).total_seconds() > STOP_QUESTION_TTL_S:
        await redraw(update, text(lang, "stop_expired"), None)
        return
    if subscriber is not None and not asked_about:
        await redraw(update, text(lang, "stop_expired"), None)
        return
    forgotten = await context.services.subscriptions.forget(chat_id)
    log.info("chat %s asked to be forgotten (%s)", chat_id, "deleted" if forgotten else "nothing stored")
    # A second press of the same question (a double tap) finds nothing left: the data is gone either way.
    await redraw(update, text(lang, "stopped", readers=context.readers), None)


@in_chat
async def digest(update: Update, context: NashraContext) -> None:
    """/digest: what is new in the chat's regions since its last digest, now; a digest that takes a
    while to compose is announced first."""
    lang = context.language

    async def preparing() -> None:
        await reply(update, context, text(lang, "digest_preparing", readers=context.readers))

    outcome = await context.services.digest_now(context.chat_id, on_slow=preparing)
    if outcome == "no_regions":
        await reply(update, context, text(lang, "no_subs", readers=context.readers))
    elif outcome == "paused":
        await reply(update, context, text(lang, "digest_paused"))
    elif outcome == "pending":
        await reply(update, context, text(lang, "digest_pending", readers=context.readers))
    elif outcome == "empty_first":
        hours = context.services.config.delivery.first_digest_hours
        await reply(update, context, text(lang, "digest_empty_first", readers=context.readers, hours=hours))
    elif outcome == "empty":
        await reply(update, context, text(lang, "digest_empty", readers=context.readers))
    elif outcome == "unavailable":
        await reply(update, context, text(lang, "delivery_unavailable"))


def more_keyboard(lang: str) -> InlineKeyboardMarkup:
    """The «More» button: the next stories the chat's last digest left out (:class:`MoreStories`)."""
    button = InlineKeyboardButton(text(lang, "more_button"), callback_data=encode(MoreStories()))
    return InlineKeyboardMarkup([[button]])


def outbox_buttons(row: OutboxRow) -> InlineKeyboardMarkup | None:
    """The keyboard under the last message an outbox row is sent as: the «More» button under a digest
    message that closes with the line saying its item cap left stories out, in the chat's language. Not
    in a channel: any reader could press it there, and the bot would post to the channel for them."""
    if row.kind != "digest" or row.chat_kind == "channel" or not closes_with_left_out(row.text):
        return None
    return more_keyboard(row.language)


@in_chat
async def more(update: Update, context: NashraContext) -> None:
    """/more: the next stories the item cap left out of the chat's last digest."""
    await _more(update, context)


@on_press
async def more_pressed(update: Update, context: NashraContext) -> None:
    """The «More» button under a digest (or a page of /more): as /more."""
    query = update.callback_query
    assert query is not None
    if not isinstance(decode(query.data), MoreStories):
        await stale_press(update, context)
        return
    await answer_press(query, text(context.language, "more_press"))
    await _more(update, context)


async def _more(update: Update, context: NashraContext) -> None:
    lang, readers = context.language, context.readers
    page = await context.services.more(context.chat_id)
    if page.outcome == "no_regions":
        await reply(update, context, text(lang, "no_subs", readers=readers))
    elif page.outcome == "paused":
        await reply(update, context, text(lang, "digest_paused"))
    elif page.outcome == "no_digest":
        await reply(update, context, text(lang, "more_no_digest", readers=readers))
    elif page.outcome == "nothing":
        await reply(update, context, text(lang, "more_nothing", readers=readers))
    for number, message in enumerate(page.messages, start=1):
        last = number == len(page.messages)
        button = last and page.left and readers != "channel"  # a channel gets no button: see outbox_buttons
        if await reply(update, context, message, more_keyboard(lang) if button else None) is None:
            return  # not sent: the page is not counted, and the next /more sends it again
    await context.services.more_sent(context.chat_id, page)


# The bot is out of a chat in these states; in any other it is a member.
_OUT = (ChatMemberStatus.BANNED, ChatMemberStatus.LEFT)


async def member_changed(update: Update, context: NashraContext) -> None:
    """The bot was blocked / removed (stop sending) or welcomed back (send again).

    Added to a group, the bot introduces itself there: nobody in a group sends it /start, and its
    members need to know that the group's admins choose its regions."""
    change = update.my_chat_member
    if change is None:
        return
    status = change.new_chat_member.status
    blocked = status in _OUT
    await context.services.subscriptions.mark_blocked(change.chat.id, blocked)
    log.info("chat %s %s the bot", change.chat.id, "blocked" if blocked else "unblocked")
    joined = not blocked and change.old_chat_member.status in _OUT
    if joined and change.chat.type in (ChatType.GROUP, ChatType.SUPERGROUP):
        lang = await context.load_language()
        bot = esc(context.bot.username or "")
        await send(context, change.chat.id, text(lang, "welcome_group", bot=bot))


async def chat_migrated(update: Update, context: NashraContext) -> None:
    """A group became a supergroup: its subscriptions move to the new chat id."""
    message = update.effective_message
    if message is None or message.migrate_to_chat_id is None:
        return
    await context.services.subscriptions.migrate(message.chat.id, message.migrate_to_chat_id)
