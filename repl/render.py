"""How a `RunResult` is written out: shown values, their dimmed annotations, command answers and errors
(red on a terminal). Shared by the interactive REPL, the piped reader and the tutorial player."""
from __future__ import annotations

import os
from dataclasses import dataclass
from typing import Any, TextIO

DIM = "\x1b[2m"
RED = "\x1b[31m"
BOLD = "\x1b[1m"
RESET = "\x1b[0m"


def paint(text: str, style: str, color: bool) -> str:
    """Wrap each line in `style` separately, so a colour never leaks into the next line or the prompt."""
    if not color or not text:
        return text
    return "\n".join(f"{style}{line}{RESET}" if line else line for line in text.split("\n"))


@dataclass
class Renderer:
    """Writes results to `out` and errors to `err` (the same stream in the interactive REPL).

    color: ANSI colours (dim annotations, red errors); annotations: show `requires_grad · grad_fn=...`
    lines under values. Plain mode (pipes, files) turns both off so stdout equals `gradbook run`'s."""

    out: TextIO
    err: TextIO
    color: bool = False
    annotations: bool = False
    picture_dir: str | None = None  # `:set graph svg`: write each picture's SVG to a file in this folder
    write_failed: OSError | None = None  # see streamed

    def result(self, result: Any) -> None:
        for output in result.outputs:
            self.output(output)
        self.finish(result)

    def streamed(self, output: Any) -> None:
        """One output the moment the Session produces it (a program prints as it goes). When the output
        cannot be written (a closed pipe, a full disk) the run is stopped and the error kept in
        `write_failed`, for the caller to raise once `Session.run` has returned."""
        try:
            self.output(output)
            self.out.flush()
        except OSError as error:
            self.write_failed = error
            raise KeyboardInterrupt from None  # stops the run where it is; Session reports it as an interrupt

    def finish(self, result: Any) -> None:
        """After a run whose outputs were `streamed`: its error, if any."""
        if result.error is not None:
            self.error(result.error.rendered)
        self.out.flush()
        if self.err is not self.out:
            self.err.flush()

    def output(self, output: Any) -> None:
        if output.kind == "stdout":
            _write(self.out, output.text)  # print/putStrLn text already ends with its newline
            return
        _write(self.out, output.text + "\n")  # as `gradbook run` writes it, so piped output is identical
        if self.picture_dir is not None:
            picture = _picture_of(output)
            if picture is not None:
                self.note(save_picture(picture, self.picture_dir))
        if self.annotations and output.annotation:
            _write(self.out, paint(output.annotation, DIM, self.color) + "\n")

    def error(self, text: str) -> None:
        if self.err is not self.out:
            self.out.flush()  # keep stdout and stderr in order on a shared terminal
        _write(self.err, _line(paint(text.rstrip("\n"), RED, self.color)))
        self.err.flush()

    def note(self, text: str) -> None:
        """A message from the REPL itself (not from the Session), dimmed."""
        _write(self.out, _line(paint(text, DIM, self.color)))
        self.out.flush()


def _picture_of(output: Any) -> Any:
    """What `:set graph svg` writes for an output: a command's picture, or a shown plot's (drawn only now, so
    Matplotlib is imported only when the user asked for files), else None."""
    if output.kind == "picture":
        return output.value
    draw = getattr(output.value, "picture", None) if output.kind == "value" else None
    return draw() if callable(draw) else None


def save_picture(picture: Any, folder: str) -> str:
    """Write a picture's SVG to the first free `NAME-N.svg` in `folder`; returns what to tell the user."""
    for number in range(1, 10_000):
        path = os.path.abspath(os.path.join(folder, f"{picture.name}-{number}.svg"))
        try:
            with open(path, "x", encoding="utf-8") as handle:
                handle.write(picture.svg)
        except FileExistsError:
            continue
        except OSError as error:
            return f"could not write the picture to {path}: {error.strerror or error}"
        return f"picture written to {path} (open it in a web browser)"
    return f"could not write the picture: {folder} already holds {picture.name}-1 to -9999.svg"


def _write(stream: TextIO, text: str) -> None:
    try:
        stream.write(text)
    except UnicodeEncodeError:  # a surrogate, or a terminal without UTF-8: the engine's one repair
        from gradbook.engine.language.results import write_text

        write_text(stream, text)


def _line(text: str) -> str:
    return text if text.endswith("\n") else text + "\n"


def terminal_supports_color(stream: Any) -> bool:
    """Colour on a terminal, unless it is a dumb one or the user set NO_COLOR (https://no-color.org)."""
    if os.environ.get("NO_COLOR") or os.environ.get("TERM", "") in ("dumb", "unknown"):
        return False
    try:
        return bool(stream.isatty())
    except Exception:  # noqa: BLE001
        return False
