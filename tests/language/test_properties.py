"""Property tests: random and mutated source never makes `Session.run`, `is_complete`, `complete` or `inspect`
raise, every error is a well-formed ErrorReport, and earlier bindings survive."""
from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from gradbook.engine.language.results import ErrorReport, RunResult
from gradbook.engine.language.session import Session

KINDS = {"parse", "name", "type", "shape", "dtype", "autograd", "value", "limit", "interrupt", "internal"}
SEEDS = [
    "let x = asTensor ([1, 2, 3] :: [Float])",
    "y <- makeIndependent (asTensor ([4, 5, 6] :: [Float]))",
    "let f a b = if a > b then a else b",
    "map (\\v -> v * 2) [1..5]",
    "let (p, q) = (1, 2) in p + q",
    ":{\nlet g x =\n  x + 1\n:}",
    "grad (mean (b * b * 3)) [a]",
    "case [1, 2] of\n  [] -> 0\n  (h:_) -> h",
    "{- comment {- nested -} -} 1 + 2 -- done",
    "putStrLn \"hi\\n\" >> print (1, True)",
    ":type f 1",
    "(`div` 2) 10 : [3 ^ 2]",
]
ALPHABET = st.sampled_from(list("abxyfgn'_ 0123456789.()[]{},;`\\\"-+*/^=<>|&$:!\n\t") +
                           ["let ", "in ", "if ", "then ", "else ", "case ", "of ", "->", "<-", "::", "..",
                            "{-", "-}", "--", ":{\n", "\n:}", "True", "Float", "[Float]", "ones'", "map ",
                            "\\x -> ", "let f x = f x\nf 1"])

random_source = st.lists(ALPHABET, max_size=40).map("".join)


@st.composite
def mutated_source(draw):
    text = draw(st.sampled_from(SEEDS))
    for _ in range(draw(st.integers(1, 4))):
        if not text:
            break
        i = draw(st.integers(0, len(text) - 1))
        action = draw(st.sampled_from(["delete", "insert", "duplicate", "swap"]))
        if action == "delete":
            text = text[:i] + text[i + 1:]
        elif action == "insert":
            text = text[:i] + draw(ALPHABET) + text[i:]
        elif action == "duplicate":
            j = draw(st.integers(i, len(text)))
            text = text[:j] + text[i:j] + text[j:]
        else:
            j = draw(st.integers(0, len(text) - 1))
            chars = list(text)
            chars[i], chars[j] = chars[j], chars[i]
            text = "".join(chars)
    return text


def check_result(session: Session, result: RunResult, source: str) -> None:
    assert isinstance(result, RunResult)
    if result.error is not None:
        error = result.error
        assert isinstance(error, ErrorReport)
        assert error.kind in KINDS
        assert error.rendered.startswith(f"{error.source_name}:{error.line}:{error.col}: error: ")
        assert error.line >= 1 and error.col >= 1 and error.end_col > error.col
    assert session.bindings.get("keep") == 42


def exercise(session: Session, source: str) -> None:
    assert session.is_complete(source) in ("complete", "incomplete", "invalid")
    result = session.run(source)
    check_result(session, result, source)
    for cursor in {0, len(source) // 2, len(source)}:
        session.complete(source, cursor)
        session.inspect(source, cursor)


SETTINGS = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])


@SETTINGS
@given(source=random_source)
def test_random_source_never_escapes(session, source):
    session.run("let keep = 42")
    exercise(session, source)


@SETTINGS
@given(source=mutated_source())
def test_mutated_source_never_escapes(session, source):
    session.run("let keep = 42")
    exercise(session, source)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(source=mutated_source())
def test_mutated_source_on_real_builtins(real_session, source):
    real_session.run("let keep = 42\na <- makeIndependent (ones' [2, 2])\nlet b = toDependent a + 2")
    exercise(real_session, source)


def test_pathological_inputs(session):
    session.run("let keep = 42")
    for source in ["(" * 5000, "[" * 5000 + "]" * 5000, "-" * 10000 + "1", "\\x -> " * 3000 + "x",
                   "f " * 100000, "let x = " + "1 + " * 1000 + "1", "\"" + "a" * 100000, "{-" * 1000,
                   "if " * 2000 + "x", "x $ " * 2000 + "x", "1" + ".5" * 3000]:
        exercise(session, source)


def _expressions():
    """Well-formed expressions from a small grammar, so evaluation (not only parsing) is explored."""
    leaves = st.sampled_from(["0", "1", "2.5", "-3", "x", "t", "a'", "xs", "True", "\"s\"", "[]", "()",
                              "ones' [2]", "f", "(+ 1)", "[1, 2]", "Float", "Dim 0"])

    def extend(inner):
        return st.one_of(
            st.tuples(inner, st.sampled_from(["+", "-", "*", "/", "==", "<", "++", "$", ".", "&&", ":", "!!",
                                              "^", "`matmul`"]), inner).map(lambda p: f"({p[0]} {p[1]} {p[2]})"),
            st.tuples(st.sampled_from(["mean", "sumAll", "relu", "length", "head", "map f", "f", "show",
                                       "asTensor", "toDependent", "grad", "reverse", "fst", "print"]),
                      inner).map(lambda p: f"({p[0]} {p[1]})"),
            st.lists(inner, max_size=3).map(lambda items: "[" + ", ".join(items) + "]"),
            st.tuples(inner, inner).map(lambda p: f"({p[0]}, {p[1]})"),
            st.tuples(inner, inner, inner).map(lambda p: f"(if {p[0]} then {p[1]} else {p[2]})"),
            inner.map(lambda body: f"(\\x -> {body})"),
            st.tuples(inner, inner).map(lambda p: f"(let y = {p[0]} in {p[1]})"),
            inner.map(lambda e: f"({e} :: [Float])"),
        )

    return st.recursive(leaves, extend, max_leaves=12)


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(expression=_expressions())
def test_generated_expressions_on_real_builtins(real_session, expression):
    real_session.run("let keep = 42\nlet x = 3\nlet t = ones' [2, 2]\nlet xs = [1, 2, 3]\nlet f v = v\n"
                     "a <- makeIndependent (ones' [2])\nlet a' = toDependent a")
    exercise(real_session, expression)
    exercise(real_session, f"let z = {expression}")
