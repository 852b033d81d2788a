"""Autograd builtins from Hasktorch's Torch.Autograd: `makeIndependent` (an IO action), `toDependent`,
`requiresGrad`, `setRequiresGrad`, `grad` and `gradWithOptions` (with `createGraph` for second derivatives)."""
from __future__ import annotations

from typing import Any

import gradbook.engine as E
from gradbook.engine.language.builtins import args
from gradbook.engine.language.builtins.registry import Table, engine_action
from gradbook.engine.tensors.errors import ArgumentError, AutogradError, DTypeError
from gradbook.engine.language.values import BuiltinFunction, GradOptions, IOAction

TABLE = Table()


@TABLE.fn("makeIndependent", "Tensor -> IO IndependentTensor",
          "An action wrapping a copy of a tensor as a variable that `grad` can differentiate with respect to.",
          "a <- makeIndependent (ones' [2, 2])", "t.clone().requires_grad_(True)")
def make_independent(t: Any) -> IOAction:
    tensor = args.tensor("makeIndependent", t)
    if not tensor.dtype.is_floating:
        raise DTypeError(
            f"makeIndependent: only Float and Double tensors can be differentiated, got {tensor.dtype.name}; "
            f"convert first with `toDType Float t`"
        )
    return engine_action("makeIndependent", lambda: E.make_independent(tensor))


@TABLE.fn("toDependent", "IndependentTensor -> Tensor", "The tensor inside an IndependentTensor, to compute with.",
          "toDependent a", "(the leaf tensor itself)")
def to_dependent(it: Any) -> Any:
    if isinstance(it, E.IndependentTensor):
        return it.tensor
    hint = ""
    if isinstance(it, E.Tensor):
        hint = ": it is already a Tensor; only the result of `a <- makeIndependent ...` needs `toDependent`"
    raise args.fail("toDependent", "an IndependentTensor", 1, it, hint)


@TABLE.fn("requiresGrad", "Tensor -> Bool",
          "Whether a tensor takes part in differentiation (it was computed from an independent tensor).",
          "requiresGrad (ones' [1])", "t.requires_grad")
def requires_grad(t: Any) -> bool:
    if isinstance(t, E.IndependentTensor):
        return True
    return bool(args.tensor("requiresGrad", t).requires_grad)


@TABLE.fn("setRequiresGrad", "Bool -> Tensor -> Tensor",
          "A copy of a tensor that does (True) or does not (False) require grad; `grad` still needs "
          "IndependentTensors.", "setRequiresGrad False x", "t.detach().requires_grad_(flag)")
def set_requires_grad(flag: Any, t: Any) -> Any:
    from gradbook.engine.tensors.tensor import make

    wanted = args.boolean("setRequiresGrad", flag, 1)
    tensor = args.tensor("setRequiresGrad", t, 2)
    if wanted == tensor.requires_grad:
        return tensor
    if not wanted:
        return E.detach(tensor)
    if not tensor.dtype.is_floating:
        raise DTypeError(f"setRequiresGrad: only Float and Double tensors can require grad, got {tensor.dtype.name}")
    return make(tensor.numpy(), requires_grad=True)


def _independents(fn: str, inputs: Any, position: int) -> list:
    if isinstance(inputs, E.IndependentTensor):
        raise ArgumentError(f"{fn} expects a list of independent tensors as its {args.ordinal(position)} argument; "
                            f"got a single IndependentTensor: put it in a list, `[a]`")
    if not isinstance(inputs, list):
        raise args.fail(fn, "a list of independent tensors", position, inputs,
                        ": write the variables from `a <- makeIndependent ...` in a list, e.g. `[a]`")
    for i, item in enumerate(inputs):
        if isinstance(item, E.IndependentTensor):
            continue
        where = f"element {i + 1} of the list" if len(inputs) > 1 else "the list's element"
        if isinstance(item, E.Tensor):
            raise ArgumentError(
                f"{fn} expects a list of independent tensors; {where} is a Tensor: pass `a` from "
                f"`a <- makeIndependent ...`, not `toDependent a`"
            )
        raise ArgumentError(f"{fn} expects a list of independent tensors; {where} is {args.describe(item)}")
    return inputs


def _output(fn: str, out: Any, position: int) -> Any:
    if isinstance(out, E.IndependentTensor):
        raise args.fail(fn, "the output Tensor (a single value computed from independent tensors)", position, out,
                        ": compute something from `toDependent a` and differentiate that")
    tensor = args.tensor(fn, out, position)
    if not tensor.requires_grad:
        raise AutogradError(
            f"{fn}: the output does not require grad: it was not computed from any independent tensor. "
            f"Make inputs with `a <- makeIndependent t` and compute the output from `toDependent a`"
        )
    if tensor.numel != 1:
        shape = "[" + ",".join(map(str, tensor.shape)) + "]"
        raise AutogradError(
            f"{fn}: the output must be a single value, but it has shape {shape}; reduce it first, "
            f"e.g. with `sumAll` or `mean`"
        )
    return tensor


@TABLE.fn("grad", "Tensor -> [IndependentTensor] -> [Tensor]",
          "The gradient of a single-value output with respect to each independent tensor, as a new list.",
          "grad (sumAll (toDependent a * toDependent a)) [a]", "torch.autograd.grad(out, [a])")
def grad(out: Any, inputs: Any) -> list:
    tensor = _output("grad", out, 1)
    return E.grad(tensor, _independents("grad", inputs, 2))


@TABLE.fn("gradWithOptions", "GradOptions -> Tensor -> [IndependentTensor] -> [Tensor]",
          "`grad` with options; `GradOptions True True False` (createGraph) makes the gradients differentiable.",
          "gradWithOptions (GradOptions True True False) (sumAll (toDependent a ^ 3)) [a]",
          "torch.autograd.grad(out, [a], create_graph=True)")
def grad_with_options(options: Any, out: Any, inputs: Any) -> list:
    if not isinstance(options, GradOptions):
        raise args.fail("gradWithOptions", "GradOptions (e.g. `GradOptions True True False`)", 1, options, "")
    tensor = _output("gradWithOptions", out, 2)
    return E.grad(tensor, _independents("gradWithOptions", inputs, 3), create_graph=options.create_graph)


def _grad_options(keep: Any, create: Any, accumulate: Any) -> GradOptions:
    fn = "GradOptions"
    return GradOptions(args.boolean(fn, keep, 1), args.boolean(fn, create, 2), args.boolean(fn, accumulate, 3))


TABLE.value("GradOptions", BuiltinFunction("GradOptions", 3, _grad_options), "Bool -> Bool -> Bool -> GradOptions",
            "Options for gradWithOptions: keepGraph, createGraph, accumulateGrad.", "GradOptions True True False",
            "retain_graph=, create_graph=")
