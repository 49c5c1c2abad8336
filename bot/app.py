"""Build and run the python-telegram-bot Application.

The lifecycle is explicit (:func:`start_bot` / :func:`stop_bot` around ``initialize`` / ``start``)
rather than PTB's ``run_polling``, so the command line, the sandbox and the tests all run the bot the
same way inside an event loop they own, with the database opened in that same loop.
"""

from __future__ import annotations

import asyncio
import logging
import secrets

from telegram import BotCommand, BotCommandScopeAllGroupChats, LinkPreviewOptions, Update
from telegram.constants import ParseMode
from telegram.ext import (
    Application,
    ApplicationHandlerStop,
    CallbackQueryHandler,
    ChatMemberHandler,
    CommandHandler,
    Defaults,
    MessageHandler,
    TypeHandler,
    filters,
)

from bot import callbacks
from bot.context import CONTEXT_TYPES, SERVICES_KEY, NashraContext
from bot.filters import ADDRESSED, addressed_to_bot
from bot.handlers import admin, keyboards, preferences, subscriber, text_commands
from bot.handlers.base import on_press
from bot.handlers.common import answer_press, reply, stale_press
from bot.services import Services
from bot.throttle import ChatLanes, FloodAction
from nashra.clock import prepare_zone_tables
from nashra.config import WEBHOOK_SECRET_ENV, Config, ConfigError
from nashra.delivery import Deliverer, RateGovernor
from nashra.delivery.limiter import GovernedRateLimiter
from nashra.logs import register_secret
from nashra.regions.lookup import lookup_index
from nashra.scheduler import install_jobs
from nashra.texts import COMMANDS, GROUP_COMMANDS, LANGUAGES, text

log = logging.getLogger(__name__)

# New messages and channel posts; edits of old messages are not commands.
MESSAGES = filters.UpdateType.MESSAGE | filters.UpdateType.CHANNEL_POST
# Every message the bot sends or edits is Telegram HTML (texts escape what users wrote) without a link
# preview, unless a call says otherwise: the outbox sends digests with the previews a chat chose, and a
# reply Telegram cannot parse goes again as plain text.
DEFAULTS = Defaults(parse_mode=ParseMode.HTML, link_preview_options=LinkPreviewOptions(is_disabled=True))

SUBSCRIBER_COMMANDS = {
    "start": subscriber.start,
    "help": subscriber.help_command,
    "regions": keyboards.regions_command,
    "subscribe": text_commands.subscribe_command,
    "unsubscribe": text_commands.unsubscribe_command,
    "mysubs": subscriber.mysubs,
    "digest": subscriber.digest,
    "more": subscriber.more,
    "time": subscriber.time_command,
    "pause": subscriber.pause,
    "resume": subscriber.resume,
    "stop": subscriber.stop,
    "lang": subscriber.lang_command,
    "keywords": preferences.keywords_command,
    "format": preferences.format_command,
    "topic": preferences.topic_command,
}
ADMIN_COMMANDS = {
    "alert": admin.alert,
    "broadcast": admin.broadcast,
    "stats": admin.stats,
    "ingest": admin.ingest,
    "channel": admin.channel,
}


async def guard(update: Update, context: NashraContext) -> None:
    """Runs before every handler: drops a flooding chat's updates, refuses over-long messages, and loads
    the chat's language for the handlers.

    Only updates addressed to the bot count (:func:`bot.filters.addressed_to_bot`): a lively group's
    conversation, a command for another bot, or a long post in a channel the bot administers must
    neither get a reply nor silence the bot for that chat. Button presses are counted apart from
    messages (``services.press_flood``), so choosing regions on the keyboard does not use up the
    chat's messages, and per person in the chat, so one member's presses do not silence its admins'
    keyboard; the warning for a press is the press's own answer, not one more message.
    """
    chat = update.effective_chat
    if chat is None:
        return
    if update.my_chat_member is not None or not addressed_to_bot(update, context.bot.username):
        return
    query = update.callback_query
    if query is None:
        verdict = context.services.flood.check(chat.id)
    else:  # each presser apart: one member pressing on and on in a group must not lock out its admins
        verdict = context.services.press_flood.check((chat.id, query.from_user.id))
    if verdict is FloodAction.DROP:
        raise ApplicationHandlerStop
    lang = await context.load_language()
    if verdict is FloodAction.WARN:
        log.warning("chat %s is flooding; ignoring it for a while", chat.id)
        if query is not None:
            await answer_press(query, text(lang, "slow_down_presses"), alert=True)
        else:
            await reply(update, context, text(lang, "slow_down"))
        raise ApplicationHandlerStop
    # A press's message is the bot's own (a long keyword list, say): only what a user wrote is measured.
    message = update.effective_message if query is None else None
    limit = context.services.config.telegram.max_input_chars
    if message is not None and message.text and len(message.text) > limit:
        await reply(update, context, text(lang, "too_long", limit=limit))
        raise ApplicationHandlerStop


async def on_error(update: object, context: NashraContext) -> None:
    """Log a handler's failure with the update that caused it; the bot carries on."""
    chat_id = update.effective_chat.id if isinstance(update, Update) and update.effective_chat else None
    log.error("handler failed for chat %s", chat_id, exc_info=context.error)


def build_application(config: Config, services: Services, token: str | None = None) -> Application:
    """The Application with every handler; the token is ``token`` or ``NASHRA_TELEGRAM_TOKEN``.

    Raises ValueError without either (the sandbox and the tests pass a made-up one).
    """
    token = token or config.token()
    if token is None:
        raise ValueError("no bot token: set NASHRA_TELEGRAM_TOKEN")
    # One governor paces every call of the bot (replies, edits, callback answers and the outbox
    # sender's messages); chats are handled in lanes, so a slow or flooding chat delays only itself.
    limiter = GovernedRateLimiter(RateGovernor.from_config(config.delivery))
    timeout = config.delivery.request_timeout_s
    application = (
        Application.builder()
        .token(token)
        .base_url(config.telegram.base_url)
        .context_types(CONTEXT_TYPES)
        .defaults(DEFAULTS)
        .rate_limiter(limiter)
        .concurrent_updates(ChatLanes())
        .read_timeout(timeout)
        .write_timeout(timeout)
        .build()
    )
    application.bot_data[SERVICES_KEY] = services
    application.add_handler(TypeHandler(Update, guard), group=-1)
    for name, callback in {**SUBSCRIBER_COMMANDS, **ADMIN_COMMANDS}.items():
        application.add_handler(CommandHandler(name, callback, filters=MESSAGES))
    for pattern, pressed in (
        (callbacks.REGIONS_PATTERN, keyboards.regions_pressed),
        (callbacks.PICK_PATTERN, keyboards.pick_pressed),
        (callbacks.ALERT_PATTERN, admin.alert_pressed),
        (callbacks.STOP_PATTERN, subscriber.stop_pressed),
        (callbacks.MORE_PATTERN, subscriber.more_pressed),
        (callbacks.KEYWORDS_PATTERN, preferences.keywords_pressed),
        (callbacks.FORMAT_PATTERN, preferences.format_pressed),
    ):
        application.add_handler(CallbackQueryHandler(pressed, pattern=pattern))
    # Every press gets an answer, or the user's client shows a spinner on the button until it gives up.
    application.add_handler(CallbackQueryHandler(on_press(stale_press)))
    application.add_handler(ChatMemberHandler(subscriber.member_changed, ChatMemberHandler.MY_CHAT_MEMBER))
    application.add_handler(MessageHandler(filters.StatusUpdate.MIGRATE, subscriber.chat_migrated))
    application.add_handler(
        MessageHandler(MESSAGES & filters.COMMAND & ADDRESSED, subscriber.unknown_command)
    )
    application.add_handler(
        MessageHandler(MESSAGES & filters.TEXT & ~filters.COMMAND & ADDRESSED, text_commands.plain_text)
    )
    application.add_error_handler(on_error)
    return application


async def set_commands(application: Application) -> None:
    """The command menu in each language (Arabic also as the default for other languages), and the one
    group chats show, worded for the group (:data:`nashra.texts.GROUP_COMMANDS`)."""
    groups = BotCommandScopeAllGroupChats()
    for lang in LANGUAGES:
        commands = [BotCommand(name, description) for name, description in COMMANDS[lang]]
        await application.bot.set_my_commands(commands, language_code=lang)
        in_groups = [BotCommand(name, description) for name, description in GROUP_COMMANDS[lang]]
        await application.bot.set_my_commands(in_groups, scope=groups, language_code=lang)
    default = [BotCommand(name, description) for name, description in COMMANDS["ar"]]
    await application.bot.set_my_commands(default)
    in_groups = [BotCommand(name, description) for name, description in GROUP_COMMANDS["ar"]]
    await application.bot.set_my_commands(in_groups, scope=groups)


async def sync_channels(svc: Services) -> None:
    """The config's ``[[channels]]`` become region channels; ones removed from the config are unbound."""
    bindings = [(channel.chat_id, channel.regions) for channel in svc.config.channels]
    dropped = await svc.subscriptions.sync_config_channels(bindings)
    if bindings or dropped:
        log.info("region channels from the config: %d bound, %d unbound", len(bindings), len(dropped))


async def start_bot(application: Application) -> None:
    """After ``initialize()``: command menu, deliverer, scheduled jobs."""
    svc = services_of(application)
    # The region lookup index takes about a second of CPU to build, the gazetteer's load included
    # (benchmarks/startup_costs.py): not on the loop, not on a user's time.
    await asyncio.to_thread(lookup_index)
    # So are the time zone tables /time and every reply naming a zone read (nashra.clock).
    await asyncio.to_thread(prepare_zone_tables, LANGUAGES)
    await set_commands(application)
    await sync_channels(svc)
    svc.deliverer = Deliverer(
        application.bot, svc.db, svc.config, role=svc.role, buttons=subscriber.outbox_buttons
    )
    await svc.deliverer.start()
    install_jobs(application, svc)
    log.info("bot @%s is up", application.bot.username)


async def stop_sending(application: Application) -> None:
    """First step of a shutdown: within about two seconds nothing more is sent, whatever a
    ``retry_after`` or a backoff says. The outbox worker stops (pending rows keep their ``not_before``),
    and replies still waiting for their turn give up, so stopping the Application does not wait for
    them."""
    svc = services_of(application)
    if svc.deliverer is not None:
        await svc.deliverer.stop()
    limiter = application.bot.rate_limiter
    if isinstance(limiter, GovernedRateLimiter):
        limiter.close()


async def stop_bot(application: Application) -> None:
    svc = services_of(application)
    if svc.deliverer is not None:
        await svc.deliverer.stop()
        svc.deliverer = None
    svc.summary_worker.close()


async def run_bot(application: Application, stop: asyncio.Event) -> None:
    """Run until ``stop`` is set: polling, or a webhook when ``[telegram] mode = "webhook"``."""
    full_config = services_of(application).config
    config = full_config.telegram
    await application.initialize()
    try:
        await start_bot(application)
        await application.start()
        updater = application.updater
        assert updater is not None
        if config.mode == "webhook":
            await updater.start_webhook(
                listen=config.webhook_listen,
                port=config.webhook_port,
                webhook_url=config.webhook_url,
                secret_token=webhook_secret(full_config),
                allowed_updates=Update.ALL_TYPES,
            )
        else:
            await updater.start_polling(allowed_updates=Update.ALL_TYPES)
        await stop.wait()
        # First, so a summarize job under way ends within a model layer: the job queue waits for it.
        services_of(application).summary_worker.stop()
        await stop_sending(application)
        await updater.stop()
        await application.stop()
    finally:
        await stop_bot(application)
        await application.shutdown()


def webhook_secret(config: Config) -> str:
    """The secret every webhook call must carry: ``NASHRA_WEBHOOK_SECRET``, else one made for this run.

    Without a secret, anyone who finds the webhook's address can post updates that look like an
    admin's. A made secret is registered with ``setWebhook`` at start (as any secret is), so Telegram
    sends it and nothing else has it; a restart makes and registers a new one. Raises ConfigError for
    a secret Telegram would refuse.
    """
    problem = config.webhook_secret_problem()
    if problem is not None:
        raise ConfigError(problem)
    secret = config.webhook_secret()
    if secret is None:
        secret = secrets.token_urlsafe(32)
        log.info(
            "%s is not set: webhook calls are checked against a secret made for this run", WEBHOOK_SECRET_ENV
        )
    register_secret(secret)
    return secret


def services_of(application: Application) -> Services:
    return application.bot_data[SERVICES_KEY]  # type: ignore[no-any-return]


__all__ = ["build_application", "run_bot", "set_commands", "start_bot", "stop_bot", "stop_sending"]
