"""Session on the real builtins: a real SIGINT during a long loop, annotations and their option, `:graph`,
runtime-built deep values, and the issue's own error example."""
from __future__ import annotations

import os
import signal
import threading
import time

import pytest


def test_sigint_during_a_long_fold_keeps_the_session(real_session):
    s = real_session
    assert s.run("let keep = 41").ok
    timer = threading.Timer(0.3, os.kill, (os.getpid(), signal.SIGINT))
    started = time.monotonic()
    timer.start()
    try:
        result = s.run("let total = foldLoop 0 100000000 (\\acc i -> acc + i)")
    finally:
        timer.cancel()
    assert result.error is not None and result.error.kind == "interrupt"
    assert time.monotonic() - started < 5
    assert "total" not in s.bindings
    assert [o.text for o in s.run("keep + 1").outputs] == ["42"]


def test_annotations_follow_the_option(real_session):
    s = real_session
    s.run("a <- makeIndependent (ones' [2])\nlet b = toDependent a * 2")
    [out] = s.run("b").outputs
    assert out.annotation == "requires_grad · grad_fn=mul" and "requires_grad" not in out.text
    assert s.run("ones' [1]").outputs[0].annotation is None
    s.run(":set annotations off")
    assert s.run("b").outputs[0].annotation is None


def test_graph_marks_shared_nodes_once(real_session):
    s = real_session
    s.run("a <- makeIndependent (ones' [2, 2])\nlet b = toDependent a + 2\nlet c = b * b")
    [out] = s.run(":graph c").outputs
    lines = out.text.split("\n")
    assert lines[0].startswith("#1 mul c  ")
    assert sum("add" in line for line in lines) == 1 and lines[-1] == "└─ (see #2 b)"
    assert sum("leaf" in line for line in lines) == 1


def test_deep_value_built_at_runtime_is_shown(real_session):
    # 20,000 levels of nesting: within the evaluation thread's deep stack (issue 11, item 10)
    [out] = real_session.run("foldLoop [] 20000 (\\acc i -> [acc])").outputs
    assert out.text == "[" * 20001 + "]" * 20001


@pytest.mark.slow
def test_deeper_value_built_at_runtime_is_a_limit_not_a_crash(real_session):
    result = real_session.run("foldLoop [] 400000 (\\acc i -> [acc])")
    assert result.error is not None and result.error.kind == "limit"
    assert real_session.run("1 + 1").ok


def test_grad_on_a_dependent_tensor_says_what_to_do(real_session):
    s = real_session
    s.run("a <- makeIndependent (ones' [2, 2])\nlet a' = toDependent a\nlet out = mean (a' * 2)")
    error = s.run("let g = grad out [a']").error
    assert (error.kind, error.line, error.col) == ("type", 1, 9)
    assert "independent" in error.message and "makeIndependent" in error.message
    assert error.rendered.split("\n")[2] == "          ^^^^^^^^^^^^^"
    assert "g" not in s.bindings and "a'" in s.bindings


@pytest.mark.parametrize("source, kind", [
    ("ones' [2, 2] `matmul` ones' [3, 3]", "shape"),
    ("grad (ones' [1]) []", "autograd"),
    ("mean [1, 2]", "type"),
])
def test_engine_error_kinds(real_session, source, kind):
    assert real_session.run(source).error.kind == kind
