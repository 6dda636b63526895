"""Draw docs/images/workspace.png: the editor beside its real pages, as the README shows it.

    .venv/bin/python scripts/workspace_picture.py

Starts ``sar-forms serve`` on the sample (a temporary store), opens the sample's form in Debian's
headless Chromium (Playwright), waits for the page images and takes the picture."""

from __future__ import annotations

import json
import sys
import tempfile
from pathlib import Path

from playwright.sync_api import sync_playwright

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))

from web_server import running  # noqa: E402


def main() -> int:
    target = ROOT / "docs" / "images" / "workspace.png"
    with (
        tempfile.TemporaryDirectory() as tmp,
        running(Path(tmp) / "data", ROOT / "samples" / "udon2-1.2.yaml") as server,
    ):
        form_id = json.loads(server.api("/api/v1/offices/1/forms"))[0]["id"]
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=["--no-sandbox", "--disable-gpu"])
            page = browser.new_page(viewport={"width": 1500, "height": 940})
            page.goto(f"{server.url}/login?token={server.token}")
            page.goto(f"{server.url}/forms/{form_id}")
            page.locator("img.page").first.wait_for(timeout=60000)
            page.wait_for_timeout(800)  # the image drawn
            page.screenshot(path=str(target))
            browser.close()
    print(target)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
