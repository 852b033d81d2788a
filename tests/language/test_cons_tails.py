"""A `(x:xs)` pattern on a long list binds its tail without copying it (lazy.tail_of), so a recursion down
100,000 elements holds O(n) memory instead of the O(n^2) of a copied slice per level (about 40 GB there:
the process was killed before). Builtins, operators and annotations get the tail as the plain list it
stands for, so every use of `xs` gives what it gave before."""
from __future__ import annotations

import pytest

from gradbook.engine.language.lazy import LazyList, plain_tail, tail_of
from gradbook.engine.language.session import Session


def shown(session: Session, code: str) -> list[str]:
    result = session.run(code)
    assert result.error is None, result.error.rendered
    return [o.text for o in result.outputs if o.kind == "value"]


def test_a_tail_is_a_view_of_the_list_it_came_from():
    base = list(range(5000))
    tail = tail_of(base, 1).drop(2)
    assert type(tail) is LazyList and tail._base is base and tail._offset == 3
    assert plain_tail(tail) == base[3:]


def test_a_cons_walk_down_100000_elements():
    session = Session()
    assert session.run("let len [] = 0; len (_:xs) = 1 + len xs").error is None
    assert shown(session, "len [1..100000]") == ["100000"]


@pytest.mark.parametrize("definition, use, expected", [
    ("let f (_:xs) = asTensor (xs :: [Float])", "shape (f [1..3000])", "[2999]"),
    ("let f (_:xs) = asTensor xs", "shape (f [1..3000])", "[2999]"),
    ("let f (_:xs) = length xs + sum xs", "f [1..3000]", "4504498"),
    ("let f (x:y:rest) = (x, y, take 3 rest, length rest)", "f [1..5000]", "(1,2,[3,4,5],4998)"),
    ("let f (_:xs) = show (take 2 xs) ++ show (xs == [2..2000])", "f [1..2000]", '"[2,3]True"'),
    ("let f (_:xs) = case xs of { [] -> \"end\"; (y:_) -> \"more\" }", "f [1..1001]", '"more"'),
    ("let f (_:xs) = fmap length (Just xs)", "f [1..1500]", "Just 1499"),
    ("let f (_:xs) = [y | y <- xs, even y]", "length (f [1..5000])", "2500"),
    ("let f (_:xs) = zip xs [1..]", "take 2 (f [1..2000])", "[(2,1),(3,2)]"),
    ("let f (_:_:xs) = xs ++ [0]", "last (f [1..3000])", "0"),
    ("let f (_:xs) = xs", "take 3 (f [1..3000])", "[2,3,4]"),
])
def test_every_use_of_a_long_tail_gives_what_a_copied_one_gave(definition, use, expected):
    session = Session()
    assert session.run(definition).error is None
    assert shown(session, use) == [expected]
