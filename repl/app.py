"""The interactive REPL: a prompt_toolkit prompt in front of one `Session`, with injectable input and
output so tests can drive it. It evaluates nothing itself; every line goes to `Session.run`."""
from __future__ import annotations

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
from gradbook.repl.keybindings import make_key_bindings
from gradbook.repl.lexer import GradbookLexer
from gradbook.repl.loader import EngineLoader, EngineLoadError
from gradbook.repl.render import Renderer, terminal_supports_color
from gradbook.repl.validator import input_status

PROMPT = "gradbook> "
CONTINUATION = "gradbook| "
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
        # The test prompt_toolkit applies before using its minimal prompt for dumb terminals.
        self.dumb_terminal = output is None and is_dumb_terminal()
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
        # The toolbar says "loading"; redraw it the moment the engine is in.
        previous = loader.on_ready
        loader.on_ready = lambda: (previous and previous(), self._invalidate())

    # --- what the prompt asks -------------------------------------------------------------------------
    def status(self, text: str) -> str:
        """The Enter key's question. The first Enter on code is where the REPL waits for the engine; an
        engine that failed to load answers "invalid", so the line is submitted and the failure shown."""
        return input_status(text, lambda source: self.loader.session().is_complete(source))

    def option(self, name: str, default: bool = True) -> bool:
        session = self._loaded_session()
        if session is None:
            return default
        try:
            return bool(session.options.get(name, default))
        except Exception:  # noqa: BLE001
            return default

    def colors_on(self) -> bool:
        return self.terminal_color and self.option("colors")

    # --- the loop -------------------------------------------------------------------------------------
    def run(self) -> int:
        # Start loading the engine only once the first prompt is on screen, so the two never compete for
        # the interpreter; the first Enter (or Tab) starts it anyway if no render has happened.
        def start_loading(_app: Any) -> None:
            self.prompt.app.after_render -= start_loading
            self.loader.start()

        if self.dumb_terminal:  # prompt_toolkit's dumb prompt is another app that never renders this one
            self.loader.start()
        else:
            self.prompt.app.after_render += start_loading
        failures = 0
        while True:
            try:
                text = self.prompt.prompt()
                failures = 0
            except KeyboardInterrupt:
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
        try:
            result = session.run(text)
        except KeyboardInterrupt:  # Session turns these into reports; this catches the gap around it
            self.renderer.note("Interrupted.")
            return None
        except Exception as exc:  # noqa: BLE001 - a Session bug is reported, and the session goes on
            self.renderer.error(f"internal error: {type(exc).__name__}: {exc} (please report this bug)")
            return None
        self.renderer.color = self.colors_on()
        self.renderer.annotations = self.option("annotations")
        try:
            self.renderer.result(result)
        except KeyboardInterrupt:
            self.renderer.note("Interrupted.")
        return 0 if result.quit else None

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
