"""`acescout schedule`: serve the nightly flow on a cron schedule from a real Prefect server.

Prefect's temporary (ephemeral) server registers a cron deployment but never fires it ("Cannot
schedule flows on an ephemeral server"), so we use ``PREFECT_API_URL`` when it is set and
otherwise start ``prefect server start`` on 127.0.0.1 as a child process, stopped on exit.
"""
from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from acescout_core.errors import InputError
from acescout_core.settings import Settings

PRIVACY_ENV = {"DO_NOT_TRACK": "1", "PREFECT_SERVER_ANALYTICS_ENABLED": "false"}


def prefect_home(settings: Settings) -> Path:
    return settings.data_dir / "prefect"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def is_healthy(api_url: str) -> bool:
    try:
        with urllib.request.urlopen(api_url.rstrip("/") + "/health", timeout=2) as resp:
            return resp.status == 200
    except OSError:
        return False


def _die_with_parent() -> None:
    """Linux: the server gets SIGTERM if we are killed (even with -9), so none is left behind."""
    try:
        import ctypes

        ctypes.CDLL("libc.so.6", use_errno=True).prctl(1, signal.SIGTERM)  # PR_SET_PDEATHSIG
    except (OSError, AttributeError):
        pass


def _stop(proc: subprocess.Popen) -> None:
    """SIGTERM the server's process group, SIGKILL what is left after 20 s."""
    if proc.poll() is not None:
        return
    try:
        os.killpg(proc.pid, signal.SIGTERM)
        proc.wait(timeout=20)
    except ProcessLookupError:
        return
    except subprocess.TimeoutExpired:
        os.killpg(proc.pid, signal.SIGKILL)
        proc.wait(timeout=10)


@contextmanager
def prefect_server(settings: Settings, *, timeout: float = 120.0) -> Iterator[str]:
    """Yield a Prefect API URL: ``PREFECT_API_URL`` when set, else a child ``prefect server``."""
    if os.environ.get("PREFECT_API_URL"):
        url = os.environ["PREFECT_API_URL"]
        if not is_healthy(url):
            raise InputError(f"PREFECT_API_URL={url} does not answer /health")
        yield url
        return
    home = prefect_home(settings)
    home.mkdir(parents=True, exist_ok=True)
    port = free_port()
    url = f"http://127.0.0.1:{port}/api"
    env = {**os.environ, **PRIVACY_ENV, "PREFECT_HOME": str(home),
           "PREFECT_SERVER_API_HOST": "127.0.0.1", "PREFECT_SERVER_API_PORT": str(port)}
    env.pop("PREFECT_API_URL", None)
    with open(home / "server.log", "ab") as log:
        proc = subprocess.Popen(
            [sys.executable, "-m", "prefect", "server", "start", "--host", "127.0.0.1",
             "--port", str(port)],
            env=env, stdout=log, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL,
            start_new_session=True,
            preexec_fn=_die_with_parent if sys.platform.startswith("linux") else None)
    try:
        deadline = time.monotonic() + timeout
        while not is_healthy(url):
            if proc.poll() is not None:
                raise InputError(f"prefect server exited with {proc.returncode}; "
                                 f"see {home / 'server.log'}")
            if time.monotonic() > deadline:
                raise InputError(f"prefect server not healthy after {timeout:.0f}s; "
                                 f"see {home / 'server.log'}")
            time.sleep(0.5)
        yield url
    finally:
        _stop(proc)


def _raise_on_sigterm() -> None:
    """Turn SIGTERM into SystemExit so the child server is stopped on the way out."""
    def handler(_signum, _frame):
        raise SystemExit(0)

    signal.signal(signal.SIGTERM, handler)


def serve_schedule(
    settings: Settings,
    cron: str = "0 2 * * *",
    *,
    interval: float | None = None,
    flow: Any = None,
    parameters: dict | None = None,
) -> None:
    """Register the nightly deployment (cron, or ``interval`` seconds) and serve it until stopped.

    ``flow``/``parameters`` default to the nightly flow for this config; tests pass a tiny flow.
    """
    for key, value in PRIVACY_ENV.items():
        os.environ.setdefault(key, value)
    os.environ.setdefault("PREFECT_HOME", str(prefect_home(settings)))
    _raise_on_sigterm()
    with prefect_server(settings) as url:
        os.environ["PREFECT_API_URL"] = url  # flow-run child processes inherit it
        from prefect.settings import PREFECT_API_URL, temporary_settings

        if flow is None:
            from flows.nightly import nightly as flow
            parameters = {"config_path": str(settings.config_path), **(parameters or {})}
        ui = url.removesuffix("/api")
        when = f"every {interval:g}s" if interval else f"cron {cron!r}"
        print(f"Prefect API: {url}\nPrefect UI: {ui}\nserving {flow.name} ({when}); "
              "Ctrl-C stops", flush=True)
        with temporary_settings(updates={PREFECT_API_URL: url}):
            flow.serve(name=f"{flow.name}-schedule", cron=None if interval else cron,
                       interval=interval, parameters=parameters or {},
                       print_starting_message=False)
