"""Every public engine function documents itself with a small example, and the examples run."""
from __future__ import annotations

import doctest
import inspect

import pytest

import gradbook.engine as E
import sys

from gradbook.engine.tensors import (autograd, composites, dtypes, factories, memory, primitives,
                                     primitives_reduce, primitives_shape, random)

# (the package attribute `tensor` is the factory function, so the module comes from sys.modules)
MODULES = [primitives, primitives_shape, primitives_reduce, composites, factories, autograd, memory, random, dtypes,
           sys.modules["gradbook.engine.tensors.tensor"]]


@pytest.mark.parametrize("module", MODULES, ids=lambda m: m.__name__.rsplit(".", 1)[-1])
def test_docstring_examples_run(module):
    finder = doctest.DocTestFinder()
    runner = doctest.DocTestRunner(optionflags=doctest.ELLIPSIS)
    globs = {**vars(E), **vars(module)}  # the engine API plus the module's own helpers
    tests = [t for t in finder.find(module, globs=globs) if t.examples]
    for t in tests:
        t.globs = dict(globs)
        runner.run(t)
    result = runner.summarize(verbose=False)
    assert result.failed == 0
    assert tests, f"{module.__name__} has no examples"


def test_every_public_function_has_an_example():
    missing = []
    for name in E.__all__:
        obj = getattr(E, name)
        if inspect.isfunction(obj) or inspect.isbuiltin(obj):
            doc = inspect.getdoc(obj) or ""
            if ">>>" not in doc:
                missing.append(name)
    assert missing == []
