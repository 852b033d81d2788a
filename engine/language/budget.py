"""The session language's side of the memory budget (the engine counts live tensors, memory.py): `:set
memory SIZE` and its description, and the approximate bounds on what the language itself builds, lists
and strings and shown text, checked against what is left of the same budget before they are built.
Python lists and strings cannot carry weak references, so they are bounded as they are made, not counted
while they live."""
from __future__ import annotations

import os

from gradbook.engine.tensors import limits, memory

LIST_SLOT = 8  # bytes per element of a list (a pointer; the elements are shared, not copied)
LIST_HEADER = 56
STRING_HEADER = 49
VALUE_BYTES = 64  # per element of a tensor turned into Python values: a list slot, a number object, a copy


def check_list(what: str, count: int) -> None:
    """AllocationError if a list of `count` elements would not fit in what is left of the budget."""
    nbytes = count * LIST_SLOT + LIST_HEADER
    if nbytes > memory._cap:
        memory.check_bytes(nbytes, what, f"a list of {count} elements")


def check_string(what: str, count: int) -> None:
    """AllocationError if a string of `count` characters (about a byte each) would not fit."""
    if count + STRING_HEADER > memory._cap:
        memory.check_bytes(count + STRING_HEADER, what, f"a string of {count} characters")


def check_values(what: str, count: int) -> None:
    """AllocationError if `count` tensor elements turned into a list of values would not fit."""
    nbytes = count * VALUE_BYTES
    if nbytes > memory._cap:
        memory.check_bytes(nbytes, what, f"a list of {count} values")


def check_text(what: str, nbytes: int, thing: str) -> None:
    """AllocationError if `thing`, about `nbytes` long, would not fit (a text being built)."""
    if nbytes > memory._cap:
        memory.check_bytes(nbytes, what, thing)


def describe(session_budget: int | None) -> str:
    """The `:set memory` text: the budget, what live tensors hold, and where the default comes from."""
    limit, source = limits.memory_limit()
    budget = memory.memory_budget()
    share = int(memory.DEFAULT_FRACTION * 100)
    default = f"the default: {share}% of the {memory.human_bytes(limit)} of {source}"
    setting = os.environ.get(memory.ENV, "").strip()
    if session_budget is not None:
        origin = "set with :set memory"
    elif setting:
        try:
            memory.parse_size(setting, limit)
            origin = f"from {memory.ENV}={setting}"
        except memory.InvalidValueError:
            origin = f"{default}; {memory.ENV}={setting!r} is not a size such as 2G, 512M or 50%"
    else:
        origin = default
    held = memory.human_bytes(memory.live_bytes())
    return (f"memory {memory.human_bytes(budget)} ({origin}); live tensors hold {held}; "
            "`:set memory 4G` (or 50%, or default) changes it")


def parse(text: str) -> int | None:
    """The bytes `:set memory TEXT` asks for (None for `default`); InvalidValueError if unreadable."""
    if text.strip().lower() == "default":
        return None
    return memory.parse_size(text, limits.memory_limit()[0])
