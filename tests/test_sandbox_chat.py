"""`nashra sandbox` behaves like a chat: on a real terminal, and over HTTP for other programs."""

from __future__ import annotations

import asyncio
import json
import re
import sqlite3
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from digest_seed import add_recent_story

from nashra.storage.outbox import NewMessage, OutboxStore
from nashra.storage.subscribers import SubscriberStore
from tests.database_template import open_database
from tests.nashra_process import NASHRA, Terminal, clean_env, free_port, quiet_config, wait_on

# The chat prompt on a pseudo-terminal. CPR: the pseudo-terminal answers no cursor-position request.
PROMPT_ENV = {"PROMPT_TOOLKIT_NO_CPR": "1"}


def _chat(folder: Path, *extra: str) -> Iterator[Terminal]:
    terminal = Terminal(
        [str(NASHRA), "sandbox", "--port", str(free_port()), *extra],
        cwd=folder,
        env=clean_env(NASHRA_CONFIG=str(quiet_config(folder)), **PROMPT_ENV),
    )
    try:
        terminal.expect(r"is up")
        terminal.expect_screen(lambda lines: bool(lines) and lines[-1] == ">")
        yield terminal
    finally:
        terminal.close()


@pytest.fixture
def chat(tmp_path: Path) -> Iterator[Terminal]:
    """The chat as a first start shows it: the sample articles loaded, and summarized meanwhile."""
    yield from _chat(tmp_path)


@pytest.fixture(scope="module")
def _one_empty_chat(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Terminal]:
    yield from _chat(tmp_path_factory.mktemp("empty-chat"), "--empty")


class ChatFromHere:
    """A running chat as one test sees it: its :meth:`expect` reads only what was printed after the test
    began, so tests sharing a chat never match each other's output."""

    def __init__(self, terminal: Terminal) -> None:
        terminal.expect_screen(lambda lines: bool(lines) and lines[-1] == ">")  # the last test's output ended
        self.terminal = terminal
        self.start = len(terminal.plain_output)

    def type(self, keys: str) -> None:
        self.terminal.type(keys)

    def expect(self, pattern: str) -> re.Match[str]:
        return self.terminal.expect(pattern, after=self.start)


@pytest.fixture
def empty_chat(_one_empty_chat: Terminal) -> ChatFromHere:
    """The chat started with ``--empty``, for the chat's own commands, which no article changes: it
    starts without loading and summarizing the sample articles. One chat serves the module's tests of
    such commands (starting one takes a few seconds); each reads only its own part of the output."""
    return ChatFromHere(_one_empty_chat)


def test_ctrl_c_at_the_prompt_exits_at_once(chat: Terminal) -> None:
    chat.type("\x03")

    assert chat.wait_exit(timeout=15) == 0


def test_ctrl_c_while_a_line_is_half_typed_exits_too(chat: Terminal) -> None:
    chat.type("اشترك در")
    chat.type("\x03")

    assert chat.wait_exit(timeout=15) == 0


def test_replies_and_log_lines_appear_above_the_prompt(chat: Terminal) -> None:
    chat.expect(r"summarized \d+ sections")
    chat.type("اشترك درعا\r")
    chat.expect(r"اشتركت في")
    chat.type("/digest\r")
    chat.expect(r"INFO +nashra\.digest")
    chat.expect(r"📰")
    chat.expect_screen(lambda lines: lines[-1] == ">")  # the prompt is back: a person would type now
    chat.type("/hel")
    # Meanwhile the chat gets a reply to a message sent over HTTP: it is printed above the prompt.
    _send_over_http(chat, "/mysubs")
    chat.expect(r"اشتراكاتك")

    screen = chat.expect_screen(lambda lines: lines[-1] == "> /hel")
    assert screen[-1] == "> /hel", "the prompt, with what is being typed, stays on the last line"
    prompts = [line for line in screen if line.startswith(">")]
    assert prompts == ["> اشترك درعا", "> /digest", "> /hel"], "no output was printed after a prompt"
    assert any(line.startswith("[") for line in screen) and any(" INFO " in line for line in screen)


def _send_over_http(chat: Terminal, text: str) -> None:
    """User 1001 writes ``text`` through the sandbox's HTTP side (as the chat's curl example does);
    returns once the bot has answered."""
    port = chat.process.args[chat.process.args.index("--port") + 1]
    form = urllib.parse.urlencode({"chat_id": 1001, "text": text, "wait": 1}).encode()
    with urllib.request.urlopen(f"http://127.0.0.1:{port}/sandbox/send", form, timeout=30) as answer:
        assert answer.status == 200


def test_press_without_arguments_explains_itself_in_one_sentence(empty_chat: ChatFromHere) -> None:
    empty_chat.type(":press\r")

    line = empty_chat.expect(r"To press a button[^\n]*").group(0)
    assert line.rstrip("\r").endswith(".") and "Error" not in line


def test_press_of_a_button_the_message_does_not_have_is_refused_plainly(empty_chat: ChatFromHere) -> None:
    empty_chat.type("/start\r")
    welcome = empty_chat.expect(r"\[(\d+)\] أهلاً بك").group(1)  # a message without buttons
    empty_chat.type(f":press {welcome} rg:c:1\r")

    line = empty_chat.expect(rf"Message {welcome} has no button[^\n]*").group(0)
    assert "(it has no buttons)." in line


def test_press_on_a_message_that_does_not_exist_is_refused_plainly(empty_chat: ChatFromHere) -> None:
    empty_chat.type(":press 99 rg:c:1\r")

    empty_chat.expect(r"Chat 1001 has no message 99\.")


def test_press_with_a_digit_that_is_no_number_keeps_the_prompt_alive(empty_chat: ChatFromHere) -> None:
    empty_chat.type(":press ² x\r")
    empty_chat.expect(r"To press a button[^\n]*")
    empty_chat.type("/start\r")

    empty_chat.expect(r"أهلاً بك")


def test_quit_with_words_after_it_ends_the_chat(chat: Terminal) -> None:
    chat.type(":quit now\r")

    assert chat.wait_exit(timeout=15) == 0


def test_first_start_loads_the_sample_articles_and_says_so(chat: Terminal, tmp_path: Path) -> None:
    chat.expect(r"Loaded \d+ sample articles[^\n]*--empty")

    with sqlite3.connect(tmp_path / "nashra-sandbox.db") as conn:
        assert conn.execute("SELECT COUNT(*) FROM articles").fetchone()[0] > 0


class Sandbox:
    """`nashra sandbox --no-prompt` in the background, played over HTTP."""

    def __init__(self, folder: Path, *extra: str) -> None:
        self.port = free_port()
        self.process = subprocess.Popen(
            [str(NASHRA), "sandbox", "--no-prompt", "--port", str(self.port), *extra],
            cwd=folder,
            env=clean_env(NASHRA_CONFIG=str(quiet_config(folder))),
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
        )
        assert self.process.stdout is not None
        self.log: list[str] = []
        for line in self.process.stdout:
            self.log.append(line)
            if "summarized" in line or ("is up" in line and "--empty" in extra):
                return
        raise AssertionError("".join(self.log))

    def call(self, method: str, action: str, **fields: Any) -> tuple[int, dict[str, Any]]:
        url = f"http://127.0.0.1:{self.port}/sandbox/{action}"
        data = urllib.parse.urlencode(fields).encode() if method == "POST" else None
        if method == "GET" and fields:
            url += "?" + urllib.parse.urlencode(fields)
        try:
            with urllib.request.urlopen(
                urllib.request.Request(url, data=data, method=method), timeout=30
            ) as r:
                return r.status, json.loads(r.read())
        except urllib.error.HTTPError as error:
            return error.code, json.loads(error.read())

    def stop(self) -> None:
        self.process.terminate()
        self.process.communicate(timeout=30)


@pytest.fixture(scope="module")
def sandbox(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Sandbox]:
    running = Sandbox(tmp_path_factory.mktemp("sandbox"))
    try:
        yield running
    finally:
        running.stop()


def test_send_with_wait_answers_with_the_bots_reply(sandbox: Sandbox) -> None:
    status, answer = sandbox.call("POST", "send", chat_id=2001, text="اشترك درعا", wait=1)

    assert status == 200
    assert [m["plain_text"].splitlines()[0] for m in answer["result"]] == ["✅ اشتركت في: درعا (سوريا)"]


def test_send_with_wait_returns_a_whole_digest_of_the_sample_news(sandbox: Sandbox) -> None:
    sandbox.call("POST", "send", chat_id=2002, text="/subscribe Iraq", wait=1)

    _, answer = sandbox.call("POST", "send", chat_id=2002, text="/digest", wait=1)

    assert any("الموصل" in m["plain_text"] for m in answer["result"])


def test_press_with_wait_answers_with_the_redrawn_message(sandbox: Sandbox) -> None:
    _, answer = sandbox.call("POST", "send", chat_id=2003, text="/regions", wait=1)
    keyboard = answer["result"][-1]
    data = keyboard["reply_markup"]["inline_keyboard"][0][0]["callback_data"]

    _, pressed = sandbox.call(
        "POST", "press", chat_id=2003, message_id=keyboard["message_id"], data=data, wait=1
    )

    assert [m["message_id"] for m in pressed["result"]] == [keyboard["message_id"]]
    assert pressed["result"][0]["edited"]


@pytest.mark.parametrize(
    ("method", "action", "fields", "status", "description"),
    [
        (
            "POST",
            "send",
            {"chat_id": "abc", "text": "hi"},
            400,
            "Bad Request: chat_id must be an integer, not 'abc'",
        ),
        ("POST", "send", {"chat_id": "1"}, 400, "Bad Request: text is required"),
        (
            "POST",
            "press",
            {"chat_id": "2004", "message_id": "1", "data": "x"},
            400,
            "Bad Request: chat 2004 has no message 1",
        ),
        ("GET", "messages", {"chat_id": "x"}, 400, "Bad Request: chat_id must be an integer, not 'x'"),
        ("GET", "send", {}, 405, "Method Not Allowed: /sandbox/send takes POST (curl -d sends one)"),
        ("POST", "nothing", {}, 404, "Not Found: there is no sandbox action 'nothing'"),
        (
            "POST",
            "send",
            {"chat_id": str(10**30), "text": "/start"},
            400,
            "Bad Request: chat_id must be a Telegram id (1 to 4503599627370495, negative for groups and "
            "channels), not 1000000000000000000000000000000",
        ),
        (
            "POST",
            "send",
            {"chat_id": "0", "text": "/start"},
            400,
            "Bad Request: chat_id must be a Telegram id (1 to 4503599627370495, negative for groups and "
            "channels), not 0",
        ),
        (
            "POST",
            "send",
            {"chat_id": "2006", "chat_type": "banana", "text": "/start"},
            400,
            "Bad Request: chat_type must be one of private, group, supergroup, channel, not 'banana'",
        ),
        (
            "POST",
            "send",
            {"chat_id": "-2007", "chat_type": "private", "text": "/start"},
            400,
            "Bad Request: a private chat's id is positive, not -2007",
        ),
        (
            "POST",
            "send",
            {"chat_id": "2008", "chat_type": "group", "text": "/start"},
            400,
            "Bad Request: a group's id is negative, not 2008",
        ),
        (
            "POST",
            "send",
            {"chat_id": "2009", "user_id": "-7", "text": "/start"},
            400,
            "Bad Request: user_id must be a user id (1 to 4503599627370495), not -7",
        ),
        (
            "POST",
            "send",
            {"chat_id": "2010", "text": "د" * 4097},
            400,
            "Bad Request: text is longer than a Telegram message (4096 characters)",
        ),
        (
            "GET",
            "messages",
            {"chat_id": "2011", "after": "-1"},
            400,
            "Bad Request: after must not be negative, not -1",
        ),
    ],
)
def test_every_http_error_is_one_plain_sentence(
    sandbox: Sandbox, method: str, action: str, fields: dict[str, str], status: int, description: str
) -> None:
    got_status, answer = sandbox.call(method, action, **fields)

    assert (got_status, answer["ok"], answer["description"]) == (status, False, description)


def test_a_body_that_is_not_utf8_is_one_plain_sentence(sandbox: Sandbox) -> None:
    request = urllib.request.Request(
        f"http://127.0.0.1:{sandbox.port}/sandbox/send",
        data=b"chat_id=2012&text=\xff\xfe",
        headers={"Content-Type": "application/x-www-form-urlencoded"},
    )
    with pytest.raises(urllib.error.HTTPError) as error:
        urllib.request.urlopen(request, timeout=30)

    assert error.value.code == 400
    assert json.loads(error.value.read())["description"] == "Bad Request: the request is not UTF-8 text"


def test_waiting_senders_in_one_chat_each_get_the_answer_to_their_own_message(sandbox: Sandbox) -> None:
    texts = ["/start", "/help", "اشترك"]  # answers that do not depend on which goes first
    answers: dict[str, list[str]] = {}

    def send(text: str) -> None:
        _, answer = sandbox.call("POST", "send", chat_id=2013, text=text, wait=1)
        answers[text] = [m["plain_text"].split()[0] for m in answer["result"]]

    threads = [threading.Thread(target=send, args=(text,)) for text in texts]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)

    assert answers == {
        "/start": ["أهلاً"],
        "/help": ["الأوامر"],
        "اشترك": ["اكتب"],
    }


def test_empty_starts_without_the_sample_articles(tmp_path: Path) -> None:
    running = Sandbox(tmp_path, "--empty")
    running.stop()

    assert not any("sample articles" in line for line in running.log)
    with sqlite3.connect(tmp_path / "nashra-sandbox.db") as conn:
        assert conn.execute("SELECT COUNT(*) FROM articles").fetchone()[0] == 0


def test_lines_piped_in_are_not_read_and_the_sandbox_says_so(tmp_path: Path) -> None:
    # With no terminal the prompt was off and the lines piped in were dropped without a word.
    process = subprocess.Popen(
        [str(NASHRA), "sandbox", "--empty", "--port", str(free_port())],
        cwd=tmp_path,
        env=clean_env(NASHRA_CONFIG=str(quiet_config(tmp_path))),
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    assert process.stdout is not None
    log = []
    for line in process.stdout:
        log.append(line)
        if "is up" in line:
            break
    process.terminate()
    process.communicate(timeout=30)

    assert (
        "nashra sandbox: no chat prompt, as standard input or output is no terminal: lines piped in are "
        "not read; talk to the bot over HTTP (the curl lines below), or run it in a terminal\n"
    ) in log


def test_port_in_use_is_one_line(sandbox: Sandbox, tmp_path: Path) -> None:
    result = subprocess.run(
        [str(NASHRA), "sandbox", "--no-prompt", "--port", str(sandbox.port)],
        cwd=tmp_path,
        env=clean_env(),
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )

    assert result.returncode == 2
    assert f"cannot start the sandbox on port {sandbox.port}: another program listens there" in result.stderr
    assert "Traceback" not in result.stderr and sys.executable not in result.stderr


def test_json_clients_may_send_wait_as_a_boolean(sandbox: Sandbox) -> None:
    body = json.dumps({"chat_id": 2005, "text": "/start", "wait": True}).encode()
    request = urllib.request.Request(
        f"http://127.0.0.1:{sandbox.port}/sandbox/send",
        data=body,
        headers={"Content-Type": "application/json"},
    )
    with urllib.request.urlopen(request, timeout=30) as response:
        answer = json.loads(response.read())

    assert answer["ok"] and "أهلاً بك" in answer["result"][0]["plain_text"]


def test_first_digest_with_no_news_does_not_speak_of_a_previous_digest(tmp_path: Path) -> None:
    running = Sandbox(tmp_path, "--empty")
    try:
        running.call("POST", "send", chat_id=3001, text="اشترك درعا", wait=1)
        _, first = running.call("POST", "send", chat_id=3001, text="/digest", wait=1)
        _, second = running.call("POST", "send", chat_id=3001, text="/digest", wait=1)
    finally:
        running.stop()

    no_news = "لا أخبار عن مناطقك خلال آخر 24 ساعة؛ ستصلك الأخبار الجديدة في نشرتك القادمة."
    assert first["result"][0]["plain_text"] == no_news
    # Still no digest was sent (an empty one is not), whichever slot ran meanwhile: no "last digest".
    assert second["result"][0]["plain_text"] == no_news


def test_a_real_bots_database_is_tried_on_a_copy_and_left_as_it_was(tmp_path: Path) -> None:
    database = tmp_path / "nashra.db"

    async def fill() -> None:
        async with await open_database(database) as db:
            await SubscriberStore(db).ensure(555_000_111, "private")
            await OutboxStore(db).add([NewMessage(555_000_111, "digest", "digest:2026-01-01T08:00Z", 0, "x")])

    asyncio.run(fill())
    running = Sandbox(tmp_path, "--empty", "--db", str(database))
    try:
        # What was pending goes out at start, from the copy: had it been sent from the file itself,
        # the file would show it sent once the sandbox has stopped (stopping saves every outcome).
        deadline = time.monotonic() + 30
        while not running.call("GET", "messages", chat_id=555_000_111)[1]["result"]:
            assert time.monotonic() < deadline, "the pending message was never sent"
            wait_on(running.process, 0.05)
    finally:
        running.stop()

    assert any("trying the bot on a copy" in line for line in running.log), "".join(running.log)
    with sqlite3.connect(database) as conn:
        assert conn.execute("SELECT state FROM outbox").fetchall() == [("pending",)]


def test_a_database_of_articles_only_is_tried_on_a_copy_and_gets_no_trial_chat(tmp_path: Path) -> None:
    database = tmp_path / "nashra.db"
    asyncio.run(_database_with_one_article(database))
    running = Sandbox(tmp_path, "--empty", "--db", str(database))
    try:
        running.call("POST", "send", chat_id=3002, text="اشترك درعا", wait=1)
    finally:
        running.stop()

    assert any("trying the bot on a copy" in line for line in running.log), "".join(running.log)
    with sqlite3.connect(database) as conn:
        assert conn.execute("SELECT COUNT(*) FROM subscribers").fetchone() == (0,)
        assert conn.execute("SELECT COUNT(*) FROM articles").fetchone() == (1,)


async def _database_with_one_article(path: Path) -> None:
    async with await open_database(path) as db:
        await add_recent_story(db)


@pytest.mark.parametrize(
    ("option", "value", "problem"),
    [
        ("--port", "70000", "'70000' is not a port number (0-65535; 0 picks a free one)"),
        ("--port", "-1", "'-1' is not a port number (0-65535; 0 picks a free one)"),
        ("--chat", "-5", "'-5' is not a Telegram user id (1 to 4503599627370495)"),
        ("--chat", str(10**23), f"'{10**23}' is not a Telegram user id (1 to 4503599627370495)"),
    ],
)
def test_a_port_or_user_telegram_cannot_have_is_refused_before_starting(
    tmp_path: Path, option: str, value: str, problem: str
) -> None:
    result = subprocess.run(
        [str(NASHRA), "sandbox", "--no-prompt", option, value],
        cwd=tmp_path,
        env=clean_env(),
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )

    assert result.returncode == 2
    assert result.stderr.splitlines()[-1] == f"nashra sandbox: error: argument {option}: {problem}"
