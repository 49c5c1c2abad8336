"""Plain-text commands for people who write rather than tap: "اشترك درعا", "الغاء حلب", "أوقف النشرة".

The verb is recognized on normalized text (so إلغاء / الغاء / ألغ all match); the rest of the message is
the list of region names. Other plain text in a private chat that names places gets a subscribe button
for each, and anything else the /help list; in groups the bot stays quiet, and in channels it reads no
plain text at all (channels use /commands).
"""

from __future__ import annotations

import re

from telegram import Update
from telegram.constants import ChatType

from bot.context import NashraContext
from bot.handlers.base import in_chat
from bot.handlers.common import region_names, reply
from bot.handlers.keyboards import offer_keyboard
from bot.handlers.subscriber import do_subscribe, do_unsubscribe, help_command, mysubs, set_paused
from nashra.arabic import normalize
from nashra.texts import text

# Normalized verbs (normalize() turns إ/أ into ا, ة into ه); longest first.
_UNSUBSCRIBE = (
    "الغاء الاشتراك",
    "الغ الاشتراك",
    "الغي الاشتراك",
    "الغاء",
    "الغ",
    "الغي",
    "unsubscribe",
    "unfollow",
    "stop following",
)
_SUBSCRIBE = ("اشترك", "اشتركني", "اشتراك", "الاشتراك", "تابع", "subscribe", "follow")
_MYSUBS = ("اشتراكاتي", "اشتراكي", "my subscriptions")
_HELP = ("مساعده", "help")
# Pausing and resuming are asked for as a whole phrase: a verb and what it stops or starts («أوقف
# النشرة», «إيقاف الإرسال مؤقتاً», «استأنف الإرسال»). A verb alone («توقف», «شغل») is everyday talk in
# a group, and a verb followed by anything else («أوقف حلب») may mean unsubscribing: neither is
# guessed at (but the English "pause" and "resume", the commands' own names).
_PAUSE = tuple(
    normalize(verb).lower()
    for verb in ("أوقف", "أوقفوا", "أوقفي", "إيقاف", "توقف", "وقف", "pause", "stop sending")
)
_RESUME = tuple(
    normalize(verb).lower()
    for verb in ("استأنف", "استأنفوا", "استئناف", "أعد", "أعيدوا", "شغل", "تشغيل", "resume", "resume sending")
)
_SENDING = frozenset(
    normalize(word).lower()
    for word in ("النشرة", "النشرات", "الإرسال", "الرسائل", "التنبيهات", "الإشعارات", "digest", "digests")
)
_SENDING_FILLER = frozenset(normalize(word).lower() for word in ("مؤقتاً", "لي", "the", "my"))
_COMMAND_NAMES = frozenset(("pause", "resume", "stop sending", "resume sending"))
_FILLER = re.compile(r"^(?:في|من|بـ?|ب|to|from|in)\s+", re.IGNORECASE)
# What may follow a verb as its object, normalized ("ألغي اشتراكي في حلب", "subscribe me to Aleppo"):
# part of the request, not a region's name.
_OBJECT = re.compile(
    r"^(?:me|my subscriptions?|اشتراكي|اشتراكاتي|الاشتراك|اشتراك|الاشتراكات)(?=$|[\s:،,؛;])[\s:،,؛;]*",
    re.IGNORECASE,
)


# A word of the verb: punctuation typed after it ("اشترك: درعا", "اشترك،درعا", "اشتراكاتي؟") is no part
# of it.
_VERB_WORD = re.compile(r"[^\s:،,؛;?؟!.]+")
_LEADING_PUNCTUATION = re.compile(r"^[\s:،,؛;?؟!.\-–—]+")


def split_verb(message: str) -> tuple[str, str] | None:
    """(kind, rest) when the text starts with a verb; kind: subscribe, unsubscribe, mysubs, help, or
    pause or resume (``rest`` empty: see :data:`_PAUSE`).

    A slash before an Arabic verb ("/اشترك حلب") is how people type a command in Arabic; Telegram
    sends it as plain text (a command is Latin), so it is read as the verb."""
    if message.startswith("/") and not message.startswith("//"):
        message = message[1:]
    words = list(_VERB_WORD.finditer(message))
    sending = _pause_or_resume([normalize(w.group()).lower() for w in words])
    if sending is not None:
        return sending, ""
    for kind, verbs in (
        ("unsubscribe", _UNSUBSCRIBE),
        ("subscribe", _SUBSCRIBE),
        ("mysubs", _MYSUBS),
        ("help", _HELP),
    ):
        for verb in verbs:
            size = len(verb.split())
            if len(words) < size or message[: words[0].start()].strip():
                continue
            if normalize(" ".join(w.group() for w in words[:size])).lower() == verb:
                rest = _LEADING_PUNCTUATION.sub("", message[words[size - 1].end() :])
                return kind, _FILLER.sub("", _without_object(rest)).strip()
    return None


def _pause_or_resume(words: list[str]) -> str | None:
    """ "pause" or "resume" when the normalized ``words`` are one of those verbs (one or two words)
    followed by what it stops or starts (:data:`_SENDING`, with :data:`_SENDING_FILLER` words), and
    nothing else; else None."""
    for kind, verbs in (("pause", _PAUSE), ("resume", _RESUME)):
        for verb in verbs:
            size = len(verb.split())
            if " ".join(words[:size]) != verb:
                continue
            rest = words[size:]
            named = any(word in _SENDING for word in rest) or verb in _COMMAND_NAMES
            if named and all(word in _SENDING or word in _SENDING_FILLER for word in rest):
                return kind
    return None


def _without_object(rest: str) -> str:
    """``rest`` without the verb's object at its start (see :data:`_OBJECT`)."""
    match = _OBJECT.match(normalize(rest))
    if match is None:
        return rest
    # normalize() keeps the words where they are, but may drop marks: cut after as many words.
    taken = len(match.group().split())
    return re.sub(rf"^\s*(?:\S+\s*){{{taken}}}", "", rest) if taken else rest


async def offer_or_help(update: Update, context: NashraContext, message: str) -> None:
    """A private message that asks for nothing: a subscribe button for each place it names («حلب»,
    «أريد أخبار حلب ودمشق»), as someone told "type a place" may well type just that; else /help."""
    lang = context.language
    domain = context.services.subscriptions
    parsed = await domain.read(message)
    followed = frozenset(await domain.regions_of(context.chat_id))
    markup = None if parsed.problem else offer_keyboard(parsed, lang, followed)
    if markup is not None:
        await reply(update, context, text(lang, "offer_subscribe"), markup)
    elif not parsed.problem and parsed.codes and set(parsed.codes) <= followed:
        await reply(update, context, text(lang, "already", names=region_names(parsed.codes, lang)))
    else:
        await reply(update, context, text(lang, "help"))


@in_chat
async def plain_text(update: Update, context: NashraContext) -> None:
    """Text that is not a /command. Registered with :data:`bot.filters.ADDRESSED`, so in a group only a
    verb gets here, and from a channel nothing."""
    message, chat = update.effective_message, update.effective_chat
    assert message is not None and chat is not None
    if not message.text or chat.type == ChatType.CHANNEL:
        return  # a channel's posts are its content: "تابع معنا…" there is not a request to subscribe
    found = split_verb(message.text)
    if found is None:
        if chat.type == ChatType.PRIVATE:
            await offer_or_help(update, context, message.text)
        return
    kind, rest = found
    if kind == "subscribe":
        if not rest:
            await reply(update, context, text(context.language, "text_cmd_usage"))
            return
        await do_subscribe(update, context, rest)
    elif kind == "unsubscribe":
        if not rest:
            await reply(update, context, text(context.language, "unsubscribe_usage"))
            return
        await do_unsubscribe(update, context, rest)
    elif kind in ("pause", "resume"):
        await set_paused(update, context, kind == "pause")
    elif kind == "mysubs":
        await mysubs(update, context)
    else:
        await help_command(update, context)
