"""Take docs/network.png and docs/network-phone.png: the seeds network in headless Chromium (Debian's), with one
actor selected, on a desktop screen and on a phone's (390×844, the whole page).

    .venv/bin/kg build seeds/ --out out/graph.ttl -q
    .venv/bin/kg viz out/graph.ttl --text seeds/ --out out/network.html
    .venv/bin/python docs/screenshot.py out/network.html docs/network.png
    .venv/bin/python docs/screenshot.py out/network.html docs/network-phone.png phone

Japanese labels need a Japanese font on the machine (Debian: fonts-noto-cjk or fonts-ipafont-gothic).
"""

from __future__ import annotations

import io
import sys
from pathlib import Path

from PIL import Image
from playwright.sync_api import sync_playwright

ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
        "--no-first-run", "--disable-sync", "--disable-dev-shm-usage"]  # fmt: skip


SCREENS = {"desktop": {"width": 1280, "height": 760}, "phone": {"width": 390, "height": 844}}


def screenshot(page_path: Path, png: Path, *, actor: str = "プーチン", screen: str = "desktop") -> Path:
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path="/usr/bin/chromium", headless=True, args=ARGS)
        page = browser.new_page(viewport=SCREENS[screen], device_scale_factor=1)
        page.route("**/*", lambda r: r.continue_() if r.request.url.startswith("file://") else r.abort())
        page.goto(page_path.resolve().as_uri())
        page.wait_for_selector("body[data-ready=true]", state="attached", timeout=60_000)
        page.fill("#search", actor)
        page.press("#search", "Enter")
        page.evaluate("() => window.kgState.network.fit()")
        page.wait_for_timeout(300)
        # the phone's picture is the whole page: the graph, and under it the panel with its sections folded
        shot = page.screenshot(full_page=screen == "phone")
        browser.close()
    # 256 colours keep the picture and the text sharp at well under half the size
    image = Image.open(io.BytesIO(shot)).convert("RGB")
    image.quantize(colors=256, method=Image.Quantize.MEDIANCUT, dither=Image.Dither.NONE).save(png, optimize=True)
    return png


if __name__ == "__main__":
    print(screenshot(Path(sys.argv[1]), Path(sys.argv[2]), screen=sys.argv[3] if len(sys.argv) > 3 else "desktop"))
