"""`Session`: the one place where the language runs. The REPL, the Jupyter kernel and batch mode all call
`run`, `is_complete`, `complete` and `inspect` and nothing else (see results.py for what comes back).

A run is split into code chunks and colon-command lines; each statement of a chunk is parsed, run and
committed on its own, so an error leaves every earlier binding (and earlier statement) intact. Consecutive
declarations (`f x = ...` without `let`, signatures) form one recursive group, bound when the group ends; a
program file (`module M where`, a `.hs` file, a literate lesson's `top` blocks) is parsed whole and all of its
declarations are one group.
"""
from __future__ import annotations

import os
import re
import sys
from collections import OrderedDict
from types import MappingProxyType
from typing import Any, Callable, Iterator, Mapping

from gradbook.engine.language import datatypes, syntax as S
from gradbook.engine.language.commands import COMMANDS, OPTION_VALUES, binding_summary, format_doc, run_command
from gradbook.engine.language import files as _files
from gradbook.engine.language.diagnostics import LangError, ParseError, kind_of, render, report
from gradbook.engine.tensors.errors import GradbookError
from gradbook.engine.language.evalthread import run_deep
from gradbook.engine.language.evaluator import Env, Evaluator, Runtime, describe, load_runtime
from gradbook.engine.language.parser import Parser, parse_expression
from gradbook.engine.language.parser import group_bindings
from gradbook.engine.language.results import Completeness, Completions, ErrorReport, Output, RunResult, \
    StreamedOutputs
from gradbook.engine.language.toplevel import TopLevel
from gradbook.engine.language.values import Drawing, IOAction, reset_stdout_sink, set_stdout_sink
from gradbook.engine.tensors import memory as _memory
from gradbook.engine.tensors.interrupts import deferred

MAX_SOURCE_CHARS = 2_000_000  # one run; longer input is refused (kind "limit")
PARSE_CACHE_SIZE = 256  # parsed statements kept per Session, for cells and lines that are run again
PARSE_CACHE_MAX_CHARS = 20_000
INTERRUPTED = "interrupted; every earlier binding is kept"
KEYWORDS = ("let", "in", "if", "then", "else", "case", "of", "do", "where", "otherwise", "import")
_WORD = re.compile(r"[A-Za-z_][A-Za-z0-9_']*")
_new_tuple = tuple.__new__  # a Source per run, without the named tuple's Python-level __new__


class Session:
    """One user's state: bindings, history and options, plus the language to change them."""

    def __init__(self, name: str = "<cell>", allow_files: bool = False, root: str | None = None) -> None:
        self.name = name
        self.allow_files = allow_files
        self.root = root  # the working folder files are confined to (None: the current folder at first use)
        self._sandbox: _files.Sandbox | None = None
        self.memory_budget: int | None = None  # `:set memory`; None: the engine's default
        self.options: dict[str, Any] = {name: values[0] for name, values in OPTION_VALUES.items()}
        self.width = 80  # columns of a shown picture's text (a plot's chart); the REPL sets its terminal's
        self.history: list[str] = []
        self.top = TopLevel()
        self._runtime: Runtime | None = None
        self._evaluator: Evaluator | None = None
        self.loaded_path: str | None = None  # for `:reload`
        self._loaded_modules: set[str] = set()  # sibling modules already loaded (absolute paths)
        self._folders: list[str] = []  # folder of each module being loaded, innermost last: where imports look
        self._files: list[str] = []
        self._parsed: OrderedDict[tuple, list] = OrderedDict()
        self._types: datatypes.TypeEnv | None = None  # data types, classes, instances (datatypes.py)

    # ------------------------------------------------------------------------------------- accessors
    @property
    def runtime(self) -> Runtime:
        if self._runtime is None:
            with deferred():  # an import cut short by Ctrl-C would leave Numba's registries half-made
                self._runtime = load_runtime()
        return self._runtime

    @property
    def evaluator(self) -> Evaluator:
        if self._evaluator is None:
            self._evaluator = Evaluator(self.runtime)
        return self._evaluator

    @property
    def sandbox(self) -> _files.Sandbox | None:
        """Where this session may read and write files (see files.py), or None without file access."""
        if not self.allow_files:
            return None
        root = self.root if self.root is not None else (self._sandbox.root if self._sandbox else _cwd())
        if self._sandbox is None or self._sandbox.root != os.path.realpath(root):
            self._sandbox = _files.Sandbox(root)
        return self._sandbox

    @property
    def types(self) -> datatypes.TypeEnv:
        if self._types is None:
            self._types = datatypes.new_session_types()
        return self._types

    @property
    def _globals(self) -> dict[str, Any]:
        return self.top.names

    @property
    def bindings(self) -> Mapping[str, Any]:
        return MappingProxyType(self.top.names)

    def builtin_names(self) -> list[str]:
        return sorted(self.runtime.builtins)

    def command_names(self) -> list[str]:
        return [f":{name}" for name in COMMANDS]

    def sync_display(self) -> None:
        """Make the display follow this session's `:set summarise` (a flag of the display module, which is
        loaded with the runtime: before that there is nothing to show)."""
        display = sys.modules.get("gradbook.engine.language.display.tensor")
        if display is not None and display._summarising[0] != self.options.get("summarise", True):
            display.set_summarise(self.options.get("summarise", True))

    def reset(self) -> None:
        """Forget every binding and the history (`:reset`); options stay."""
        self.top = TopLevel()
        self._types = None
        self.history = []

    # ------------------------------------------------------------------------------------------- run
    def run(self, source: str, name: str | None = None, first_line: int = 1,
            on_output: Callable[[Output], None] | None = None) -> RunResult:
        """Run every statement and colon command of `source`; stop at the first error. `on_output`, if given,
        receives each Output the moment it is produced (they are also in the result, in the same order)."""
        result = RunResult() if on_output is None else RunResult(StreamedOutputs(on_output))
        source_name = name or self.name
        if "\r" in source:  # Windows line ends (a pasted cell, a file): columns and lines stay the same
            source = source.replace("\r\n", "\n").replace("\r", "\n")
        if source[:1] == "\ufeff":  # a byte-order mark (a cell pasted from a file saved by Notepad, a pipe)
            source = source[1:]
        return self._guarded(result, source, source_name, first_line,
                             lambda current: self._run_source(source, source_name, first_line, result, current))

    def run_file(self, path: str, text: str, run_main: bool = False,
                 on_output: Callable[[Output], None] | None = None) -> RunResult:
        """Run a file's text as `gradbook run` and `:load` do: a `.hs` program is loaded as a module (and
        `main` run when `run_main`), a literate `.md` loads its `top` blocks and runs its `do`/`eval` blocks,
        anything else runs as a script."""
        result = RunResult() if on_output is None else RunResult(StreamedOutputs(on_output))
        text = text.replace("\r\n", "\n")
        return self._guarded(result, text, path, 1,
                             lambda current: self.load_path(path, text, result, current, run_main))

    def load_path(self, path: str, text: str, result: RunResult, current: list, run_main: bool = False,
                  fresh: bool = False) -> None:
        """`fresh` (`:load`, `:reload`): a module or lesson replaces the session's bindings, as ghci's `:load`
        does; if its module code fails to load, the session keeps the bindings it had (a `.gb` script runs
        on top of them, as ghci's `:script`)."""
        from gradbook.engine.language.literate import blocks_of, is_markdown, top_blocks

        self.loaded_path = path
        fresh = fresh and (is_markdown(path) or is_haskell(path))
        before = (self.top, self._types, self._loaded_modules)
        if fresh:
            self._use_bindings((TopLevel(), datatypes.new_session_types(), set()))
        if is_markdown(path):
            tops = [(block.code, block.first_line) for block in top_blocks(text)]
            if tops:
                self._load_replacing(tops, path, current, before if fresh else None)
            for block in blocks_of(text):
                self.run_segments(block.code, path, block.first_line, result, current)
                if result.quit:
                    return
        elif is_haskell(path):
            self._loaded_modules = {os.path.abspath(path)}
            current[0] = S.Span(S.Source(path, text, 1), 1, 1, 1, 2)
            self._load_replacing([(text, 1)], path, current, before if fresh else None)
            if run_main:
                self.run_main(result, current, current[0])
        else:
            self.run_segments(text, path, 1, result, current)

    def _load_replacing(self, pieces: list, path: str, current: list, before: tuple | None) -> None:
        """`load_module`; if it fails, the bindings `before` it (when given) come back."""
        try:
            self.load_module(pieces, path, current)
        except BaseException:
            if before is not None:
                self._use_bindings(before)
            raise

    def _use_bindings(self, state: tuple) -> None:
        """Make (top level, types, loaded modules) the session's, its types the run's from here on (the run
        restores the types it started with when it ends)."""
        self.top, self._types, self._loaded_modules = state
        datatypes.use_types(self.types)

    def _run_source(self, source: str, source_name: str, first_line: int, result: RunResult,
                    current: list) -> None:
        if len(source) > MAX_SOURCE_CHARS:
            raise LangError("limit", f"input of {len(source)} characters is longer than the limit "
                            f"of {MAX_SOURCE_CHARS}", None)
        self.run_segments(source, source_name, first_line, result, current)

    def _guarded(self, result: RunResult, source: str, source_name: str, first_line: int,
                 work: Callable[[list], None]) -> RunResult:
        """Do `work` with print output routed into `result`; every error becomes `result.error`. The work is
        done on an evaluation thread with a deep stack (evalthread.py), which a Ctrl-C in this thread reaches."""
        def interrupted() -> RunResult:  # an interrupt that landed before (or just as) the work started
            result.error = self._error_at("interrupt", INTERRUPTED, [None], source_name, source, first_line)
            return result

        return run_deep(lambda: self._guarded_here(result, source, source_name, first_line, work), interrupted)

    def _guarded_here(self, result: RunResult, source: str, source_name: str, first_line: int,
                      work: Callable[[list], None]) -> RunResult:
        outputs = result.outputs

        def sink(text: str) -> None:
            outputs.append(Output("stdout", text))  # one Output per write, in order with shown values

        current: list[Any] = [None]  # the statement running, to place interrupts and internal errors
        try:
            token = set_stdout_sink(sink)  # print/putStrLn land in this run's outputs, in order
            files_token = _files.set_current(self.sandbox if self.allow_files else None)
            types_token = datatypes.use_types(self._types or self.types)  # instances are per Session
            self.sync_display()
            if _memory._budget != (self.memory_budget or _memory._default):
                _memory.set_memory_budget(self.memory_budget)
            try:
                work(current)
            finally:
                _files.reset_current(files_token)
                datatypes.restore_types(types_token)
                reset_stdout_sink(token)
        except LangError as error:
            if error.kind == "limit" and "memory cap" in error.message:
                # the engine's refusal, from whichever path it came, names the budget as `:set memory` does
                from gradbook.engine.language.builtins.registry import language_words

                error.message = language_words(error.message)
            result.error = report(error, S.Source(source_name, source, first_line))
        except KeyboardInterrupt:
            result.error = self._error_at("interrupt", INTERRUPTED, current, source_name, source, first_line)
        except RecursionError:
            result.error = self._error_at("limit", "recursion too deep: does a recursive function lack a base "
                                          "case?", current, source_name, source, first_line)
        except MemoryError:
            result.error = self._error_at("limit", "out of memory", current, source_name, source, first_line)
        except Exception as error:  # noqa: BLE001 - anything else is a Gradbook bug, reported, never raised
            result.error = self._error_at("internal", f"internal error ({type(error).__name__}: {error}); this is "
                                          "a bug in Gradbook, please report it", current, source_name, source,
                                          first_line)
        return result

    def run_segments(self, source: str, source_name: str, first_line: int, result: RunResult,
                     current: list) -> None:
        """Run code chunks and colon commands in order (also used by `:load`); raises on the first error."""
        if "\n" not in source and source[:1] != ":":  # the common single line, without the segment walk
            if source.strip():
                self._run_code(_new_tuple(S.Source, (source_name, source, first_line)), result, current)
            return
        for kind, text, offset in split_segments(source):
            src = S.Source(source_name, text, first_line + offset)
            if kind == "command":
                current[0] = S.Span(src, 1, 1, 1, len(text) + 1)
                run_command(self, src, result, current)
                if result.quit:
                    return
            elif kind == "open-block":
                raise ParseError("`:{` is not closed by a `:}` line", S.Span(src, 1, 1, 1, 3), at_end=True)
            else:
                self._run_code(src, result, current)

    @staticmethod
    def _error_at(kind: str, message: str, current: list, name: str, source: str, first_line: int) -> ErrorReport:
        """An error with no span of its own, placed at the statement or command that was running."""
        return render(kind, message, current[0], S.Source(name, source, first_line))

    def _run_code(self, source: S.Source, result: RunResult, current: list) -> None:
        text = source.text
        lines = text.split("\n") if "\n" in text else None  # for the history, of a chunk of several lines
        # Statements are parsed one at a time (each runs before the next is parsed); a chunk parsed in full
        # before is served from a small cache, since cells and lines are often run again.
        key = (source.name, source.first_line, text)
        parsed = self._parsed
        statements: Any = parsed.get(key)
        done: list | None = None
        if statements is not None:
            parsed.move_to_end(key)
        else:
            statements = Parser(source).statements()
            done = []
        group: list = []  # consecutive declarations, bound together when the group ends
        try:
            for statement in statements:
                if done is not None:
                    done.append(statement)
                kind = type(statement)
                span = statement.span
                entry = text if lines is None else "\n".join(lines[span.line - 1: span.end_line])
                if kind is S.ModuleHeader:
                    # A whole module in one chunk (a notebook cell): all of it is one group.
                    rest = list(statements)
                    if done is not None:
                        done.extend(rest)
                    group.extend(rest)
                    self.history.append(text)
                    break
                if kind is S.DeclStmt or kind is S.SignatureStmt or kind in S.TYPE_DECLARATIONS:
                    group.append(statement)
                    self.history.append(entry)
                    continue
                if group:
                    self.bind_declarations(group, current)
                    group = []
                current[0] = span
                self.execute(statement, result)
                self.history.append(entry)
        finally:
            if group:
                self.bind_declarations(group, current)
        if done is not None:
            self._remember_parse(source, done)

    def bind_declarations(self, statements: list, current: list) -> None:
        """Bind the declarations of a module or of a run of top-level equations as one recursive group
        (imports run first); anything else is refused, as GHC refuses an expression at a module's top."""
        items: list = []
        declarations: list = []  # data, type, class, instance, deriving: before and after the bindings
        for statement in statements:
            kind = type(statement)
            current[0] = statement.span
            if kind is S.ImportStmt:
                self.import_module(statement)
            elif kind is S.DeclStmt:
                items.extend(statement.bindings)
            elif kind is S.SignatureStmt:
                items.append(statement)
            elif kind in S.TYPE_DECLARATIONS:
                declarations.append(statement)
            elif kind is not S.ModuleHeader:
                what = "an expression" if kind is S.ExprStmt else "a statement"
                raise LangError("parse", f"a module holds declarations only; this is {what}: run it from "
                                "`main = do ...`", statement.span)
        # One frame for the whole group: types, classes and instances are declared first (whatever order the
        # module wrote them in), so the group's values may use them as they are bound (a do block decides its
        # monad from its first action), and method bodies see the group's functions; committed at the end.
        frame: dict = {}
        env = Env(frame, self.top.env)
        self.declare(declarations, frame, env, current)
        self.bind_group(items, frame, env)
        self.top.commit(frame)

    def declare(self, declarations: list, frame: dict, env: Env, current: list) -> None:
        order = (S.TypeDecl, S.ClassDecl, S.DataDecl, S.InstanceDecl)  # a deriving clause may name a class below
        for declaration in sorted(declarations, key=lambda d: order.index(type(d))):
            current[0] = declaration.span
            datatypes.declare(self.evaluator, declaration, frame, env)

    def bind_group(self, items: list, frame: dict, env: Env) -> None:
        """The bindings and signatures of a module or run of top-level equations, as one recursive group."""
        if not items:
            return
        if not any(type(item) is not S.SignatureStmt for item in items):
            for item in items:  # a lone signature (the equation comes in the next input) is accepted
                self.top.signatures.update((name, item.type) for name in item.names)
            return
        bindings = group_bindings(items, items[0].span)
        if self.top.signatures:
            bindings = tuple(b._replace(signature=self.top.signatures.pop(b.name)) if type(b) is S.FunBind and
                             b.signature is None and b.name in self.top.signatures else b for b in bindings)
        self.evaluator.bind_all(bindings, frame, env, force=True)  # as TopLevel.bind, in the shared frame

    def import_module(self, statement: S.ImportStmt) -> None:
        """A library module sets its alias; any other is a sibling file, loaded once."""
        from gradbook.engine.language.modules import is_library, module_file

        module = statement.module
        evaluator = self.evaluator
        if is_library(module):
            evaluator.aliases[statement.alias or module] = module
            return
        folder = self._folders[-1] if self._folders else None
        path = module_file(module, folder) if folder is not None and self.allow_files else None
        if path is None:
            where = f" and there is no {module.replace('.', '/')}.hs beside {self._files[-1]}" if self._files else ""
            raise LangError("name", f"unknown module `{module}`: it is not one of the modules Gradbook has built "
                            f"in (Torch, Torch.Functional, Control.Monad, Data.List, ...){where}", statement.span)
        evaluator.aliases[statement.alias or module] = module
        path = os.path.abspath(path)
        if path not in self._loaded_modules:
            self._loaded_modules.add(path)
            self.load_module_file(path, [statement.span])

    def load_module_file(self, path: str, current: list) -> None:
        """Load a sibling Haskell source file as a module (inside the sandbox): its declarations become
        bindings (nothing runs)."""
        from gradbook.engine.language.files import FileAccessError

        try:
            real, text = self.sandbox.read_source(path, "import")
        except FileAccessError as error:
            raise LangError("value", str(error), current[0]) from None
        self.load_module([(text.replace("\r\n", "\n"), 1)], path, current)

    def load_module(self, pieces: list, name: str, current: list) -> None:
        """Parse every piece (text, first line) of one module, then bind all its declarations as one group:
        a file, or a literate lesson's `top` blocks. A parse error anywhere loads nothing, as in GHC."""
        statements: list = []
        for text, first_line in pieces:
            parser = Parser(S.Source(name, text, first_line))
            parser.module_mode = True
            statements.extend(parser.statements())
        self._folders.append(os.path.dirname(os.path.abspath(name)))
        self._files.append(name)
        try:
            self.bind_declarations(statements, current)
        finally:
            self._folders.pop()
            self._files.pop()

    def run_main(self, result: RunResult, current: list, span: S.Span | None = None) -> None:
        """Run `main`, as runghc and ghci's `:main` do."""
        main = self.top.names.get("main")
        if main is None:
            raise LangError("name", "the IO action `main` is not defined", span)
        if isinstance(main, IOAction):
            self.evaluator.run_io(main, span)
        else:
            raise LangError("type", f"`main` must be an IO action such as `main = do ...`; it is {describe(main)}",
                            span)

    def _remember_parse(self, source: S.Source, statements: list) -> None:
        """Keep the statements of a chunk parsed in full, for the next run of the same text at the same place."""
        if len(source.text) <= PARSE_CACHE_MAX_CHARS:
            parsed = self._parsed
            parsed[(source.name, source.first_line, source.text)] = statements
            if len(parsed) > PARSE_CACHE_SIZE:
                parsed.popitem(last=False)

    def execute(self, statement: Any, result: RunResult) -> None:
        """Run one statement; its bindings are committed only when it succeeds."""
        kind = type(statement)
        evaluator = self._evaluator or self.evaluator
        top = self.top
        if kind is S.LetStmt or kind is S.DeclStmt:
            top.bind(evaluator, statement.bindings)
        elif kind is S.ExprStmt:
            value = evaluator.eval(statement.expr, top.env)
            if isinstance(value, IOAction):
                value = evaluator.run_io(value, statement.expr.span)
            if isinstance(value, tuple) and not value:
                return
            try:
                shown = self.show(value)
            except GradbookError as error:  # an infinite or too long lazy list, or a text beyond the memory budget
                raise LangError(kind_of(error), str(error), statement.expr.span) from None
            result.outputs.append(shown)
            top.set_it(value)
        elif kind is S.BindStmt:
            value = evaluator.eval(statement.expr, top.env)
            if not isinstance(value, IOAction):
                raise LangError("type", f"`<-` runs an IO action such as `makeIndependent t`; this is "
                                f"{describe(value)}: use `let` to name a plain value", statement.expr.span)
            value = evaluator.run_io(value, statement.expr.span)
            frame: dict = {}
            evaluator.bind_pattern(statement.pattern, value, frame)
            top.commit(frame)
        elif kind is S.ImportStmt:
            self.import_module(statement)
        elif kind is S.SignatureStmt:
            top.signatures.update((name, statement.type) for name in statement.names)

    def show(self, value: Any) -> Output:
        runtime = self.runtime
        text = value.text(self.width) if isinstance(value, Drawing) else runtime.show(value)
        note = runtime.annotation(value) if self.options.get("annotations", True) else None
        return Output("value", text, note, value)

    def evaluate_expression(self, source: S.Source, start: int = 0) -> Any:
        """Parse `source.text[start:]` as one expression and evaluate it without running IO or binding
        anything (`:type`, `:graph`)."""
        expr = parse_expression(source, start)
        token = datatypes.use_types(self.types)
        try:
            return self.evaluator.eval(expr, self.top.env)
        finally:
            datatypes.restore_types(token)

    # ------------------------------------------------------------------------------------ front ends
    def is_complete(self, source: str) -> Completeness:
        """"incomplete" when more lines would make sense (open bracket, trailing operator, `let x =`,
        an open `:{` or `{-`), "invalid" for a real syntax error, else "complete"."""
        source = source.replace("\r\n", "\n")
        try:
            for kind, text, offset in split_segments(source):
                if kind == "open-block":
                    return "incomplete"
                if kind == "code":
                    # Parsed with the place `run(source)` would give it, and kept: the REPL asks this on Enter
                    # and then runs the very same text, which then skips a second parse.
                    chunk = _new_tuple(S.Source, (self.name, text, 1 + offset))
                    self._remember_parse(chunk, Parser(chunk).parse_program())
        except ParseError as error:
            return "incomplete" if error.at_end else "invalid"
        except LangError:
            return "invalid"
        except RecursionError:
            return "invalid"
        return "complete"

    def complete(self, source: str, cursor: int) -> Completions:
        """Names (builtins, bindings, keywords) or colon commands matching the word before the cursor."""
        cursor = max(0, min(cursor, len(source)))
        line_start = source.rfind("\n", 0, cursor) + 1
        line = source[line_start:cursor]
        if line.startswith(":") and " " not in line:
            matches = [name for name in self.command_names() if name.startswith(line)]
            return Completions(sorted(matches), line_start, cursor)
        if line.startswith(":") and self.allow_files and re.match(r":(l|lo|loa|load|sa|sav|save)\s", line):
            return self._complete_path(line, cursor)
        start = cursor
        while start > line_start and (source[start - 1].isalnum() or source[start - 1] in "_'"):
            start -= 1
        prefix = source[start:cursor]
        if not prefix or not (prefix[0].isalpha() or prefix[0] == "_"):
            return Completions([], cursor, cursor)
        names = set(self._globals) | set(self.runtime.builtins) | set(KEYWORDS)
        return Completions(sorted(n for n in names if n.startswith(prefix)), start, cursor)

    def _complete_path(self, line: str, cursor: int) -> Completions:
        """File names for `:load`/`:save`, from the sandbox's folders only (files.py): completion shows
        nothing of the host that the commands could not reach."""
        import glob

        word = line.split(None, 1)[1] if len(line.split(None, 1)) > 1 else ""
        sandbox = self.sandbox
        if sandbox is None or "\0" in word:
            return Completions([], cursor, cursor)
        matches = []
        for found in glob.glob(glob.escape(os.path.join(sandbox.root, os.path.expanduser(word))) + "*"):
            try:
                real = sandbox.resolve(found, ":load")
            except _files.FileAccessError:
                continue
            shown = word + found[len(os.path.join(sandbox.root, os.path.expanduser(word))):]
            matches.append(shown + ("/" if os.path.isdir(real) else ""))
        return Completions(sorted(matches), cursor - len(word), cursor)

    def inspect(self, source: str, cursor: int) -> str | None:
        """The builtin's documentation, or a binding's type/shape/dtype/requires_grad, for the name at the
        cursor (or just before it)."""
        cursor = max(0, min(cursor, len(source)))
        for match in _WORD.finditer(source):
            if match.start() <= cursor <= match.end():
                return self.describe_name(match.group())
        return None

    def describe_name(self, name: str) -> str | None:
        if name in self._globals:
            return binding_summary(self, name, self._globals[name])
        doc = self.runtime.docs.get(name)
        if doc is not None:
            return format_doc(doc)
        return None


def _cwd() -> str:
    try:
        return os.getcwd()
    except OSError:  # the folder was deleted under us: nothing is reachable
        return os.path.join(os.sep, "nonexistent-working-folder")

def is_haskell(path: str) -> bool:
    return path.lower().endswith((".hs", ".lhs"))


def split_segments(source: str) -> Iterator[tuple[str, str, int]]:
    """Split a run into ("code", text, line offset), ("command", line, offset) and, for a `:{` never closed,
    ("open-block", text, offset). Lines of a `:{ ... :}` block are code; the marker lines become blank lines
    so line numbers stay true."""
    if "\n" not in source and not source.startswith(":"):  # the common single line, without the walk
        if source.strip():
            yield "code", source, 0
        return
    lines = source.split("\n")
    chunk: list[str] = []
    chunk_start = 0
    in_block = False
    block_start = 0
    for index, line in enumerate(lines):
        stripped = line.strip()
        if in_block:
            if stripped == ":}":
                in_block = False
                chunk.append("")
            else:
                chunk.append(line)
            continue
        if stripped == ":{":
            if not chunk:
                chunk_start = index
            in_block, block_start = True, index
            chunk.append("")
            continue
        if line.startswith(":"):
            if any(part.strip() for part in chunk):
                yield "code", "\n".join(chunk), chunk_start
            chunk = []
            yield "command", line.rstrip(), index
            chunk_start = index + 1
            continue
        if not chunk:
            chunk_start = index
        chunk.append(line)
    if in_block:
        yield "open-block", lines[block_start], block_start
        return
    if any(part.strip() for part in chunk):
        yield "code", "\n".join(chunk), chunk_start
