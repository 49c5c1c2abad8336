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


def _forms(*phrases: str) -> tuple[str, ...]:
    """``phrases`` as :func:`split_verb` compares them: normalized (إ/أ as ا, ة as ه, ى as ي, no vowel
    marks), lower case, the longest (in words) first, so "stop following" is tried before "stop"."""
    forms = dict.fromkeys(normalize(phrase).lower() for phrase in phrases)
    return tuple(sorted(forms, key=lambda form: -len(form.split())))


_UNSUBSCRIBE = _forms(
    "إلغاء الاشتراك",
    "ألغ الاشتراك",
    "ألغي الاشتراك",
    "إلغاء",
    "ألغ",
    "ألغي",
    "الغى",
    "unsubscribe",
    "unfollow",
    "stop following",
)
# Orders to take a region away, as people write them to a bot: «احذف حلب», «أزل حلب», «امسح», Gulf «شيل
# الرياض», «بدون حلب» (without), "remove Aleppo", "no more Aleppo". None of them names a region's news
# as the thing wanted, so what follows is the list to leave.
_REMOVE = _forms(
    "احذف",
    "احذفي",
    "احذفوا",
    "حذف",
    "أزل",
    "أزيلي",
    "إزالة",
    "امسح",
    "امسحي",
    "شيل",
    "شيلي",
    "شيلوا",
    "بدون",
    "من غير",
    "remove",
    "delete",
    "drop",
    "without",
    "no more",
    "no longer",
)
# Stop verbs (MSA «أوقف», Levantine, Gulf and Egyptian «وقّف», Egyptian «بطّل»): followed by what is sent
# («أوقف الإرسال»), by "all", or alone in a private chat, they pause the sending (the gentler reading, and
# /resume undoes it); followed by regions («أوقف حلب», «وقف أخبار جدة»), they unsubscribe from them.
_STOP = _forms(
    "أوقف",
    "أوقفوا",
    "أوقفي",
    "إيقاف",
    "وقف",
    "وقفوا",
    "وقفي",
    "بطل",
    "بطلوا",
    "بطلي",
    "stop",
    "pause",
    "stop sending",
)
# Not wanting a region's news: a negation and a verb of wanting, in MSA and dialect («لا أريد أخبار حلب»,
# Gulf «ما أبغى», «ما أبي», Levantine «ما بدي», Egyptian «مش عايز»), written apart or joined («مابدي»).
_NEGATIONS = ("لا", "ما", "مش", "مو", "مب", "مابدي")
_WANTS = (
    "أريد",
    "أبغى",
    "ابغي",
    "أبي",
    "بدي",
    "عايز",
    "عايزة",
    "عاوز",
    "عاوزة",
    "أرغب",
    "نريد",
    "نبغى",
    "نبي",
)
_NOT_WANTING = _forms(
    *(f"{no} {want}" for no in _NEGATIONS[:-1] for want in _WANTS),
    *(f"{no}{want}" for no in ("ما", "مش") for want in _WANTS),
    "i don't want",
    "i dont want",
    "i do not want",
    "don't want",
    "dont want",
    "do not want",
    "i don't need",
    "i no longer want",
)
_SUBSCRIBE = _forms("اشترك", "اشتركني", "اشتراك", "الاشتراك", "تابع", "subscribe", "follow")
_MYSUBS = _forms("اشتراكاتي", "اشتراكي", "my subscriptions")
_HELP = _forms("مساعده", "help")
# Pausing and resuming are asked for as an order and what it stops or starts («أوقف النشرة», «إيقاف
# الإرسال مؤقتاً», «وقف التنبيهات», «استأنف الإرسال», "pause the digests"). In a private chat, where every
# message is for the bot, the order alone is enough («أوقف», "stop", «رجعها», "resume"); in a group a verb
# alone is everyday talk. Not taken: a question («توقف الإرسال؟»), and verbs whose unvocalized spelling is
# as often a statement or another request: «توقف» (it stopped), «أعد» (send it again); the dialect
# orders to switch something back on («شغّل», «رجّع», «فعّل») only in a private chat, as in a group they
# are said to people as much as to the bot.
_PAUSE = _STOP
_RESUME = _forms("استأنف", "استأنفوا", "استئناف", "resume", "resume sending", "unpause", "restart")
_RESUME_PRIVATE = _forms(
    "شغل",
    "شغلها",
    "شغلوها",
    "شغلي",
    "رجع",
    "رجعها",
    "رجعوها",
    "رجعي",
    "فعل",
    "فعلها",
    "كمل",
    "continue",
    "start again",
    "turn on",
    "switch on",
)
_SENDING = frozenset(
    normalize(word).lower()
    for word in (
        "النشرة",
        "النشرات",
        "نشرتي",
        "الإرسال",
        "الرسائل",
        "الرسايل",
        "رسائل",
        "التنبيهات",
        "تنبيهات",
        "الإشعارات",
        "إشعارات",
        "الأخبار",
        "digest",
        "digests",
        "notifications",
        "messages",
        "alerts",
        "news",
        "sending",
    )
)
_SENDING_FILLER = frozenset(
    normalize(word).lower()
    for word in (
        "مؤقتاً",
        "مؤقتا",
        "لي",
        "لو",
        "سمحت",
        "من",
        "فضلك",
        "الحين",
        "دلوقتي",
        "شوي",
        "the",
        "my",
        "please",
        "for",
        "now",
        "a",
        "while",
        "all",
    )
)
_ALL = frozenset(_forms("الكل", "كل", "كله", "كلها", "كل شي", "كل شيء", "all", "everything"))
_FILLER = re.compile(r"^(?:في|من|عن|بـ?|ب|to|from|in|about|of)\s+", re.IGNORECASE)
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
_KINDS = (
    ("unsubscribe", _UNSUBSCRIBE),
    ("subscribe", _SUBSCRIBE),
    ("mysubs", _MYSUBS),
    ("help", _HELP),
)
# In a private chat, also the everyday ways of dropping a region; in a group they are as often talk
# among the members («لا أريد أن أذهب», "remove the link"), which the bot must not answer.
_EVERYDAY = frozenset(_REMOVE + _NOT_WANTING + _STOP)
_PRIVATE_KINDS = (("unsubscribe", _forms(*_UNSUBSCRIBE, *_EVERYDAY)), *_KINDS[1:])


def split_verb(message: str, *, private: bool = False) -> tuple[str, str] | None:
    """(kind, rest) when the text starts with a request; kind: subscribe, unsubscribe, mysubs, help, or
    pause or resume (``rest`` empty: see :data:`_PAUSE`). ``private``: the message comes from a private
    chat, where a bare order to stop or resume is for the bot (:data:`_RESUME_PRIVATE`).

    A slash before an Arabic verb ("/اشترك حلب") is how people type a command in Arabic; Telegram
    sends it as plain text (a command is Latin), so it is read as the verb."""
    if message.startswith("/") and not message.startswith("//"):
        message = message[1:]
    words = list(_VERB_WORD.finditer(message))
    asked = message.rstrip().endswith(("?", "؟"))
    if message[: words[0].start()].strip() if words else True:
        return None
    folded = [normalize(w.group()).lower() for w in words]
    sending = None if asked else _pause_or_resume(folded, private)
    if sending is not None:
        return sending, ""
    for kind, verbs in _PRIVATE_KINDS if private else _KINDS:
        for verb in verbs:
            size = len(verb.split())
            if len(words) < size or " ".join(folded[:size]) != verb or (asked and verb in _EVERYDAY):
                continue
            rest = _LEADING_PUNCTUATION.sub("", message[words[size - 1].end() :])
            rest = _FILLER.sub("", _without_object(rest)).strip()
            return kind, rest
    return None


def _pause_or_resume(words: list[str], private: bool) -> str | None:
    """ "pause" or "resume" when the normalized ``words`` are one of those verbs followed by what it
    stops or starts (:data:`_SENDING`, with :data:`_SENDING_FILLER` words) or by "all", and nothing
    else, or (``private``) the verb alone; else None."""
    resuming = _RESUME + _RESUME_PRIVATE if private else _RESUME
    for kind, verbs in (("pause", _PAUSE), ("resume", resuming)):
        for verb in verbs:
            size = len(verb.split())
            if " ".join(words[:size]) != verb:
                continue
            rest = words[size:]
            if not rest:
                return kind if private else None
            if " ".join(rest) in _ALL and kind == "pause":
                return kind
            if any(word in _SENDING for word in rest) and all(
                word in _SENDING or word in _SENDING_FILLER or word in _ALL for word in rest
            ):
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
    found = split_verb(message.text, private=chat.type == ChatType.PRIVATE)
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
