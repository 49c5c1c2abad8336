"""The alert desk: what is held for confirmation, for how long, and what cannot be sent without delivery."""

from __future__ import annotations

import pytest

from bot.alerts import PENDING_TTL_S, AlertDesk, DeliveryUnavailable, Held, PendingAlert, clean_body
from bot.callbacks import AlertAnswer, decode, encode
from nashra.config import Config


def desk(threshold: int = 2) -> AlertDesk:
    config = Config()
    config.telegram.alert_confirm_threshold = threshold
    return AlertDesk(config, lambda: None)


def pending(audience: int) -> PendingAlert:
    return PendingAlert(["SY-DR"], "طريق مغلق", admin_id=1, chat_id=1, language="ar", audience=audience)


async def test_an_alert_above_the_threshold_is_held_and_taken_once() -> None:
    alerts = desk(threshold=2)
    held = await alerts.submit(pending(3))
    assert isinstance(held, Held)
    assert decode(encode(AlertAnswer(held.token, True))) == AlertAnswer(held.token, True)
    assert alerts.take(held.token) is not None
    assert alerts.take(held.token) is None


async def test_a_hold_older_than_its_time_is_gone() -> None:
    alerts = desk()
    held = await alerts.submit(pending(3))
    assert isinstance(held, Held)
    alerts.waiting[held.token].created -= PENDING_TTL_S + 1
    assert alerts.take(held.token) is None


async def test_nothing_is_drafted_or_queued_while_delivery_is_not_running() -> None:
    alerts = desk()
    with pytest.raises(DeliveryUnavailable):
        await alerts.draft(None, "إعلان", admin_id=1, chat_id=1, language="ar")
    with pytest.raises(DeliveryUnavailable):
        await alerts.submit(pending(1))


def test_a_body_loses_bidi_controls_and_surrounding_blanks_but_keeps_its_lines() -> None:
    assert clean_body("  \u202eسطر أول\u202c\nسطر ثانٍ\u2066 ") == "سطر أول\nسطر ثانٍ"
