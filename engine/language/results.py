"""What `Session` hands to the front ends: shown values, errors with their place, completions.

The REPL and the Jupyter kernel use nothing but these types and `Session`'s four methods
(`run`, `is_complete`, `complete`, `inspect`), so both stay thin adapters.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Literal

OutputKind = Literal["value", "stdout", "info", "doc", "picture"]
Completeness = Literal["complete", "incomplete", "invalid"]


@dataclass(frozen=True)
class Output:
    """One thing a statement showed, in the order it was shown.

    kind: "value"  - an expression statement's shown value (`text` is the exact Hasktorch/GHCi text);
          "stdout" - what `print`/`putStrLn` wrote (`text` ends with its newline);
          "info"   - a colon command's answer (`:type`, `:browse`, `:graph`, `:help`, ...);
          "doc"    - a builtin's documentation from `:doc` (the kernel sends it as a pager payload);
          "picture" - a drawing (`:graph`, `:backprop`): `text` is its terminal rendering, `value` a
                     `Picture` with the SVG (and HTML) that front ends able to show images use instead.
    annotation: for values that take part in differentiation, e.g. "requires_grad · grad_fn=mul";
                front ends show it beside the text (dimmed), never inside it; batch mode omits it.
    value: the runtime value itself (a Tensor, IndependentTensor, list, ...) for rich displays.
    """

    kind: OutputKind
    text: str
    annotation: str | None = None
    value: Any = None


@dataclass(frozen=True)
class Picture:
    """A drawing for front ends that show images: `svg` is a self-contained SVG document (no script, no
    network), `html` an optional richer HTML form (e.g. a step-by-step view built without script), `name`
    a short file-name stem for a front end that writes it to a file (`graph`, `backprop`)."""

    svg: str
    html: str | None = None
    name: str = "picture"


@dataclass(frozen=True)
class ErrorReport:
    """A user-caused error, placed in the source.

    `rendered` is the one true rendering, e.g.
        <cell>:2:9: error: cannot add shapes [2,3] and [4]
          let z = x + y
                  ^^^^^
        expected: ...
    `line`/`col` are 1-based (col counts code points); `end_col` is exclusive. `kind` is one of
    "parse", "name", "type", "shape", "dtype", "autograd", "value", "limit", "check" (a failed
    `gradCheck`/`checkGrad`), "interrupt", "internal".
    """

    kind: str
    message: str
    source_name: str
    line: int
    col: int
    end_col: int
    rendered: str


class StreamedOutputs(list):
    """A RunResult's outputs that also hand each new Output to a front end the moment it is added (printing
    as a program runs, not at the end)."""

    def __init__(self, on_output: Any) -> None:
        super().__init__()
        self.on_output = on_output

    def append(self, output: Output) -> None:  # type: ignore[override]
        super().append(output)
        self.on_output(output)


@dataclass
class RunResult:
    """Everything one `Session.run` call produced. Statements before an error keep their effects."""

    outputs: list[Output] = field(default_factory=list)
    error: ErrorReport | None = None
    quit: bool = False  # `:quit` was run: the front end should end the session

    @property
    def ok(self) -> bool:
        return self.error is None


@dataclass(frozen=True)
class Completions:
    """Candidates for the word under the cursor: replace source[start:end] (code points) by a match."""

    matches: list[str]
    start: int
    end: int


def valid_text(text: str) -> str:
    """`text` as it can be written or sent as UTF-8: a surrogate pair (`"\\55357\\56832"`, an emoji written
    as UTF-16) becomes its character, a lone surrogate U+FFFD (Unicode's replacement character). Every front
    end writes output through this, so `putStrLn "\\55296"` prints instead of failing."""
    try:
        text.encode("utf-8")
        return text
    except UnicodeEncodeError:
        return text.encode("utf-16-le", "surrogatepass").decode("utf-16-le", "replace")


def write_text(stream: Any, text: str) -> None:
    """Write output text to a front end's stream: valid UTF-8 (see valid_text), and on a terminal whose
    encoding cannot hold a character (`·` under LANG=C) that character degraded rather than a crash."""
    text = valid_text(text)
    try:
        stream.write(text)
    except UnicodeEncodeError:
        encoding = getattr(stream, "encoding", None) or "ascii"
        stream.write(text.encode(encoding, "replace").decode(encoding))
