"""Fixtures for the kernel tests: the kernelspec installed into a temporary prefix that only this test
process and its children see (JUPYTER_PATH and friends), and a running kernel with a message helper."""
from __future__ import annotations

import os
import queue
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterator

import pytest

REPO = Path(__file__).resolve().parents[2]
SHARED = REPO.parent / "shared"  # present in CI and on the team's machines, absent on a bare clone
TIMEOUT = 60  # generous: the first cell of a cold start may compile Numba kernels


@pytest.fixture(scope="session", autouse=True)
def jupyter_sandbox() -> Iterator[Path]:
    """Install the kernelspec under a temporary prefix and point every Jupyter directory at temporary
    ones, so the tests find `gradbook` without touching the user's own Jupyter or IPython setup."""
    from gradbook.kernel.install import install

    with tempfile.TemporaryDirectory(prefix="gradbook-jupyter-") as tmp:
        root = Path(tmp)
        prefix = root / "prefix"
        install(prefix=str(prefix))
        env = {
            "JUPYTER_PATH": str(prefix / "share" / "jupyter"),
            "JUPYTER_DATA_DIR": str(root / "data"),
            "JUPYTER_CONFIG_DIR": str(root / "config"),
            "JUPYTER_RUNTIME_DIR": str(root / "runtime"),
            "IPYTHONDIR": str(root / "ipython"),
        }
        saved = {key: os.environ.get(key) for key in env}
        os.environ.update(env)
        try:
            yield prefix
        finally:
            for key, value in saved.items():
                if value is None:
                    os.environ.pop(key, None)
                else:
                    os.environ[key] = value


@dataclass
class Execution:
    """What one execute_request produced: the reply content and the iopub messages of that request."""

    reply: dict[str, Any]
    messages: list[dict[str, Any]] = field(default_factory=list)

    def of_type(self, *msg_types: str) -> list[dict[str, Any]]:
        return [m for m in self.messages if m["msg_type"] in msg_types]

    @property
    def plain(self) -> list[str]:
        """Every shown value's text/plain, in order (display_data and execute_result alike)."""
        return [m["content"]["data"]["text/plain"] for m in self.of_type("display_data", "execute_result")]

    @property
    def stdout(self) -> str:
        return "".join(
            m["content"]["text"] for m in self.of_type("stream") if m["content"]["name"] == "stdout"
        )


class KernelDriver:
    """A real `gradbook` kernel process and a blocking client, with an `execute` that gathers output."""

    def __init__(self) -> None:
        from jupyter_client.manager import start_new_kernel

        self.km, self.kc = start_new_kernel(kernel_name="gradbook", startup_timeout=TIMEOUT)

    def execute(self, code: str, timeout: float = TIMEOUT, **kwargs: Any) -> Execution:
        msg_id = self.kc.execute(code, **kwargs)
        reply = self.kc.get_shell_msg(timeout=timeout)
        while reply["parent_header"].get("msg_id") != msg_id:
            reply = self.kc.get_shell_msg(timeout=timeout)
        messages = []
        while True:
            try:
                msg = self.kc.get_iopub_msg(timeout=timeout)
            except queue.Empty:  # pragma: no cover - a hung kernel fails the test below
                break
            if msg["parent_header"].get("msg_id") != msg_id:
                continue
            if msg["msg_type"] == "status" and msg["content"]["execution_state"] == "idle":
                break
            if msg["msg_type"] not in ("status", "execute_input"):
                messages.append(msg)
        return Execution(reply["content"], messages)

    def request(self, method: str, *args: Any, **kwargs: Any) -> dict[str, Any]:
        """Send a shell request (complete, inspect, is_complete, history, kernel_info) and return its reply."""
        msg_id = getattr(self.kc, method)(*args, **kwargs)
        while True:
            reply = self.kc.get_shell_msg(timeout=TIMEOUT)
            if reply["parent_header"].get("msg_id") == msg_id:
                return reply

    def close(self) -> None:
        self.kc.stop_channels()
        self.km.shutdown_kernel(now=False)


@pytest.fixture(scope="module")
def kernel(jupyter_sandbox: Path) -> Iterator[KernelDriver]:
    driver = KernelDriver()
    yield driver
    driver.close()


@pytest.fixture
def fresh_kernel(jupyter_sandbox: Path) -> Iterator[KernelDriver]:
    """A kernel of its own, for tests that stop it."""
    driver = KernelDriver()
    yield driver
    driver.kc.stop_channels()
    if driver.km.has_kernel:
        driver.km.shutdown_kernel(now=True)
