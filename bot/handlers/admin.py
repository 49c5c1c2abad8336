"""Admin commands: /alert, /broadcast, /stats, /ingest, /channel. Admins are numeric user ids from the config.

Alerts and broadcasts go through :class:`bot.alerts.AlertDesk` (the deliverer's outbox does the sending:
rate limits, retries, 403 handling); a handler asks for confirmation when the desk holds one, and a
background task later reports the delivered / blocked / failed counts, so no handler blocks other
updates.
"""

from __future__ import annotations

import logging
from zoneinfo import ZoneInfo

from telegram import Chat, InlineKeyboardButton, InlineKeyboardMarkup, Update

from bot.alerts import AlertChoice, DeliveryUnavailable, Held, PendingAlert, TooLong, Unsettled, clean_body
from bot.callbacks import AlertAnswer, AlertPick, decode, encode
from bot.context import NashraContext
from bot.handlers.base import admins_only, in_chat, on_press
from bot.handlers.common import (
    acting_user,
    answer_press,
    edit_pressed,
    esc,
    quoted,
    redraw,
    region_names,
    reply,
    send,
    stale_press,
)
from bot.handlers.keyboards import describe_unsettled, pick_label, picks_keyboard, shown_terms
from bot.services import feed_url
from nashra.arabic import fold_digits
from nashra.articles.errors import describe
from nashra.delivery.deliverer import AlertTicket
from nashra.delivery.slots import slot_label
from nashra.logs import mask, one_line
from nashra.texts import text

log = logging.getLogger(__name__)

# /stats lists the regions with the most subscribers; the rest are only counted.
STATS_REGIONS = 30
# /ingest names the reasons of this many rejected entries; the rest are only counted.
INGEST_REASONS = 5
# "/channel @name off" (or one of these) unbinds a channel.
_UNBIND = ("off", "none", "الغاء", "إلغاء")


# -- /alert and /broadcast ----------------------------------------------------------------------------


@in_chat
@admins_only
async def alert(update: Update, context: NashraContext) -> None:
    """/alert <regions> | <text>"""
    regions, bar, body = context.arguments.partition("|")
    if not bar or not regions.strip() or not clean_body(body):
        await reply(update, context, text(context.language, "alert_usage"))
        return
    await _draft_and_submit(update, context, regions, body)


@in_chat
@admins_only
async def broadcast(update: Update, context: NashraContext) -> None:
    """/broadcast <text>: to every subscriber that is neither paused nor blocked."""
    if not clean_body(context.arguments):
        await reply(update, context, text(context.language, "broadcast_usage"))
        return
    await _draft_and_submit(update, context, None, context.arguments)


async def _draft_and_submit(update: Update, context: NashraContext, regions: str | None, body: str) -> None:
    """Draft the alert (``regions`` None: a broadcast), then queue it or ask its admin to confirm it."""
    lang = context.language
    user, chat = acting_user(update), update.effective_chat
    assert user is not None and chat is not None  # admins_only let a person through, in a chat
    desk = context.services.alerts
    try:
        draft = await desk.draft(regions, body, admin_id=user.id, chat_id=chat.id, language=lang)
        if isinstance(draft, TooLong):
            await reply(update, context, text(lang, "alert_too_long", units=draft.units, limit=draft.limit))
            return
        if isinstance(draft, Unsettled):
            if _choosable(draft):
                token = desk.hold_choice(draft, admin_id=user.id, chat_id=chat.id, language=lang)
                choice = desk.choosing[token]
                await reply(update, context, *_choice_message(choice, token))
                return
            lines = describe_unsettled(draft.parsed, lang, buttons=False)
            closing = text(lang, "alert_not_sent") if lines else text(lang, "alert_usage")
            await reply(update, context, "\n".join([*lines, closing]))
            return
    except DeliveryUnavailable:
        await reply(update, context, text(lang, "delivery_unavailable"))
        return
    await _submit(update, context, draft)


def _choosable(unsettled: Unsettled) -> bool:
    """Whether each name an alert did not settle offers regions that all get a button in one reply
    (:func:`bot.handlers.keyboards.shown_terms`, the owner of how many a reply shows): then its admin
    picks them by button; else the reply lists them and the admin writes the regions again."""
    parsed = unsettled.parsed
    return (
        not parsed.problem
        and bool(parsed.unknown)
        and all(parsed.suggestions.get(term) for term in parsed.unknown)
        and shown_terms(parsed) == parsed.unknown
    )


def _choice_message(choice: AlertChoice, token: str) -> tuple[str, InlineKeyboardMarkup | None]:
    """The names of ``choice`` still open, each with the regions it may mean as buttons."""
    lang = choice.language
    lines = describe_unsettled(choice.parsed, lang)
    lines.append(text(lang, "alert_pick_hint"))
    return "\n".join(lines), picks_keyboard(choice.parsed, lang, press=lambda code: AlertPick(token, code))


async def _submit(update: Update, context: NashraContext, draft: PendingAlert) -> None:
    """Queue ``draft`` or ask its admin to confirm it; say so when it reaches no one."""
    lang = draft.language
    desk = context.services.alerts
    try:
        if draft.audience == 0 and draft.codes:
            names = region_names(draft.codes, lang)
            await reply(update, context, text(lang, "alert_no_audience", names=names))
            return
        if draft.audience == 0:
            await reply(update, context, text(lang, "broadcast_no_audience"))
            return
        submitted = await desk.submit(draft)
    except DeliveryUnavailable:
        await reply(update, context, text(lang, "delivery_unavailable"))
        return
    if isinstance(submitted, Held):
        await reply(update, context, *_confirmation(draft, submitted.token))
    else:
        await _queued(context, draft, submitted)


def _confirmation(pending: PendingAlert, token: str) -> tuple[str, InlineKeyboardMarkup]:
    lang = pending.language
    buttons = [
        InlineKeyboardButton(text(lang, "alert_send"), callback_data=encode(AlertAnswer(token, True))),
        InlineKeyboardButton(text(lang, "alert_cancel"), callback_data=encode(AlertAnswer(token, False))),
    ]
    if pending.codes:
        names = region_names(pending.codes, lang)
        question = text(lang, "alert_confirm", audience=pending.audience, names=names)
    else:
        question = text(lang, "broadcast_confirm", audience=pending.audience)
    return question, InlineKeyboardMarkup([buttons])


async def _queued(context: NashraContext, pending: PendingAlert, ticket: AlertTicket) -> None:
    """Say in the admin's chat that ``pending`` is on its way, and report its delivery there later."""
    lang = pending.language
    key = "alert_queued" if pending.codes else "broadcast_queued"
    await send(context, pending.chat_id, text(lang, key, alert_id=ticket.alert_id, audience=ticket.audience))

    async def report() -> None:
        try:
            outcome = await context.services.alerts.outcome(ticket)
        except DeliveryUnavailable:
            log.info("alert #%s: the bot stopped before its delivery report", ticket.alert_id)
            return
        report = text(
            lang,
            "alert_report" if pending.codes else "broadcast_report",
            alert_id=ticket.alert_id,
            delivered=outcome.delivered,
            blocked=outcome.blocked,
            failed=outcome.failed,
            pending=outcome.pending,
        )
        # Messages waiting for chats that paused, and those that waited too long, are said apart: they
        # are neither delivered nor failed (docs/delivery.md, "A chat that pauses").
        if outcome.held:
            report += "\n" + text(lang, "report_held", held=outcome.held)
        if outcome.expired:
            report += "\n" + text(lang, "report_expired", expired=outcome.expired)
        if outcome.withdrawn:
            report += "\n" + text(lang, "report_withdrawn", withdrawn=outcome.withdrawn)
        await send(context, pending.chat_id, report)

    context.application.create_task(report(), name=f"alert-report-{ticket.alert_id}")


@on_press
@admins_only
async def alert_pressed(update: Update, context: NashraContext) -> None:
    """The confirmation buttons of a large alert or broadcast: send or cancel; and the regions offered
    for a name an alert did not settle (admins only)."""
    query = update.callback_query
    assert query is not None
    press = decode(query.data)
    if isinstance(press, AlertPick):
        await _region_picked(update, context, press)
        return
    if not isinstance(press, AlertAnswer):
        await stale_press(update, context)
        return
    await answer_press(query)
    pending = context.services.alerts.take(press.token)
    if pending is None:
        if not context.services.alerts.answered(press.token):
            await redraw(update, text(context.language, "alert_expired"), None)
        return
    if not press.send:
        key = "alert_cancelled" if pending.codes else "broadcast_cancelled"
        await redraw(update, text(context.language, key), None)
        return
    await edit_pressed(update, None, None)
    try:
        ticket = await context.services.alerts.queue(pending)
    except DeliveryUnavailable:
        await send(context, pending.chat_id, text(pending.language, "delivery_unavailable"))
        return
    await _queued(context, pending, ticket)


async def _region_picked(update: Update, context: NashraContext, press: AlertPick) -> None:
    """A region picked for a name an alert did not settle: the names still open are asked again; once
    none is, the alert goes on as one whose regions were all read (queued, or held for confirmation)."""
    query = update.callback_query
    assert query is not None
    await answer_press(query)
    desk = context.services.alerts
    choice = desk.choose(press.token, press.code)
    if choice is None:
        # A second tap after the alert went on leaves the message saying where it went.
        if not desk.answered(press.token):
            await redraw(update, text(context.language, "alert_expired"), None)
        return
    if choice.parsed.unknown:
        await redraw(update, *_choice_message(choice, press.token))
        return
    lang = choice.language
    parsed = choice.parsed
    # Each region as its button showed it («طرابلس — محافظة الشمال (لبنان)»), the place the admin named.
    labels = (
        esc(pick_label(code, lang, parsed.via.get(code) or parsed.places.get(code))) for code in choice.codes
    )
    await redraw(update, text(lang, "alert_chosen", names=text(lang, "list_separator").join(labels)), None)
    try:
        draft = await desk.draft_chosen(choice)
    except DeliveryUnavailable:
        await send(context, choice.chat_id, text(lang, "delivery_unavailable"))
        return
    await _submit(update, context, draft)


# -- /stats -------------------------------------------------------------------------------------------


@in_chat
@admins_only
async def stats(update: Update, context: NashraContext) -> None:
    lang = context.language
    config = context.services.config
    figures = await context.services.stats()
    overview = figures.overview
    lines = [
        f"• {region_names([code], lang)}: {count}" for code, count in overview.per_region[:STATS_REGIONS]
    ]
    if len(overview.per_region) > STATS_REGIONS:
        lines.append(text(lang, "stats_more", rest=len(overview.per_region) - STATS_REGIONS))
    regions = "\n".join(lines)
    last_run = text(lang, "none")
    if overview.last_digest_slot:
        # "2026-05-12 08:00 (توقيت سوريا)", with "…" while that cycle is still being owed.
        zone = ZoneInfo(config.schedule.timezone)
        finished = "" if overview.last_digest_finished_at else " …"
        last_run = esc(slot_label(overview.last_digest_slot, zone, lang) + finished)
    await reply(
        update,
        context,
        text(
            lang,
            "stats",
            subscribers=overview.subscribers,
            active=overview.active,
            paused=overview.paused,
            blocked=overview.blocked,
            articles=overview.articles,
            pending=figures.pending_summaries,
            model_down=(
                "\n" + text(lang, "stats_model_down", reason=esc(one_line(figures.model_failure)))
                if figures.model_failure
                else ""
            ),
            last_run=last_run,
            regions=regions or text(lang, "none"),
        ),
    )


# -- /ingest ------------------------------------------------------------------------------------------


@in_chat
@admins_only
async def ingest(update: Update, context: NashraContext) -> None:
    """/ingest <feed url>: fetch and store one feed in the background, then report the counts."""
    lang = context.language
    url = feed_url(context.arguments)
    if url is None:
        await reply(update, context, text(lang, "ingest_usage"))
        return
    chat_id = context.chat_id
    limit = context.services.config.telegram.max_input_chars
    shown = esc(mask(url), limit)  # a feed URL's user name and password are never shown
    await reply(update, context, text(lang, "ingest_started", url=shown))

    async def work() -> None:
        try:
            report = await context.services.ingest_feed(url)
        except Exception:  # report any failure to the admin rather than lose it in a task
            log.exception("ingest of %s failed", url)
            await send(context, chat_id, text(lang, "ingest_failed", url=shown))
            return
        done = text(
            lang,
            "ingest_done",
            url=shown,
            ingested=report.ingested,
            updated=report.updated,
            unchanged=report.unchanged,
            rejected=len(report.rejected),
        )
        # Why something was rejected (a refused address, a garbled entry) is what the admin needs next.
        reasons = [f"• {describe(lang, error, _shown_piece)}" for error in report.errors[:INGEST_REASONS]]
        await send(context, chat_id, "\n".join([done, *reasons]))

    context.application.create_task(work(), name="ingest")


def _shown_piece(piece: str) -> str:
    """A piece of a rejection taken from outside (an address, a server's answer), as a chat shows it:
    masked, on one line, HTML-escaped and cut to 300 characters."""
    return esc(one_line(mask(piece)), 300)


# -- /channel -----------------------------------------------------------------------------------------


def _channel_label(chat: Chat) -> str:
    if chat.username:
        return esc(f"@{chat.username}")
    if chat.title:
        return f"{esc(chat.title)} ({chat.id})"
    return str(chat.id)


@in_chat
@admins_only
async def channel(update: Update, context: NashraContext) -> None:
    """/channel [<@name|id> <regions>|off]: bind a channel to regions (bot admins only)."""
    lang = context.language
    domain = context.services.subscriptions
    if not context.arguments:
        bindings = await domain.channels()
        lines = [
            f"• {b.chat_id} ({text(lang, f'channel_origin_{b.origin}')}): {region_names(list(b.codes), lang)}"
            for b in bindings
        ]
        body = text(lang, "channel_list", lines="\n".join(lines)) if lines else text(lang, "channel_none")
        await reply(update, context, body)
        return
    target, _, regions = context.arguments.partition(" ")
    regions = regions.strip()
    if not regions:
        await reply(update, context, text(lang, "channel_usage"))
        return
    target = fold_digits(target)
    user = acting_user(update)
    change = await context.services.change_channel(
        context.bot, target, None if regions.lower() in _UNBIND else regions, user.id if user else None
    )
    if change.channel is None or change.outcome == "not_channel":  # not found, unreachable, not a channel
        await reply(update, context, text(lang, f"channel_{change.outcome}", term=quoted(target)))
    elif change.outcome == "unsettled":
        assert change.parsed is not None
        lines = [text(lang, "unknown_region", term=quoted(term)) for term in change.parsed.unknown]
        await reply(update, context, "\n".join(lines) or text(lang, "channel_usage"))
    elif change.outcome == "bound":
        assert change.parsed is not None
        names = region_names(change.parsed.codes, lang)
        label = _channel_label(change.channel)
        await reply(update, context, text(lang, "channel_bound", channel=label, names=names))
    else:
        key = "channel_unbound" if change.outcome == "unbound" else "channel_unknown"
        await reply(update, context, text(lang, key, channel=_channel_label(change.channel)))
