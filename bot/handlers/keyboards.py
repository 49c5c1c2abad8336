"""The /regions inline keyboard: pages of countries (Arab League first), then a country's subdivisions.

Callback data stays far below Telegram's 64 bytes:
``rg:c:<page>`` a page of countries, ``rg:s:<CC>:<page>`` a country's subdivisions,
``rg:t:<code>:<page>`` toggle a region and redraw where it was, ``rg:x`` close the keyboard.
Every press edits the keyboard message in place.
"""

from __future__ import annotations

import logging
import math

from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Update
from telegram.ext import ContextTypes

from bot.handlers.common import (
    chat_kind,
    esc,
    language,
    may_change,
    redraw,
    region_names,
    reply,
    services,
)
from bot.texts import text
from nashra.regions import gazetteer

log = logging.getLogger(__name__)

PREFIX = "rg"
COUNTRIES_PER_PAGE = 12
SUBDIVISIONS_PER_PAGE = 12
COLUMNS = 2


def _sort_key(name: str) -> str:
    """Arabic lists ignore the article: الأردن sorts under أ."""
    return name[2:] if name.startswith("ال") else name


def ordered_countries(lang: str) -> list[str]:
    """Arab League members (the countries with subdivision data) first, then the rest, each by name."""
    gaz = gazetteer()
    countries = gaz.countries()
    arab = sorted((c for c in countries if gaz.subdivisions(c)), key=lambda c: _sort_key(gaz.name(c, lang)))
    others = sorted(
        (c for c in countries if not gaz.subdivisions(c)), key=lambda c: _sort_key(gaz.name(c, lang))
    )
    return arab + others


def _grid(buttons: list[InlineKeyboardButton]) -> list[list[InlineKeyboardButton]]:
    return [buttons[i : i + COLUMNS] for i in range(0, len(buttons), COLUMNS)]


def _nav(lang: str, page: int, pages: int, data: str) -> list[InlineKeyboardButton]:
    row = []
    if page > 0:
        row.append(InlineKeyboardButton(text(lang, "kb_prev"), callback_data=f"{data}:{page - 1}"))
    if page < pages - 1:
        row.append(InlineKeyboardButton(text(lang, "kb_next"), callback_data=f"{data}:{page + 1}"))
    return row


def countries_page(lang: str, subscribed: set[str], page: int) -> tuple[str, InlineKeyboardMarkup]:
    gaz = gazetteer()
    countries = ordered_countries(lang)
    pages = max(1, math.ceil(len(countries) / COUNTRIES_PER_PAGE))
    page = min(max(page, 0), pages - 1)
    buttons = []
    for code in countries[page * COUNTRIES_PER_PAGE : (page + 1) * COUNTRIES_PER_PAGE]:
        name = gaz.name(code, lang)
        inside = sum(1 for c in subscribed if c.startswith(f"{code}-"))
        if code in subscribed:
            label = text(lang, "kb_on", name=name)
        elif inside:
            label = f"{name} ({inside})"
        else:
            label = name
        data = f"{PREFIX}:s:{code}:0" if gaz.subdivisions(code) else f"{PREFIX}:t:{code}:{page}"
        buttons.append(InlineKeyboardButton(label, callback_data=data))
    rows = _grid(buttons)
    nav = _nav(lang, page, pages, f"{PREFIX}:c")
    if nav:
        rows.append(nav)
    rows.append([InlineKeyboardButton(text(lang, "kb_done"), callback_data=f"{PREFIX}:x")])
    return text(lang, "kb_countries", page=page + 1, pages=pages), InlineKeyboardMarkup(rows)


def subdivisions_page(
    lang: str, country: str, subscribed: set[str], page: int
) -> tuple[str, InlineKeyboardMarkup]:
    gaz = gazetteer()
    subs = sorted(gaz.subdivisions(country), key=lambda c: _sort_key(gaz.name(c, lang)))
    pages = max(1, math.ceil(len(subs) / SUBDIVISIONS_PER_PAGE))
    page = min(max(page, 0), pages - 1)
    country_name = gaz.name(country, lang)
    whole = text(lang, "kb_whole", country=country_name)
    rows = [
        [
            InlineKeyboardButton(
                text(lang, "kb_on", name=whole) if country in subscribed else whole,
                callback_data=f"{PREFIX}:t:{country}:{page}",
            )
        ]
    ]
    buttons = []
    for code in subs[page * SUBDIVISIONS_PER_PAGE : (page + 1) * SUBDIVISIONS_PER_PAGE]:
        name = gaz.name(code, lang)
        label = text(lang, "kb_on", name=name) if code in subscribed else name
        buttons.append(InlineKeyboardButton(label, callback_data=f"{PREFIX}:t:{code}:{page}"))
    rows.extend(_grid(buttons))
    nav = _nav(lang, page, pages, f"{PREFIX}:s:{country}")
    if nav:
        rows.append(nav)
    countries = ordered_countries(lang)
    back_page = countries.index(country) // COUNTRIES_PER_PAGE if country in countries else 0
    rows.append(
        [
            InlineKeyboardButton(text(lang, "kb_back"), callback_data=f"{PREFIX}:c:{back_page}"),
            InlineKeyboardButton(text(lang, "kb_done"), callback_data=f"{PREFIX}:x"),
        ]
    )
    return text(lang, "kb_subdivisions", country=esc(country_name)), InlineKeyboardMarkup(rows)


async def regions_command(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """/regions: open the keyboard on the first page of countries."""
    chat = update.effective_chat
    if chat is None:
        return
    lang = await language(update, context)
    subscribed = set(await services(context).subscriptions.regions_of(chat.id))
    body, markup = countries_page(lang, subscribed, 0)
    await reply(update, context, body, markup)


def _country_of(code: str) -> str:
    return code.partition("-")[0]


async def regions_pressed(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """A press on the keyboard: navigate, or toggle a region (group admins only) and redraw."""
    query = update.callback_query
    chat = update.effective_chat
    if query is None or chat is None or query.data is None:
        return
    lang = await language(update, context)
    domain = services(context).subscriptions
    parts = query.data.split(":")
    action = parts[1] if len(parts) > 1 else ""
    notice: str | None = None
    try:
        if action == "x":
            codes = await domain.regions_of(chat.id)
            names = region_names(codes, lang) if codes else text(lang, "none")
            await query.answer()
            await query.edit_message_text(text(lang, "kb_closed", names=names), parse_mode="HTML")
            return
        if action == "t" and len(parts) == 4:
            code = parts[2]
            if not gazetteer().is_known(code):
                await query.answer()
                return
            if not await may_change(update, context):
                await query.answer(text(lang, "group_admins_only"), show_alert=True)
                return
            now_on = await domain.toggle(chat.id, chat_kind(update), code, lang)
            notice = text(lang, "kb_on" if now_on else "kb_off", name=gazetteer().name(code, lang))
            page = int(parts[3])
            subscribed = set(await domain.regions_of(chat.id))
            country = _country_of(code)
            if gazetteer().subdivisions(country):
                body, markup = subdivisions_page(lang, country, subscribed, page)
            else:
                body, markup = countries_page(lang, subscribed, page)
        elif action == "s" and len(parts) == 4 and gazetteer().subdivisions(parts[2]):
            subscribed = set(await domain.regions_of(chat.id))
            body, markup = subdivisions_page(lang, parts[2], subscribed, int(parts[3]))
        elif action == "c" and len(parts) == 3:
            subscribed = set(await domain.regions_of(chat.id))
            body, markup = countries_page(lang, subscribed, int(parts[2]))
        else:
            await query.answer()
            return
    except ValueError:
        log.warning("ignoring malformed keyboard data %r from chat %s", query.data, chat.id)
        await query.answer()
        return
    await query.answer(notice)
    await redraw(update, body, markup)
