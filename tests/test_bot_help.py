"""/help: every command explained with an example; the admin commands shown to admins only."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from bot.app import ADMIN_COMMANDS, SUBSCRIBER_COMMANDS
from bot.handlers.subscriber import help_message
from nashra.texts import ADMIN_TOPICS, HELP_TOPICS, TEXTS
from tests.bot_harness import ADMIN, BotHarness, running_bot

GROUP = -100800


@pytest.fixture
async def harness(tmp_path: Path) -> AsyncIterator[BotHarness]:
    async with running_bot(tmp_path) as running:
        yield running


@pytest.mark.parametrize("lang", ["ar", "en"])
@pytest.mark.parametrize("command", sorted({*SUBSCRIBER_COMMANDS, *ADMIN_COMMANDS}))
def test_every_command_has_help_with_an_example(lang: str, command: str) -> None:
    body = TEXTS[lang][f"help_{command}"]
    assert body.startswith(f"/{command}") and f"<code>/{command}" in body


@pytest.mark.parametrize("lang", ["ar", "en"])
@pytest.mark.parametrize("topic", HELP_TOPICS)
def test_every_help_topic_has_its_text(lang: str, topic: str) -> None:
    assert help_message(lang, topic, admin=True, private=True) == TEXTS[lang][f"help_{topic}"]


def test_the_admin_command_list_is_no_topic_for_others() -> None:
    body = help_message("ar", "admin", admin=False, private=True)

    assert not any(f"/{command}" in body for command in ADMIN_COMMANDS)


def test_a_text_of_the_catalogue_that_is_no_command_is_no_topic() -> None:
    body = help_message("en", "unknown_topic", admin=False, private=True)

    assert body.startswith("There is no command called unknown_topic.") and "{term}" not in body


def test_admin_topics_are_the_admin_commands() -> None:
    assert set(ADMIN_TOPICS) == set(ADMIN_COMMANDS)


def test_help_topic_accepts_a_slash_and_any_case() -> None:
    assert help_message("en", "/ALERT", admin=True, private=True) == TEXTS["en"]["help_alert"]


def test_unknown_help_topic_names_it_and_lists_the_commands() -> None:
    body = help_message("ar", "frobnicate", admin=False, private=True)
    assert "frobnicate" in body and "/subscribe" in body


async def test_admin_sees_the_admin_commands(harness: BotHarness) -> None:
    reply = await harness.say(ADMIN, "/help")
    assert (
        "/alert" in reply.plain_text and "/broadcast" in reply.plain_text and "/subscribe" in reply.plain_text
    )


async def test_others_do_not_see_the_admin_commands(harness: BotHarness) -> None:
    reply = await harness.say(31, "/help")
    assert "/subscribe" in reply.plain_text
    assert not any(f"/{command}" in reply.plain_text for command in ADMIN_COMMANDS)


async def test_admin_commands_stay_out_of_a_group_help(harness: BotHarness) -> None:
    harness.api.chat(GROUP, "supergroup")
    reply = await harness.say(GROUP, "/help", user_id=ADMIN)
    assert "/alert" not in reply.plain_text


async def test_help_alert_shows_an_example_to_an_admin(harness: BotHarness) -> None:
    reply = await harness.say(ADMIN, "/help alert")
    assert "/alert درعا، السويداء | " in reply.plain_text


async def test_help_alert_is_refused_to_others(harness: BotHarness) -> None:
    reply = await harness.say(32, "/help alert")
    assert "لمشرفي نشرة فقط" in reply.plain_text and "|" not in reply.plain_text


async def test_help_for_a_subscriber_command_in_english(harness: BotHarness) -> None:
    await harness.say(33, "/lang en")
    reply = await harness.say(33, "/help subscribe")
    assert "Examples:" in reply.plain_text and "/subscribe Tripoli, Lebanon" in reply.plain_text


async def test_plain_text_help_takes_a_topic(harness: BotHarness) -> None:
    reply = await harness.say(34, "مساعدة time")
    assert "/time 7:30 Asia/Riyadh" in reply.plain_text
