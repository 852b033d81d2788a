"""User recursion 100,000 levels deep through `Session.run` (issue 11, item 10): the evaluation thread's
large stack; the "lacks a base case" message only for recursion that never ends; output order kept."""
from __future__ import annotations

import pytest

from gradbook.engine.language.session import Session

DEPTH = 100_000
DEFINITIONS = """\
let sumTo n = if n == 0 then 0 else n + sumTo (n - 1)
let count xs i = if i == length xs then 0 else 1 + count xs (i + 1)
let down n = case n of
      0 -> 0
      _ -> 1 + down (n - 1)
let guarded n | n == 0 = 0
              | otherwise = 1 + guarded (n - 1)
let forever n = forever (n + 1)
"""


@pytest.fixture(scope="module")
def session() -> Session:
    s = Session()
    assert s.run(DEFINITIONS).error is None
    return s


def shown(session: Session, code: str) -> list[str]:
    result = session.run(code)
    assert result.error is None, result.error.rendered
    return [o.text for o in result.outputs]


def test_integer_recursion_100000_deep(session):
    assert shown(session, f"sumTo ({DEPTH} :: Integer)") == [str(DEPTH * (DEPTH + 1) // 2)]


@pytest.mark.slow
def test_recursion_over_a_list_100000_deep(session):
    assert shown(session, f"count [1..{DEPTH}] 0") == [str(DEPTH)]


@pytest.mark.slow
@pytest.mark.parametrize("name", ["down", "guarded"])
def test_case_and_guard_recursion_100000_deep(session, name):
    assert shown(session, f"{name} {DEPTH}") == [str(DEPTH)]


def test_output_order_is_kept_around_deep_recursion(session):
    result = session.run(f'putStrLn "before"\nsumTo {DEPTH}\nprint (down 3)\nputStrLn "after"')
    assert result.error is None
    assert [(o.kind, o.text) for o in result.outputs] == [
        ("stdout", "before\n"), ("value", str(DEPTH * (DEPTH + 1) // 2)), ("stdout", "3\n"), ("stdout", "after\n")]


@pytest.mark.slow
def test_recursion_without_end_is_reported_with_its_place_and_bindings_stay(session):
    result = session.run("let kept = 7\nforever 0")
    assert result.error.rendered == (
        "<cell>:2:1: error: recursion too deep: does a recursive function lack a base case?\n"
        "  forever 0\n"
        "  ^^^^^^^^^")
    assert shown(session, "kept + sumTo 10") == ["62"]
