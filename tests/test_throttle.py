"""Per-chat flow control: the flood guard forgets quiet chats; lanes keep a chat's order, not others'."""

from __future__ import annotations

import asyncio
import tracemalloc

from telegram import Chat, Message, Update

from bot.throttle import WINDOW_S, ChatLanes, FloodAction, FloodGuard

CHATS = 200_000


def test_flood_guard_memory_stays_bounded_after_200k_chats() -> None:
    """200,000 chats over four minutes, 50,000 new ones a minute: the guard holds about one minute's."""
    clock = [0.0]
    guard = FloodGuard(20, clock=lambda: clock[0])
    per_minute = CHATS // 4
    try:
        for minute in range(4):
            if minute == 2:  # traced from here: what the last two minutes allocate and keep
                tracemalloc.start()
            for chat in range(per_minute):
                guard.check(minute * per_minute + chat)
            if minute == 2:
                one_minute, _ = tracemalloc.get_traced_memory()
            clock[0] += WINDOW_S + 1
        held, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    # About 870 bytes per chat seen, but only for the chats of the last minute: never all 200,000.
    assert len(guard) <= per_minute
    assert held < 1.2 * one_minute and peak < 2.5 * one_minute, (one_minute, held, peak)


def test_flood_guard_still_warns_once_then_drops_and_lets_the_chat_back_later() -> None:
    clock = [0.0]
    guard = FloodGuard(2, clock=lambda: clock[0])
    assert [guard.check(7) for _ in range(4)] == [
        FloodAction.ALLOW,
        FloodAction.ALLOW,
        FloodAction.WARN,
        FloodAction.DROP,
    ]
    clock[0] += WINDOW_S
    assert guard.check(7) is FloodAction.ALLOW


def _update(update_id: int, chat_id: int) -> Update:
    chat = Chat(chat_id, "private")
    return Update(update_id, message=Message(update_id, None, chat, text="/help"))  # type: ignore[arg-type]


async def test_lanes_keep_one_chats_order_and_let_other_chats_pass() -> None:
    lanes = ChatLanes(max_concurrent_updates=64)
    await lanes.initialize()
    done: list[tuple[int, int]] = []
    release = asyncio.Event()

    async def handle(chat: int, n: int, wait: bool) -> None:
        if wait:
            await release.wait()
        done.append((chat, n))

    slow = [asyncio.create_task(lanes.process_update(_update(n, 1), handle(1, n, n == 0))) for n in range(5)]
    other = asyncio.create_task(lanes.process_update(_update(9, 2), handle(2, 0, False)))
    await asyncio.wait_for(other, 1)
    assert done == [(2, 0)], "another chat waited for the slow one"
    release.set()
    await asyncio.gather(*slow)
    assert [n for chat, n in done if chat == 1] == [0, 1, 2, 3, 4]


async def test_a_lane_drops_updates_beyond_its_depth() -> None:
    lanes = ChatLanes(max_concurrent_updates=64, max_waiting_per_chat=3)
    release = asyncio.Event()
    ran: list[int] = []

    async def handle(n: int) -> None:
        await release.wait()
        ran.append(n)

    tasks = [asyncio.create_task(lanes.process_update(_update(n, 1), handle(n))) for n in range(6)]
    await asyncio.sleep(0.05)
    release.set()
    await asyncio.gather(*tasks)
    assert ran == [0, 1, 2]


async def test_updates_waiting_in_flooding_lanes_leave_room_for_other_chats() -> None:
    lanes = ChatLanes(max_concurrent_updates=8)
    await lanes.initialize()
    release = asyncio.Event()

    async def stuck() -> None:
        await release.wait()

    async def quick() -> None:
        return None

    # Four flooding chats, each with one update being handled and three waiting behind it in its lane.
    floods = [
        asyncio.create_task(lanes.process_update(_update(chat * 10 + n, chat), stuck()))
        for chat in range(1, 5)
        for n in range(4)
    ]
    await asyncio.sleep(0.05)
    await asyncio.wait_for(lanes.process_update(_update(99, 99), quick()), 1)
    release.set()
    await asyncio.gather(*floods)
