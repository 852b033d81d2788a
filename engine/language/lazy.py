"""Lazy lists: `[0..]`, `repeat`, `iterate`, `cycle`, and the lists `map`, `zip`, `filter`, `takeWhile`
make from them. A LazyList pulls elements from a Python iterator only as far as someone looks, and keeps
what it pulled (a list is a value: looking twice gives the same elements).

The builtins that can stop early (`take`, `takeWhile`, `zip`, `!!`, `head`, a comprehension's generator)
walk it; every other consumer calls `force`, which refuses a list known to be infinite at once and stops a
list that only turns out too long at FORCE_LIMIT elements, with a located error either way (never a hang:
the walk is plain Python, so Ctrl-C stops it too).
"""
from __future__ import annotations

import itertools
from typing import Any, Callable, Iterable, Iterator

from gradbook.engine.tensors.errors import AllocationError

FORCE_LIMIT = 2_000_000  # elements a lazy list may grow to (seconds of walking); past it the walk is refused


class LazyList:
    """A list whose elements are computed on demand. `infinite` is True when it is known never to end."""

    __slots__ = ("_done", "_source", "infinite", "what", "size", "_base", "_offset")

    def __init__(self, source: Iterator, infinite: bool, what: str, size: float | None = None) -> None:
        self._done: list = []
        self._source: Iterator | None = source
        self.infinite = infinite
        self.what = what
        self.size = size  # the number of elements when known in advance (a long range), else None
        self._base: list | None = None  # set by `tail_of`: this list is base[_offset:], read in place
        self._offset = 0

    def _fill(self, index: int) -> bool:
        """Pull elements until `index` exists; False if the list ends before it."""
        done = self._done
        source = self._source
        while len(done) <= index:
            if source is None:
                return False
            try:
                done.append(next(source))
            except StopIteration:
                self._source = None
                return False
            if not len(done) & 0xFFFF:  # every 65536 elements: the kept elements count against the budget
                if len(done) > FORCE_LIMIT:
                    raise AllocationError(f"{self.what} grew past {FORCE_LIMIT} elements and has not ended")
                from gradbook.engine.language import budget

                budget.check_list(f"the list {self.what}", len(done))
        return True

    def item(self, index: int) -> Any:
        """The element at `index`; IndexError past the end."""
        if index < len(self._done) or self._fill(index):
            return self._done[index]
        raise IndexError(index)

    def is_empty(self) -> bool:
        return not (self._done or self._fill(0))

    def __iter__(self) -> Iterator:
        index = 0
        done = self._done
        while True:
            if index < len(done) or self._fill(index):
                yield done[index]
                index += 1
            else:
                return

    def drop(self, count: int) -> "LazyList":
        if self._base is not None:
            return tail_of(self._base, self._offset + count)
        return LazyList(itertools.islice(iter(self), count, None), self.infinite, self.what)

    def force(self, fn: str) -> list:
        """Every element, as a list; an infinite list is refused, naming the builtin that asked."""
        if self.infinite:
            raise AllocationError(f"{fn}: {self.what} is an infinite list; take a finite part first, "
                                  "e.g. `take 10 xs` or `takeWhile (< 100) xs`")
        if self.size is not None and self.size > FORCE_LIMIT:
            raise AllocationError(f"{fn}: {self.what} is longer than the limit of {FORCE_LIMIT} elements; "
                                  "take a part first, e.g. `take 10 xs`")
        self._fill(FORCE_LIMIT + 1)
        return self._done

    def __repr__(self) -> str:
        return f"<LazyList {self.what}>"


def lazy(items: Iterable, infinite: bool, what: str) -> LazyList:
    return LazyList(iter(items), infinite, what)


def lazy_map(fn: Callable[[Any], Any], source: LazyList, what: str = "") -> LazyList:
    return LazyList(map(fn, source), source.infinite, what or source.what)


def tail_of(base: list, offset: int) -> LazyList:
    """`base[offset:]` without copying it: the tail a `(x:xs)` pattern binds when it walks a long list, so a
    recursion down n elements holds O(n) memory, not the O(n^2) of a copied slice per level. A builtin given
    such a tail gets it as a plain list (`plain_tail`), so only patterns and user functions see the view."""
    view = LazyList(map(base.__getitem__, range(offset, len(base))), False, "the list", len(base) - offset)
    view._base = base
    view._offset = offset
    return view


def plain_tail(value: Any) -> Any:
    """A `tail_of` view as the plain list it stands for; any other value as it is."""
    if type(value) is LazyList and value._base is not None:
        return value._base[value._offset:]
    return value
