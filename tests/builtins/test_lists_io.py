"""Prelude list builtins, foldLoop (pure and IO, interruptible) and the IO builtins writing through
values.emit_stdout."""
from __future__ import annotations

import numpy as np
import pytest
from gb_builtin_helpers import call, floats, op, values

from gradbook.engine.language.builtins import BUILTINS, OPERATORS
from gradbook.engine.tensors.errors import ArgumentError, InvalidValueError
from gradbook.engine.language.values import BuiltinFunction, IOAction, capture_stdout

PLUS = OPERATORS["+"]
DOUBLE = BuiltinFunction("double", 1, lambda x: 2 * x)


def test_head_tail_last_init() -> None:
    assert call("head", [1, 2, 3]) == 1
    assert call("tail", [1, 2, 3]) == [2, 3]
    assert call("last", [1, 2, 3]) == 3
    assert call("init", [1, 2, 3]) == [1, 2]
    for name in ("head", "tail", "last", "init"):
        with pytest.raises(InvalidValueError, match=f"{name}: the list is empty"):
            call(name, [])
    with pytest.raises(ArgumentError, match="head expects a list as its first argument"):
        call("head", call("ones'", [2]))


def test_length_reverse_take_drop_work_on_lists_and_strings() -> None:
    assert call("length", [1, 2, 3]) == 3 and call("length", "abcd") == 4
    assert call("reverse", [1, 2, 3]) == [3, 2, 1] and call("reverse", "ab") == "ba"
    assert call("take", 2, [1, 2, 3]) == [1, 2] and call("take", -1, [1]) == [] and call("take", 9, [1]) == [1]
    assert call("drop", 2, [1, 2, 3]) == [3] and call("drop", -1, [1]) == [1]
    assert call("null", []) is True and call("null", [0]) is False


def test_map_filter_zip_zipwith() -> None:
    assert call("map", DOUBLE, [1, 2, 3]) == [2, 4, 6]
    assert call("filter", BuiltinFunction("big", 1, lambda x: x > 1), [1, 2, 3]) == [2, 3]
    assert call("zip", [1, 2, 3], ["a", "b"]) == [(1, "a"), (2, "b")]
    assert call("unzip", [(1, "a"), (2, "b")]) == ([1, 2], ["a", "b"])
    assert call("zipWith", PLUS, [1, 2], [10, 20]) == [11, 22]
    with pytest.raises(ArgumentError, match="map expects a function as its first argument"):
        call("map", 3, [1])
    with pytest.raises(ArgumentError, match="predicate must return a Bool"):
        call("filter", DOUBLE, [1])


def test_map_over_tensors_with_a_builtin() -> None:
    out = call("map", BUILTINS["sumAll"], [call("ones'", [2]), call("ones'", [3])])
    assert [values(t) for t in out] == [2.0, 3.0]


def test_folds_sum_product() -> None:
    minus = OPERATORS["-"]
    assert call("foldl", minus, 10, [1, 2, 3]) == 4  # ((10 - 1) - 2) - 3
    assert call("foldr", minus, 10, [1, 2, 3]) == -8  # 1 - (2 - (3 - 10))
    assert call("sum", [1, 2, 3]) == 6 and call("sum", []) == 0
    assert call("product", [2, 3]) == 6 and call("product", []) == 1
    assert values(call("sum", [call("ones'", [2]), call("ones'", [2])])) == [2.0, 2.0]
    assert call("maximum", [3, 1, 2]) == 3 and call("minimum", [3, 1, 2]) == 1
    assert call("elem", 2, [1, 2]) is True and call("elem", 5, [1, 2]) is False


def test_pairs_and_combinators() -> None:
    assert call("fst", (1, True)) == 1 and call("snd", (1, True)) is True
    with pytest.raises(ArgumentError, match="fst expects a pair"):
        call("fst", (1, 2, 3))
    assert call("id", "x") == "x"
    assert call("const", 1, 2) == 1
    assert call("not", True) is False
    assert call("replicate", 3, 0) == [0, 0, 0]
    assert call("concat", [[1], [2, 3]]) == [1, 2, 3] and call("concat", ["ab", "c"]) == "abc"
    assert call("fromIntegral", 3) == 3
    assert call("negate", 3) == -3 and values(call("negate", floats([1]))) == [-1.0]
    assert call("subtract", 1, 3) == 2
    value = call("realToFrac", np.float32(0.5))
    assert value == 0.5 and type(value) is float


# ------------------------------------------------------------------------------ foldLoop
def test_fold_loop_counts_from_one_to_n() -> None:
    seen = []

    def step(acc: int, i: int) -> int:
        seen.append(i)
        return acc + i

    assert call("foldLoop", 0, 4, BuiltinFunction("step", 2, step)) == 10
    assert seen == [1, 2, 3, 4]
    assert call("foldLoop", "init", 0, BuiltinFunction("step", 2, step)) == "init"


def test_fold_loop_trains_a_parameter() -> None:
    # gradient descent on (w - 3)^2, re-making the independent tensor each step as Hasktorch lessons do
    def step(w: object, _i: int) -> object:
        a = call("makeIndependent", w).run()
        loss = call("sumAll", op("^", op("-", call("toDependent", a), 3), 2))
        (g,) = call("grad", loss, [a])
        return op("-", w, op("*", 0.25, g))

    w = call("foldLoop", floats([0.0]), 30, BuiltinFunction("step", 2, step))
    assert abs(values(w)[0] - 3.0) < 1e-4


def test_fold_loop_with_an_io_step_becomes_an_io_action() -> None:
    step = BuiltinFunction("step", 2, lambda acc, i: IOAction("pure", lambda: acc * i))
    action = call("foldLoop", 1, 5, step)
    assert isinstance(action, IOAction)
    assert action.run() == 120


def test_fold_loop_is_interruptible() -> None:
    calls = []

    def step(acc: int, i: int) -> int:
        calls.append(i)
        if i == 3:
            raise KeyboardInterrupt
        return acc

    with pytest.raises(KeyboardInterrupt):
        call("foldLoop", 0, 10**9, BuiltinFunction("step", 2, step))
    assert calls == [1, 2, 3]


# ------------------------------------------------------------------------------ IO
def captured(action: IOAction) -> tuple[object, str]:
    chunks: list[str] = []
    with capture_stdout(chunks.append):
        result = action.run()
    return result, "".join(chunks)


def test_print_writes_the_shown_text_when_run() -> None:
    action = call("print", [1.0, 2.5])
    assert isinstance(action, IOAction)
    assert captured(action) == ((), "[1.0,2.5]\n")
    _, text = captured(call("print", call("ones'", [1])))
    assert text == "Tensor Float [1] [ 1.0000   ]\n"


def test_put_str_ln_and_put_str() -> None:
    assert captured(call("putStrLn", "hi")) == ((), "hi\n")
    assert captured(call("putStr", "hi")) == ((), "hi")
    with pytest.raises(ArgumentError, match="putStrLn expects a String.*print x"):
        call("putStrLn", 3)


def test_show_gives_the_ghci_text() -> None:
    assert call("show", [1.0, 0.01]) == "[1.0,1.0e-2]"
    assert call("show", "a") == '"a"'


def test_pure_and_return() -> None:
    assert call("pure", 3).run() == 3
    assert call("return", "x").run() == "x"


def test_map_m_and_for_m() -> None:
    assert captured(call("mapM_", BUILTINS["print"], [1, 2])) == ((), "1\n2\n")
    assert captured(call("forM_", ["a"], BUILTINS["putStrLn"])) == ((), "a\n")
    # a function giving plain numbers is no computation, as in GHC (mapM_ works in any monad, not only IO)
    with pytest.raises(ArgumentError, match="`mapM_` needs a monadic value .*got 2 \\(an Integer\\)"):
        call("mapM_", DOUBLE, [1, 2])
    assert call("mapM_", BuiltinFunction("just", 1, lambda x: call("Just", x)), [1, 2]) == call("Just", ())


def test_map_m_and_for_m_collect_results() -> None:
    action = call("mapM", BuiltinFunction("ret", 1, lambda x: call("pure", x * 2)), [1, 2])
    assert isinstance(action, IOAction) and action.run() == [2, 4]
    assert call("forM", [1], BuiltinFunction("ret", 1, lambda x: call("pure", x + 1))).run() == [2]
    assert call("forM", [1, 2], BuiltinFunction("both", 1, lambda x: [x, -x])) == [[1, 2], [1, -2], [-1, 2], [-1, -2]]


def test_integer_division_helpers() -> None:
    assert call("mod", 7, 3) == 1 and call("mod", -7, 3) == 2 and call("mod", 7, -3) == -2
    assert call("rem", 7, 3) == 1 and call("rem", -7, 3) == -1 and call("rem", 7, -3) == 1
    assert call("even", 4) is True and call("odd", 4) is False
    with pytest.raises(InvalidValueError, match="mod: divide by zero"):
        call("mod", 1, 0)


def test_sequence_and_when() -> None:
    actions = [call("putStr", "a"), call("putStr", "b")]
    assert captured(call("sequence_", actions)) == ((), "ab")
    assert captured(call("when", False, call("putStr", "x"))) == ((), "")
    assert captured(call("when", True, call("putStr", "x"))) == ((), "x")
