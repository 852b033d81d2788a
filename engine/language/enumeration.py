"""Ranges as GHC's Enum instances make them: `[a..]`, `[a, b..]`, `[a..c]`, `[a, b..c]` for Integer, Int,
Double, Float and Char. Fractional ranges run to `c + step/2` with elements `a + k * step` (GHC's
numericEnumFromThenTo), so `[1, 1.5 .. 3]` is [1.0,1.5,2.0,2.5,3.0] and `[1 .. 3.5]` ends at 4.0. A range
without an end, or longer than the evaluator's eager limit, is a LazyList.
"""
from __future__ import annotations

import itertools
import math
from typing import Any

import numpy as np

from gradbook.engine.language.lazy import LazyList
from gradbook.engine.tensors.errors import InvalidValueError
from gradbook.engine.language.values import Char, Int, char, wrap_int

MAX_CODE = 0x10FFFF


def enumeration(start: Any, then: Any, end: Any, eager_limit: int) -> Any:
    """The range's elements: a list (a str for Chars) up to `eager_limit` elements, else a LazyList."""
    if type(start) is Char or type(then) is Char or type(end) is Char:
        return _chars(start, then, end)
    values = [v for v in (start, then, end) if v is not None]
    if all(isinstance(v, (int, np.integer)) for v in values):
        return _integral(values, start, then, end, eager_limit)
    return _fractional(values, start, then, end, eager_limit)


def _size_text(count: int) -> str:
    return str(count) if count < 10**30 else f"about 10^{int(count.bit_length() * 0.30103)}"


def _integral(values: list, start: int, then: Any, end: Any, eager_limit: int) -> Any:
    as_int = any(type(v) is Int for v in values)
    start = int(start)
    step = int(then) - start if then is not None else 1
    make = wrap_int if as_int else int
    if end is None:
        if as_int:  # an Int range stops at maxBound / minBound
            end = 2**63 - 1 if step >= 0 else -(2**63)
        else:
            counter = itertools.count(start, step)
            return LazyList(map(make, counter), True, "this range")
    end = int(end)
    if step == 0:
        if end >= start:
            return LazyList(itertools.repeat(make(start)), True, "this range")
        return []
    count = max(0, (end - start) // step + 1)
    if count <= eager_limit:
        return [make(start + k * step) for k in range(count)]
    items = (make(start + k * step) for k in itertools.count())
    return LazyList(itertools.islice(items, count) if count < 2**62 else _bounded(items, count), False,
                    f"this range (of {_size_text(count)} elements)", count)


def _bounded(items: Any, count: int) -> Any:
    for index, item in enumerate(items):
        if index >= count:
            return
        yield item


def _fractional(values: list, start: Any, then: Any, end: Any, eager_limit: int) -> Any:
    single = any(isinstance(v, np.float32) for v in values)
    kind = np.float32 if single else float

    def number(v: Any) -> Any:
        if isinstance(v, int):
            try:
                return kind(v)
            except OverflowError:
                return kind(math.inf if v > 0 else -math.inf)
        return kind(v)

    with np.errstate(all="ignore"):
        first = number(start)
        step = number(then) - first if then is not None else kind(1)
        if end is None:
            return LazyList((kind(first + kind(k) * step) for k in itertools.count()), True, "this range")
        limit = number(end) + step / kind(2)
    ascending = step >= 0

    def items() -> Any:
        with np.errstate(all="ignore"):
            for k in itertools.count():
                x = kind(first + kind(k) * step)
                if (x > limit) if ascending else (x < limit):
                    return
                yield x

    endless = math.isinf(limit) and (limit > 0) == ascending or step == 0 or math.isnan(float(step))
    if endless and not math.isnan(float(limit)):
        if math.isnan(float(step)) or (step == 0 and not ((first <= limit) if ascending else (first >= limit))):
            return []
        return LazyList(items(), True, "this range")
    if math.isnan(float(limit)) or math.isnan(float(first)):
        return []
    estimate = (float(limit) - float(first)) / float(step) if step != 0 else 0.0
    if estimate < eager_limit:
        return list(items())
    return LazyList(items(), False, f"this range (of about {estimate:.3g} elements)", estimate)


def _chars(start: Any, then: Any, end: Any) -> str:
    for v in (start, then, end):
        if v is not None and type(v) is not Char:
            raise InvalidValueError("a range of Chars needs Chars at both ends, as in ['a' .. 'z']")
    first = ord(start)
    step = ord(then) - first if then is not None else 1
    last = ord(end) if end is not None else (MAX_CODE if step >= 0 else 0)
    if step == 0:
        if last >= first:
            return LazyList(itertools.repeat(start), True, "this range")  # type: ignore[return-value]
        return ""
    codes = range(first, last + (1 if step > 0 else -1), step)
    if len(codes) > 2_000_000:
        return LazyList((char(chr(c)) for c in codes), False, "this range")  # type: ignore[return-value]
    return "".join(chr(c) for c in codes)


def list_view(value: Any, most: int) -> Any:
    """A String or lazy list as a Python list of at most `most` elements, for a list pattern such as `[a, b]`
    (enough to tell a length mismatch); any other value unchanged."""
    if type(value) is str:
        return [char(c) for c in value[:most]]
    if isinstance(value, LazyList):
        return list(itertools.islice(value, most))
    return value


_FLOATS = (float, np.float32)
_INTEGERS = (int, Int)


def unify_numbers(items: list) -> list:
    """A list literal's numbers in one type, as GHC types `[1, 2.5]` as [Double]: integers beside a Double
    (or Float) become that, Integers beside an Int become Ints. Other lists are returned as they are."""
    kinds = set(map(type, items))
    if len(kinds) < 2:
        return items
    if kinds <= {int, Int}:
        return [wrap_int(x) for x in items]
    floats = kinds & {float, np.float32}
    if not floats or not kinds & {int, Int} or not kinds <= {int, Int, float, np.float32}:
        return items
    kind = np.float32 if np.float32 in floats else float
    out = []
    for x in items:
        if type(x) in _INTEGERS:
            try:
                x = kind(x)
            except OverflowError:
                x = kind(math.inf if x > 0 else -math.inf)
        out.append(x)
    return out
