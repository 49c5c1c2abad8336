"""Running the bot until SIGINT or SIGTERM: what ``nashra run`` and ``nashra sandbox`` share.

Kept apart from both commands so neither imports the other (``run --sandbox`` starts the sandbox).
"""

from __future__ import annotations

import asyncio
import signal

from nashra.config import Config


def stop_on_signals(stop: asyncio.Event) -> None:
    """SIGINT / SIGTERM end the bot cleanly (pending work stays in the database)."""
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGINT, signal.SIGTERM):
        loop.add_signal_handler(sig, stop.set)


async def serve(config: Config, token: str, stop: asyncio.Event, role: str = "nashra run") -> None:
    """Open the database, build the bot and run it until ``stop`` is set; ``role`` names the command to
    other processes that find this one sending (:attr:`bot.Services.role`)."""
    # Imported here: every command module is imported by ``nashra --help`` (see nashra.cli).
    from bot import Services, build_application, run_bot
    from nashra.storage import Database

    db = await Database.open(config.database.path)
    try:
        # SQLite opens a read-only database without complaint; a bot on one would fail job after job.
        await db.require_writable()
        services = Services.create(config, db)
        services.role = role
        application = build_application(config, services, token=token)
        await run_bot(application, stop)
    finally:
        await db.close()
