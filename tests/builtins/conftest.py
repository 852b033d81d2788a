"""Fixtures of the builtins tests; `gb_builtin_helpers` (beside this file) holds the plain helpers."""
from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import pytest

sys.path.insert(0, str(Path(__file__).parent))

from gb_builtin_helpers import call  # noqa: E402


@pytest.fixture
def independent() -> Any:
    """`a <- makeIndependent (ones' [2, 2])`."""
    return call("makeIndependent", call("ones'", [2, 2])).run()
