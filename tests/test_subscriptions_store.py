"""Subscriber storage and the subscription domain, without the bot."""

from __future__ import annotations

import threading

import pytest

from nashra.storage import Database
from nashra.storage.subscribers import SubscriberStore
from subscriptions import SubscriptionService, TimeError, may_change_subscriptions, parse_time, service
from subscriptions.service import parse_regions


async def subscribed(db: Database, chats: dict[int, list[str]]) -> SubscriberStore:
    store = SubscriberStore(db)
    for chat, codes in chats.items():
        await store.ensure(chat, "private")
        await store.add_codes(chat, codes)
    return store


async def test_forget_deletes_the_subscriber_and_its_regions(db: Database) -> None:
    store = await subscribed(db, {1: ["SY-DR", "SY-HL"], 2: ["SY-DR"]})
    assert await store.forget(1)
    assert await store.get(1) is None
    assert await db.fetchall("SELECT * FROM subscriptions WHERE chat_id = 1") == []
    assert await store.regions_of(2) == ["SY-DR"]


async def test_migrate_chat_moves_the_subscriptions(db: Database) -> None:
    store = await subscribed(db, {-5: ["SY-DR"]})
    await store.migrate_chat(-5, -1005)
    assert await store.get(-5) is None
    assert await store.regions_of(-1005) == ["SY-DR"]


async def test_counts_per_region(db: Database) -> None:
    store = await subscribed(db, {1: ["SY-DR"], 2: ["SY-DR", "SY-HL"]})
    assert await store.counts_per_region() == [("SY-DR", 2), ("SY-HL", 1)]


async def test_subscribe_reports_new_and_existing_regions(db: Database) -> None:
    service = SubscriptionService(db)
    await service.subscribe(1, "private", "درعا")
    result = await service.subscribe(1, "private", "درعا، حلب")
    assert result.changed == ["SY-HL"] and result.unchanged == ["SY-DR"]


def test_parse_regions_reads_several_names_in_both_languages() -> None:
    assert parse_regions("درعا وحلب، Homs; sy-dy").codes == ["SY-DR", "SY-HL", "SY-HI", "SY-DY"]


def test_parse_regions_keeps_multiword_names_together() -> None:
    assert parse_regions("ريف دمشق دير الزور").codes == ["SY-RD", "SY-DY"]


def test_parse_regions_suggests_for_a_typo() -> None:
    parsed = parse_regions("دراعا")
    assert parsed.codes == [] and parsed.suggestions["دراعا"][0] == "SY-DR"


def test_parse_time_accepts_arabic_digits_and_a_zone() -> None:
    assert parse_time("٠٧:٣٠ Asia/Damascus", "UTC")[:2] == ("07:30", "Asia/Damascus")


@pytest.mark.parametrize(
    ("text", "zone"),
    [
        ("20:00 Damascus", "Asia/Damascus"),
        ("7:30 cairo", "Africa/Cairo"),
        ("7:30 new york", "America/New_York"),
    ],
)
def test_parse_time_takes_a_city_for_its_zone(text: str, zone: str) -> None:
    assert parse_time(text, "UTC")[1] == zone


@pytest.mark.parametrize(
    ("text", "zone"),
    [
        ("8 مساءً دمشق", "Asia/Damascus"),
        ("07:00 بالرياض", "Asia/Riyadh"),
        ("7 ص السعوديه", "Asia/Riyadh"),
        ("20:00 Baghdad", "Asia/Baghdad"),
    ],
)
def test_parse_time_takes_a_region_of_a_country_with_one_zone_for_its_zone(text: str, zone: str) -> None:
    assert parse_time(text, "UTC")[1] == zone


def test_parse_time_refuses_a_place_name_shared_by_countries_in_different_zones() -> None:
    with pytest.raises(TimeError) as caught:
        parse_time("8 طرابلس", "UTC")
    assert (caught.value.kind, caught.value.term) == ("shared", "طرابلس")
    assert [(c.code, c.zone) for c in caught.value.choices] == [
        ("LY-TB", "Africa/Tripoli"),
        ("LB-AS", "Asia/Beirut"),
    ]


def test_parse_time_names_a_zone_it_cannot_tell() -> None:
    with pytest.raises(TimeError) as caught:
        parse_time("7:30 Mars/Olympus", "UTC")
    assert (caught.value.kind, caught.value.term) == ("timezone", "Mars/Olympus")


def test_parse_time_names_a_bad_time() -> None:
    with pytest.raises(TimeError) as caught:
        parse_time("25:00", "UTC")
    assert caught.value.term == "25:00"


def test_only_group_admins_change_group_subscriptions() -> None:
    assert may_change_subscriptions("private", None)
    assert may_change_subscriptions("channel", None)
    assert may_change_subscriptions("supergroup", "administrator")
    assert not may_change_subscriptions("group", "member")


async def test_a_time_is_read_off_the_event_loop(db: Database, monkeypatch: pytest.MonkeyPatch) -> None:
    readers: list[str] = []

    def reading(text: str, default_timezone: str) -> tuple[str, str]:
        readers.append(threading.current_thread().name)
        return parse_time(text, default_timezone)

    monkeypatch.setattr(service, "parse_time", reading)

    await SubscriptionService(db).set_time(1, "private", "8 مساءً دمشق", "UTC")

    assert readers and readers[0] != threading.main_thread().name
