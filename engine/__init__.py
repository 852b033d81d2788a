"""Gradbook's engine: tensors, reverse-mode autograd and the session language shared by the front ends.

Import it as `gradbook.engine` (after `pip install -e .`); the public names are listed in `__all__`.
"""
if __name__ != "gradbook.engine":  # pragma: no cover - guard against `import engine` from the repo root
    raise ImportError(
        "Gradbook's engine was imported as a bare top-level package. "
        "Install the project (`python -m pip install -e .`) and import `gradbook.engine`."
    )

from gradbook.engine.tensors.errors import (  # noqa: E402
    AllocationError,
    ArgumentError,
    AutogradError,
    DTypeError,
    GradbookError,
    InvalidValueError,
    ShapeError,
)

from gradbook.engine.tensors.autograd import grad, make_independent, requires_grad, to_dependent  # noqa: E402
from gradbook.engine.tensors.dtypes import Bool, Double, DType, Float, Int64, dtype_of_numpy  # noqa: E402
from gradbook.engine.tensors.factories import (  # noqa: E402
    arange, bernoulli, eye, full, linspace, ones, ones_like, rand, randint, randn, randperm, tensor, zeros,
    zeros_like,
)
from gradbook.engine.tensors.memory import (  # noqa: E402
    live_bytes, memory_budget, memory_cap, set_memory_budget, set_memory_cap)
from gradbook.engine.tensors.ops import *  # noqa: E402,F401,F403
from gradbook.engine.tensors.ops import OP_NAMES  # noqa: E402
from gradbook.engine.tensors.random import Generator, manual_seed  # noqa: E402
from gradbook.engine.tensors.tensor import IndependentTensor, Tensor  # noqa: E402

__version__ = "0.1.0"

__all__ = [
    "Tensor", "IndependentTensor", "DType", "Float", "Double", "Int64", "Bool", "dtype_of_numpy",
    "tensor", "ones", "zeros", "full", "ones_like", "zeros_like", "eye", "arange", "linspace", "rand",
    "randn", "randint", "randperm", "bernoulli", "Generator", "manual_seed", "make_independent", "to_dependent", "requires_grad", "grad",
    "set_memory_cap", "memory_cap", "set_memory_budget", "memory_budget", "live_bytes", "sign", "where",
    "sum_dims", "permute",
    "GradbookError", "ShapeError", "DTypeError", "AutogradError", "AllocationError", "InvalidValueError",
    "ArgumentError", *OP_NAMES,
]


def _guard_public_functions() -> None:
    """Wrap every exported function so only the engine's error types escape (see ops_base.boundary)."""
    from gradbook.engine.tensors.ops_base import boundary

    namespace = globals()
    for name in __all__:
        obj = namespace[name]
        if callable(obj) and not isinstance(obj, type) and not hasattr(obj, "__wrapped_engine_function__"):
            namespace[name] = boundary(obj)


_guard_public_functions()


def __getattr__(name: str):
    """`from gradbook.engine import Session` works, without loading the language for engine-only users."""
    if name == "Session":
        from gradbook.engine.language.session import Session

        return Session
    raise AttributeError(f"module 'gradbook.engine' has no attribute {name!r}")
