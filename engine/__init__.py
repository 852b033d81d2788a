"""Gradbook's engine: tensors, reverse-mode autograd and the session language shared by the front ends.

Import it as `gradbook.engine` (after `pip install -e .`); the public names are listed in `__all__`.
"""
if __name__ != "gradbook.engine":  # pragma: no cover - guard against `import engine` from the repo root
    raise ImportError(
        "Gradbook's engine was imported as a bare top-level package. "
        "Install the project (`python -m pip install -e .`) and import `gradbook.engine`."
    )

from gradbook.engine.errors import (  # noqa: E402
    AllocationError,
    ArgumentError,
    AutogradError,
    DTypeError,
    GradbookError,
    InvalidValueError,
    ShapeError,
)

__version__ = "0.1.0"
