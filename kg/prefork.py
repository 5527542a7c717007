"""Pre-forked worker processes that share one listening socket, and the supervisor that keeps them running.

``Workers(target, args, sock, size=N)`` starts N processes (spawned, not forked: the parent may run threads),
each calling ``target(worker, sock, *args)`` with a ``Worker`` handle and its copy of the listening socket; every
one accepts from the same socket (one kernel queue: a worker that stops accepting leaves its share to the others).
A worker loads what it needs, calls ``worker.ready(info)`` and then ``worker.wait_until_serving()``, which returns
once the supervisor lets the workers serve; ``start()`` waits until every worker is ready (or raises
``WorkerError`` with the message a worker gave to ``worker.failed``). ``run()`` supervises until ``stop()``: a
worker that exits after it has served is replaced by a new one (a query worker that timed out, or that its memory
limit aborted), one that never got ready is not (what failed it would fail the next one too). Each worker keeps two
counters the supervisor reads, its state and how many queries it runs (``ready_count()``, ``running_count()``).

The same pattern as uvicorn's ``Multiprocess`` supervisor (sockets bound once by the parent, spawned children,
replaced when they die), which cannot be used as is here: it installs its signal handlers when it is constructed
(the main thread only: tests serve from a thread), starts its workers only when it runs, and has no way for a
worker to load a graph first and report that it could not.
"""

from __future__ import annotations

import contextlib
import logging
import multiprocessing as mp
import multiprocessing.connection
import os
import socket
import threading
from collections.abc import Callable
from typing import Any

log = logging.getLogger("kg.server")

STARTING, SERVING, RETIRING = 0, 1, 2  # a worker's state, as the supervisor reads it
_STOP = "stop"


class WorkerError(Exception):
    """A worker could not start (its message), or did not get ready in time."""


class Worker:
    """A worker process's side: reports readiness, waits for the go, keeps its counters, leaves on request."""

    def __init__(self, slot: int, conn, counters) -> None:
        self.slot, self.conn, self.counters = slot, conn, counters

    def ready(self, info: Any) -> None:
        """Tell the supervisor this worker is loaded (``info`` goes back to it: a triple count)."""
        self.conn.send(("ready", info))

    def failed(self, message: str) -> None:
        self.conn.send(("error", message))

    def wait_until_serving(self) -> None:
        """Block until the supervisor lets workers serve; then leave (``os._exit``) when the supervisor goes or
        asks it to: a worker never outlives its supervisor, even one killed without a chance to clean up."""
        try:
            message = self.conn.recv()
        except (EOFError, OSError):
            os._exit(0)
        if message == _STOP:
            os._exit(0)
        self.counters[2 * self.slot] = SERVING
        threading.Thread(target=self._watch, daemon=True, name="kg-serve-watch").start()

    def _watch(self) -> None:
        with contextlib.suppress(EOFError, OSError):
            self.conn.recv()
        os._exit(0)

    def retiring(self) -> None:
        """Count this worker out: it accepts nothing more and is about to exit."""
        self.counters[2 * self.slot] = RETIRING

    def add_running(self, n: int) -> None:
        self.counters[2 * self.slot + 1] += n


def _worker_main(target: Callable, slot: int, conn, counters, sock: socket.socket, args: tuple) -> None:
    """The entry point of a worker process."""  # pragma: no cover - runs in a child process
    target(Worker(slot, conn, counters), sock, *args)


class _Child:
    def __init__(self, process, conn) -> None:
        self.process, self.conn, self.ready, self.info = process, conn, False, None


class Workers:
    """The supervisor's side: starts, lets serve, replaces and stops the worker processes."""

    def __init__(self, target: Callable, args: tuple, sock: socket.socket, *, size: int,
                 start_timeout: float) -> None:
        self.target, self.args, self.sock, self.size = target, args, sock, size
        self.start_timeout = start_timeout
        self.ctx = mp.get_context("spawn")
        self.counters = self.ctx.RawArray("i", 2 * size)  # per worker: its state, the queries it runs
        self.children: list[_Child | None] = [None] * size
        self.serving = False
        self.stopped = threading.Event()
        self.lock = threading.Lock()
        self._wake_r, self._wake_w = self.ctx.Pipe(duplex=False)
        self.info: Any = None  # what the first worker reported when it was ready

    def _spawn(self, slot: int) -> _Child:
        conn, child_conn = self.ctx.Pipe()
        self.counters[2 * slot] = STARTING
        self.counters[2 * slot + 1] = 0
        process = self.ctx.Process(target=_worker_main, daemon=True, name=f"kg-serve-worker-{slot}",
                                   args=(self.target, slot, child_conn, self.counters, self.sock, self.args))
        process.start()
        child_conn.close()
        child = self.children[slot] = _Child(process, conn)
        return child

    def start(self) -> None:
        """Start every worker and wait until each has loaded; WorkerError (all stopped) when one cannot."""
        try:
            for slot in range(self.size):
                self._spawn(slot)
            for child in self.children:
                self._receive_ready(child, self.start_timeout)
        except BaseException:
            self.close()
            raise

    def _receive_ready(self, child: _Child, timeout: float) -> None:
        if not child.conn.poll(timeout):
            raise WorkerError(f"a worker was not ready after {timeout:g} s")
        try:
            status, value = child.conn.recv()
        except (EOFError, OSError):
            raise WorkerError(f"a worker process ended while starting (exit code {child.process.exitcode})") from None
        if status != "ready":
            raise WorkerError(value)
        child.ready, child.info = True, value
        if self.info is None:
            self.info = value

    def run(self) -> None:
        """Let the workers serve and replace any that ends, until ``stop()``."""
        with self.lock:
            self.serving = True
            for child in self.children:
                if child is not None and child.ready:
                    self._go(child)
        while not self.stopped.is_set():
            waiting: dict[Any, tuple[int, str]] = {self._wake_r: (-1, "wake")}
            for slot, child in enumerate(self.children):
                if child is not None:
                    waiting[child.process.sentinel] = (slot, "ended")
                    if not child.ready:
                        waiting[child.conn] = (slot, "ready")
            for what in mp.connection.wait(list(waiting)):
                slot, event = waiting[what]
                if event == "wake":
                    self._wake_r.recv()
                elif event == "ready" and not self.stopped.is_set():
                    self._started(slot)
                elif event == "ended" and not self.stopped.is_set():
                    self._ended(slot)

    def _go(self, child: _Child) -> None:
        with contextlib.suppress(OSError):  # it has ended: run() sees it
            child.conn.send("serve")

    def _started(self, slot: int) -> None:
        child = self.children[slot]
        try:
            self._receive_ready(child, 0)
        except WorkerError as e:
            log.error("could not start a worker in place of one that ended: %s", e)
            return  # its process ends; it is not replaced (the next one would fail the same way)
        with self.lock:
            if self.serving:
                self._go(child)

    def _ended(self, slot: int) -> None:
        child = self.children[slot]
        child.process.join(5)
        child.conn.close()
        code = child.process.exitcode
        if not child.ready:
            self.children[slot] = None
            log.error("a worker ended while starting (exit code %s); it is not replaced", code)
            return
        if code:
            log.warning("a worker ended (exit code %s%s); a new one starts", code,
                        ": out of memory" if code == -6 else "")
        with self.lock:
            if not self.stopped.is_set():
                self._spawn(slot)

    def ready_count(self) -> int:
        """How many workers are serving (loaded, let serve, not retiring)."""
        return sum(self.counters[2 * slot] == SERVING and child is not None and child.process.is_alive()
                   for slot, child in enumerate(self.children))

    def running_count(self) -> int:
        """How many queries the workers are running."""
        return sum(self.counters[2 * slot + 1] for slot in range(self.size))

    def stop(self) -> None:
        """Make ``run()`` return (from another thread); the workers go on until ``close()``."""
        self.stopped.set()
        with contextlib.suppress(OSError):
            self._wake_w.send("wake")

    def close(self) -> None:
        """Stop supervising and kill every worker."""
        with self.lock:
            self.stopped.set()
            children, self.children = [c for c in self.children if c is not None], [None] * self.size
        for child in children:
            if child.process.is_alive():
                child.process.kill()
            child.process.join(5)
            child.conn.close()
        with contextlib.suppress(OSError):
            self._wake_w.send("wake")
