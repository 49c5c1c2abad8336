"""Kinds of layout the eighteenth blind sample (tests/data/sections/labels_heldout18.jsonl) showed cut wrong,
each as a small case of its own (tests/data/sections/blind18_layouts.json): a reply to the paper that asks
the editor to publish it, on the line above its closing greeting, with or without a full stop."""

from __future__ import annotations

import json
from pathlib import Path

from nashra.articles.sectioning import cut

CASES = json.loads((Path(__file__).parent / "data" / "sections" / "blind18_layouts.json").read_text("utf-8"))
TITLE = CASES["title"]


def test_a_request_to_publish_over_the_closing_greeting_is_the_sign_off() -> None:
    reply = CASES["reply_with_request"]
    body = cut(reply, title=TITLE)
    assert [s.heading for s in body.sections] == [None]
    assert body.sections[0].text.split("\n") == reply[1:3]
    assert reply[3] in [f.text for f in body.furniture]


def test_the_request_is_the_sign_off_without_its_full_stop_too() -> None:
    reply = CASES["reply_with_request_no_stop"]
    body = cut(reply, title=TITLE)
    assert body.sections[0].text.split("\n") == reply[:2]
    assert reply[2] in [f.text for f in body.furniture]


def test_a_sentence_hoping_for_something_else_to_spread_stays_the_text() -> None:
    text = CASES["hope_without_greeting"]
    body = cut(text, title=TITLE)
    assert body.sections[0].text.split("\n") == text
