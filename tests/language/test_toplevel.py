"""The top level and binding groups: statements cost what they bind (no copy of the scope per `let`), old
closures keep the bindings of their time, declarations are one recursive group in any order, and a value that
needs itself is a located error (GHC's <<loop>>) rather than a hang."""
from __future__ import annotations

from gradbook.engine.language.session import Session


def outputs(result) -> list[str]:
    assert result.error is None, result.error.rendered
    return [output.text for output in result.outputs]


def test_many_lets_grow_one_scope_in_place():
    # Structural, not timed: 3,000 new names are added to the same dict (no copy per statement), and each
    # rebinding makes one "as it was" layer holding just the rebound name.
    session = Session()
    names = session.top.names
    outputs(session.run("\n".join(f"let v{i} = {i}" for i in range(3000))))
    assert session.top.names is names and session.top.layers_made == 0 and len(names) == 3000
    outputs(session.run("\n".join(f"let v{i} = {i + 1}" for i in range(1000))))
    assert session.top.names is names and session.top.layers_made == 1000
    assert len(session.top.env.vars) == 3000


def test_rebinding_keeps_old_closures_and_layers_are_small():
    session = Session()
    outputs(session.run("let k = 1\nlet addK x = x + k"))
    held = session.top.env
    outputs(session.run("let k = 2\nlet k = 3"))
    assert held.vars == {"k": 1} and held.parent.vars == {"k": 2}
    assert outputs(session.run("addK 10\nk")) == ["11", "3"]


def test_declarations_are_one_recursive_group_in_any_order():
    session = Session()
    text = ("main = print (total, isEven 10)\ntotal = a + b\na = b + 1\nb = 20\n"
            "isEven 0 = True\nisEven n = isOdd (n - 1)\nisOdd 0 = False\nisOdd n = isEven (n - 1)\n:main")
    assert outputs(session.run(text)) == ["(41,True)\n"]


def test_where_and_let_groups_are_order_independent():
    session = Session()
    assert outputs(session.run("f x = a where a = b + 1\n              b = x\nf 1")) == ["2"]
    assert outputs(session.run("let p = q * 2; q = 5 in p")) == ["10"]


def test_a_value_that_needs_itself_is_a_located_loop_error():
    session = Session()
    outputs(session.run("good = 1"))
    result = session.run("main = print ys\nys = zs + 1\nzs = ys + 1")
    assert result.error is not None and "<<loop>>" in result.error.message
    assert (result.error.line, result.error.col) == (2, 1)
    assert outputs(session.run("good")) == ["1"]  # the session keeps its bindings


def test_a_failed_group_commits_nothing():
    session = Session()
    result = session.run("a = 1\nb = undefinedName + 1")
    assert result.error is not None
    assert "a" not in session.bindings and "b" not in session.bindings


def test_a_cell_holding_a_whole_module_defines_it_and_runs_nothing():
    session = Session()
    cell = ("module Main (main) where\nimport Control.Monad (forM_)\nimport qualified Data.List as L\n\n"
            "main :: IO ()\nmain = forM_ [1, 2] $ \\i -> do\n  print (twice i)\n\ntwice :: Int -> Int\n"
            "twice x = x + x")
    for _ in range(2):  # the second run comes from the parse cache
        assert outputs(session.run(cell)) == []
        assert outputs(session.run(":main")) == ["2\n", "4\n"]
    assert session.bindings["twice"].name == "twice"


def test_typed_hasktorch_gets_one_clear_error():
    for text in ("import Torch.Typed", "x = zeros :: Tensor '[2, 3]"):
        result = Session().run(text)
        assert "type-level Hasktorch" in result.error.message and "out of scope" in result.error.message


def test_lambda_case_and_pattern_signatures():
    session = Session()
    text = ('sign = \\case\n  0 -> "zero"\n  n | n > 0 -> "positive"\n    | otherwise -> "negative"\n'
            'orZero = \\case { Just x -> x; Nothing -> 0 }\n'
            "main = do\n  let (q :: Int) = 4\n  print (map sign [0, q, -q], orZero (Just q), (\\(x :: Int) -> x * 2) q)\n"
            ":main")
    assert outputs(session.run(text)) == ['(["zero","positive","negative"],4,8)\n']


def test_a_name_defined_twice_in_one_group_is_refused_as_ghc_does():
    session = Session()
    result = session.run("x = 1\ny = 2\nx = 3")
    assert (result.error.line, result.error.col) == (3, 1) and "defined twice" in result.error.message
    assert "first at 1:1" in result.error.message and "x" not in session.bindings
    assert outputs(session.run("x = 1\ny = x + 1\ny")) == ["2"]
    assert outputs(session.run("x = 5\nx")) == ["5"]  # a later input may define it again, as in GHCi
