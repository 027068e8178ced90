"""Errors a user can cause, and how an operating-system error is told in one line."""

from __future__ import annotations

import errno
import os
import signal
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from types import FrameType

# The exit code of a run the person running it stopped (Ctrl-C, SIGTERM): 128 + SIGINT,
# as shells report it. scraper/runner.py ends with it on a second signal, the CLI after a
# clean stop.
EXIT_INTERRUPTED = 130
# Every command's other exit codes: done; a run or page that failed; input refused.
EXIT_OK, EXIT_UNHEALTHY, EXIT_USAGE = 0, 1, 2


class SettingsError(ValueError):
    """A setting has a value the run cannot use; the message names the setting."""


def os_error_text(exc: OSError) -> str:
    """An OSError as "PATH: No space left on device" (both paths of a rename), the way
    every one-line message of the program names a file it could not use."""
    cause = exc.strerror or errno.errorcode.get(exc.errno or 0) or str(exc) or type(exc).__name__
    paths = [_path_text(p) for p in (exc.filename, exc.filename2) if p is not None]
    return f"{' -> '.join(paths)}: {cause}" if paths else cause


def _path_text(path: object) -> str:
    return os.fsdecode(path) if isinstance(path, str | bytes | os.PathLike) else str(path)


STOP_SIGNALS = (signal.SIGINT, signal.SIGTERM)  # the ways a person stops a run


@contextmanager
def stop_signals_to(handler: Callable[[int, FrameType | None], None]) -> Iterator[None]:
    """SIGINT and SIGTERM (the ways a person stops a run) go to `handler` while the
    block runs; the handlers before are back after it."""
    previous = {sig: signal.signal(sig, handler) for sig in STOP_SIGNALS}
    try:
        yield
    finally:
        for sig, before in previous.items():
            signal.signal(sig, before)


@contextmanager
def stop_signals_held() -> Iterator[None]:
    """SIGINT and SIGTERM wait while the block runs (blocked: one that comes is kept
    pending and taken when the block ends). A process started inside the block starts
    with them held too, since a signal mask survives fork and exec: a signal sent to it
    early waits until it calls `take_held_stop_signals`, instead of interrupting its
    start-up."""
    previous = signal.pthread_sigmask(signal.SIG_BLOCK, STOP_SIGNALS)
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, previous)


def take_held_stop_signals() -> None:
    """Let SIGINT and SIGTERM through again (see `stop_signals_held`): one held until now
    goes to its handler at once."""
    signal.pthread_sigmask(signal.SIG_UNBLOCK, STOP_SIGNALS)
