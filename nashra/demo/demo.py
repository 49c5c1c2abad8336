"""``nashra demo``: the whole pipeline on the bundled articles, with no token, no model and no network.

The demo uses the production parts, not imitations: the ingest pipeline and region analysis, the
summarizer (the configured model when it loads, otherwise the built-in extractive fallback), the
subscriber store, and one digest cycle through :class:`nashra.delivery.Deliverer` — the outbox, the
rate limiter and python-telegram-bot's HTTP calls — against the sandbox Bot API running in-process.
What the sandbox received is then printed as a Telegram client shows it.
"""

from __future__ import annotations

import asyncio
import copy
import logging
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from telegram import Bot

from nashra.arabic import RLM
from nashra.articles.ingest import ingest
from nashra.articles.inputs import plan
from nashra.config import Config
from nashra.delivery import Deliverer
from nashra.regions import get_gazetteer
from nashra.sandbox.server import SANDBOX_TOKEN, SandboxBotAPI
from nashra.storage import Database
from nashra.storage.articles import ArticleStore
from nashra.storage.outbox import OutboxStore
from nashra.storage.subscribers import SubscriberStore
from nashra.storage.trial import chats, holdings, is_trial, mark_trial
from nashra.telegram_limits import visible_text
from summarizer import EXTRACTIVE_KEY, Summarizer, SummaryWorker

log = logging.getLogger(__name__)

ARTICLES_DIR = Path(__file__).resolve().parent / "articles"
DELIVERY_TIMEOUT_S = 30.0

Say = Callable[[str], None]


class NotADemoDatabase(Exception):
    """The database holds data the demo did not put there: a real bot's, or another program's."""


@dataclass(frozen=True, slots=True)
class DemoSubscriber:
    chat_id: int
    name: str
    codes: tuple[str, ...]
    language: str = "ar"


DEMO_SUBSCRIBERS: tuple[DemoSubscriber, ...] = (
    DemoSubscriber(1001, "Rami — رامي", ("SY-DR",)),
    DemoSubscriber(1002, "Huda — هدى", ("IQ",)),
    DemoSubscriber(1003, "Salem — سالم", ("LY", "YE-TA")),
    DemoSubscriber(1004, "Nour — نور", ("LB",), language="en"),
)


@dataclass(slots=True)
class DemoResult:
    """What the demo did, and each subscriber's digest as the sandbox received it (visible text)."""

    db_path: str
    summarizer: str
    articles: int
    sections_summarized: int
    messages_owed: int
    digests: list[tuple[DemoSubscriber, list[str]]] = field(default_factory=list)
    bot_api_calls: int = 0
    # True when the database already held the delivered demo: the digests shown are what was sent then.
    earlier: bool = False

    @property
    def delivered(self) -> int:
        return sum(len(texts) for _, texts in self.digests)


def region_label(code: str) -> str:
    gaz = get_gazetteer()
    return f"{gaz.name(code, lang='en')} / {gaz.name(code, lang='ar')} ({code})"


async def run_demo(config: Config, db_path: str | Path, *, say: Say = print) -> DemoResult:
    """Ingest, summarize, subscribe, deliver one digest cycle; ``say`` reports each stage as it ends.

    A database that already holds the delivered demo (``nashra demo --db FILE`` run again) is not
    changed: the result holds what the subscribers received then, with ``earlier`` set. Raises
    :class:`NotADemoDatabase` for a database holding data the demo did not put there, before changing it.
    """
    config = copy.deepcopy(config)
    config.database.path = str(db_path)
    async with await Database.open(db_path) as db:
        await _claim(db, str(db_path))
        earlier = await _delivered_before(db, str(db_path))
        if earlier is not None:
            say(
                f"This database already holds the demo: {earlier.articles} articles and the "
                f"{len(DEMO_SUBSCRIBERS)} demo subscribers, whose digests were already delivered; "
                "showing what the subscribers received."
            )
            return earlier
        started = time.monotonic()
        articles = await _ingest(db, config, say)
        ingested_at = time.monotonic()
        log.debug("ingest took %.2f s", ingested_at - started)
        label, summarized = await _summarize(db, config, say)
        log.debug("summarizing took %.2f s", time.monotonic() - ingested_at)
        await _subscribe(db, say)
        result = DemoResult(str(db_path), label, articles, summarized, 0)
        # The access log of the in-process server prints one line per request, with the token in the path.
        logging.getLogger("tornado.access").setLevel(logging.WARNING)
        async with SandboxBotAPI(token=SANDBOX_TOKEN) as api:
            for subscriber in DEMO_SUBSCRIBERS:
                api.chat(subscriber.chat_id, "private", first_name=subscriber.name.split(" — ")[0])
            config.telegram.base_url = api.base_url
            delivering = time.monotonic()
            result.messages_owed = await _deliver(db, config, api, say)
            log.debug("the digest cycle took %.2f s", time.monotonic() - delivering)
            for subscriber in DEMO_SUBSCRIBERS:
                texts = [m.plain_text for m in api.sent_to(subscriber.chat_id) if not m.deleted]
                result.digests.append((subscriber, texts))
            result.bot_api_calls = sum(api.calls.values())
    return result


async def _claim(db: Database, db_path: str) -> None:
    """Make sure ``db`` is the demo's to fill: new, empty, or holding only what a demo put there.

    One cycle of the demo delivers every digest the database owes to its stand-in Bot API: run on a
    real bot's database it would mark the real subscribers' digests as sent without them reaching
    anyone, and mix the sample articles into the real ones. Raises :class:`NotADemoDatabase` for such a
    database; marks any other as a trial database (:mod:`nashra.storage.trial`).
    """
    if await is_trial(db):
        return
    held = await holdings(db)
    demo_chats = {subscriber.chat_id for subscriber in DEMO_SUBSCRIBERS}
    # An unmarked database filled by a demo of an earlier version holds the demo subscribers only.
    foreign = await chats(db) - demo_chats
    if not held.empty and (foreign or not held.subscribers):
        raise NotADemoDatabase(
            f"{db_path} is not a demo database: it holds {held.subscribers} subscribers, {held.articles} "
            f"articles and {held.messages} outbox messages that `nashra demo` did not put there, and the "
            "demo would deliver what they are owed to its stand-in Bot API, where nobody reads it. Use a "
            "new file with --db, or none (a temporary database)."
        )
    await mark_trial(db)


async def _delivered_before(db: Database, db_path: str) -> DemoResult | None:
    """The demo as an earlier run delivered it, or None when this database has not had it delivered."""
    subscribers = SubscriberStore(db)
    outbox = OutboxStore(db)
    digests = []
    for subscriber in DEMO_SUBSCRIBERS:
        if await subscribers.get(subscriber.chat_id) is None:
            return None
        texts = await outbox.last_sent(subscriber.chat_id, "digest")
        digests.append((subscriber, [visible_text(text) for text in texts]))
    if not any(texts for _, texts in digests):
        return None
    articles = await ArticleStore(db).count_articles()
    sent = sum(len(texts) for _, texts in digests)
    return DemoResult(db_path, "", articles, 0, sent, digests, earlier=True)


async def load_samples(db: Database, config: Config) -> tuple[int, int, list[str]]:
    """Ingest the sample articles shipped with Nashra: (articles read, files, rejection lines)."""
    inputs = await asyncio.to_thread(plan, [str(ARTICLES_DIR)])
    report = await ingest(db, inputs, config.ingest)
    return report.ingested + report.updated + report.unchanged, len(inputs), report.rejected


async def _ingest(db: Database, config: Config, say: Say) -> int:
    total, files, rejected = await load_samples(db, config)
    for line in rejected:
        say(f"   rejected {line}")
    say(f"1. read {total} sample articles from {files} files in {ARTICLES_DIR}")
    return total


async def _summarize(db: Database, config: Config, say: Say) -> tuple[str, int]:
    summarizer = Summarizer.from_config(config.summarizer)
    if summarizer.model_name == EXTRACTIVE_KEY:
        label = "built-in extractive fallback (no [summarizer] model configured)"
    elif await asyncio.to_thread(summarizer.load) is None:
        model = config.summarizer.model
        label = f"built-in extractive fallback (model {model!r} could not be loaded; see the log)"
    else:
        label = f"model {config.summarizer.model}"
    worker = SummaryWorker(db, summarizer)
    summarized = 0
    try:
        while done := await worker.run_once(limit=64):
            summarized += done
    finally:
        worker.close()
    say(f"2. summarized {summarized} sections with the {label}")
    return label, summarized


async def _subscribe(db: Database, say: Say) -> None:
    store = SubscriberStore(db)
    created = 0
    for subscriber in DEMO_SUBSCRIBERS:
        if await store.get(subscriber.chat_id) is not None:
            continue
        await store.ensure(subscriber.chat_id, "private", subscriber.language)
        await store.set_language(subscriber.chat_id, subscriber.language)
        await store.add_codes(subscriber.chat_id, subscriber.codes)
        created += 1
    if created == len(DEMO_SUBSCRIBERS):
        say(f"3. created {created} demo subscribers, each following its own regions")
    else:
        kept = len(DEMO_SUBSCRIBERS) - created
        say(
            f"3. {kept} of the {len(DEMO_SUBSCRIBERS)} demo subscribers were already in the database; "
            f"created {created}"
        )


async def _deliver(db: Database, config: Config, api: SandboxBotAPI, say: Say) -> int:
    async with Bot(token=SANDBOX_TOKEN, base_url=api.base_url) as bot:
        deliverer = Deliverer(bot, db, config)
        await deliverer.start()
        try:
            report = await deliverer.run_digest_cycle()
            deadline = time.monotonic() + DELIVERY_TIMEOUT_S
            while not await deliverer.worker.idle():
                if time.monotonic() > deadline:
                    say(f"   delivery did not finish within {DELIVERY_TIMEOUT_S:.0f}s")
                    break
                await deliverer.worker.wait_progress(0.5)
        finally:
            await deliverer.stop()
    say(
        f"4. ran one digest cycle: {report.digests} digests, {report.messages} messages owed, sent through "
        f"the outbox to the sandbox Bot API at {api.base_url}"
    )
    return report.messages


def render(result: DemoResult) -> str:
    """Each subscriber's digest as a Telegram client shows it, headed by who they are and what they follow."""
    rule = "─" * 72
    lines: list[str] = []
    for subscriber, texts in result.digests:
        regions = ", ".join(region_label(code) for code in subscriber.codes)
        who = f"Subscriber {subscriber.name} (chat {subscriber.chat_id}, {subscriber.language})"
        lines += ["", rule, who, f"follows: {regions}", rule]
        if not texts:
            lines.append("(no message: nothing new in these regions since this subscriber's previous digest)")
        for n, text in enumerate(texts, start=1):
            if len(texts) > 1:
                lines.append(f"[message {n} of {len(texts)}]")
            lines += [_rtl(line) for line in text.splitlines()]
            lines.append("")
    if result.earlier:
        lines += [
            rule,
            f"These {result.delivered} messages were delivered by an earlier `nashra demo` on "
            f"{result.db_path}. To run the whole pipeline again, use another --db file, or none "
            "(a temporary database).",
        ]
        return "\n".join(lines)
    lines += [
        rule,
        f"Summaries: {result.summarizer}.",
        f"{result.delivered} of {result.messages_owed} messages owed reached the {len(result.digests)} "
        f"subscribers through {result.bot_api_calls} Bot API calls.",
    ]
    return "\n".join(lines)


def _rtl(line: str) -> str:
    """Arabic lines start with a right-to-left mark, so bidi-aware terminals align them to the right."""
    if not line or line.startswith(RLM):
        return line
    first = next((ch for ch in line if ch.isalpha()), "")
    return RLM + line if "\u0600" <= first <= "\u06ff" else line
