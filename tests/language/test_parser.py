"""Parser: Haskell fixities and associativity, sections, backticks, layout, statements, and its errors."""
from __future__ import annotations

import pytest

from gradbook.engine.language import syntax as S
from gradbook.engine.language.diagnostics import LangError, ParseError
from gradbook.engine.language.parser import MAX_CHAIN, MAX_DEPTH, parse_expression, parse_program


def sx(node) -> str:
    """A compact S-expression of an expression tree, to compare shapes of parses."""
    t = type(node)
    if t is S.Lit:
        return repr(node.value)
    if t is S.Var:
        return node.name
    if t is S.App:
        return "(" + " ".join(sx(n) for n in (node.fn, *node.args)) + ")"
    if t is S.BinOp:
        return f"({node.op} {sx(node.left)} {sx(node.right)})"
    if t is S.Neg:
        return f"(neg {sx(node.expr)})"
    if t is S.Section:
        return f"(section {sx(node.left) if node.left else '_'} {node.op} {sx(node.right) if node.right else '_'})"
    if t is S.OpRef:
        return f"({node.op})"
    if t is S.ListExpr:
        return "[" + " ".join(sx(n) for n in node.items) + "]"
    if t is S.TupleExpr:
        return "(tuple " + " ".join(sx(n) for n in node.items) + ")"
    if t is S.Range:
        return f"(range {sx(node.start)} {sx(node.then) if node.then else '_'} {sx(node.end)})"
    if t is S.Lambda:
        return f"(\\ {len(node.params)} {sx(node.body)})"
    if t is S.If:
        return f"(if {sx(node.cond)} {sx(node.then)} {sx(node.orelse)})"
    if t is S.LetIn:
        return f"(let {len(node.bindings)} {sx(node.body)})"
    if t is S.Annot:
        return f"(:: {sx(node.expr)})"
    return t.__name__


def expr(text: str) -> str:
    return sx(parse_expression(S.Source("<t>", text)))


@pytest.mark.parametrize("text, tree", [
    ("1 + 2 * 3", "(+ 1 (* 2 3))"),
    ("1 - 2 - 3", "(- (- 1 2) 3)"),
    ("2 ^ 3 ^ 2", "(^ 2 (^ 3 2))"),
    ("f $ g $ x", "($ f ($ g x))"),
    ("f . g . h", "(. f (. g h))"),
    ("a || b && c", "(|| a (&& b c))"),
    ("a == b + 1", "(== a (+ b 1))"),
    ("xs ++ ys ++ zs", "(++ xs (++ ys zs))"),
    ("xs !! 0 + 1", "(+ (!! xs 0) 1)"),
    ("f x y + g z", "(+ (f x y) (g z))"),
    ("a `matmul` b + c", "(+ (matmul a b) c)"),
    ("a `div` 2 + 1", "(+ (div a 2) 1)"),
    ("-2 ^ 2", "(neg (^ 2 2))"),
    ("- x * y", "(neg (* x y))"),
    ("-x + y", "(+ (neg x) y)"),
    ("[1, -2, 30]", "[1 -2 30]"),
    ("a - -1", "(- a -1)"),
    ("b * b * 3", "(* (* b b) 3)"),
    ("mean $ b * 3", "($ mean (* b 3))"),
])
def test_fixities(text, tree):
    assert expr(text) == tree


@pytest.mark.parametrize("text, tree", [
    ("(+ 2)", "(section _ + 2)"),
    ("(2 *)", "(section 2 * _)"),
    ("(`div` 2)", "(section _ div 2)"),
    ("(x `matmul`)", "(section x matmul _)"),
    ("(+)", "(+)"),
    ("(-)", "(-)"),
    ("(- 2)", "-2"),
    ("(- x)", "(neg x)"),
    ("(1, True)", "(tuple 1 True)"),
    ("()", "(tuple )"),
    ("[1..5]", "(range 1 _ 5)"),
    ("[1, 3..9]", "(range 1 3 9)"),
    ("[[1, 2], [3]]", "[[1 2] [3]]"),
    ("\\x y -> x + y", "(\\ 2 (+ x y))"),
    ("if a then b else c", "(if a b c)"),
    ("let x = 1; y = 2 in x + y", "(let 2 (+ x y))"),
    ("asTensor ([1, 2] :: [Float])", "(asTensor (:: [1 2]))"),
    ("f $ \\x -> x", "($ f (\\ 1 x))"),
    ("forM_ xs \\i -> print i", "(forM_ xs (\\ 1 (print i)))"),
    ('putStrLn "hi"', "(putStrLn 'hi')"),
])
def test_atoms_sections_and_blocks(text, tree):
    assert expr(text) == tree


def stmts(text: str) -> list:
    return parse_program(S.Source("<t>", text))


def test_statement_kinds():
    program = stmts("import Torch\nlet x = 1\ny <- makeIndependent x\nlet f a b = a\nx + 1\n"
                    "let (p, q) = (1, 2)\nlet [g] = grad out [a]\nh x = x\nf :: Tensor -> Tensor")
    assert [type(s).__name__ for s in program] == [
        "ImportStmt", "LetStmt", "BindStmt", "LetStmt", "ExprStmt", "LetStmt", "LetStmt", "DeclStmt",
        "SignatureStmt"]
    assert isinstance(program[3].bindings[0], S.FunBind) and len(program[3].bindings[0].params) == 2
    assert isinstance(program[5].bindings[0], S.PatBind)
    assert isinstance(program[6].bindings[0].pattern, S.PList)
    assert program[7].bindings[0].name == "h"


def test_continuation_lines_and_aligned_bindings():
    program = stmts("let c = b\n      * 3\nlet a = 1\n    b = 2\nmean\n  c")
    assert len(program) == 3
    assert sx(program[0].bindings[0].body) == "(* b 3)"
    assert [b.name for b in program[1].bindings] == ["a", "b"]
    assert sx(program[2].expr) == "(mean c)"


def test_let_in_with_layout():
    program = stmts("let z = let a = 1\n            b = 2\n        in a + b")
    assert sx(program[0].bindings[0].body) == "(let 2 (+ a b))"


def test_spans_point_at_source():
    (statement,) = stmts("let z = x  +  y")
    body = statement.bindings[0].body
    assert (body.span.line, body.span.col, body.span.end_col) == (1, 9, 16)
    assert (body.op_span.col, body.op_span.end_col) == (12, 13)


@pytest.mark.parametrize("text, at_end", [
    ("foo (", True), ("1 +", True), ("let x =", True), ("if a then b", True), ("\\x ->", True),
    ("[1, 2", True), ("x )", False), ("let = 3", False), ("1 + * 2", False), ("a == b == c", False),
    ("f x\n)", False), ("(1 +\n2)", False),
])
def test_parse_errors_and_incompleteness(text, at_end):
    with pytest.raises(ParseError) as info:
        stmts(text)
    assert info.value.at_end is at_end


def test_error_position_for_unexpected_token():
    with pytest.raises(ParseError) as info:
        stmts("let x = 1\nlet y = (2 + ]")
    error = info.value
    assert (error.span.line, error.span.col) == (2, 14)
    assert "unexpected `]`" in error.message and "expected an expression" in error.message


def test_deep_nesting_is_a_limit_error():
    with pytest.raises(LangError) as info:
        stmts("(" * (MAX_DEPTH + 5) + "1" + ")" * (MAX_DEPTH + 5))
    assert info.value.kind == "limit"


def test_long_operator_chain_is_a_limit_error():
    with pytest.raises(LangError) as info:
        stmts(" + ".join(["1"] * (MAX_CHAIN + 5)))
    assert info.value.kind == "limit"


def test_long_flat_list_is_fine():
    (statement,) = stmts("[" + ", ".join(["1"] * 20000) + "]")
    assert len(statement.expr.items) == 20000


def test_type_signatures_inside_let_blocks_are_skipped():
    (statement,) = stmts("let sq :: Float -> Float\n    sq x = x * x")
    assert [b.name for b in statement.bindings] == ["sq"]
    (statement,) = stmts("let a, b :: Int; a = 1; b = 2")
    assert [b.name for b in statement.bindings] == ["a", "b"]
    with pytest.raises(ParseError):
        stmts("let only :: Int")
