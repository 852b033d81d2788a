"""GHCi-style colon commands, shared by the REPL and the kernel through `Session.run`: `:help`, `:type`,
`:doc`, `:browse`, `:graph`, `:backprop`, `:load`, `:reload`, `:main`, `:save`, `:reset`, `:set`, `:quit`, each accepted by any
prefix (the first command in this table's order wins, as in GHCi: `:r` is `:reload`, `:s` is `:set`).
"""
from __future__ import annotations

import json
import os
from dataclasses import dataclass
from typing import Any, Callable

from gradbook.engine.language import syntax as S
from gradbook.engine.language.diagnostics import LangError, suggest
from gradbook.engine.language.results import Output, RunResult

def _help(session: Any, arg: str, src: S.Source, start: int, result: RunResult, current: list) -> None:
    lines = ["Commands (any prefix works, e.g. :t for :type):"]
    for name, (_, usage, summary) in COMMANDS.items():
        lines.append(f"  :{name}{(' ' + usage) if usage else ''}".ljust(24) + summary)
    lines.append("Multi-line input: start with :{ and end with :}, or indent continuation lines.")
    result.outputs.append(Output("info", "\n".join(lines)))


def _need_arg(arg: str, src: S.Source, usage: str) -> None:
    if not arg.strip():
        raise LangError("parse", f"this command needs {usage}", S.Span(src, 1, 1, 1, len(src.text) + 1))


def _type(session: Any, arg: str, src: S.Source, start: int, result: RunResult, current: list) -> None:
    _need_arg(arg, src, "an expression, as in `:type a'`")
    value = session.evaluate_expression(src, start)
    result.outputs.append(Output("info", f"{arg.strip()} :: {session.runtime.type_of(value)}"))


def format_doc(doc: Any) -> str:
    """A builtin's documentation: signature, one sentence, an example, the PyTorch equivalent."""
    shown = doc.name if doc.name[:1].isalpha() or doc.name[:1] == "_" else f"({doc.name})"
    command = doc.name.startswith(":")  # a colon command: its usage is the signature
    signature = doc.signature if command or "::" in doc.signature.split("->")[0] else f"{shown} :: {doc.signature}"
    lines = [signature, "", doc.summary]
    if doc.example:
        lines += ["", "Example:", *(f"  {line}" for line in doc.example.split("\n"))]
    if doc.pytorch:
        lines += ["", f"PyTorch: {doc.pytorch}"]
    return "\n".join(lines)


def binding_summary(session: Any, name: str, value: Any) -> str:
    """`name :: type`, and for tensors whether they require grad (and what made them)."""
    runtime = session.runtime
    text = f"{name} :: {runtime.type_of(value)}"
    inner = _tensor_of(value)
    if inner is not None and inner is not value:  # an IndependentTensor: say what it holds
        text += f" {{toDependent :: {runtime.type_of(inner)}}}"
    note = runtime.annotation(value)
    if note:
        text += f"  -- {note}"
    elif _tensor_of(value) is not None:
        text += "  -- no grad"
    return text


@dataclass(frozen=True)
class OperatorDoc:
    """Documentation of an operator the language itself implements (same fields as the builtins' docs)."""

    name: str
    signature: str
    summary: str
    example: str
    pytorch: str


LANGUAGE_OPERATOR_DOCS = {doc.name: doc for doc in (
    OperatorDoc("$", "(a -> b) -> a -> b", "Apply a function; binds loosest, so it saves parentheses.",
                "mean $ a' * 3", "mean(a * 3)"),
    OperatorDoc(".", "(b -> c) -> (a -> b) -> a -> c", "Compose two functions: `(f . g) x` is `f (g x)`.",
                "(relu . negate) x", "lambda x: relu(-x)"),
    OperatorDoc("&&", "Bool -> Bool -> Bool", "Logical and; the right side is evaluated only when needed.",
                "True && False", "a and b"),
    OperatorDoc("||", "Bool -> Bool -> Bool", "Logical or; the right side is evaluated only when needed.",
                "False || True", "a or b"),
    OperatorDoc(":", "a -> [a] -> [a]", "Put an element in front of a list.", "1 : [2, 3]", "[x] + xs"),
    OperatorDoc(">>", "IO a -> IO b -> IO b", "Run one action, then another.", "print 1 >> print 2",
                "f(); g()"),
    OperatorDoc(">>=", "IO a -> (a -> IO b) -> IO b", "Run an action and pass its result on.",
                "randnIO' [2] >>= print", "print(torch.randn(2))"),
    OperatorDoc("<$>", "(a -> b) -> f a -> f b", "Map a function over a list or an IO action's result.",
                "(* 2) <$> [1, 2]", "[f(x) for x in xs]"),
)}


def _all_docs(session: Any) -> dict[str, Any]:
    docs = dict(session.runtime.docs)
    try:
        from gradbook.engine.language.builtins import OPERATOR_DOCS
    except ImportError:  # a runtime without operator docs (test doubles)
        OPERATOR_DOCS = {}
    docs.update(OPERATOR_DOCS)
    docs.update(LANGUAGE_OPERATOR_DOCS)
    return docs


def _doc(session: Any, arg: str, src: S.Source, start: int, result: RunResult, current: list) -> None:
    _need_arg(arg, src, "a name, as in `:doc grad`")
    name = arg.strip()
    span = S.Span(src, 1, start + 1, 1, start + 1 + len(name))
    if len(name) > 2 and name[0] + name[-1] in ("()", "``"):  # `:doc (+)`, `:doc `div``
        name = name[1:-1].strip()
    docs = _all_docs(session)
    if name.startswith(":") and resolve(name[1:]) is not None:  # `:doc :graph`
        result.outputs.append(Output("doc", command_doc(resolve(name[1:]))))
    elif name in docs:
        result.outputs.append(Output("doc", format_doc(docs[name])))
    elif name in session.bindings:
        result.outputs.append(Output("doc", binding_summary(session, name, session.bindings[name])))
    else:
        near = suggest(name, list(docs) + list(session.bindings))
        hint = f"; did you mean `{near}`?" if near else ""
        raise LangError("name", f"no documentation for `{name}`{hint}", span)


def command_doc(name: str) -> str:
    """A colon command's documentation: the longer one for the picture commands, else its :help line."""
    from gradbook.engine.language.pictures.command import COMMAND_DOCS

    if name in COMMAND_DOCS:
        return format_doc(COMMAND_DOCS[name])
    _, usage, summary = COMMANDS[name]
    return f":{name}{(' ' + usage) if usage else ''}\n\n{summary[:1].upper()}{summary[1:]}."


def _browse(session: Any, arg: str, src: S.Source, start: int, result: RunResult, current: list) -> None:
    names = [name for name in session.bindings if name != "it"]
    if not names:
        result.outputs.append(Output("info", "no bindings yet"))
        return
    lines = [binding_summary(session, name, session.bindings[name]) for name in names]
    result.outputs.append(Output("info", "\n".join(lines)))


def _tensor_of(value: Any) -> Any:
    """The Tensor inside a value (itself, or an IndependentTensor's), or None."""
    if hasattr(value, "grad_fn") and hasattr(value, "shape"):
        return value
    inner = getattr(value, "tensor", None)
    if inner is None and type(value).__name__ == "IndependentTensor":
        try:
            from gradbook.engine import to_dependent

            inner = to_dependent(value)
        except Exception:  # noqa: BLE001 - an engine without to_dependent: no tensor to show
            return None
    if inner is not None and hasattr(inner, "grad_fn"):
        return inner
    return None


def _graph(session: Any, arg: str, src: S.Source, start: int, result: RunResult, current: list) -> None:
    from gradbook.engine.language.pictures.command import graph_command

    graph_command(session, arg, src, start, result, current)


def _backprop(session: Any, arg: str, src: S.Source, start: int, result: RunResult, current: list) -> None:
    from gradbook.engine.language.pictures.command import backprop_command

    backprop_command(session, arg, src, start, result, current)


def _files_allowed(session: Any, src: S.Source, command: str) -> None:
    if not session.allow_files:
        raise LangError("value", f"{command} is not available here: this front end does not give access to "
                        "files", S.Span(src, 1, 1, 1, len(src.text) + 1))


def _span_from(src: S.Source, start: int) -> S.Span:
    return S.Span(src, 1, start + 1, 1, len(src.text) + 1)


def load_file(session: Any, path: str, src: S.Source, start: int, result: RunResult, current: list) -> None:
    """Load a file into the session as ghci does: a `.hs` module's declarations become bindings (`main` is
    not run), a literate `.md` loads its `top` blocks and runs its `do`/`eval` blocks, a `.gb` script runs.
    The file must lie in the session's sandbox (files.py): inside its working folder or the folder of the
    lesson loading it."""
    from gradbook.engine.language.files import FileAccessError

    sandbox = session.sandbox
    try:
        real, text = sandbox.read_source(path, ":load")
    except FileAccessError as error:
        raise LangError("value", str(error), _span_from(src, start)) from None
    sandbox.lesson_folders.append(os.path.dirname(real))  # its neighbours may be loaded; it cannot :save
    try:
        session.load_path(path, text.replace("\r\n", "\n"), result, current, fresh=True)
    finally:
        sandbox.lesson_folders.pop()


def _main(session: Any, arg: str, src: S.Source, start: int, result: RunResult, current: list) -> None:
    session.run_main(result, current, S.Span(src, 1, 1, 1, len(src.text) + 1))


def _load(session: Any, arg: str, src: S.Source, start: int, result: RunResult, current: list) -> None:
    _files_allowed(session, src, ":load")
    _need_arg(arg, src, "a file name, as in `:load lesson.gb`")
    load_file(session, arg.strip(), src, start, result, current)


def _reload(session: Any, arg: str, src: S.Source, start: int, result: RunResult, current: list) -> None:
    _files_allowed(session, src, ":reload")
    if session.loaded_path is None:
        raise LangError("value", "nothing to reload: `:load FILE` first", S.Span(src, 1, 1, 1, len(src.text) + 1))
    load_file(session, session.loaded_path, src, start, result, current)


def notebook_json(history: list[str]) -> str:
    """A minimal nbformat 4.5 notebook with one code cell per statement, for the `gradbook` kernel."""
    cells = [{"cell_type": "code", "execution_count": None, "id": f"cell-{index}", "metadata": {},
              "outputs": [], "source": code} for index, code in enumerate(history, 1)]
    notebook = {
        "cells": cells,
        "metadata": {
            "kernelspec": {"display_name": "Gradbook", "language": "gradbook", "name": "gradbook"},
            "language_info": {"name": "gradbook", "file_extension": ".gb", "mimetype": "text/x-gradbook",
                              "codemirror_mode": "haskell", "pygments_lexer": "gradbook"},
        },
        "nbformat": 4,
        "nbformat_minor": 5,
    }
    return json.dumps(notebook, indent=1, ensure_ascii=False) + "\n"


def _save(session: Any, arg: str, src: S.Source, start: int, result: RunResult, current: list,
          replace: bool = False) -> None:
    from gradbook.engine.language.files import FileAccessError

    command = ":save!" if replace else ":save"
    _files_allowed(session, src, command)
    _need_arg(arg, src, "a file name, as in `:save lesson.gb` or `:save lesson.ipynb`")
    path = arg.strip()
    if path.endswith(".ipynb"):
        text = notebook_json(session.history)
    else:
        text = "".join(f"{code}\n" for code in session.history)
    try:
        session.sandbox.write_session(path, text, command, replace)
    except FileAccessError as error:
        raise LangError("value", str(error), _span_from(src, start)) from None
    count = len(session.history)
    result.outputs.append(Output("info", f"saved {count} statement{'s' if count != 1 else ''} to {path}"))


def _save_replacing(session: Any, arg: str, src: S.Source, start: int, result: RunResult, current: list) -> None:
    _save(session, arg, src, start, result, current, replace=True)


def _reset(session: Any, arg: str, src: S.Source, start: int, result: RunResult, current: list) -> None:
    session.reset()
    result.outputs.append(Output("info", "every binding is cleared"))


# Each option's values, the first being its default (Session.options starts from these).
OPTION_VALUES: dict[str, tuple] = {
    "annotations": (True, False),
    "colors": (True, False),
    "summarise": (True, False),
    "graph": ("text", "svg"),  # the REPL also writes :graph and :backprop pictures, and plots, to .svg files
}


def _option_text(value: Any) -> str:
    return ("on" if value else "off") if isinstance(value, bool) else str(value)


def _set(session: Any, arg: str, src: S.Source, start: int, result: RunResult, current: list) -> None:
    words = arg.split()
    if not words:
        shown = ", ".join(f"{key} {_option_text(value)}" for key, value in session.options.items())
        result.outputs.append(Output("info", f"options: {shown}"))
        return
    span = S.Span(src, 1, start + 1, 1, len(src.text) + 1)
    if words[0] == "memory" and len(words) <= 2:
        _set_memory(session, words[1:], span, result)
        return
    choices = {_option_text(value): value for value in OPTION_VALUES.get(words[0], ())}
    if len(words) != 2 or words[0] not in session.options or words[1] not in choices:
        options = " | ".join(f":set {key} {'|'.join(_option_text(v) for v in values)}"
                             for key, values in OPTION_VALUES.items())
        raise LangError("value", f"unknown setting `{arg.strip()}`: expected {options} | :set memory SIZE",
                        span)
    session.options[words[0]] = choices[words[1]]
    session.sync_display()
    result.outputs.append(Output("info", f"{words[0]} {words[1]}"))


def _set_memory(session: Any, words: list[str], span: S.Span, result: RunResult) -> None:
    """`:set memory` shows the session's memory budget; `:set memory 2G` (or `50%`, or `default`) sets it."""
    from gradbook.engine.language import budget
    from gradbook.engine.tensors import memory
    from gradbook.engine.tensors.errors import InvalidValueError

    if words:
        try:
            session.memory_budget = budget.parse(words[0])
        except InvalidValueError as error:
            raise LangError("value", f":set memory: {error}", span) from None
        memory.set_memory_budget(session.memory_budget)
    result.outputs.append(Output("info", budget.describe(session.memory_budget)))


def _quit(session: Any, arg: str, src: S.Source, start: int, result: RunResult, current: list) -> None:
    result.quit = True


Handler = Callable[[Any, str, S.Source, int, RunResult, list], None]

# Order matters for prefixes: the first match wins, as in GHCi.
COMMANDS: dict[str, tuple[Handler, str, str]] = {
    "help": (_help, "", "list the commands"),
    "type": (_type, "EXPR", "the runtime type of an expression, e.g. Tensor Float [2,2]"),
    "doc": (_doc, "NAME", "a builtin's signature, description, example and PyTorch equivalent"),
    "browse": (_browse, "", "every binding with its type, shape, dtype and requires_grad"),
    "graph": (_graph, "EXPR [wrt [a]]", "draw the compute graph of a tensor; with wrt, every node's gradient"),
    "backprop": (_backprop, "EXPR [a]", "the backward pass step by step: upstream gradient, rule, product"),
    "load": (_load, "FILE", "load a .hs program or .md lesson in place of the bindings, or run a .gb script"),
    "reload": (_reload, "", "run the last loaded file again"),
    "main": (_main, "", "run `main` (of a loaded program)"),
    "reset": (_reset, "", "forget every binding"),
    "set": (_set, "OPTION VALUE", "options: annotations, colors, summarise on|off; graph text|svg; memory SIZE"),
    "save": (_save, "FILE", "save the session's lines as a .gb script (or .ipynb notebook); :save! replaces"),
    "quit": (_quit, "", "leave"),
}
ALIASES = {"?": "help", "info": "doc", "i": "doc", "t": "type"}
REPLACING = {"save": _save_replacing}  # `:save! FILE`: the command that may replace a file it did not write


def resolve(word: str) -> str | None:
    """The command a (prefix of a) name means, or None."""
    if word in COMMANDS:
        return word
    if word in ALIASES:
        return ALIASES[word]
    for name in COMMANDS:
        if word and name.startswith(word):
            return name
    return None


def run_command(session: Any, src: S.Source, result: RunResult, current: list) -> None:
    """Run the colon command on the single line `src.text`."""
    line = src.text
    body = line[1:]
    word = body.split(None, 1)[0] if body.strip() else ""
    name = resolve(word)
    handler = COMMANDS[name][0] if name is not None else None
    if name is None and word.endswith("!") and resolve(word[:-1]) in REPLACING:
        name = resolve(word[:-1])
        handler = REPLACING[name]
    if name is None:
        near = suggest(word, COMMANDS) if word else None
        hint = f"; did you mean `:{near}`?" if near else "; `:help` lists them"
        raise LangError("name", f"unknown command `:{word}`{hint}", S.Span(src, 1, 1, 1, len(word) + 2))
    start = 1 + body.find(word) + len(word) if word else 1
    while start < len(line) and line[start] in " \t":
        start += 1
    handler(session, line[start:], src, start, result, current)
