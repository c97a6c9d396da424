"""`acescout schedule` against a real local Prefect server: a scheduled run actually executes."""
from __future__ import annotations

import json
import os
import re
import signal
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

TINY_FLOW = '''
from pathlib import Path
from prefect import flow

@flow(name="acescout-tick")
def tick(path: str) -> int:
    with open(path, "a") as f:
        f.write("tick\\n")
    return len(Path(path).read_text().splitlines())
'''

DRIVER = '''
import sys
sys.path.insert(0, {tmp!r})
from acescout_core.settings import Settings
from flows.schedule import serve_schedule
from tiny_flow import tick
if __name__ == "__main__":  # flow runs start in spawned processes that re-import __main__
    serve_schedule(Settings(config_path={config!r}), interval=3, flow=tick,
                   parameters={{"path": {marker!r}}})
'''


def _completed_runs(api: str) -> list[dict]:
    body = json.dumps({"flow_runs": {"state": {"type": {"any_": ["COMPLETED"]}}}}).encode()
    req = urllib.request.Request(api + "/flow_runs/filter", data=body, method="POST",
                                 headers={"Content-Type": "application/json"})
    with urllib.request.urlopen(req, timeout=5) as resp:
        return json.loads(resp.read())


def _port_open(port: int) -> bool:
    import socket

    with socket.socket() as s:
        s.settimeout(1)
        return s.connect_ex(("127.0.0.1", port)) == 0


@pytest.mark.slow
@pytest.mark.timeout(240)
def test_scheduled_run_executes_on_a_real_server_and_the_server_is_cleaned_up(tmp_path):
    (tmp_path / "tiny_flow.py").write_text(TINY_FLOW)
    marker = tmp_path / "ticks.txt"
    config = tmp_path / "acescout.toml"
    (tmp_path / "driver.py").write_text(DRIVER.format(tmp=str(tmp_path), config=str(config),
                                                      marker=str(marker)))
    env = {k: v for k, v in os.environ.items() if not k.startswith("PREFECT_")}
    env.update(DO_NOT_TRACK="1", PREFECT_SERVER_ANALYTICS_ENABLED="false",
               PREFECT_SERVER_SERVICES_SCHEDULER_LOOP_SECONDS="2",
               PREFECT_RUNNER_POLL_FREQUENCY="2", PYTHONUNBUFFERED="1")
    log = tmp_path / "serve.log"
    with open(log, "w") as out:
        proc = subprocess.Popen([sys.executable, str(tmp_path / "driver.py")], cwd=tmp_path,
                                env=env, stdout=out, stderr=subprocess.STDOUT)
    api = None
    try:
        deadline = time.monotonic() + 180
        completed: list[dict] = []
        while time.monotonic() < deadline and proc.poll() is None:
            if api is None:
                m = re.search(r"Prefect API: (\S+)", log.read_text())
                api = m.group(1) if m else None
            if api and marker.exists():
                completed = _completed_runs(api)
                if completed:
                    break
            time.sleep(1)
        output = log.read_text()
        assert api, output[-3000:]
        assert api.startswith("http://127.0.0.1:"), api
        assert completed, output[-3000:]
        assert completed[0]["deployment_id"], "the run came from the served deployment"
        assert marker.read_text().startswith("tick")
        assert (tmp_path / ".acescout" / "prefect" / "server.log").exists()  # PREFECT_HOME
    finally:
        if proc.poll() is None:
            proc.send_signal(signal.SIGTERM)
            try:
                proc.wait(timeout=60)
            except subprocess.TimeoutExpired:
                proc.kill()
    port = int(re.search(r":(\d+)/api", api).group(1))
    for _ in range(30):
        if not _port_open(port):
            break
        time.sleep(1)
    assert not _port_open(port), "the child Prefect server was left running"
