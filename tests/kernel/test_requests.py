"""Every kernel request gets a reply and every output can be sent (issue 11, items 3 and 10's byte-order
mark): lone surrogates, malformed and unknown requests as raw messages, comm messages, no subshells,
no Python warnings in a notebook."""
from __future__ import annotations

import queue

import pytest

from tests.kernel.conftest import TIMEOUT

pytestmark = pytest.mark.slow


def test_surrogates_are_sent_as_valid_utf8(kernel):
    lone = kernel.execute('putStrLn "\\55296"')
    assert lone.reply["status"] == "ok" and lone.stdout == "\ufffd\n"
    pair = kernel.execute('putStrLn "\\55357\\56832"')
    assert pair.reply["status"] == "ok" and pair.stdout == "\U0001F600\n"
    shown = kernel.execute('"a\\55296b"')
    assert shown.reply["status"] == "ok" and shown.plain == ['"a\\55296b"']


def raw(kernel, msg_type: str, content, channel: str = "shell") -> dict:
    """Send a hand-made message; return the reply to it."""
    client = kernel.kc
    stream = client.shell_channel if channel == "shell" else client.control_channel
    msg = client.session.msg(msg_type, content)
    stream.send(msg)
    get = client.get_shell_msg if channel == "shell" else client.get_control_msg
    while True:
        reply = get(timeout=TIMEOUT)
        if reply["parent_header"].get("msg_id") == msg["header"]["msg_id"]:
            return reply


@pytest.mark.parametrize("msg_type, content", [
    ("history_request", {"hist_access_type": "tail", "output": False, "raw": True, "n": "5"}),
    ("complete_request", {"code": "sin"}),
    ("inspect_request", {"cursor_pos": 1}),
    ("is_complete_request", {}),
    ("execute_request", {"silent": False}),
    ("foo_request", {"x": 1}),
])
def test_malformed_and_unknown_requests_get_an_error_reply(kernel, msg_type, content):
    reply = raw(kernel, msg_type, content)
    assert reply["msg_type"] == msg_type.replace("_request", "_reply")
    assert reply["content"]["status"] == "error" and "malformed request" in reply["content"]["evalue"]
    assert kernel.execute("1 + 1").plain == ["2"]


def test_comm_messages_are_answered_as_the_spec_says(kernel):
    client = kernel.kc
    info = raw(kernel, "comm_info_request", {})
    assert info["content"] == {"status": "ok", "comms": {}}
    opened = client.session.msg("comm_open", {"comm_id": "c1", "target_name": "jupyter.widget", "data": {}})
    client.shell_channel.send(opened)
    while True:
        msg = client.get_iopub_msg(timeout=TIMEOUT)
        if msg["msg_type"] == "comm_close":
            break
    assert msg["content"]["comm_id"] == "c1" and msg["parent_header"]["msg_id"] == opened["header"]["msg_id"]
    client.shell_channel.send(client.session.msg("comm_msg", {"comm_id": "c1", "data": {"x": 1}}))
    client.shell_channel.send(client.session.msg("comm_close", {"comm_id": "c2", "data": {}}))
    assert kernel.execute("3 * 3").plain == ["9"]


def test_no_subshells_are_offered(kernel):
    info = kernel.request("kernel_info")["content"]
    assert "kernel subshells" not in info["supported_features"]
    reply = raw(kernel, "create_subshell_request", {}, channel="control")
    assert reply["content"]["status"] == "error"


def test_byte_order_mark_and_no_warnings(kernel):
    run = kernel.execute("\ufeffones' [2] + 1e39")
    assert run.reply["status"] == "ok"
    assert run.plain == ["Tensor Float [2] [ Infinity   ,  Infinity   ]"]
    assert [m for m in run.of_type("stream") if m["content"]["name"] == "stderr"] == []
