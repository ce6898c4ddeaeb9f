"""Open a page in headless Chromium over the DevTools protocol: console errors and a screenshot.

No driver package and no browser download: Debian's ``chromium`` and the ``websockets`` client
that the service dependencies already bring.
"""

from __future__ import annotations

import base64
import json
import os
import shutil
import subprocess
import tempfile
import time
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-dev-shm-usage",
    "--remote-debugging-port=0",
    "--window-size=1280,1600",
]


def chromium_path() -> str | None:
    for name in ("chromium", "chromium-browser"):
        found = shutil.which(name)
        if found:
            return found
    return "/usr/bin/chromium" if os.path.exists("/usr/bin/chromium") else None


@dataclass
class PageResult:
    console_errors: list[str] = field(default_factory=list)
    requests: list[str] = field(default_factory=list)
    screenshot: bytes = b""
    evaluated: dict = field(default_factory=dict)
    pdf: bytes = b""


def open_page(
    path: Path,
    *,
    evaluate: dict[str, str] | None = None,
    timeout: float = 30.0,
    full_page: bool = True,
    width: int | None = None,
    media: str | None = None,
    pdf: bool = False,
) -> PageResult:
    """Load ``path`` (a local file), collect console errors and requests, run ``evaluate``
    expressions (name -> JavaScript), and take a full-page PNG screenshot. ``width`` sets the
    viewport width in CSS pixels, ``media="print"`` lays the page out for print, ``pdf`` prints it
    (A4, the page's own @page size) into :attr:`PageResult.pdf`."""
    from websockets.sync.client import connect

    exe = chromium_path()
    assert exe, "chromium is not installed"
    profile = tempfile.mkdtemp(prefix="tq-chromium-")
    proc = subprocess.Popen(
        [exe, *FLAGS, f"--user-data-dir={profile}", "about:blank"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    try:
        port_file = Path(profile) / "DevToolsActivePort"
        deadline = time.monotonic() + timeout
        while not port_file.exists() or not port_file.read_text().strip():
            if time.monotonic() > deadline or proc.poll() is not None:
                raise RuntimeError("chromium did not start")
            time.sleep(0.05)
        port = int(port_file.read_text().split()[0])
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/json/list", timeout=10) as r:
            targets = json.load(r)
        ws_url = next(t["webSocketDebuggerUrl"] for t in targets if t["type"] == "page")
        result = PageResult()
        with connect(ws_url, max_size=64 * 1024 * 1024, open_timeout=10) as ws:
            counter = 0

            def call(method: str, **params: object) -> dict:
                nonlocal counter
                counter += 1
                my = counter
                ws.send(json.dumps({"id": my, "method": method, "params": params}))
                while True:
                    msg = json.loads(ws.recv(timeout=timeout))
                    if msg.get("id") == my:
                        if "error" in msg:
                            raise RuntimeError(f"{method}: {msg['error']}")
                        return msg.get("result", {})
                    handle(msg)

            def handle(msg: dict) -> None:
                method, params = msg.get("method"), msg.get("params", {})
                if method == "Runtime.consoleAPICalled" and params.get("type") in ("error", "assert", "warning"):
                    result.console_errors.append(
                        " ".join(str(a.get("value", a.get("description", ""))) for a in params.get("args", []))
                    )
                elif method == "Runtime.exceptionThrown":
                    result.console_errors.append(params["exceptionDetails"].get("text", "exception"))
                elif method == "Log.entryAdded" and params["entry"].get("level") == "error":
                    result.console_errors.append(params["entry"].get("text", ""))
                elif method == "Network.requestWillBeSent":
                    result.requests.append(params["request"]["url"])

            call("Runtime.enable")
            call("Log.enable")
            call("Network.enable")
            call("Page.enable")
            if width:
                call("Emulation.setDeviceMetricsOverride", width=width, height=1200, deviceScaleFactor=1, mobile=False)
            if media:
                call("Emulation.setEmulatedMedia", media=media)
            call("Page.navigate", url=path.resolve().as_uri())
            end = time.monotonic() + timeout
            while True:  # wait for the load event, handling events meanwhile
                msg = json.loads(ws.recv(timeout=max(0.1, end - time.monotonic())))
                if msg.get("method") == "Page.loadEventFired":
                    break
                handle(msg)
            for name, expr in (evaluate or {}).items():
                r = call("Runtime.evaluate", expression=expr, returnByValue=True)
                result.evaluated[name] = r.get("result", {}).get("value")
            shot = call("Page.captureScreenshot", format="png", captureBeyondViewport=full_page)
            result.screenshot = base64.b64decode(shot["data"])
            if pdf:
                printed = call("Page.printToPDF", preferCSSPageSize=True, printBackground=True)
                result.pdf = base64.b64decode(printed["data"])
            # let late console messages arrive
            try:
                while True:
                    handle(json.loads(ws.recv(timeout=0.3)))
            except TimeoutError:
                pass
        return result
    finally:
        proc.terminate()
        try:
            proc.wait(10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
        shutil.rmtree(profile, ignore_errors=True)
