"""Screenshots of the review page for the README: `python -m review.screenshots [OUT_DIR]`.

Runs the bundled demo in a temporary folder, serves its review page on 127.0.0.1 (port 0) and
drives Debian's Chromium with Playwright; never touches the user's database.
"""
from __future__ import annotations

import os
import sys
import tempfile
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--no-first-run"]


@contextmanager
def running_server(app) -> Iterator[str]:
    """Serve ``app`` with uvicorn in a thread on 127.0.0.1 port 0; yields the base URL."""
    import uvicorn

    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=0, log_level="warning",
                                           lifespan="off"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 15
    while not server.started:
        if time.monotonic() > deadline or not thread.is_alive():
            raise RuntimeError("uvicorn did not start")
        time.sleep(0.05)
    port = server.servers[0].sockets[0].getsockname()[1]
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(timeout=10)


@contextmanager
def chromium_page(width: int = 1360, height: int = 900):
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            page = browser.new_page(viewport={"width": width, "height": height})
            yield page
        finally:
            browser.close()


def take(out_dir: Path) -> list[Path]:
    """The bundled demo, run in a temporary folder, as a seller sees it after `make demo`."""
    import io

    from rich.console import Console
    from sqlmodel import select

    from acescout_core.settings import load_settings
    from flows.demo import run_demo
    from models import Account, get_engine, session_scope
    from review.app import create_app

    out_dir.mkdir(parents=True, exist_ok=True)
    os.environ.setdefault("ACESCOUT_REVIEWER", "Jordan Lee")  # a seller's name, not the OS user
    with tempfile.TemporaryDirectory() as tmp:
        config = Path(tmp) / "acescout.toml"
        run_demo(config, console=Console(file=io.StringIO()))
        settings = load_settings(config)
        with session_scope(get_engine(settings.database_url)) as session:
            account_id = session.exec(select(Account.id).where(
                Account.domain == "brightwaterhealth.com")).one()
        app = create_app(settings, host="127.0.0.1", token="")
        shots = [out_dir / "screenshot-list.png", out_dir / "screenshot-account.png"]
        with running_server(app) as base, chromium_page() as page:
            page.goto(base + "/")
            page.screenshot(path=str(shots[0]), full_page=True)
            page.goto(f"{base}/accounts/{account_id}")
            page.screenshot(path=str(shots[1]), full_page=True)
    return shots


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    out = Path(args[0]) if args else Path(__file__).resolve().parent.parent / "docs"
    if not Path(CHROMIUM).exists():
        print(f"error: {CHROMIUM} not found (apt-get install chromium)", file=sys.stderr)
        return 2
    for path in take(out):
        print(path)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
