"""The interactive REPL: a prompt_toolkit prompt in front of one `Session`, with injectable input and
output so tests can drive it. It evaluates nothing itself; every line goes to `Session.run`."""
from __future__ import annotations

import os
import sys
from typing import Any, TextIO

from prompt_toolkit import PromptSession
from prompt_toolkit.auto_suggest import AutoSuggestFromHistory
from prompt_toolkit.formatted_text import FormattedText
from prompt_toolkit.history import History
from prompt_toolkit.input import Input
from prompt_toolkit.lexers import DynamicLexer, PygmentsLexer
from prompt_toolkit.output import Output
from prompt_toolkit.shortcuts import CompleteStyle
from prompt_toolkit.styles import Style
from prompt_toolkit.utils import is_dumb_terminal

from gradbook.repl.completer import GradbookCompleter
from gradbook.repl.dumb import read_input
from gradbook.repl.keybindings import make_key_bindings
from gradbook.repl.lexer import GradbookLexer
from gradbook.repl.loader import EngineLoader, EngineLoadError
from gradbook.repl.render import Renderer, terminal_supports_color
from gradbook.repl.terminal import keys_wait_for_the_prompt
from gradbook.repl.validator import input_status

PROMPT = "gradbook> "
CONTINUATION = "gradbook| "
BANNER = "Gradbook: automatic differentiation, Hasktorch style. :help lists commands, Ctrl-D quits."
MAX_READ_FAILURES = 3  # consecutive failures to read input before giving up (a broken terminal)

STYLE = Style.from_dict(
    {
        "prompt": "ansiblue bold",
        "continuation": "ansiblue",
        "bottom-toolbar": "noreverse bg:#303030 #bbbbbb",
    }
)


class Repl:
    """One interactive session. `run()` returns the exit status: 0 on Ctrl-D or `:quit`."""

    def __init__(
        self,
        loader: EngineLoader,
        *,
        input: Input | None = None,
        output: Output | None = None,
        out: TextIO | None = None,
        history: History | None = None,
        color: bool | None = None,
    ) -> None:
        self.loader = loader
        self.out = out if out is not None else sys.stdout
        self.terminal_color = terminal_supports_color(self.out) if color is None else color
        # prompt_toolkit's own test for a dumb terminal; there the REPL reads lines in the terminal's line
        # mode (repl/dumb.py) instead of prompt_toolkit's dumb prompt.
        self.dumb_terminal = input is None and output is None and is_dumb_terminal()
        self.own_terminal = input is None  # reading the real stdin (not a test's pipe input)
        self.stdin = sys.stdin
        self.renderer = Renderer(self.out, self.out, color=self.terminal_color, annotations=True)
        self._lexer = PygmentsLexer(GradbookLexer)
        self.prompt = PromptSession(
            message=self._message,
            multiline=True,
            prompt_continuation=self._continuation,
            key_bindings=make_key_bindings(self.status),
            lexer=DynamicLexer(lambda: self._lexer if self.colors_on() else None),
            completer=GradbookCompleter(self.loader.session),
            complete_while_typing=False,
            complete_style=CompleteStyle.COLUMN,
            auto_suggest=AutoSuggestFromHistory(),
            history=history,
            bottom_toolbar=self._toolbar,
            style=STYLE,
            include_default_pygments_style=True,
            input=input,
            output=output,
        )
        # Terminals that never answer cursor position requests (pseudo-terminals in tests, some CI) would
        # get a warning printed into the session; the prompt works without CPR, so stay quiet.
        self.prompt.app.renderer.cpr_not_supported_callback = None
        # The toolbar says "loading"; redraw it the moment the engine is in.
        previous = loader.on_ready
        loader.on_ready = lambda: (previous and previous(), self._invalidate())

    # --- what the prompt asks -------------------------------------------------------------------------
    def status(self, text: str) -> str:
        """The Enter key's question. The first Enter on code is where the REPL waits for the engine; an
        engine that failed to load answers "invalid", so the line is submitted and the failure shown."""
        return input_status(text, lambda source: self.loader.session().is_complete(source))

    def option(self, name: str, default: Any = True) -> Any:
        session = self._loaded_session()
        if session is None:
            return default
        try:
            value = session.options.get(name, default)
            return bool(value) if isinstance(default, bool) else value
        except Exception:  # noqa: BLE001
            return default

    def columns(self) -> int:
        """The terminal's width in columns (80 when it cannot say)."""
        try:
            if self.dumb_terminal:
                import shutil

                return shutil.get_terminal_size((80, 24)).columns
            return int(self.prompt.app.output.get_size().columns) or 80
        except Exception:  # noqa: BLE001 - a terminal that cannot report its size
            return 80

    def colors_on(self) -> bool:
        return self.terminal_color and self.option("colors")

    # --- the loop -------------------------------------------------------------------------------------
    def run(self) -> int:
        # Start loading the engine only once the first prompt is on screen, so the two never compete for
        # the interpreter; the first Enter (or Tab) starts it anyway if no render has happened.
        def start_loading(_app: Any) -> None:
            self.prompt.app.after_render -= start_loading
            self.loader.start()

        if self.own_terminal:
            self.renderer.note(BANNER)
        if self.dumb_terminal:  # no prompt_toolkit rendering there, and the terminal keeps its line mode
            self.loader.start()
            return self._loop()
        self.prompt.app.after_render += start_loading
        if not self.own_terminal:
            return self._loop()
        with keys_wait_for_the_prompt(self.stdin):
            return self._loop()

    def _loop(self) -> int:
        failures = 0
        while True:
            try:
                text = self.read()
                failures = 0
            except KeyboardInterrupt:
                if self.dumb_terminal:
                    self.out.write("\n")  # the terminal echoed ^C; the next prompt gets its own line
                continue  # Ctrl-C at the prompt clears the line
            except EOFError:
                return 0  # Ctrl-D on an empty line
            except Exception as exc:  # noqa: BLE001 - reading input must never end in a traceback
                failures += 1
                self.renderer.error(f"gradbook: could not read input ({type(exc).__name__}: {exc})")
                if failures >= MAX_READ_FAILURES:
                    return 1
                continue
            if not text.strip():
                continue
            status = self.submit(text)
            if status is not None:
                return status

    def read(self) -> str:
        if not self.dumb_terminal:
            return self.prompt.prompt()
        text = read_input(self.status, self.stdin, self.out, PROMPT, CONTINUATION)
        if text.strip():
            self.prompt.history.append_string(text)  # so Up finds it next time, in a real terminal
        return text

    def submit(self, text: str) -> int | None:
        """Run one input; returns an exit status when the REPL should end, else None."""
        try:
            session = self.loader.session()
        except EngineLoadError as exc:
            self.renderer.error(f"gradbook: the engine failed to load: {exc}")
            return 1
        except KeyboardInterrupt:
            self.renderer.note("Interrupted.")
            return None
        def stream(output: Any) -> None:  # shown as produced: a long program prints as it goes
            self._sync_renderer()
            self.renderer.streamed(output)

        # a plot's chart fills the terminal as it is now (it may have been resized), less one column: a line
        # that reaches the last column makes some terminals wrap
        session.width = self.columns() - 1
        try:
            result = session.run(text, on_output=stream)
        except KeyboardInterrupt:  # Session turns these into reports; this catches the gap around it
            self.renderer.note("Interrupted.")
            return None
        except Exception as exc:  # noqa: BLE001 - a Session bug is reported, and the session goes on
            self.renderer.error(f"internal error: {type(exc).__name__}: {exc} (please report this bug)")
            return None
        self._sync_renderer()
        try:
            self.renderer.finish(result)
        except KeyboardInterrupt:
            self.renderer.note("Interrupted.")
        return 0 if result.quit else None

    def _sync_renderer(self) -> None:
        """The renderer follows the session's options (`:set colors off` applies to what comes next)."""
        self.renderer.color = self.colors_on()
        self.renderer.annotations = self.option("annotations")
        self.renderer.picture_dir = os.getcwd() if self.option("graph", "text") == "svg" else None

    # --- decorations ----------------------------------------------------------------------------------
    def _message(self) -> Any:
        return FormattedText([("class:prompt", PROMPT)]) if self.colors_on() else PROMPT

    def _continuation(self, width: int, line_number: int, wrap_count: int) -> Any:
        text = CONTINUATION.rjust(width)
        return FormattedText([("class:continuation", text)]) if self.colors_on() else text

    def _toolbar(self) -> Any:
        session = self._loaded_session()
        if not self.loader.ready:
            state = "loading the engine…"
        elif session is None:
            state = "the engine failed to load"
        else:
            try:
                count = len(session.bindings)
            except Exception:  # noqa: BLE001
                count = 0
            state = f"{count} binding{'s' if count != 1 else ''}"
        keys = "Tab complete · Alt-Enter new line · :help · Ctrl-D quit"
        # The version comes from the engine package once the loader has imported it (never imported here).
        version = getattr(sys.modules.get("gradbook.engine"), "__version__", "")
        return FormattedText([("class:bottom-toolbar", f" gradbook {version} │ {state} │ {keys} ")])

    def _loaded_session(self) -> Any:
        if not self.loader.ready or self.loader.failed:
            return None
        return self.loader.session()

    def _invalidate(self) -> None:
        app = self.prompt.app
        if app.is_running:
            app.invalidate()
