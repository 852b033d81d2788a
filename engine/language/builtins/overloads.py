"""Names that Prelude (or Data.List) and Hasktorch's Torch both export, as a program importing both sees
them: one name dispatching on its first argument's runtime type. `exp 1.0` is a Double, `exp t` a Tensor;
`max 1 2` is Prelude's, `max t` Torch's reduction; `any even xs` Prelude's, `any t` Torch's.

`VARIANTS` keeps each side so a qualified name can pick one (`P.exp` is Prelude's `exp` whatever the
argument, `T.exp` Torch's); `module_namespaces` says which modules mean which side.
"""
from __future__ import annotations

from typing import Any, Callable

from gradbook.engine.language.builtins.registry import BuiltinDoc, builtin_function
from gradbook.engine.tensors.tensor import IndependentTensor, Tensor
from gradbook.engine.language.values import Function

# name -> (Prelude's signature, what Prelude's form does); the Torch side keeps its own doc entry's text.
_PRELUDE_SIDE = {
    "exp": ("Floating a => a -> a", "e to the power of a number"),
    "log": ("Floating a => a -> a", "the natural logarithm of a number"),
    "sqrt": ("Floating a => a -> a", "the square root of a number"),
    "sin": ("Floating a => a -> a", "the sine of a number"),
    "cos": ("Floating a => a -> a", "the cosine of a number"),
    "tanh": ("Floating a => a -> a", "the hyperbolic tangent of a number"),
    "abs": ("Num a => a -> a", "the absolute value of a number, in its own type"),
    "max": ("Ord a => a -> a -> a", "the larger of two values (`max 1 2`)"),
    "min": ("Ord a => a -> a -> a", "the smaller of two values (`min 1 2`)"),
    "div": ("Integral a => a -> a -> a", "integer division rounded down (`div (-7) 2` is -4)"),
    "any": ("(a -> Bool) -> [a] -> Bool", "whether some element of a list satisfies a predicate"),
    "all": ("(a -> Bool) -> [a] -> Bool", "whether every element of a list satisfies a predicate"),
    "transpose": ("[[a]] -> [[a]]", "Data.List's rows-to-columns of a list of lists"),
}


def _is_tensor(value: Any) -> bool:
    return isinstance(value, (Tensor, IndependentTensor))


def _is_tensor_call(name: str, given: Any) -> bool:
    first = given[0]
    if name == "transpose":  # Torch's takes a Dim first, Data.List's a list
        return not isinstance(first, (list, str)) and not hasattr(first, "force")
    if name in ("any", "all"):
        return not isinstance(first, Function)
    return any(_is_tensor(x) for x in given)


class Overloaded(Function):
    """A name with a Prelude side and a Torch side; the first argument picks the side."""

    def __init__(self, name: str, prelude: Function, torch: Function) -> None:
        self.name = name
        self.prelude = prelude
        self.torch = torch
        self.arity = min(prelude.arity, torch.arity)

    def call(self, args: Any) -> Any:
        side = self.torch if _is_tensor_call(self.name, args) else self.prelude
        return side.apply(*args)


def _prelude_impls() -> dict[str, Callable]:
    from gradbook.engine.language.builtins.folds import PRELUDE_FORMS, haskell_max, haskell_min
    from gradbook.engine.language.builtins.numeric import NUMBER_FUNCTIONS
    from gradbook.engine.language.builtins.sublists import LIST_FORMS

    return {**NUMBER_FUNCTIONS, **PRELUDE_FORMS, **LIST_FORMS, "max": haskell_max, "min": haskell_min}


VARIANTS: dict[str, dict[str, Function]] = {"Prelude": {}, "Torch": {}}


def overload(builtins: dict[str, Any], docs: dict[str, BuiltinDoc]) -> None:
    """Replace each shared name of `builtins` (its Torch side) by the dispatching function, and its doc by
    one describing both sides; record both sides in VARIANTS."""
    impls = _prelude_impls()
    for name, (signature, what) in _PRELUDE_SIDE.items():
        torch = builtins[name]
        prelude = builtin_function(name, impls[name])
        VARIANTS["Prelude"][name] = prelude
        VARIANTS["Torch"][name] = torch
        builtins[name] = Overloaded(name, prelude, torch)
        doc = docs[name]
        # the doc's signature is the side taking fewer arguments (the function's arity); the other is named
        shown, other = (signature, doc.signature) if prelude.arity <= torch.arity else (doc.signature, signature)
        torch_summary = doc.summary[0].lower() + doc.summary[1:-1]
        summary = (f"Prelude's: {what}; on a tensor, Torch's: {torch_summary} (the other side's type: "
                   f"`{other}`).")
        docs[name] = BuiltinDoc(name, shown, summary, doc.example, doc.pytorch)


# Which side of a shared name each module means: `import qualified Prelude as P` then `P.exp` is Prelude's.
_PRELUDE_MODULES = ("Prelude", "Data.List", "Data.Foldable", "Data.Ord", "GHC.Float", "Numeric")
_TORCH_MODULES = ("Torch", "Torch.Functional", "Torch.Functional.Internal", "Torch.Tensor")


def module_namespaces() -> dict[str, dict[str, Function]]:
    """module name -> {shared name: that module's side}, for the evaluator's qualified names."""
    out: dict[str, dict[str, Function]] = {}
    for module in _PRELUDE_MODULES:
        out[module] = dict(VARIANTS["Prelude"])
    for module in _TORCH_MODULES:
        out[module] = dict(VARIANTS["Torch"])
    return out
