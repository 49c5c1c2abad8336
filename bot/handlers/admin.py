"""Admin commands: /alert, /broadcast, /stats, /ingest, /channel. Admins are numeric user ids from the config.

Alerts and broadcasts go through the deliverer's outbox (rate limits, retries, 403 handling); the
handler only asks for confirmation above the configured audience size, queues, and later reports the
delivered / blocked / failed counts from a background task, so it never blocks other updates.
"""

from __future__ import annotations

import asyncio
import logging
import secrets
import time
from dataclasses import dataclass, field
from zoneinfo import ZoneInfo

from telegram import Chat, InlineKeyboardButton, InlineKeyboardMarkup, Update
from telegram.constants import ChatType
from telegram.error import TelegramError
from telegram.ext import ContextTypes

from bot.handlers.common import acting_user, command_args, esc, language, region_names, reply, send, services
from bot.handlers.keyboards import describe_unsettled
from nashra.arabic import fold_digits
from nashra.articles.ingest import ingest as run_ingest
from nashra.articles.ingest import is_url
from nashra.delivery.deliverer import slot_label
from nashra.logs import mask
from nashra.storage.summaries import SummaryStore
from nashra.texts import text
from subscriptions.service import parse_regions
from summarizer.keys import model_key

log = logging.getLogger(__name__)

PENDING_KEY = "pending_alerts"
REPORT_MIN_WAIT_S = 60.0
# A confirmation pressed later than this could send an alert the admin has long forgotten, to an
# audience that has changed since; it must be sent again.
PENDING_TTL_S = 600.0
# /stats lists the regions with the most subscribers; the rest are only counted.
STATS_REGIONS = 30
# /ingest names the reasons of this many rejected entries; the rest are only counted.
INGEST_REASONS = 5


@dataclass(slots=True)
class PendingAlert:
    """An alert or broadcast waiting for its admin's confirmation."""

    codes: list[str]  # empty for a broadcast
    body: str  # plain text as the admin wrote it; the deliverer escapes it
    admin_id: int
    chat_id: int
    language: str
    audience: int
    created: float = field(default_factory=time.monotonic)

    def expired(self, now: float) -> bool:
        return now - self.created > PENDING_TTL_S


def is_admin(update: Update, context: ContextTypes.DEFAULT_TYPE) -> bool:
    """A bot admin is a person (never a channel post, whatever its ``from``) listed in telegram.admins."""
    user = acting_user(update)
    return user is not None and user.id in services(context).config.telegram.admins


async def refuse(update: Update, context: ContextTypes.DEFAULT_TYPE, command: str) -> bool:
    """Politely refuse (and log) a non-admin; returns True when refused."""
    if is_admin(update, context):
        return False
    user = acting_user(update)
    chat = update.effective_chat
    log.warning(
        "refused /%s from non-admin user %s in chat %s",
        command,
        user.id if user else "unknown",
        chat.id if chat else "unknown",
    )
    await reply(update, context, text(await language(update, context), "not_admin"))
    return True


def _report_timeout(context: ContextTypes.DEFAULT_TYPE, audience: int) -> float:
    """Long enough for the outbox to reach the whole audience at the configured rate, thrice over."""
    rate = services(context).config.delivery.global_per_second
    return REPORT_MIN_WAIT_S + 3 * audience / rate


async def _queue(context: ContextTypes.DEFAULT_TYPE, pending: PendingAlert) -> None:
    deliverer = services(context).deliverer
    lang = pending.language
    if deliverer is None:
        await send(context, pending.chat_id, text(lang, "delivery_unavailable"))
        return
    if pending.codes:
        ticket = await deliverer.enqueue_alert(pending.codes, pending.body, pending.admin_id)
        key = "alert_queued"
    else:
        ticket = await deliverer.enqueue_broadcast(pending.body, pending.admin_id)
        key = "broadcast_queued"
    log.info(
        "admin %s queued %s #%s for %s chats",
        pending.admin_id,
        key.split("_")[0],
        ticket.alert_id,
        ticket.audience,
    )
    await send(context, pending.chat_id, text(lang, key, alert_id=ticket.alert_id, audience=ticket.audience))
    timeout = _report_timeout(context, ticket.audience)

    async def report() -> None:
        outcome = await deliverer.wait_alert(ticket.alert_id, timeout)
        await send(
            context,
            pending.chat_id,
            text(
                lang,
                "alert_report",
                alert_id=ticket.alert_id,
                delivered=outcome.delivered,
                blocked=outcome.blocked,
                failed=outcome.failed,
                pending=outcome.pending,
            ),
        )

    context.application.create_task(report(), name=f"alert-report-{ticket.alert_id}")


async def _confirm_or_queue(
    update: Update, context: ContextTypes.DEFAULT_TYPE, pending: PendingAlert
) -> None:
    lang = pending.language
    threshold = services(context).config.telegram.alert_confirm_threshold
    if pending.audience <= threshold:
        await _queue(context, pending)
        return
    token = secrets.token_hex(4)
    waiting: dict[str, PendingAlert] = context.application.bot_data.setdefault(PENDING_KEY, {})
    now = time.monotonic()
    for stale in [key for key, entry in waiting.items() if entry.expired(now)]:
        del waiting[stale]
    waiting[token] = pending
    names = region_names(pending.codes, lang) if pending.codes else "*"
    markup = InlineKeyboardMarkup(
        [
            [
                InlineKeyboardButton(text(lang, "alert_send"), callback_data=f"al:y:{token}"),
                InlineKeyboardButton(text(lang, "alert_cancel"), callback_data=f"al:n:{token}"),
            ]
        ]
    )
    await reply(update, context, text(lang, "alert_confirm", audience=pending.audience, names=names), markup)


async def alert(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """/alert <regions> | <text>"""
    if await refuse(update, context, "alert"):
        return
    lang = await language(update, context)
    limit = services(context).config.telegram.max_input_chars
    regions, bar, body = command_args(update).partition("|")
    if not bar or not regions.strip() or not body.strip():
        await reply(update, context, text(lang, "alert_usage"))
        return
    parsed = await asyncio.to_thread(parse_regions, regions)
    if parsed.unknown or not parsed.codes:
        lines = describe_unsettled(parsed, lang, buttons=False)
        await reply(update, context, "\n".join(lines) or text(lang, "alert_usage"))
        return
    deliverer = services(context).deliverer
    if deliverer is None:
        await reply(update, context, text(lang, "delivery_unavailable"))
        return
    audience = await deliverer.audience_size(parsed.codes)
    if audience == 0:
        await reply(update, context, text(lang, "alert_no_audience", names=region_names(parsed.codes, lang)))
        return
    user, chat = acting_user(update), update.effective_chat
    assert user is not None and chat is not None
    pending = PendingAlert(parsed.codes, body.strip()[:limit], user.id, chat.id, lang, audience)
    await _confirm_or_queue(update, context, pending)


async def broadcast(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """/broadcast <text>: to every subscriber that is neither paused nor blocked."""
    if await refuse(update, context, "broadcast"):
        return
    lang = await language(update, context)
    body = command_args(update)
    if not body:
        await reply(update, context, text(lang, "broadcast_usage"))
        return
    deliverer = services(context).deliverer
    if deliverer is None:
        await reply(update, context, text(lang, "delivery_unavailable"))
        return
    audience = len(await services(context).subscriptions.store.everyone())
    user, chat = acting_user(update), update.effective_chat
    assert user is not None and chat is not None
    limit = services(context).config.telegram.max_input_chars
    await _confirm_or_queue(update, context, PendingAlert([], body[:limit], user.id, chat.id, lang, audience))


async def alert_pressed(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """The confirmation buttons of a large alert: send or cancel (admins only)."""
    query = update.callback_query
    if query is None or query.data is None:
        return
    lang = await language(update, context)
    if not is_admin(update, context):
        user = acting_user(update)
        log.warning("refused alert confirmation from non-admin user %s", user.id if user else "unknown")
        await query.answer(text(lang, "not_admin"), show_alert=True)
        return
    _, choice, token = [*query.data.split(":"), "", ""][:3]
    pending = context.application.bot_data.get(PENDING_KEY, {}).pop(token, None)
    await query.answer()
    if pending is None or pending.expired(time.monotonic()):
        await query.edit_message_text(text(lang, "alert_expired"))
        return
    if choice != "y":
        await query.edit_message_text(text(lang, "alert_cancelled"))
        return
    await query.edit_message_reply_markup(None)
    await _queue(context, pending)


async def stats(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    if await refuse(update, context, "stats"):
        return
    lang = await language(update, context)
    svc = services(context)
    overview = await svc.subscriptions.store.overview()
    pending = await SummaryStore(svc.db).count_pending(model_key(svc.config.summarizer))
    lines = [
        f"• {region_names([code], lang)}: {count}" for code, count in overview.per_region[:STATS_REGIONS]
    ]
    if len(overview.per_region) > STATS_REGIONS:
        lines.append(text(lang, "stats_more", rest=len(overview.per_region) - STATS_REGIONS))
    regions = "\n".join(lines)
    last_run = text(lang, "none")
    if overview.last_digest_slot:
        # "2026-05-12 08:00 Asia/Damascus", with "…" while that cycle is still being owed.
        zone = ZoneInfo(svc.config.schedule.timezone)
        finished = "" if overview.last_digest_finished_at else " …"
        last_run = esc(slot_label(overview.last_digest_slot, zone) + finished)
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
            pending=pending,
            last_run=last_run,
            regions=regions or text(lang, "none"),
        ),
    )


async def ingest(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """/ingest <feed url>: fetch and store one feed in the background, then report the counts."""
    if await refuse(update, context, "ingest"):
        return
    lang = await language(update, context)
    url = command_args(update)
    if not is_url(url) or len(url.split()) != 1:
        await reply(update, context, text(lang, "ingest_usage"))
        return
    chat = update.effective_chat
    assert chat is not None
    svc = services(context)
    limit = svc.config.telegram.max_input_chars
    shown = esc(mask(url), limit)  # a feed URL's user name and password are never shown
    await reply(update, context, text(lang, "ingest_started", url=shown))

    async def work() -> None:
        try:
            report = await run_ingest(svc.db, [url], svc.config.ingest)
        except Exception as exc:  # report any failure to the admin rather than lose it in a task
            log.exception("ingest of %s failed", url)
            await send(
                context, chat.id, text(lang, "ingest_failed", url=shown, error=esc(mask(str(exc)), 300))
            )
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
        reasons = [f"• {esc(line, 300)}" for line in report.rejected[:INGEST_REASONS]]
        await send(context, chat.id, "\n".join([done, *reasons]))

    context.application.create_task(work(), name="ingest")


def _channel_label(chat: Chat | None, chat_id: int) -> str:
    if chat is not None and chat.username:
        return esc(f"@{chat.username}")
    if chat is not None and chat.title:
        return f"{esc(chat.title)} ({chat_id})"
    return str(chat_id)


async def channel(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """/channel [<@name|id> <regions>|off]: bind a channel to regions (bot admins only)."""
    if await refuse(update, context, "channel"):
        return
    lang = await language(update, context)
    svc = services(context)
    store = svc.subscriptions.preferences
    args = command_args(update)
    if not args:
        bindings = await store.channels()
        lines = [f"• {b.chat_id} ({b.origin}): {region_names(list(b.codes), lang)}" for b in bindings]
        await reply(
            update,
            context,
            text(lang, "channel_list", lines="\n".join(lines)) if lines else text(lang, "channel_none"),
        )
        return
    target, _, regions = args.partition(" ")
    target = fold_digits(target)
    regions = regions.strip()
    if not regions:
        await reply(update, context, text(lang, "channel_usage"))
        return
    limit = svc.config.telegram.max_input_chars
    shown = esc(target, limit)
    try:
        found = await context.bot.get_chat(int(target) if target.lstrip("-").isdigit() else target)
    except TelegramError:
        await reply(update, context, text(lang, "channel_not_found", term=shown))
        return
    if found.type != ChatType.CHANNEL:
        await reply(update, context, text(lang, "channel_not_channel", term=shown))
        return
    label = _channel_label(found, found.id)
    if regions.lower() in ("off", "none", "الغاء", "إلغاء"):
        key = "channel_unbound" if await store.unbind_channel(found.id) else "channel_unknown"
        await reply(update, context, text(lang, key, channel=label))
        return
    parsed = await asyncio.to_thread(parse_regions, regions)
    if parsed.unknown or not parsed.codes:
        lines = [text(lang, "unknown_region", term=esc(term, limit)) for term in parsed.unknown]
        await reply(update, context, "\n".join(lines) or text(lang, "channel_usage"))
        return
    user = acting_user(update)
    await store.bind_channel(found.id, parsed.codes, "command", user.id if user else None)
    log.info("admin %s bound channel %s to %s", user.id if user else "?", found.id, parsed.codes)
    await reply(
        update, context, text(lang, "channel_bound", channel=label, names=region_names(parsed.codes, lang))
    )
