"""End-to-end: the real app in a real Chromium, driven by Playwright.

Starts ``streamlit run app.py`` on a free localhost port, uploads the bundled
sample IEP through the file uploader, waits for the goal cards, checks their
number and a highlighted component, and saves ``docs/screenshot.png``.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

from goalcheck.api import analyze_document
from goalcheck.data import SAMPLE_IEP

ROOT = Path(__file__).resolve().parents[1]
CHROMIUM = Path("/usr/bin/chromium")
#: Where the screenshot goes: tests/artifacts/ (ignored by git); set
#: GOALCHECK_UPDATE_SCREENSHOT=1 to refresh the README's docs/screenshot.png.
SCREENSHOT = ROOT / ("docs" if os.environ.get("GOALCHECK_UPDATE_SCREENSHOT") else "tests/artifacts") / "screenshot.png"
CHROMIUM_ARGS = ["--no-sandbox", "--headless", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not CHROMIUM.exists(),
                       reason="needs Debian's Chromium at /usr/bin/chromium "
                              "(apt-get install -y chromium)"),
]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture(scope="module")
def app_url() -> Iterator[str]:
    port = _free_port()
    env = {**os.environ, "STREAMLIT_BROWSER_GATHER_USAGE_STATS": "false"}
    proc = subprocess.Popen(
        [sys.executable, "-m", "streamlit", "run", "app.py", "--server.headless", "true",
         "--server.port", str(port), "--server.address", "127.0.0.1"],
        cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
    )
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as r:
                    if r.status == 200:
                        break
            except OSError:
                pass
            if proc.poll() is not None or time.monotonic() > deadline:
                err = proc.stderr.read().decode(errors="replace") if proc.stderr else ""
                pytest.fail(f"streamlit did not start: {err[-2000:]}")
            time.sleep(0.5)
        yield url
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()


def test_upload_sample_shows_goal_cards(app_url: str) -> None:
    from playwright.sync_api import expect, sync_playwright

    expected = analyze_document(SAMPLE_IEP)
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        try:
            page = browser.new_page(viewport={"width": 1440, "height": 1500})
            page.goto(app_url)
            uploader = page.locator("input[type=file]").first
            uploader.wait_for(state="attached", timeout=60_000)
            uploader.set_input_files(str(SAMPLE_IEP))
            cards = page.locator("div[class*='st-key-card_']")
            expect(cards).to_have_count(len(expected.goals), timeout=120_000)
            first = cards.first
            behavior = first.locator("mark[data-component~='behavior']").first
            expect(behavior).to_be_visible()
            wanted = expected.goals[0].components["behavior"].spans[0].text
            assert behavior.inner_text().strip() == wanted
            page.wait_for_timeout(1500)  # let the chart finish drawing
            SCREENSHOT.parent.mkdir(exist_ok=True)
            SCREENSHOT.parent.mkdir(parents=True, exist_ok=True)
            page.screenshot(path=str(SCREENSHOT))
            # A damaged file next to the sample: a plain error, the sample's cards stay.
            uploader.set_input_files([
                {"name": SAMPLE_IEP.name, "mimeType": "application/pdf",
                 "buffer": SAMPLE_IEP.read_bytes()},
                {"name": "damaged.docx", "mimeType": "application/octet-stream",
                 "buffer": b"PK\x03\x04 not really a docx"},
            ])
            expect(page.get_by_text("Could not read damaged.docx")).to_be_visible(timeout=60_000)
            expect(cards).to_have_count(len(expected.goals))
        finally:
            browser.close()
