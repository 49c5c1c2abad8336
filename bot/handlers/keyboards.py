"""Region buttons: the /regions keyboard, and the buttons offered for names the bot could not settle.

The /regions keyboard shows pages of countries (Arab League first), then a country's subdivisions; every
press edits the keyboard message in place. A reply to /subscribe or /unsubscribe carries one button per
suggestion ("did you mean …?") and per choice of a shared name («طرابلس»); pressing one subscribes (or
unsubscribes) at once and marks the button. Callback data is built and read by :mod:`bot.callbacks`.
"""

from __future__ import annotations

import logging
import math
from collections.abc import Callable

from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Message, Update

from bot.callbacks import Callback, PickRegion, RegionsClose, RegionsPage, RegionToggle, decode, encode
from bot.context import NashraContext
from bot.handlers.base import in_chat, on_press
from bot.handlers.common import (
    answer_press,
    chat_kind,
    edit_pressed,
    esc,
    may_change,
    quoted,
    redraw,
    region_names,
    reply,
    schedule_line,
    stale_press,
)
from nashra.regions import get_gazetteer
from nashra.regions.lookup import MAX_WORDS
from nashra.regions.names import place_label, region_name
from nashra.telegram_limits import MAX_TEXT_UNITS, visible_units
from nashra.texts import Readers, text
from subscriptions import ParsedRegions

log = logging.getLogger(__name__)

COUNTRIES_PER_PAGE = 12
SUBDIVISIONS_PER_PAGE = 12
COLUMNS = 2


def _sort_key(name: str) -> str:
    """Arabic lists ignore the article: الأردن sorts under أ."""
    return name[2:] if name.startswith("ال") else name


def reading_order(codes: list[str], lang: str) -> list[str]:
    """``codes`` as a reader looks them up: countries by name, each followed by its own regions by name
    (["SY-HL", "LB", "SY"] -> لبنان، سوريا، حلب in Arabic)."""
    gaz = get_gazetteer()

    def key(code: str) -> tuple[str, int, str]:
        country = code.partition("-")[0]
        return (_sort_key(gaz.name(country, lang)), code != country, _sort_key(gaz.name(code, lang)))

    return sorted(codes, key=key)


def ordered_countries(lang: str) -> list[str]:
    """Arab League members (the countries with subdivision data) first, then the rest, each by name."""
    gaz = get_gazetteer()
    countries = gaz.countries()
    arab = sorted((c for c in countries if gaz.subdivisions(c)), key=lambda c: _sort_key(gaz.name(c, lang)))
    others = sorted(
        (c for c in countries if not gaz.subdivisions(c)), key=lambda c: _sort_key(gaz.name(c, lang))
    )
    return arab + others


def _grid(buttons: list[InlineKeyboardButton]) -> list[list[InlineKeyboardButton]]:
    return [buttons[i : i + COLUMNS] for i in range(0, len(buttons), COLUMNS)]


def _nav(lang: str, page: int, pages: int, country: str | None) -> list[InlineKeyboardButton]:
    row = []
    if page > 0:
        row.append(
            InlineKeyboardButton(text(lang, "kb_prev"), callback_data=encode(RegionsPage(country, page - 1)))
        )
    if page < pages - 1:
        row.append(
            InlineKeyboardButton(text(lang, "kb_next"), callback_data=encode(RegionsPage(country, page + 1)))
        )
    return row


def countries_page(lang: str, subscribed: set[str], page: int) -> tuple[str, InlineKeyboardMarkup]:
    gaz = get_gazetteer()
    countries = ordered_countries(lang)
    pages = max(1, math.ceil(len(countries) / COUNTRIES_PER_PAGE))
    page = min(max(page, 0), pages - 1)
    buttons = []
    for code in countries[page * COUNTRIES_PER_PAGE : (page + 1) * COUNTRIES_PER_PAGE]:
        name = region_name(code, lang)
        inside = sum(1 for c in subscribed if c.startswith(f"{code}-"))
        if code in subscribed:
            label = text(lang, "kb_on", name=name)
        elif inside:
            label = f"{name} ({inside})"
        else:
            label = name
        data = RegionsPage(code, 0) if gaz.subdivisions(code) else RegionToggle(code, page)
        buttons.append(InlineKeyboardButton(label, callback_data=encode(data)))
    rows = _grid(buttons)
    nav = _nav(lang, page, pages, None)
    if nav:
        rows.append(nav)
    rows.append([InlineKeyboardButton(text(lang, "kb_done"), callback_data=encode(RegionsClose()))])
    return text(lang, "kb_countries", page=page + 1, pages=pages), InlineKeyboardMarkup(rows)


def subdivisions_page(
    lang: str, country: str, subscribed: set[str], page: int
) -> tuple[str, InlineKeyboardMarkup]:
    gaz = get_gazetteer()
    subs = sorted(gaz.subdivisions(country), key=lambda c: _sort_key(gaz.name(c, lang)))
    pages = max(1, math.ceil(len(subs) / SUBDIVISIONS_PER_PAGE))
    page = min(max(page, 0), pages - 1)
    country_name = region_name(country, lang)
    whole = text(lang, "kb_whole", country=country_name)
    rows = [
        [
            InlineKeyboardButton(
                text(lang, "kb_on", name=whole) if country in subscribed else whole,
                callback_data=encode(RegionToggle(country, page)),
            )
        ]
    ]
    buttons = []
    for code in subs[page * SUBDIVISIONS_PER_PAGE : (page + 1) * SUBDIVISIONS_PER_PAGE]:
        name = region_name(code, lang)
        label = text(lang, "kb_on", name=name) if code in subscribed else name
        buttons.append(InlineKeyboardButton(label, callback_data=encode(RegionToggle(code, page))))
    rows.extend(_grid(buttons))
    nav = _nav(lang, page, pages, country)
    if nav:
        rows.append(nav)
    countries = ordered_countries(lang)
    back_page = countries.index(country) // COUNTRIES_PER_PAGE if country in countries else 0
    rows.append(
        [
            InlineKeyboardButton(text(lang, "kb_back"), callback_data=encode(RegionsPage(None, back_page))),
            InlineKeyboardButton(text(lang, "kb_done"), callback_data=encode(RegionsClose())),
        ]
    )
    return text(lang, "kb_subdivisions", country=esc(country_name)), InlineKeyboardMarkup(rows)


@in_chat
async def regions_command(update: Update, context: NashraContext) -> None:
    """/regions: open the keyboard on the first page of countries."""
    subscribed = set(await context.services.subscriptions.regions_of(context.chat_id))
    body, markup = countries_page(context.language, subscribed, 0)
    await reply(update, context, body, markup)


def _country_of(code: str) -> str:
    return code.partition("-")[0]


def closed_body(codes: list[str], lang: str, schedule: str, *, readers: Readers = "private") -> str:
    """What the regions keyboard becomes when closed: the chat's regions and ``schedule`` (when its
    digests arrive). It replaces the keyboard's message, and an edit cannot be split: a chat that
    follows hundreds of regions is shown as many as fit in one message and a count of the rest."""
    shown = len(codes)
    while True:
        names = region_names(codes[:shown], lang) if codes else text(lang, "none")
        if shown < len(codes):
            names += " " + text(lang, "stats_more", rest=len(codes) - shown)
        body = "\n".join(
            line for line in (text(lang, "kb_closed", readers=readers, names=names), schedule) if line
        )
        if visible_units(body) <= MAX_TEXT_UNITS or shown == 0:
            return body
        shown = shown * 3 // 4


@on_press
async def regions_pressed(update: Update, context: NashraContext) -> None:
    """A press on the keyboard: navigate, or toggle a region (group admins only) and redraw."""
    query = update.callback_query
    assert query is not None
    chat_id = context.chat_id
    press = decode(query.data)
    lang = context.language
    domain = context.services.subscriptions
    gaz = get_gazetteer()
    notice: str | None = None
    if isinstance(press, RegionsClose):
        codes = await domain.regions_of(chat_id)
        schedule = await schedule_line(context, lang) if codes else ""
        await answer_press(query)
        await redraw(update, closed_body(codes, lang, schedule, readers=context.readers), None)
        return
    if isinstance(press, RegionToggle) and gaz.is_known(press.code):
        if not await may_change(update, context):
            await answer_press(query, text(lang, "group_admins_only"), alert=True)
            return
        toggled = await domain.toggle(chat_id, chat_kind(update), press.code, lang)
        notice = text(lang, "kb_on" if toggled.on else "kb_off", name=region_name(press.code, lang))
        subscribed = set(toggled.regions)
        country = _country_of(press.code)
        if gaz.subdivisions(country):
            body, markup = subdivisions_page(lang, country, subscribed, press.page)
        else:
            body, markup = countries_page(lang, subscribed, press.page)
    elif isinstance(press, RegionsPage) and (press.country is None or gaz.subdivisions(press.country)):
        subscribed = set(await domain.regions_of(chat_id))
        if press.country is None:
            body, markup = countries_page(lang, subscribed, press.page)
        else:
            body, markup = subdivisions_page(lang, press.country, subscribed, press.page)
    else:
        await stale_press(update, context)
        return
    await answer_press(query, notice)
    await redraw(update, body, markup)


# -- buttons for names the bot could not settle alone -------------------------------------------------

# At most this many buttons under one reply; each names one region.
MAX_PICKS = 12
# A reply names at most this many unsettled terms (a list with many typos gets a count for the rest),
# each cut as any quoted term is (bot.handlers.common.quoted).
MAX_TERMS_SHOWN = 5


def pick_label(code: str, lang: str, place: str | None = None) -> str:
    """Plain text of a region button: "طرابلس — محافظة الشمال (لبنان)", "Daraa (Syria)" (the one text
    of a suggestion, :func:`nashra.regions.names.place_label`)."""
    return place_label(code, lang, place)


def shown_terms(parsed: ParsedRegions, *, buttons: bool = True) -> list[str]:
    """The unsettled terms a reply names: at most :data:`MAX_TERMS_SHOWN`, and, with ``buttons``, only
    those whose every choice still gets a button within :data:`MAX_PICKS`, so a reply never asks to
    choose below for a name that has no button there. The rest are counted (``unknown_more``)."""
    if not buttons:
        return parsed.unknown[:MAX_TERMS_SHOWN]
    shown: list[str] = []
    offered: set[str] = set()
    for term in parsed.unknown:
        codes = set(parsed.suggestions.get(term, ())) - offered
        if len(shown) == MAX_TERMS_SHOWN or len(offered) + len(codes) > MAX_PICKS:
            break
        shown.append(term)
        offered |= codes
    return shown


def picks_keyboard(
    parsed: ParsedRegions,
    lang: str,
    subscribe: bool = True,
    *,
    press: Callable[[str], Callback] | None = None,
) -> InlineKeyboardMarkup | None:
    """One button per region suggested or offered for the terms a reply shows (:func:`shown_terms`),
    one per row; None when there is none. A button subscribes to its region (``subscribe``: else
    unsubscribes), or is the press ``press`` makes of its region's code (an alert's choice)."""
    rows: list[list[InlineKeyboardButton]] = []
    seen: set[str] = set()
    for term in shown_terms(parsed):
        for code in parsed.suggestions.get(term, []):
            if code in seen:
                continue
            seen.add(code)
            label = pick_label(code, lang, parsed.places.get(code))
            data = press(code) if press is not None else PickRegion(code, subscribe)
            rows.append([InlineKeyboardButton(label, callback_data=encode(data))])
    return InlineKeyboardMarkup(rows) if rows else None


def offered_names(codes: list[str], parsed: ParsedRegions, lang: str) -> str:
    """The regions offered for a name, each as its button shows it (:func:`pick_label`): "هل تقصد: منبج —
    حلب (سوريا)؟" for «منبح», not a bare "حلب (سوريا)" the user never named."""
    labels = (esc(pick_label(code, lang, parsed.places.get(code))) for code in codes)
    return text(lang, "list_separator").join(labels)


def offer_keyboard(
    parsed: ParsedRegions, lang: str, followed: frozenset[str] = frozenset()
) -> InlineKeyboardMarkup | None:
    """A subscribe button for each region ``parsed`` names outright, and for each place a shared name
    may mean (not for guesses at misspellings: a chat message is not a list of names), but none for a
    region in ``followed``; None when there is none. For a message that names places without asking
    for anything."""
    codes = [code for code in parsed.codes if code not in followed]
    for term in parsed.ambiguous:
        codes.extend(code for code in parsed.suggestions.get(term, ()) if code not in {*codes, *followed})
    rows = [
        [
            InlineKeyboardButton(
                pick_label(code, lang, parsed.via.get(code) or parsed.places.get(code)),
                callback_data=encode(PickRegion(code, True)),
            )
        ]
        for code in codes[:MAX_PICKS]
    ]
    return InlineKeyboardMarkup(rows) if rows else None


def describe_unsettled(parsed: ParsedRegions, lang: str, *, buttons: bool = True) -> list[str]:
    """Lines for what a message did not settle: why it was not read at all, or each shared name and each
    unknown one with the regions it may mean (the terms of :func:`shown_terms`; the others counted).
    With ``buttons``, the buttons of :func:`picks_keyboard` go with the lines; without, a shared name
    lists its regions in the text."""
    if parsed.problem == "too_long":
        return [text(lang, "too_many_words", limit=MAX_WORDS)]
    if parsed.problem == "not_a_list":
        return [text(lang, "not_a_list")]
    lines = []
    terms = shown_terms(parsed, buttons=buttons)
    for term in terms:
        shown = quoted(term)
        suggestions = parsed.suggestions.get(term)
        if term in parsed.ambiguous:
            if buttons:
                lines.append(text(lang, "ambiguous", term=shown))
            else:
                names = offered_names(suggestions or [], parsed, lang)
                lines.append(text(lang, "ambiguous_list", term=shown, names=names))
            continue
        lines.append(text(lang, "unknown_region", term=shown))
        if suggestions:
            lines.append(text(lang, "suggest", names=offered_names(suggestions, parsed, lang)))
    if len(parsed.unknown) > len(terms):
        lines.append(text(lang, "unknown_more", rest=len(parsed.unknown) - len(terms)))
    return lines


def _marked(markup: InlineKeyboardMarkup, data: str, label: str) -> InlineKeyboardMarkup:
    """``markup`` with the button whose data is ``data`` relabelled ``label``."""
    return InlineKeyboardMarkup(
        [
            [
                InlineKeyboardButton(label, callback_data=button.callback_data)
                if button.callback_data == data
                else button
                for button in row
            ]
            for row in markup.inline_keyboard
        ]
    )


@on_press
async def pick_pressed(update: Update, context: NashraContext) -> None:
    """A suggested region pressed: subscribe to it (or unsubscribe), say so, and mark the button."""
    query = update.callback_query
    assert query is not None
    press = decode(query.data)
    lang = context.language
    if not isinstance(press, PickRegion) or not get_gazetteer().is_known(press.code):
        await stale_press(update, context)
        return
    if not await may_change(update, context):
        await answer_press(query, text(lang, "group_admins_only"), alert=True)
        return
    domain = context.services.subscriptions
    changed = await domain.pick(
        context.chat_id, chat_kind(update), press.code, subscribe=press.subscribe, language=lang
    )
    first = press.subscribe and changed and await domain.regions_of(context.chat_id) == [press.code]
    name = pick_label(press.code, lang)
    if press.subscribe:
        key = "picked_on" if changed else "picked_already"
    else:
        key = "picked_off" if changed else "picked_not_subscribed"
    await answer_press(query, text(lang, key, readers=context.readers, name=name))
    message = query.message
    markup = getattr(message, "reply_markup", None)
    if markup is None or query.data is None:
        return  # a message too old for Telegram to show: the answer above says what happened
    current = next(
        (b.text for row in markup.inline_keyboard for b in row if b.callback_data == query.data), ""
    )
    mark = text(lang, "kb_on" if press.subscribe else "kb_off", name="")
    if current.startswith(mark):
        return
    # The chat's first region: when its digests arrive follows, as after /subscribe.
    body = None
    if first and isinstance(message, Message) and message.text:
        body = message.text_html + "\n" + await schedule_line(context, lang)
    await edit_pressed(update, body, _marked(markup, query.data, mark + current))
