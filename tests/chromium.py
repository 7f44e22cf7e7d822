"""Headless Chromium driven over the DevTools protocol on a pipe (``--remote-debugging-pipe``).

The tests use it to open a report from disk and see what a browser sees: console
messages, uncaught exceptions, network requests and timings. No port is opened
and nothing but the Debian ``chromium`` package is needed.

Measure a report's first view: ``python -m tests.chromium processed/report.html``.
"""

from __future__ import annotations

import json
import os
import select
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

FLAGS = ("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync")
TIMINGS = """JSON.stringify({
  ready: (performance.getEntriesByName("report-ready")[0] || {}).startTime,
  first_contentful_paint: (performance.getEntriesByName("first-contentful-paint")[0] || {}).startTime,
  load_event_end: performance.getEntriesByType("navigation")[0].loadEventEnd})"""


def find_chromium() -> str | None:
    """The Chromium binary, if one is installed."""
    for name in ("chromium", "chromium-browser", "google-chrome"):
        found = shutil.which(name)
        if found:
            return found
    return "/usr/bin/chromium" if Path("/usr/bin/chromium").is_file() else None


class DevToolsError(RuntimeError):
    """Chromium answered a command with an error, or went silent."""


@dataclass
class PageLog:
    """What happened while a page was open."""

    console: list[tuple[str, str]] = field(default_factory=list)  # (level, text)
    exceptions: list[str] = field(default_factory=list)
    requests: list[str] = field(default_factory=list)

    @property
    def errors(self) -> list[str]:
        return self.exceptions + [text for level, text in self.console if level in ("error", "assert")]


class Chromium:
    """One headless browser with one page; use as a context manager."""

    def __init__(self, binary: str, timeout: float = 60.0) -> None:
        self.timeout = timeout
        self._profile = tempfile.TemporaryDirectory(prefix="newsclaims-chromium-", ignore_cleanup_errors=True)
        to_browser_read, self._to_browser = os.pipe()
        self._from_browser, from_browser_write = os.pipe()

        def wire_pipes() -> None:  # the protocol's fixed descriptors: 3 in, 4 out (copied first: a pipe may be 3)
            commands, replies = os.dup(to_browser_read), os.dup(from_browser_write)
            os.dup2(commands, 3)
            os.dup2(replies, 4)

        self._process = subprocess.Popen(
            [binary, *FLAGS, f"--user-data-dir={self._profile.name}", "--remote-debugging-pipe", "about:blank"],
            stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
            close_fds=False, preexec_fn=wire_pipes)
        os.close(to_browser_read)
        os.close(from_browser_write)
        self._buffer = b""
        self._next_id = 0
        self._events: list[dict] = []
        self.log = PageLog()
        target = self.send("Target.createTarget", {"url": "about:blank"})["targetId"]
        self._session = self.send("Target.attachToTarget", {"targetId": target, "flatten": True})["sessionId"]
        for domain in ("Runtime", "Log", "Network", "Page"):
            self.send(f"{domain}.enable", session=True)

    def __enter__(self) -> Chromium:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def close(self) -> None:
        """Ask the browser to quit (so its helpers stop writing to the profile), else end it."""
        try:
            self.send("Browser.close")
        except (DevToolsError, OSError):
            pass
        try:
            self._process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self._process.terminate()
            try:
                self._process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self._process.kill()
                self._process.wait()
        for fd in (self._to_browser, self._from_browser):
            try:
                os.close(fd)
            except OSError:
                pass
        self._profile.cleanup()

    def _read_message(self, deadline: float) -> dict:
        while b"\0" not in self._buffer:
            left = deadline - time.monotonic()
            if left <= 0 or not select.select([self._from_browser], [], [], left)[0]:
                raise DevToolsError("Chromium did not answer in time")
            chunk = os.read(self._from_browser, 1 << 20)
            if not chunk:
                raise DevToolsError("Chromium closed the protocol pipe")
            self._buffer += chunk
        raw, self._buffer = self._buffer.split(b"\0", 1)
        message = json.loads(raw)
        if "method" in message:
            self._record(message)
        return message

    def _record(self, event: dict) -> None:
        self._events.append(event)
        params = event.get("params", {})
        method = event["method"]
        if method == "Runtime.consoleAPICalled":
            text = " ".join(str(a.get("value", a.get("description", ""))) for a in params.get("args", []))
            self.log.console.append((params.get("type", ""), text))
        elif method == "Runtime.exceptionThrown":
            details = params.get("exceptionDetails", {})
            self.log.exceptions.append(details.get("exception", {}).get("description") or details.get("text", ""))
        elif method == "Log.entryAdded":
            entry = params.get("entry", {})
            self.log.console.append((entry.get("level", ""), entry.get("text", "")))
        elif method == "Network.requestWillBeSent":
            self.log.requests.append(params.get("request", {}).get("url", ""))

    def send(self, method: str, params: dict | None = None, session: bool = False) -> dict:
        """Send one command and return its result (events that arrive meanwhile are recorded)."""
        self._next_id += 1
        message = {"id": self._next_id, "method": method, "params": params or {}}
        if session:
            message["sessionId"] = self._session
        os.write(self._to_browser, json.dumps(message).encode() + b"\0")
        deadline = time.monotonic() + self.timeout
        while True:
            reply = self._read_message(deadline)
            if reply.get("id") == self._next_id:
                if "error" in reply:
                    raise DevToolsError(f"{method}: {reply['error']}")
                return reply.get("result", {})

    def wait_for(self, method: str, timeout: float | None = None) -> dict:
        """The first event *method* (already seen or still to come)."""
        deadline = time.monotonic() + (timeout or self.timeout)
        while True:
            for event in self._events:
                if event["method"] == method:
                    self._events.remove(event)
                    return event
            self._read_message(deadline)

    def evaluate(self, expression: str, await_promise: bool = False):
        """The value of a JavaScript expression in the page."""
        result = self.send("Runtime.evaluate", {"expression": expression, "returnByValue": True,
                                                "awaitPromise": await_promise}, session=True)
        if "exceptionDetails" in result:
            raise DevToolsError(f"{expression!r} threw: {result['exceptionDetails'].get('text')}")
        return result["result"].get("value")

    def open(self, path: Path) -> float:
        """Load *path* and wait until the report says it is ready; return the wall time it took, in s."""
        started = time.monotonic()
        self.send("Page.navigate", {"url": Path(path).resolve().as_uri()}, session=True)
        self.wait_for("Page.loadEventFired")
        self.wait_until("document.body && document.body.dataset.ready === 'true'")
        return time.monotonic() - started

    def wait_until(self, expression: str, timeout: float = 20.0) -> None:
        """Poll *expression* until it is true; a page still navigating (no context to run in) is polled again."""
        deadline = time.monotonic() + timeout
        while True:
            try:
                if self.evaluate(expression):
                    return
            except DevToolsError:
                pass
            if time.monotonic() > deadline:
                raise DevToolsError(f"timed out waiting for {expression}")
            time.sleep(0.05)

    def timings(self) -> dict:
        """The page's own clock (ms from navigation start): report ready, first paint, load event."""
        return json.loads(self.evaluate(TIMINGS))


def main(path: str) -> None:
    binary = find_chromium()
    if binary is None:
        sys.exit("no chromium installed")
    with Chromium(binary) as browser:
        wall = browser.open(Path(path))
        timings = browser.timings()
        page = Path(path).resolve().as_uri()
        print(json.dumps({"file": path, "size_mb": round(Path(path).stat().st_size / 1e6, 2),
                          "wall_s": round(wall, 3), **{k: v and round(v) for k, v in timings.items()},
                          "errors": browser.log.errors,
                          "requests": [u for u in browser.log.requests if u != page]}, indent=1))


if __name__ == "__main__":
    main(sys.argv[1])
