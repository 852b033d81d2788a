"""The memory budget through Session.run: `:set memory` shows and sets it, and tensors, lists, strings and
shown text beyond what is left of it are refused with a located error that keeps every binding."""
from __future__ import annotations

import pytest

from gradbook.engine.language.session import Session
from gradbook.engine.tensors import memory


@pytest.fixture
def session():
    session = Session()
    yield session
    memory.set_memory_budget(None)


def run(session, source):
    result = session.run(source)
    return [output.text for output in result.outputs], result.error


def test_set_memory_shows_and_sets_the_budget(session):
    (text,), _ = run(session, ":set memory")
    assert text.startswith(f"memory {memory.human_bytes(memory._default)} (")
    (text,), _ = run(session, ":set memory 64M")
    assert text.startswith("memory 64.0 MiB (set with :set memory); live tensors hold ")
    assert memory.memory_budget() == 64 << 20
    _, error = run(session, ":set memory lots")
    assert error.message == ":set memory: expected a size such as 2G, 512M or 50%, got 'lots'"
    (text,), _ = run(session, ":set memory default")
    assert memory.memory_budget() == memory._default and "(the default: 50% of the " in text


def test_each_session_runs_under_its_own_budget(session):
    run(session, ":set memory 64M")
    other = Session()
    other.run("1")
    assert memory.memory_budget() == memory._default
    session.run("1")
    assert memory.memory_budget() == 64 << 20


def test_refusals_are_located_and_keep_the_session(session):
    run(session, ":set memory 64M\nlet keep = ones' [5, 1048576]\nlet also = ones' [5, 1048576]")
    _, error = run(session, "let third = keep + also + keep")
    assert error.kind == "limit" and (error.line, error.col) == (1, 13)
    assert error.message.startswith("add: a [5,1048576] tensor needs 20.0 MiB, more than the ")
    assert "of the memory budget of 64.0 MiB" in error.message and "`:set memory SIZE`" in error.message
    for source, start in [("length (replicate 10000000 1)", "replicate: a list of 10000000 elements needs 76.3 MiB"),
                          ("length ([1] ++ replicate 9000000 1)", "replicate: a list of 9000000 elements"),
                          ("length (concat [replicate 2000000 1, replicate 2000000 1])", "concat: a list of 4000000"),
                          ("length (show (replicate 2000000 100000))", "show: the text of a list of 2000000 elements")]:
        _, error = run(session, source)
        assert error is not None and error.message.startswith(start), (source, error and error.message)
    run(session, ":set summarise off")
    _, error = run(session, "keep")
    assert error.message.startswith("show: the text of a tensor of 5242880 elements needs 480.0 MiB")
    run(session, ":set summarise on")
    (text,), error = run(session, "numel keep + numel also")
    assert error is None and text == "10485760"


def test_a_bad_gradbook_memory_is_named_not_ignored(session, monkeypatch):
    monkeypatch.setenv("GRADBOOK_MEMORY", "lots")
    (text,), _ = run(session, ":set memory")
    assert "GRADBOOK_MEMORY='lots' is not a size such as 2G, 512M or 50%" in text


def test_as_value_of_a_huge_tensor_is_refused_before_its_list_is_built(session):
    run(session, ":set memory 64M")
    for source in ("length (asValue (ones' [4000000]) :: [Float])", "asValue (ones' [4000000])"):
        _, error = run(session, source)
        assert error is not None and error.message.startswith("asValue: a list of 4000000 values needs 244.1 MiB")
        assert "of the memory budget of 64.0 MiB" in error.message, source
