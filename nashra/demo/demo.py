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
from nashra.config import Config
from nashra.regions import gazetteer
from nashra.sandbox.server import SandboxBotAPI
from nashra.storage import Database
from nashra.storage.subscribers import SubscriberStore

log = logging.getLogger(__name__)

ARTICLES_DIR = Path(__file__).resolve().parent / "articles"
# Any non-empty token works against the sandbox; this one is not shaped like a real bot token.
SANDBOX_TOKEN = "demo-sandbox-token"
# Digests cover sections ingested up to two seconds before the cycle (see nashra.digest.select).
_INGEST_SETTLE_S = 2.5
DELIVERY_TIMEOUT_S = 30.0

Say = Callable[[str], None]


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

    @property
    def delivered(self) -> int:
        return sum(len(texts) for _, texts in self.digests)


def region_label(code: str) -> str:
    gaz = gazetteer()
    return f"{gaz.name(code, lang='en')} / {gaz.name(code, lang='ar')} ({code})"


async def run_demo(config: Config, db_path: str | Path, *, say: Say = print) -> DemoResult:
    """Ingest, summarize, subscribe, deliver one digest cycle; ``say`` reports each stage as it ends."""
    config = copy.deepcopy(config)
    config.database.path = str(db_path)
    async with await Database.open(db_path) as db:
        articles = await _ingest(db, config, say)
        ingested_at = time.monotonic()
        label, summarized = await _summarize(db, config, say)
        await _subscribe(db, say)
        settle = _INGEST_SETTLE_S - (time.monotonic() - ingested_at)
        if settle > 0:
            await asyncio.sleep(settle)
        result = DemoResult(str(db_path), label, articles, summarized, 0)
        # The access log of the in-process server prints one line per request, with the token in the path.
        logging.getLogger("tornado.access").setLevel(logging.WARNING)
        async with SandboxBotAPI(token=SANDBOX_TOKEN) as api:
            for subscriber in DEMO_SUBSCRIBERS:
                api.chat(subscriber.chat_id, "private", first_name=subscriber.name.split(" — ")[0])
            config.telegram.base_url = api.base_url
            result.messages_owed = await _deliver(db, config, api, say)
            for subscriber in DEMO_SUBSCRIBERS:
                texts = [m.plain_text for m in api.sent_to(subscriber.chat_id) if not m.deleted]
                result.digests.append((subscriber, texts))
            result.bot_api_calls = sum(api.calls.values())
    return result


async def _ingest(db: Database, config: Config, say: Say) -> int:
    from nashra.articles.ingest import ingest, plan

    inputs = await asyncio.to_thread(plan, [str(ARTICLES_DIR)])
    report = await ingest(db, inputs, config.ingest)
    for line in report.rejected:
        say(f"   rejected {line}")
    total = report.ingested + report.updated + report.unchanged
    say(f"1. read {total} sample articles from {len(inputs)} files in {ARTICLES_DIR} ({report.summary()})")
    return total


async def _summarize(db: Database, config: Config, say: Say) -> tuple[str, int]:
    from summarizer import EXTRACTIVE_KEY, Summarizer, SummaryWorker

    summarizer = Summarizer.from_config(config.summarizer)
    if summarizer.model_key == EXTRACTIVE_KEY:
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
    for subscriber in DEMO_SUBSCRIBERS:
        await store.ensure(subscriber.chat_id, "private", subscriber.language)
        await store.set_language(subscriber.chat_id, subscriber.language)
        await store.add_codes(subscriber.chat_id, subscriber.codes)
    say(f"3. created {len(DEMO_SUBSCRIBERS)} demo subscribers, each following its own regions")


async def _deliver(db: Database, config: Config, api: SandboxBotAPI, say: Say) -> int:
    from nashra.delivery import Deliverer

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
