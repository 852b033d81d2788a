"""The REPL's keys: Enter runs complete input and continues incomplete input (asking the Session, via
`validator`), Alt-Enter always starts a new line, Tab indents at the start of a line and completes
elsewhere. Ctrl-C and Ctrl-D keep prompt_toolkit's meaning (clear the line / exit on an empty line)."""
from __future__ import annotations

from typing import Callable

from prompt_toolkit.enums import DEFAULT_BUFFER
from prompt_toolkit.filters import Condition, has_completions, has_focus
from prompt_toolkit.key_binding import KeyBindings, KeyPressEvent

from gradbook.repl.validator import INDENT_STEP, continuation_indent, ends_with_blank_lines, in_block


def make_key_bindings(status: Callable[[str], str]) -> KeyBindings:
    """`status(text)` answers "complete" / "incomplete" / "invalid" for the whole input so far."""
    bindings = KeyBindings()
    default_focused = has_focus(DEFAULT_BUFFER)

    @Condition
    def completion_selected() -> bool:
        from prompt_toolkit.application.current import get_app

        state = get_app().current_buffer.complete_state
        return state is not None and state.current_completion is not None

    @bindings.add("enter", filter=default_focused & has_completions & completion_selected)
    def _accept_completion(event: KeyPressEvent) -> None:
        buffer = event.current_buffer
        buffer.apply_completion(buffer.complete_state.current_completion)

    @bindings.add("enter", filter=default_focused & ~(has_completions & completion_selected))
    def _enter(event: KeyPressEvent) -> None:
        buffer = event.current_buffer
        text = buffer.text
        verdict = status(text)
        # Two empty continuation lines run the input anyway, so an unfinishable line never traps the user
        # (the Session then explains what is missing); inside `:{` only `:}` ends the block.
        give_up = ends_with_blank_lines(text) and not in_block(text)
        if verdict == "incomplete" and not give_up:
            buffer.insert_text("\n" + continuation_indent(buffer.document.text_before_cursor))
            return
        buffer.validate_and_handle()

    @bindings.add("escape", "enter", filter=default_focused)
    def _newline(event: KeyPressEvent) -> None:
        buffer = event.current_buffer
        buffer.insert_text("\n" + continuation_indent(buffer.document.text_before_cursor))

    @Condition
    def at_line_start() -> bool:
        from prompt_toolkit.application.current import get_app

        before = get_app().current_buffer.document.current_line_before_cursor
        return not before.strip()

    @bindings.add("tab", filter=default_focused & at_line_start & ~has_completions)
    def _indent(event: KeyPressEvent) -> None:
        event.current_buffer.insert_text(INDENT_STEP)

    return bindings
