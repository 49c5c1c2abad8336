"""Plain-text commands for people who write rather than tap: "اشترك درعا", "الغاء حلب", "أوقف النشرة".

The verb is recognized on normalized text (so إلغاء / الغاء / ألغ all match); the rest of the message is
the list of region names. In a private chat, everyday phrasings in MSA, dialect and English are requests
too («أوقف حلب», «شيل الرياض», «مش عايز أخبار اسكندرية», «ضيف الكويت», «رجعها», «أبي النشرة الحين», "remove
Aleppo"): every message there is for the bot. Other plain text in a private chat that names places gets
a subscribe button for each, and anything else the /help list; in groups the bot reads only the formal
verbs and a stop naming what is sent, and stays quiet otherwise; in channels it reads no plain text at
all (channels use /commands). /subscribe and /unsubscribe are here too: their arguments may start with
the request's verb said again («/subscribe SUBSCRIBE TO EGYPT»), read with the same verbs.
"""

from __future__ import annotations

import re

from telegram import Update
from telegram.constants import ChatType

from bot.context import NashraContext
from bot.handlers.base import in_chat
from bot.handlers.common import region_names, reply
from bot.handlers.keyboards import offer_keyboard
from bot.handlers.subscriber import (
    digest,
    do_subscribe,
    do_unsubscribe,
    help_command,
    more,
    mysubs,
    set_paused,
)
from nashra.arabic import normalize
from nashra.texts import text
from subscriptions import names_in_sentence, names_with_slips, parse_regions
from subscriptions.service import is_all


def _forms(*phrases: str) -> tuple[str, ...]:
    """``phrases`` as :func:`split_verb` compares them: normalized (إ/أ as ا, ة as ه, ى as ي, no vowel
    marks), lower case, the longest (in words) first, so "stop following" is tried before "stop"."""
    forms = dict.fromkeys(normalize(phrase).lower() for phrase in phrases)
    return tuple(sorted(forms, key=lambda form: -len(form.split())))


def _words(words: str, *phrases: str) -> tuple[str, ...]:
    """:func:`_forms` of the one-word forms in ``words`` (space-separated) and of ``phrases``."""
    return _forms(*words.split(), *phrases)


_UNSUBSCRIBE = _words(
    "إلغاء ألغ ألغي الغى unsubscribe unfollow",
    "إلغاء الاشتراك",
    "ألغ الاشتراك",
    "ألغي الاشتراك",
    "stop following",
)
# Orders to take a region away, as people write them to a bot: «احذف حلب», «أزل حلب», «امسح», Gulf «شيل
# الرياض», «بدون حلب» (without), «كفاية أخبار حلب» (enough), "remove Aleppo", "no more Aleppo". None of
# them names a region's news as the thing wanted, so what follows is the list to leave.
_REMOVE = _words(
    "احذف احذفي احذفوا حذف أزل أزيلي إزالة امسح امسحي شيل شيلي شيلوا بدون كفاية كفى "
    "remove delete drop without",
    "من غير",
    "no more",
    "no longer",
)
# Stop verbs (MSA «أوقف», Levantine, Gulf and Egyptian «وقّف», Egyptian «بطّل», «لا ترسل», "turn off"):
# followed by what is sent («أوقف الإرسال», «بطل ترسل»), by "all", or alone in a private chat, they pause
# the sending (the gentler reading, and /resume undoes it); followed by regions («أوقف حلب», «وقف أخبار
# جدة»), they unsubscribe from them.
_STOP = _words(
    "أوقف أوقفوا أوقفي إيقاف وقف وقفوا وقفي بطل بطلوا بطلي stop pause mute",
    "stop sending",
    "لا ترسل",
    "ما ترسل",
    "لا تبعت",
    "don't send",
    "dont send",
    "do not send",
    "turn off",
    "switch off",
)
# Not wanting a region's news: a negation and a verb of wanting, in MSA and dialect («لا أريد أخبار حلب»,
# Gulf «ما أبغى», «ما أبي», Levantine «ما بدي», Egyptian «مش عايز»), written apart or joined («مابدي»).
_NEGATIONS = ("لا", "ما", "مش", "مو", "مب")
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
    *(f"{no} {want}" for no in _NEGATIONS for want in _WANTS),
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
_SUBSCRIBE = _words("اشترك اشتركني اشتراك الاشتراك تابع subscribe follow")
# Orders to add a region (Gulf «ضيف», «زيد», «حط لي», MSA «أضف», "add"): in a private chat only, as in a
# group "add" is as often said of people or links. Saying one wants a region's news («أبغى أخبار جدة»)
# is not an order: it is offered with a subscribe button (:func:`offer_or_help`).
_ADD = _words("أضف اضيف ضيف ضيفي ضيفوا زيد زود حط حطلي add include")
_MYSUBS = _words(
    "اشتراكاتي اشتراكي subscriptions",
    "my subscriptions",
    "مشترك فيه",
    "ايش مشترك فيه",
    "وش مشترك فيه",
    "شو مشترك فيه",
    "what am i subscribed to",
    "what do i follow",
)
_HELP = _words("مساعده help")
# Asking for the digest now, in a private chat («النشرة», «أبي النشرة الحين», «أخبار اليوم», "news"),
# with nothing else: a place named with it («أخبار حلب») is a region to offer.
_DIGEST = _forms(
    *(
        f"{want} {what}"
        for want in (
            "أريد",
            "أبغى",
            "أبي",
            "بدي",
            "عايز",
            "عاوز",
            "هات",
            "أرسل",
            "ابعت",
            "ابعث",
            "send",
            "send me",
            "get",
        )
        for what in ("النشرة", "نشرتي", "الأخبار", "the digest", "the news", "my digest")
    ),
    "النشرة",
    "نشرتي",
    "نشرة اليوم",
    "أخبار اليوم",
    "news",
    "digest",
    "my digest",
    "today's news",
    "the news",
)
# Asking for the rest of the last digest (/more): «المزيد», «باقي الأخبار», "more", with nothing else; in
# a private chat, or said to the bot in a group («@nashra_bot المزيد», «/المزيد»), where «المزيد» alone
# is as often talk among the members.
_MORE = _forms(
    *(f"{want} {what}" for want in ("أريد", "أبغى", "أبي", "بدي", "هات", "send me", "show") for what in (
        "المزيد", "الباقي", "باقي الأخبار", "بقية الأخبار", "more", "more news", "the rest"
    )),
    "المزيد",
    "مزيد",
    "المزيد من الأخبار",
    "اخبار اكثر",
    "باقي الأخبار",
    "بقية الأخبار",
    "بقية النشرة",
    "باقي النشرة",
    "more",
    "more news",
    "the rest",
)  # fmt: skip
# Words said around a request that change nothing («خلاص ما أبغى حلب», "please unsubscribe me", «وش
# اشتراكاتي؟»): interjections, politeness and question words, taken off the start of the message.
_LEAD = _words(
    "خلاص طيب اوكي ok okay please pls plz رجاء وش ايش شو hey hi",
    "لو سمحت",
    "من فضلك",
    "يا بوت",
    "can you",
    "could you",
)
# Pausing and resuming are asked for as an order and what it stops or starts («أوقف النشرة», «إيقاف
# الإرسال مؤقتاً», «وقف التنبيهات», «استأنف الإرسال», "pause the digests"). In a private chat, where every
# message is for the bot, the order alone is enough («أوقف», "stop", «رجعها», "resume"); in a group a verb
# alone is everyday talk. Not taken: a question («توقف الإرسال؟»), and verbs whose unvocalized spelling is
# as often a statement or another request: «توقف» (it stopped), «أعد» (send it again); the dialect
# orders to switch something back on («شغّل», «رجّع», «فعّل») only in a private chat, as in a group they
# are said to people as much as to the bot.
_PAUSE = _STOP
_RESUME = _words("استأنف استأنفوا استئناف resume unpause restart", "resume sending")
_RESUME_PRIVATE = _words(
    "شغل شغلها شغلوها شغلي رجع رجعها رجعوها رجعي فعل فعلها كمل continue",
    "start again",
    "turn on",
    "switch on",
)
_SENDING = frozenset(
    _words(
        "النشرة النشرات نشرتي الإرسال ارسال الرسائل الرسايل رسائل التنبيهات تنبيهات الإشعارات إشعارات "
        "الأخبار ترسل تبعت digest digests notifications messages alerts news sending"
    )
)
_SENDING_FILLER = frozenset(
    _words(
        "مؤقتاً مؤقتا لي لو سمحت من فضلك الحين الآن دلوقتي شوي شي شيء أي أبدا خلاص تاني ثاني اليوم "
        "the my me please for now a while any anything more today"
    )
)
_ALL = frozenset(_words("الكل كل كله كلها", "كل شي", "كل شيء", "all", "everything"))
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
# In a private chat, also the everyday ways of dropping or adding a region; in a group they are as often
# talk among the members («لا أريد أن أذهب», "remove the link", "add me"), which the bot must not answer.
_EVERYDAY = frozenset(_REMOVE + _NOT_WANTING + _STOP)
# Verbs of everyday speech (private chats only): they act only on a list of names (:func:`_names_only`).
_LOOSE = frozenset(_EVERYDAY | frozenset(_ADD))
_QUOTES = "\"'«»“”„‘’"
_PRIVATE_KINDS = (
    ("unsubscribe", _forms(*_UNSUBSCRIBE, *_EVERYDAY)),
    ("subscribe", _forms(*_SUBSCRIBE, *_ADD)),
    *_KINDS[2:],
)


def split_verb(message: str, *, private: bool = False, addressed: bool = False) -> tuple[str, str] | None:
    """(kind, rest) when the text starts with a request; kind: subscribe, unsubscribe, mysubs, help, or pause,
    resume, digest or more (``rest`` empty: see :data:`_PAUSE`, :data:`_DIGEST` and :data:`_MORE`), or talk
    (``rest`` empty): a private message that starts with a loose verb but goes on as a sentence, answered with
    /help only. In a group a question, or a verb followed by anything but names, is no request, unless the
    message is addressed to the bot. ``private``: the message comes from a private chat, where everyday words
    are requests (:data:`_PRIVATE_KINDS`). ``addressed``: the message was addressed to the bot (it mentioned
    it, :func:`without_mention`), so a formal verb takes what follows as a command takes its arguments:
    «@nashra_bot اشترك مصرر» is answered with the names it may mean, as /subscribe مصرر is, in a group too.
    After a formal verb said to the bot (addressed, or in a private chat), a sentence keeps only what names or
    looks like a region (:func:`subscriptions.names_in_sentence`: «اشترك في الأخبار اللي تخص مصر لو سمحت» is
    Egypt, with nothing offered for «اللي تخص»), and one that keeps nothing («اشترك، شكرا على جهودكم») is
    talk.

    A slash before an Arabic verb ("/اشترك حلب") is how people type a command in Arabic; Telegram sends it as
    plain text (a command is Latin), so it is read as the verb, addressed to the bot."""
    if message.startswith("/") and not message.startswith("//"):
        message = message[1:]
        addressed = True
    words = list(_VERB_WORD.finditer(message))
    asked = message.rstrip().endswith(("?", "؟"))
    if not words or message[: words[0].start()].strip():
        return None
    folded = [normalize(w.group()).lower() for w in words]
    lead = _lead_size(folded)
    words, folded = words[lead:], folded[lead:]
    if not words:
        return None
    sending = None if asked else _pause_or_resume(folded, private)
    if sending is not None:
        return sending, ""
    if private and not asked and _is_request(folded, _DIGEST):
        return "digest", ""
    if (private or addressed) and not asked and _is_request(folded, _MORE):
        return "more", ""
    for kind, verbs in _PRIVATE_KINDS if private else _KINDS:
        for verb in verbs:
            size = len(verb.split())
            if len(words) < size or " ".join(folded[:size]) != verb or (asked and verb in _EVERYDAY):
                continue
            rest = _LEADING_PUNCTUATION.sub("", message[words[size - 1].end() :])
            rest = _FILLER.sub("", _without_object(rest)).strip()
            if kind in ("subscribe", "unsubscribe") and (verb in _LOOSE or not (private or addressed)):
                if not private and asked:
                    return None
                if rest and not _names_only(rest, slips=private):
                    return ("talk", "") if private else None
            elif kind in ("subscribe", "unsubscribe") and rest and not _names_only(rest):
                # A formal verb said to the bot, then a sentence: only what names or looks like a region.
                rest = names_in_sentence(rest)
                if not rest:
                    return ("talk", "") if private else None
            return kind, rest
    return None


def without_verb_said_again(arguments: str, kind: str) -> str:
    """A /subscribe or /unsubscribe command's ``arguments`` (``kind``: "subscribe" or "unsubscribe") less
    a verb of that request said again at their start, with what goes with it: «/subscribe SUBSCRIBE TO
    EGYPT», «/subscribe اشترك في مصر», «/unsubscribe please remove Aleppo» name Egypt and Aleppo, not a
    place called "SUBSCRIBE" (:data:`_PRIVATE_KINDS`, in any case). ``arguments`` as they are when
    nothing follows the verb, or it starts with none."""
    words = list(_VERB_WORD.finditer(arguments))
    folded = [normalize(word.group()).lower() for word in words]
    lead = _lead_size(folded)
    for verb in dict(_PRIVATE_KINDS)[kind]:
        size = len(verb.split())
        if " ".join(folded[lead : lead + size]) != verb or len(words) <= lead + size:
            continue
        rest = _LEADING_PUNCTUATION.sub("", arguments[words[lead + size - 1].end() :])
        return _FILLER.sub("", _without_object(rest)).strip() or arguments
    return arguments


@in_chat
async def subscribe_command(update: Update, context: NashraContext) -> None:
    """/subscribe names (:func:`bot.handlers.subscriber.do_subscribe`), the verb said again before them
    dropped (:func:`without_verb_said_again`)."""
    await do_subscribe(update, context, without_verb_said_again(context.arguments, "subscribe"), command=True)


@in_chat
async def unsubscribe_command(update: Update, context: NashraContext) -> None:
    """/unsubscribe names, as :func:`subscribe_command`."""
    names = without_verb_said_again(context.arguments, "unsubscribe")
    await do_unsubscribe(update, context, names, command=True)


def without_mention(message: str, username: str | None) -> str | None:
    """``message`` without a mention of the bot that starts or ends it («@nashra_bot اشترك مصرر» and
    «اشترك مصرر @nashra_bot» -> «اشترك مصرر»: Telegram clients put a mention either side; usernames
    match without regard to case); None when neither end has one."""
    if not username:
        return None
    name = re.escape(username)
    leading = re.match(rf"@{name}(?![\w])[\s:،,]*", message, re.IGNORECASE)
    if leading is not None:
        return message[leading.end() :]
    trailing = re.search(rf"(?:^|(?<=[\s:،,]))@{name}[\s.!؟?]*$", message, re.IGNORECASE)
    return message[: trailing.start()].rstrip(" \t\n:،,") if trailing is not None else None


def _names_only(rest: str, *, slips: bool = False) -> bool:
    """Whether ``rest`` is nothing but region names and request fillers («أخبار حلب», "all", «حلب ودمشق
    لو سمحت»), some perhaps typed with a slip («جدةة», "Jedda": :func:`subscriptions.names_with_slips`,
    answered as /subscribe answers them, with the name meant): what a loose verb (or any verb in a group)
    must be followed by to act. A sentence («وقف إطلاق النار في حلب», «تابع معنا البث المباشر»), a quote
    or a word that names nothing is talk. Names typed with a slip count only with ``slips`` (a private
    chat, where every message is for the bot): in a group «اشترك مصرر» is as likely talk."""
    if any(mark in rest for mark in _QUOTES):
        return False
    if is_all(rest):
        return True
    parsed = parse_regions(rest)
    if parsed.problem:
        return False
    if any(term not in parsed.ambiguous for term in parsed.unknown):
        return slips and names_with_slips(rest)
    return bool(parsed.codes or parsed.ambiguous)


def _lead_size(words: list[str]) -> int:
    """How many of the normalized ``words`` at the start are :data:`_LEAD` words."""
    taken = 0
    while taken < len(words):
        for lead in _LEAD:
            size = len(lead.split())
            if " ".join(words[taken : taken + size]) == lead:
                taken += size
                break
        else:
            return taken
    return taken


def _is_request(words: list[str], phrases: tuple[str, ...]) -> bool:
    """Whether the normalized ``words`` are one of ``phrases`` (:data:`_DIGEST`: the digest now;
    :data:`_MORE`: the rest of the last one), with nothing else but :data:`_SENDING_FILLER` words."""
    for phrase in phrases:
        size = len(phrase.split())
        if " ".join(words[:size]) == phrase:
            return all(word in _SENDING_FILLER for word in words[size:])
    return False


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
            if not rest or all(word in _SENDING_FILLER for word in rest):
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
        await reply(
            update,
            context,
            text(lang, "already", readers=context.readers, names=region_names(parsed.codes, lang)),
        )
    else:
        await reply(update, context, text(lang, "help", readers=context.readers))


@in_chat
async def plain_text(update: Update, context: NashraContext) -> None:
    """Text that is not a /command. Registered with :data:`bot.filters.ADDRESSED`, so in a group only a
    verb gets here, and from a channel nothing."""
    message, chat = update.effective_message, update.effective_chat
    assert message is not None and chat is not None
    if not message.text or chat.type == ChatType.CHANNEL:
        return  # a channel's posts are its content: "تابع معنا…" there is not a request to subscribe
    said = without_mention(message.text, context.bot.username)
    command = said is not None or message.text.startswith("/")
    found = split_verb(
        said or message.text, private=chat.type == ChatType.PRIVATE, addressed=said is not None
    )
    if found is None:
        if chat.type == ChatType.PRIVATE:
            await offer_or_help(update, context, message.text)
        return
    kind, rest = found
    if kind == "subscribe":
        if not rest:
            await reply(update, context, text(context.language, "text_cmd_usage"))
            return
        await do_subscribe(update, context, rest, command=command)
    elif kind == "unsubscribe":
        if not rest:
            await reply(update, context, text(context.language, "unsubscribe_usage"))
            return
        await do_unsubscribe(update, context, rest, command=command)
    elif kind in ("pause", "resume"):
        await set_paused(update, context, kind == "pause")
    elif kind == "digest":
        await digest(update, context)
    elif kind == "more":
        await more(update, context)
    elif kind == "talk":
        await reply(update, context, text(context.language, "help", readers=context.readers))
    elif kind == "mysubs":
        await mysubs(update, context)
    else:
        await help_command(update, context)
