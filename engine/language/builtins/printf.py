"""Text.Printf: `printf` and `hPrintf` as GHC's print them (`%d %i %f %e %g %s %c %x %X %o %%`, widths,
precisions and the `- + 0 space` flags; `%f` without a precision prints every digit `show` would, as GHC's
does). `printf "..." args` takes as many arguments as its format asks for and gives a Printf value: an IO
action that prints, which is also its String (`printf ... :: String`, `putStrLn (printf ...)`)."""
from __future__ import annotations

import math
import re
import sys
from typing import Any

import numpy as np

from gradbook.engine.language.builtins import args
from gradbook.engine.language.builtins.registry import Table
from gradbook.engine.language.display import show_int
from gradbook.engine.language.display.ghc import DOUBLE, FLOAT, format_real_float
from gradbook.engine.tensors.errors import ArgumentError
from gradbook.engine.language.values import UNIT, BuiltinFunction, Char, Data, IOAction, emit_stdout

TABLE = Table()
_SPEC = re.compile(r"%([-+ 0#]*)(\d+)?(?:\.(\d*))?([a-zA-Z%])")
STDOUT, STDERR = Data("stdout", (), "Handle"), Data("stderr", (), "Handle")
TABLE.value("stdout", STDOUT, "Handle", "The standard output, for `hPrintf` and `hPutStrLn`.",
            "hPutStrLn stdout \"hi\"", "sys.stdout")
TABLE.value("stderr", STDERR, "Handle", "The standard error, for `hPrintf` and `hPutStrLn`.",
            "hPutStrLn stderr \"oops\"", "sys.stderr")


class Printf(IOAction):
    """What `printf` gives once it has all its arguments: run, it prints `text`; as a String, it is `text`."""

    def __init__(self, text: str, write: Any) -> None:
        object.__setattr__(self, "name", "printf")
        object.__setattr__(self, "run", lambda: (write(text), UNIT)[1])
        object.__setattr__(self, "text", text)


def _count(fmt: str) -> int:
    return sum(1 for m in _SPEC.finditer(fmt) if m.group(4) != "%")


def format_text(fmt: str, values: list) -> str:
    """The formatted String, as GHC's `printf` makes it; errors name the directive and the argument."""
    out, pos, index = [], 0, 0
    for m in _SPEC.finditer(fmt):
        out.append(fmt[pos:m.start()])
        pos = m.end()
        flags, width, precision, conv = m.group(1), m.group(2), m.group(3), m.group(4)
        if conv == "%":
            out.append("%")
            continue
        value = values[index]
        index += 1
        decimals = None if precision is None else int(precision or "0")
        body, sign = _convert(conv, value, decimals, m.group(0))
        out.append(_pad(body, sign, flags, int(width) if width else 0, conv))
    tail = fmt[pos:]
    if "%" in tail:
        raise ArgumentError(f"printf: bad formatting directive in {tail!r}")
    out.append(tail)
    return "".join(out)


def _convert(conv: str, value: Any, decimals: int | None, directive: str) -> tuple[str, str]:
    """(digits or text, sign) for one directive."""
    if conv in "dioxXbu":
        if isinstance(value, (bool, np.bool_)) or not isinstance(value, (int, np.integer)):
            raise _bad(directive, value, "an integral number")
        n = int(value)
        sign = "-" if n < 0 else ""
        magnitude = abs(n)
        text = {"x": f"{magnitude:x}", "X": f"{magnitude:X}", "o": f"{magnitude:o}", "b": f"{magnitude:b}"}.get(
            conv) or show_int(magnitude)
        if decimals is not None:
            text = text.rjust(decimals, "0")
        return text, sign
    if conv in "feEgG":
        if isinstance(value, (bool, np.bool_)) or not isinstance(value, (int, float, np.integer, np.floating)):
            raise _bad(directive, value, "a number")
        kind = FLOAT if isinstance(value, np.float32) else DOUBLE
        x = float(value) if not isinstance(value, int) else _to_double(value)
        if math.isnan(x):
            return "NaN", ""
        sign = "-" if x < 0 or (x == 0 and math.copysign(1.0, x) < 0) else ""
        if math.isinf(x):
            return "Infinity", sign
        text = format_real_float(abs(x), conv.lower(), decimals, kind)
        return (text.upper() if conv in "EG" else text), sign
    if conv == "s":
        if isinstance(value, str) and type(value) is not Char:
            text = value
        elif type(value) is list and all(type(c) is Char for c in value):
            text = "".join(value)
        elif isinstance(value, Printf):
            text = value.text
        else:
            raise _bad(directive, value, "a String (use `show x` for other values)")
        return (text[:decimals] if decimals is not None else text), ""
    if conv == "c":
        if type(value) is not Char:
            raise _bad(directive, value, "a Char")
        return str(value), ""
    raise ArgumentError(f"printf: bad formatting char {conv!r} in `{directive}`")


def _to_double(n: int) -> float:
    try:
        return float(n)
    except OverflowError:
        return math.inf if n > 0 else -math.inf


def _bad(directive: str, value: Any, expected: str) -> ArgumentError:
    return ArgumentError(f"printf: `{directive}` formats {expected}; got {args.describe(value)}")


def _pad(body: str, sign: str, flags: str, width: int, conv: str) -> str:
    if not sign and conv in "dieEfgG":
        sign = "+" if "+" in flags else " " if " " in flags else ""
    text = sign + body
    if len(text) >= width:
        return text
    if "-" in flags:
        return text.ljust(width)
    if "0" in flags and conv not in "sc" and body[:1].isdigit():
        return sign + body.rjust(width - len(sign), "0")
    return text.rjust(width)


def _writer(handle: Any) -> Any:
    if handle is STDERR:
        return lambda text: (sys.stderr.write(text), sys.stderr.flush())
    return emit_stdout


def _printf(name: str, fmt: Any, write: Any) -> Any:
    if not isinstance(fmt, str) or type(fmt) is Char:
        raise args.fail(name, "a format String", 1 if name == "printf" else 2, fmt, "")
    count = _count(fmt)
    if count == 0:
        return Printf(format_text(fmt, []), write)

    def finish(*values: Any) -> Printf:
        return Printf(format_text(fmt, list(values)), write)

    return BuiltinFunction(name, count, finish)


@TABLE.fn("printf", "PrintfType r => String -> r", "Formatted output as C's printf and GHC's Text.Printf: "
          "`%d %f %.4f %6d %05.4f %s %e %g %c %%`; as many arguments follow as the format asks for.",
          "printf \"%d items at %.2f\\n\" 3 (1.5 :: Double)", "print('%d items at %.2f' % (3, 1.5))")
def printf(fmt: Any) -> Any:
    return _printf("printf", fmt, emit_stdout)


@TABLE.fn("hPrintf", "HPrintfType r => Handle -> String -> r", "`printf` to a handle: `stdout` or `stderr`.",
          "hPrintf stdout \"%s\\n\" \"to stdout\"", "print(..., file=sys.stderr)")
def h_printf(handle: Any, fmt: Any) -> Any:
    if handle is not STDOUT and handle is not STDERR:
        raise args.fail("hPrintf", "a Handle (`stdout` or `stderr`)", 1, handle, "")
    return _printf("hPrintf", fmt, _writer(handle))


@TABLE.fn("hPutStrLn", "Handle -> String -> IO ()", "An action writing a String and a newline to a handle.",
          "hPutStrLn stdout \"hi\"", "print(s, file=handle)")
def h_put_str_ln(handle: Any, text: Any) -> IOAction:
    if handle is not STDOUT and handle is not STDERR:
        raise args.fail("hPutStrLn", "a Handle (`stdout` or `stderr`)", 1, handle, "")
    if not isinstance(text, str) or type(text) is Char:
        raise args.fail("hPutStrLn", "a String", 2, text, "")
    write = _writer(handle)
    return IOAction("hPutStrLn", lambda: (write(text + "\n"), UNIT)[1])
