"""CTranslate2's translator in a child process, so that a batch can be ended at once.

``translate_batch`` cannot be interrupted: under beam search it takes no step callback, and a batch of
16 sections of an mT5-small-sized model takes 8-13 s on a 2-core CPU (``benchmarks/summarize.py``,
2026-12-01). Run in the bot's own process, a stop request (shutdown) or a batch past ``timeout_s`` had
to wait for it. Here the translator lives in a child process: the parent waits for each answer in
steps of :data:`POLL_S`, checking the stop request and the deadline, and kills the child when either
comes; the next batch starts a new one (loading the converted model again, about a second for
mT5-small). A child that dies (out of memory, a crash) is replaced the same way.

The child, ``python -m summarizer.ct2_process FOLDER DEVICE COMPUTE_TYPE THREADS``, imports only
CTranslate2. It answers on its standard output, each answer a pickled tuple: first ``("ready",)`` or
``("error", reason)``, then one ``("ok", hypotheses)`` or ``("error", reason)`` per request read from
its standard input (a pickled ``(source, prefixes, options)``). It ends when its standard input
closes (its parent ended), when its parent kills it, or within :data:`ORPHAN_CHECK_S` of its parent's
death, mid-batch included (a parent killed with SIGKILL cannot kill it, and a batch runs for seconds).

It runs in the folder that holds this package, so that it imports this very module whatever the
parent's working directory holds (a ``summarizer`` folder there, another checkout's say, was imported
instead). It ignores SIGINT and SIGTERM: Ctrl-C at a terminal and a stopped systemd unit signal every
process of the group, and a child that died of them mid-batch read as a model failure, whose extractive
summaries were stored although a stop had come; the parent, stopped by the same signal, kills it.
"""

from __future__ import annotations

import contextlib
import logging
import os
import pickle
import queue
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
import weakref
from collections.abc import Iterator
from pathlib import Path
from typing import IO, Any

from summarizer.errors import GenerationCancelled, GenerationTimeout

log = logging.getLogger(__name__)

PACKAGE_ROOT = str(Path(__file__).resolve().parent.parent)
"""The folder holding the ``summarizer`` package: the working directory of every child process that
runs a module of it (``python -m`` imports from the working directory first)."""

POLL_S = 0.05
"""How often, in seconds, a wait for the child checks the stop request and the deadline."""

ORPHAN_CHECK_S = 0.5
"""How often, in seconds, the child checks that its parent still lives."""


VOCABULARY_MAP = "vmap.txt"
"""The file of a model folder that CTranslate2 reads, when the translator is created, for ``use_vmap``
(its vocabulary map: "source n-gram TAB target tokens" lines; an empty n-gram's targets are always
candidates). A child never reads the converted model's own: one that needs a map loads the model
from a private temporary folder of links to the model's files beside the map its parent wrote there
(:func:`_model_folder`), so the map is exactly the one its batches need whatever another program
writes in the cache, and a read-only cache restricts too."""


class ChildFailed(RuntimeError):
    """The child could not load the model, or ended or failed during a batch; the message says why
    (CTranslate2's own words where it gave any, "out of memory" included)."""


class ChildTranslator:
    """A CTranslate2 ``Translator`` in a child process, started now and again after each kill; with
    ``vocabulary_map`` (see :attr:`vocabulary_map`), the child starts with that map loaded.

    Raises :class:`ChildFailed` when the child cannot load the converted model at ``folder``, and
    :class:`GenerationCancelled` when ``stop`` is set while it loads.
    """

    def __init__(
        self,
        folder: str,
        device: str,
        compute_type: str,
        threads: int,
        stop: threading.Event | None = None,
        vocabulary_map: str | None = None,
    ) -> None:
        self._folder = os.path.abspath(folder)
        self._arguments = [device, compute_type, str(threads)]
        self._child: subprocess.Popen[bytes] | None = None
        self._errors: IO[bytes] | None = None
        self._finalizer: weakref.finalize | None = None
        self.vocabulary_map = vocabulary_map
        """The text of the vocabulary map (:data:`VOCABULARY_MAP`) the child loads, and loads again
        when it is started anew; None for none: ``use_vmap`` restricts nothing without one."""
        self._start(stop)

    @property
    def pid(self) -> int | None:
        """The child's process id, None while no child runs (for logs and tests)."""
        return self._child.pid if self._child is not None and self._child.poll() is None else None

    def translate(
        self,
        source: list[list[str]],
        prefixes: list[list[str]] | None,
        options: dict[str, Any],
        *,
        deadline: float,
        stop: threading.Event | None = None,
        vocabulary_map: str | None = None,
    ) -> list[list[str]]:
        """The best hypothesis's tokens for each row of ``source`` (``translate_batch`` with
        ``options``). With ``vocabulary_map``, the batch runs in a child that loaded exactly that map
        (:attr:`vocabulary_map`): a child that loaded another, or none, is replaced first (``use_vmap``
        with no map, or another, would restrict to something else without a word).

        Raises GenerationCancelled once ``stop`` is set and GenerationTimeout once ``deadline``
        (``time.monotonic()``, moved on by the time a new child takes to load the model, when one must
        be started first) passes, the child killed at once in both cases; ChildFailed when the
        child reports an error or ends during the batch (GenerationCancelled if ``stop`` is set by
        then: the signal that stopped this process may have reached the child too).
        """
        if vocabulary_map is not None and self.vocabulary_map != vocabulary_map:
            self.close()
            self.vocabulary_map = vocabulary_map
        if self._child is None or self._child.poll() is not None:
            started = time.monotonic()
            self._start(stop)
            deadline += time.monotonic() - started  # the time limit is the batch's, not the load's
        child = self._child
        assert child is not None and child.stdin is not None
        try:
            pickle.dump((source, prefixes, options), child.stdin, protocol=pickle.HIGHEST_PROTOCOL)
            child.stdin.flush()
        except OSError:
            raise ChildFailed(self._ended("before its batch")) from None
        answer = self._answer(deadline=deadline, stop=stop, rows=len(source))
        if answer[0] != "ok":
            raise ChildFailed(str(answer[1]))
        return answer[1]

    def close(self) -> None:
        """End the child (it is started again by the next :meth:`translate`)."""
        if self._finalizer is not None:
            self._finalizer()
        self._child = None
        self._errors = None
        self._finalizer = None

    def _start(self, stop: threading.Event | None) -> None:
        # Here, not at the top: the child runs this module and needs none of Nashra's configuration.
        from nashra.config import environment_without_secrets

        self.close()
        started = time.monotonic()
        with _model_folder(self._folder, self.vocabulary_map) as folder:
            self._errors = tempfile.TemporaryFile()  # noqa: SIM115 (the child's, closed by _end)
            self._child = subprocess.Popen(
                [sys.executable, "-m", "summarizer.ct2_process", folder, *self._arguments],
                stdin=subprocess.PIPE,
                stdout=subprocess.PIPE,
                stderr=self._errors,
                cwd=PACKAGE_ROOT,
                env=environment_without_secrets(),
            )
            self._finalizer = weakref.finalize(self, _end, self._child, self._errors)
            answer = self._answer(deadline=None, stop=stop, rows=0)
        if answer[0] != "ready":
            self.close()
            raise ChildFailed(str(answer[1]))
        log.debug("CTranslate2 child %d ready in %.1fs", self._child.pid, time.monotonic() - started)

    def _answer(self, *, deadline: float | None, stop: threading.Event | None, rows: int) -> tuple[Any, ...]:
        """The child's next answer, read by a thread of its own while this one watches the stop request
        and the clock. An answer that comes after ``deadline`` is late all the same."""
        child = self._child
        assert child is not None and child.stdout is not None
        answers: queue.Queue[tuple[Any, ...]] = queue.Queue(maxsize=1)
        threading.Thread(target=_read_answer, args=(child.stdout, answers), daemon=True).start()
        answer: tuple[Any, ...] | None = None
        while answer is None:
            try:
                answer = answers.get(timeout=POLL_S)
            except queue.Empty:
                if stop is not None and stop.is_set():
                    self.close()
                    raise GenerationCancelled("summarization was stopped") from None
                if deadline is not None and time.monotonic() > deadline:
                    self.close()
                    raise _late(rows) from None
        if answer[0] == "ended":
            if stop is not None and stop.is_set():  # it died of the signal that stopped us
                self.close()
                raise GenerationCancelled("summarization was stopped")
            reason = self._ended("during its batch" if rows else "while loading the model")
            self.close()
            raise ChildFailed(reason)
        if deadline is not None and time.monotonic() > deadline:
            raise _late(rows)
        return answer

    def _ended(self, when: str) -> str:
        """Why the child ended: the last line it wrote to its standard error, or its exit status."""
        child, errors = self._child, self._errors
        status = None
        if child is not None:
            try:
                status = child.wait(timeout=5)
            except subprocess.TimeoutExpired:  # its output closed, yet it runs: end it
                child.kill()
                status = child.wait()
        last = ""
        if errors is not None:
            errors.seek(0)
            lines = [line.strip() for line in errors.read().decode(errors="replace").splitlines()]
            last = next((line for line in reversed(lines) if line), "")
        return f"CTranslate2's process ended {when} (exit status {status})" + (f": {last}" if last else "")


def _late(rows: int) -> GenerationTimeout:
    return GenerationTimeout(f"generation of a batch of {rows} sections ran past its time limit")


def _read_answer(stream: IO[bytes], answers: queue.Queue[tuple[Any, ...]]) -> None:
    try:
        answers.put(pickle.load(stream))
    except (EOFError, OSError, pickle.UnpicklingError, ValueError):
        answers.put(("ended",))


def _end(child: subprocess.Popen[bytes], errors: IO[bytes]) -> None:
    if child.poll() is None:
        child.kill()
    child.wait()
    for stream in (child.stdin, child.stdout):
        if stream is not None:
            stream.close()
    errors.close()


def _end_when_orphaned(parent: int) -> None:
    """End this process at once when ``parent`` is no longer its parent (it died; the child was given to
    another process), checking every :data:`ORPHAN_CHECK_S`."""
    while os.getppid() == parent:
        time.sleep(ORPHAN_CHECK_S)
    os._exit(1)


@contextlib.contextmanager
def _model_folder(folder: str, vocabulary_map: str | None) -> Iterator[str]:
    """The folder a child loads the model from: ``folder`` itself without a map, else a private
    temporary folder of links to its files (its own map left out) and ``vocabulary_map`` as
    :data:`VOCABULARY_MAP`, removed on exit: once the child is ready (CTranslate2 has read every file
    by then) or has failed or been stopped. ChildFailed when it cannot be made (no room for a
    temporary folder)."""
    if vocabulary_map is None:
        yield folder
        return
    private = ""
    try:
        private = tempfile.mkdtemp(prefix="nashra-ct2-")
        for name in os.listdir(folder):
            if name != VOCABULARY_MAP:
                os.symlink(os.path.join(folder, name), os.path.join(private, name))
        with open(os.path.join(private, VOCABULARY_MAP), "w", encoding="utf-8") as out:
            out.write(vocabulary_map)
    except OSError as exc:
        if private:
            shutil.rmtree(private, ignore_errors=True)
        raise ChildFailed(f"cannot write CTranslate2's vocabulary map: {exc.strerror or exc}") from exc
    try:
        yield private
    finally:
        shutil.rmtree(private, ignore_errors=True)


def _serve(folder: str, device: str, compute_type: str, threads: int) -> int:
    """The child's loop: load the translator, then answer requests until standard input closes."""
    for sig in (signal.SIGINT, signal.SIGTERM):  # the parent ends it: see the module's docstring
        signal.signal(sig, signal.SIG_IGN)
    threading.Thread(target=_end_when_orphaned, args=(os.getppid(),), daemon=True).start()
    requests, answers = sys.stdin.buffer, sys.stdout.buffer

    def send(answer: tuple[Any, ...]) -> None:
        pickle.dump(answer, answers, protocol=pickle.HIGHEST_PROTOCOL)
        answers.flush()

    try:
        import ctranslate2

        translator = ctranslate2.Translator(
            folder, device=device, compute_type=compute_type, intra_threads=threads, inter_threads=1
        )
    except Exception as exc:  # CTranslate2 reports a bad model or device in several ways
        send(("error", str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__))
        return 1
    send(("ready",))
    while True:
        try:
            source, prefixes, options = pickle.load(requests)
        except EOFError:
            return 0
        try:
            results = translator.translate_batch(source, prefixes, **options)
        except Exception as exc:  # out of memory, a bad option: the parent decides
            send(("error", str(exc).strip() or type(exc).__name__))
            continue
        send(("ok", [result.hypotheses[0] for result in results]))


if __name__ == "__main__":
    if len(sys.argv) != 5:
        print("usage: python -m summarizer.ct2_process FOLDER DEVICE COMPUTE_TYPE THREADS", file=sys.stderr)
        sys.exit(2)
    sys.exit(_serve(sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4])))
