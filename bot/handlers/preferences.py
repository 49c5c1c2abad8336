"""Preference commands: keyword filters (/keywords), digest format (/format) and forum topics (/topic).

Their buttons' callback data are the keyword and format presses of :mod:`bot.callbacks`.
"""

from __future__ import annotations

import logging

from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Update
from telegram.constants import ChatType

from bot.callbacks import (
    FormatClose,
    FormatItems,
    FormatPreviews,
    FormatStyle,
    KeywordRemove,
    KeywordsClear,
    KeywordsClose,
    decode,
    encode,
)
from bot.context import NashraContext
from bot.handlers.base import in_chat, on_press
from bot.handlers.common import (
    answer_press,
    chat_kind,
    esc,
    group_refusal,
    may_change,
    quoted,
    redraw,
    refuse_non_admin_change,
    region_names,
    reply,
    stale_press,
)
from bot.handlers.keyboards import describe_unsettled
from nashra.arabic import fold_digits, normalize
from nashra.keywords import Keyword, KeywordError
from nashra.texts import Readers, text
from subscriptions import DigestFormat, KeywordRow

log = logging.getLogger(__name__)

_ADD = {"add", "include", "اضف", "أضف", "اضافه", "إضافة", "ضمن"}
_EXCLUDE = {"exclude", "block", "استبعد", "استبعاد", "اخف", "أخف"}
_REMOVE = {"remove", "delete", "del", "احذف", "حذف", "ازل", "أزل"}
_LIST = {"list", "show", "عرض", "قائمه", "قائمة"}


def _normalized(*words: str) -> frozenset[str]:
    return frozenset(normalize(word) for word in words)


# /format's words, normalized (nashra.arabic.normalize), as its buttons say them too ("عناوين فقط",
# "تشغيل المعاينة", "10 أخبار", "20 خبراً"), so typing a button's label does what pressing it does.
_HEADLINES = _normalized("headlines", "titles", "عناوين", "العناوين")
_FULL = _normalized("full", "summaries", "كامل", "كاملة", "ملخصات")
_PREVIEWS = _normalized("previews", "preview", "معاينة", "المعاينة")
_ITEMS = _normalized("items", "max", "عدد", "أخبار")
_ITEM_NOUNS = _normalized("items", "item", "أخبار", "الأخبار", "خبر", "خبراً", "خبرا")
_ON = _normalized("on", "yes", "true", "نعم", "تشغيل")
_OFF = _normalized("off", "no", "false", "لا", "إيقاف")
# Words that change nothing; "✓" marks the current choice on a button, so a label copied with it
# ("✓ عناوين فقط") means the same as without.
_FILLERS = _normalized("only", "فقط", "✓", "✔")
_UNBIND = {"off", "none", "الغاء", "إلغاء", "فك"}
ITEM_CHOICES = (5, 10, 20)


def _words(keywords: list[Keyword], lang: str) -> str:
    return text(lang, "list_separator").join(esc(("-" if k.exclude else "") + k.shown) for k in keywords)


# -- /keywords ----------------------------------------------------------------------------------------


def keywords_view(
    rows: list[KeywordRow], lang: str, *, readers: Readers = "private"
) -> tuple[str, InlineKeyboardMarkup | None]:
    """The chat's keywords with a button to remove each (``group``: worded for a group chat)."""
    if not rows:
        return text(lang, "kw_none", readers=readers), None
    lines = [
        text(lang, "kw_exclude_line" if row.exclude else "kw_include_line", word=esc(row.shown))
        for row in rows
    ]
    buttons = [
        [
            InlineKeyboardButton(
                ("➖ " if row.exclude else "➕ ") + row.shown[:40],
                callback_data=encode(KeywordRemove(row.id)),
            )
        ]
        for row in rows
    ]
    buttons.append(
        [
            InlineKeyboardButton(text(lang, "kw_clear"), callback_data=encode(KeywordsClear())),
            InlineKeyboardButton(text(lang, "kb_done"), callback_data=encode(KeywordsClose())),
        ]
    )
    return text(lang, "kw_list", lines="\n".join(lines)), InlineKeyboardMarkup(buttons)


@in_chat
async def keywords_command(update: Update, context: NashraContext) -> None:
    """/keywords [add|exclude|remove|list] words"""
    lang = context.language
    domain = context.services.subscriptions
    args = context.arguments
    verb, _, rest = args.partition(" ")
    verb, rest = verb.lower(), rest.strip()
    if not args or verb in _LIST:
        body, markup = keywords_view(await domain.keywords(context.chat_id), lang, readers=context.readers)
        await reply(update, context, body, markup)
        return
    if verb not in _ADD | _EXCLUDE | _REMOVE or not rest:
        await reply(update, context, text(lang, "kw_usage"))
        return
    if await refuse_non_admin_change(update, context, "keywords"):
        return
    try:
        if verb in _REMOVE:
            done, other = await domain.remove_keywords(context.chat_id, rest)
            keys = ("kw_removed", "kw_not_found")
        else:
            done, other = await domain.add_keywords(
                context.chat_id, chat_kind(update), rest, exclude=verb in _EXCLUDE
            )
            keys = ("kw_added", "kw_already")
    except KeywordError as exc:
        await reply(update, context, text(lang, f"kw_bad_{exc.reason}", term=quoted(exc.term)))
        return
    lines = [
        text(lang, key, words=_words(group, lang))
        for key, group in zip(keys, (done, other), strict=True)
        if group
    ]
    await reply(update, context, "\n".join(lines) or text(lang, "kw_usage"))


@on_press
async def keywords_pressed(update: Update, context: NashraContext) -> None:
    """A press on the keyword list: remove one, clear all, or close (group admins only)."""
    query = update.callback_query
    assert query is not None
    lang = context.language
    domain = context.services.subscriptions
    press = decode(query.data)
    if isinstance(press, KeywordsClose):
        await answer_press(query)
        await redraw(update, text(lang, "kw_closed"), None)
        return
    if not isinstance(press, KeywordRemove | KeywordsClear):
        await stale_press(update, context)
        return
    if not await may_change(update, context):
        await answer_press(query, group_refusal(lang, "keywords"), alert=True)
        return
    if isinstance(press, KeywordsClear):
        await domain.remove_keywords(context.chat_id, "الكل")
    else:
        await domain.remove_keyword_id(context.chat_id, press.keyword_id)
    await answer_press(query)
    body, markup = keywords_view(await domain.keywords(context.chat_id), lang, readers=context.readers)
    await redraw(update, body, markup)


# -- /format ------------------------------------------------------------------------------------------


def format_view(fmt: DigestFormat, lang: str, limit: int) -> tuple[str, InlineKeyboardMarkup]:
    items = fmt.max_items or limit
    body = text(
        lang,
        "fmt_show",
        style=text(lang, "fmt_headlines" if fmt.style == "headlines" else "fmt_full"),
        previews=text(lang, "fmt_on" if fmt.link_previews else "fmt_off"),
        items=items,
    )

    def mark(label: str, on: bool) -> str:
        return text(lang, "kb_on", name=label) if on else label

    rows = [
        [
            InlineKeyboardButton(
                mark(text(lang, "fmt_full"), fmt.style == "full"), callback_data=encode(FormatStyle("full"))
            ),
            InlineKeyboardButton(
                mark(text(lang, "fmt_headlines"), fmt.style == "headlines"),
                callback_data=encode(FormatStyle("headlines")),
            ),
        ],
        [
            InlineKeyboardButton(
                text(lang, "fmt_btn_previews_off" if fmt.link_previews else "fmt_btn_previews_on"),
                callback_data=encode(FormatPreviews(not fmt.link_previews)),
            )
        ],
        [
            InlineKeyboardButton(
                mark(text(lang, "fmt_btn_items", n=n), items == n), callback_data=encode(FormatItems(n))
            )
            for n in dict.fromkeys((*ITEM_CHOICES, limit))
            if n <= limit
        ],
        [InlineKeyboardButton(text(lang, "kb_done"), callback_data=encode(FormatClose()))],
    ]
    return body, InlineKeyboardMarkup(rows)


def parse_format(args: str, limit: int) -> tuple[dict[str, object], str | None, str | None]:
    """Format changes named in ``args``: (changes, error key, offending term)."""
    changes: dict[str, object] = {}
    written = fold_digits(args).split()  # what an error quotes back, as the user wrote it
    tokens = [normalize(token) for token in written]
    i = 0
    while i < len(tokens):
        token = tokens[i]
        following = tokens[i + 1] if i + 1 < len(tokens) else ""
        if token in _FILLERS:
            pass
        elif token in _HEADLINES:
            changes["style"] = "headlines"
        elif token in _FULL:
            changes["style"] = "full"
        elif token in _PREVIEWS and following in _ON | _OFF:
            changes["link_previews"] = following in _ON
            i += 1
        elif token in _ON | _OFF and following in _PREVIEWS:
            changes["link_previews"] = token in _ON
            i += 1
        elif token in _ITEMS or token.isdigit():
            number = token if token.isdigit() else following
            shown = number if token.isdigit() or not following else written[i + 1]
            i += 1 if not token.isdigit() or following in _ITEM_NOUNS else 0
            if not number.isdigit() or not 1 <= int(number) <= limit:
                return changes, "fmt_items_bad", shown
            changes["max_items"] = int(number)
        else:
            return changes, "fmt_bad", written[i]
        i += 1
    return changes, None, None


@in_chat
async def format_command(update: Update, context: NashraContext) -> None:
    """/format [full|headlines] [previews on|off] [items N]"""
    lang = context.language
    svc = context.services
    limit = svc.config.delivery.max_items_per_digest
    if context.arguments:
        changes, error, term = parse_format(context.arguments, limit)
        if error is not None:
            shown = quoted(term or "")
            await reply(
                update,
                context,
                text(lang, error, term=shown, limit=limit) + "\n" + text(lang, "fmt_usage", limit=limit),
            )
            return
        if await refuse_non_admin_change(update, context, "format"):
            return
        await svc.subscriptions.set_format(context.chat_id, chat_kind(update), **changes)  # type: ignore[arg-type]
    body, markup = format_view(await svc.subscriptions.digest_format(context.chat_id), lang, limit)
    await reply(update, context, body, markup)


@on_press
async def format_pressed(update: Update, context: NashraContext) -> None:
    query = update.callback_query
    assert query is not None
    lang = context.language
    domain = context.services.subscriptions
    limit = context.services.config.delivery.max_items_per_digest
    press = decode(query.data)
    if isinstance(press, FormatClose):
        await answer_press(query)
        body, _ = format_view(await domain.digest_format(context.chat_id), lang, limit)
        await redraw(update, body, None)
        return
    changes: dict[str, object] = {}
    if isinstance(press, FormatStyle):
        changes["style"] = press.style
    elif isinstance(press, FormatPreviews):
        changes["link_previews"] = press.on
    elif isinstance(press, FormatItems) and press.items <= limit:
        changes["max_items"] = press.items
    else:
        await stale_press(update, context)
        return
    if not await may_change(update, context):
        await answer_press(query, group_refusal(lang, "format"), alert=True)
        return
    fmt = await domain.set_format(context.chat_id, chat_kind(update), **changes)  # type: ignore[arg-type]
    await answer_press(query)
    await redraw(update, *format_view(fmt, lang, limit))


# -- /topic -------------------------------------------------------------------------------------------


@in_chat
async def topic_command(update: Update, context: NashraContext) -> None:
    """/topic <regions> inside a forum topic: route those regions' digests and alerts into it."""
    chat, message = update.effective_chat, update.effective_message
    assert chat is not None and message is not None
    lang = context.language
    if chat.type != ChatType.SUPERGROUP or not chat.is_forum:
        await reply(update, context, text(lang, "topic_not_forum"))
        return
    if not message.is_topic_message or message.message_thread_id is None:
        await reply(update, context, text(lang, "topic_general"))
        return
    thread_id = message.message_thread_id
    domain = context.services.subscriptions
    args = context.arguments
    if not args:
        codes = [c for c, t in (await domain.topics(chat.id)).items() if t == thread_id]
        key = "topic_list" if codes else "topic_nothing"
        await reply(update, context, text(lang, key, names=region_names(codes, lang)))
        return
    if await refuse_non_admin_change(update, context, "topic"):
        return
    if args.lower() in _UNBIND:
        codes = await domain.unbind_topic(chat.id, thread_id)
        key = "topic_unbound" if codes else "topic_nothing"
        await reply(update, context, text(lang, key, names=region_names(codes, lang)))
        return
    result = await domain.bind_topic(chat.id, chat_kind(update), thread_id, args)
    lines = []
    if result.parsed.codes:
        lines.append(text(lang, "topic_bound", names=region_names(result.parsed.codes, lang)))
    lines.extend(describe_unsettled(result.parsed, lang, buttons=False))
    await reply(update, context, "\n".join(lines) or text(lang, "topic_usage"))
