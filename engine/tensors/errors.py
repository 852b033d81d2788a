"""The engine's error types: every mistake a user can make surfaces as one of these, never as a bare
Python exception. The session language wraps them with a source span before showing them."""


class GradbookError(Exception):
    """Base of every error a user can cause; anything else escaping the engine is a bug."""


class ShapeError(GradbookError):
    """Shapes that do not fit an op, e.g. `matmul: cannot multiply [2,3] by [4,5]`."""


class DTypeError(GradbookError):
    """A dtype an op does not accept; the message lists the dtypes it does accept."""


class AutogradError(GradbookError):
    """Misuse of `grad`/`make_independent`; the message says what to do instead."""


class AllocationError(GradbookError):
    """A tensor larger than the configured memory cap, refused before any memory is taken."""


class InvalidValueError(GradbookError):
    """A bad argument value (a negative size, a dim out of range, an empty list where one is needed)."""




class CheckFailed(GradbookError):
    """A gradient check that found a difference (`gradCheck`, `checkGrad`): says where, and by how much."""


class ArgumentError(GradbookError):
    """A builtin given an argument of the wrong kind, e.g. `grad expects a list of independent tensors`."""
