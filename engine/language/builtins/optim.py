"""Hasktorch's Torch.Optim as a built-in class and records: `Optimizer` (`step`, and the defaults
`runStep`/`runStep'` that take gradients, step and rebuild the model, so a user's instance needs only
`step`), `GD`, `GDM`, `Adam`/`mkAdam`, `AdamW`/`mkAdamW`, `Adagrad`, `Gradients`, `grad'`, `sgd`. The
arithmetic is engine/tensors/optim.py's, Hasktorch's formulas to the bit."""
from __future__ import annotations

from typing import Any

import numpy as np

from gradbook.engine.language import classes, datatypes
from gradbook.engine.language.builtins import args
from gradbook.engine.language.builtins.nn import method_builtin, replace_parameters
from gradbook.engine.language.builtins.registry import Table, engine_action
from gradbook.engine.language.values import Data, IOAction
from gradbook.engine.tensors import optim as O
from gradbook.engine.tensors.autograd import grad, make_independent, to_dependent
from gradbook.engine.tensors.dtypes import Float
from gradbook.engine.tensors.factories import tensor, zeros_like
from gradbook.engine.tensors.tensor import IndependentTensor, Tensor

TABLE = Table()

DECLARATIONS = """
type LearningRate = Tensor
type Loss = Tensor
newtype Gradients = Gradients [Tensor] deriving (Show)
class Optimizer optimizer where
  step :: LearningRate -> Gradients -> [Tensor] -> optimizer -> ([Tensor], optimizer)
  runStep :: model -> optimizer -> Loss -> LearningRate -> IO (model, optimizer)
  runStep' :: model -> optimizer -> Gradients -> LearningRate -> IO (model, optimizer)
data GD = GD deriving (Show)
data GDM = GDM {beta :: Float, momentum :: [Tensor]} deriving (Show)
data Adam = Adam {beta1 :: Float, beta2 :: Float, m1 :: [Tensor], m2 :: [Tensor], iter :: Int} deriving (Show)
data AdamW = AdamW {beta1W :: Float, beta2W :: Float, m1W :: [Tensor], m2W :: [Tensor], iterW :: Int,
                    weightDecayW :: Float} deriving (Show)
data Adagrad = Adagrad {gsum :: [Tensor]} deriving (Show)
"""
_VALUES = datatypes.declare_builtin(DECLARATIONS)
_F32 = np.float32
_XY = "let p = [asTensor (1 :: Float)]"


def learning_rate(fn: str, lr: Any, position: int) -> Tensor:
    """A LearningRate is a Tensor; a literal such as `1e-1` is Hasktorch's `fromRational`, a Float 0-d one."""
    if isinstance(lr, Tensor):
        return lr
    return tensor(_F32(args.number(fn, lr, position)), Float)


def _gradients(fn: str, value: Any, position: int) -> list:
    if not datatypes.is_data(value, "Gradients"):
        raise args.fail(fn, "Gradients (`Gradients [Tensor]`, or `grad' loss params`)", position, value, "")
    return args.tensors(fn, value.fields[0], position)


def _parameters(fn: str, value: Any, position: int) -> list:
    items = args.sequence(fn, value, position)
    for item in items:
        if not isinstance(item, IndependentTensor):
            raise args.fail(fn, "a list of Parameters (IndependentTensors)", position, item, "")
    return items


# ------------------------------------------------------------------------------ runStep and runStep'
def _run_step(model: Any, optimizer: Any, loss: Any, lr: Any) -> IOAction:
    rate = learning_rate("runStep", lr, 4)
    loss_t = args.tensor("runStep", loss, 3)

    def run() -> tuple:
        params = classes.call_method("flattenParameters", model)
        gradients = datatypes.make("Gradients", grad(loss_t, params))
        return _step_and_rebuild(model, optimizer, gradients, rate)

    return engine_action("runStep", run)


def _run_step_given(model: Any, optimizer: Any, gradients: Any, lr: Any) -> IOAction:
    rate = learning_rate("runStep'", lr, 4)
    _gradients("runStep'", gradients, 3)
    return engine_action("runStep'", lambda: _step_and_rebuild(model, optimizer, gradients, rate))


def _step_and_rebuild(model: Any, optimizer: Any, gradients: Data, rate: Tensor) -> tuple:
    params = classes.call_method("flattenParameters", model)
    result = classes.call_method("step", rate, gradients, [to_dependent(p) for p in params], optimizer)
    if not (isinstance(result, tuple) and len(result) == 2):
        raise args.fail("runStep", "a pair (new parameters, new optimizer) from `step`", 1, result, "")
    new_flat, new_optimizer = result
    fresh = [make_independent(t) for t in args.tensors("step", new_flat, 1)]
    return replace_parameters(model, fresh), new_optimizer


classes.set_default("Optimizer", "runStep", _run_step)
classes.set_default("Optimizer", "runStep'", _run_step_given)


# ------------------------------------------------------------------------------ the optimizers' steps
def _gd_step(lr: Any, gradients: Any, params: Any, state: Data) -> tuple:
    return O.gd(learning_rate("step", lr, 1), _gradients("step", gradients, 2), args.tensors("step", params, 3)), state


def _gdm_step(lr: Any, gradients: Any, params: Any, state: Data) -> tuple:
    f = datatypes.fields(state)
    new, s = O.gdm(learning_rate("step", lr, 1), _gradients("step", gradients, 2), args.tensors("step", params, 3),
                   O.GDMState(_F32(f["beta"]), tuple(f["momentum"])))
    return new, datatypes.make("GDM", s.beta, list(s.momentum))


def _adam_step(lr: Any, gradients: Any, params: Any, state: Data) -> tuple:
    f = list(state.fields)
    wd = _F32(f[5]) if state.con == "AdamW" else None
    new, s = O.adam(learning_rate("step", lr, 1), _gradients("step", gradients, 2), args.tensors("step", params, 3),
                    O.AdamState(_F32(f[0]), _F32(f[1]), tuple(f[2]), tuple(f[3]), int(f[4]), wd))
    rest = (s.weight_decay,) if wd is not None else ()
    return new, datatypes.make(state.con, s.beta1, s.beta2, list(s.m1), list(s.m2), s.iter, *rest)


def _adagrad_step(lr: Any, gradients: Any, params: Any, state: Data) -> tuple:
    new, s = O.adagrad(learning_rate("step", lr, 1), _gradients("step", gradients, 2),
                       args.tensors("step", params, 3), O.AdagradState(tuple(state.fields[0])))
    return new, datatypes.make("Adagrad", list(s.gsum))


for _name, _impl in (("GD", _gd_step), ("GDM", _gdm_step), ("Adam", _adam_step), ("AdamW", _adam_step),
                     ("Adagrad", _adagrad_step)):
    classes.register_instance("Optimizer", _name, {"step": _impl})

for _name, _signature, _summary, _example in (
    ("step", "Optimizer o => LearningRate -> Gradients -> [Tensor] -> o -> ([Tensor], o)",
     "One optimizer step: new parameter values and the optimizer's new state (what instances define).",
     f"{_XY} in fst (step 0.1 (Gradients [asTensor (2 :: Float)]) p GD)"),
    ("runStep", "(Parameterized m, Optimizer o) => m -> o -> Loss -> LearningRate -> IO (m, o)",
     "An action taking the loss's gradients for the model's parameters and stepping the optimizer.",
     "do { w <- makeIndependent (asTensor (1 :: Float)); runStep w GD (toDependent w * 2) 0.1 }"),
    ("runStep'", "(Parameterized m, Optimizer o) => m -> o -> Gradients -> LearningRate -> IO (m, o)",
     "runStep with gradients already computed.",
     "do { w <- makeIndependent (asTensor (1 :: Float)); runStep' w GD (Gradients [asTensor (2 :: Float)]) 0.1 }"),
):
    TABLE.value(_name, method_builtin(_VALUES[_name], _signature), _signature, _summary, _example,
                "optimizer.step()")

_RECORDS = {
    "Gradients": ("[Tensor] -> Gradients", "Gradients of the parameters, in their order.", "Gradients []"),
    "GD": ("GD", "Plain gradient descent: p - lr * dp.", "GD"),
    "GDM": ("Float -> [Tensor] -> GDM", "Gradient descent with momentum: z' = beta z + dp; p - lr z'.",
            "GDM 0.9 []"),
    "Adam": ("Float -> Float -> [Tensor] -> [Tensor] -> Int -> Adam",
             "Adam's state: betas, first and second moments, iteration (make one with mkAdam).", "Adam 0.9 0.999 [] [] 0"),
    "AdamW": ("Float -> Float -> [Tensor] -> [Tensor] -> Int -> Float -> AdamW",
              "AdamW's state: Adam's plus a decoupled weight decay (make one with mkAdamW).",
              "AdamW 0.9 0.999 [] [] 0 0.01"),
    "Adagrad": ("[Tensor] -> Adagrad", "Adagrad's state: the running sums of squared gradients.", "Adagrad []"),
}
for _name, (_signature, _summary, _example) in _RECORDS.items():
    TABLE.value(_name, _VALUES[_name], _signature, _summary, _example, "torch.optim")
for _field, _type in (("beta", "GDM -> Float"), ("momentum", "GDM -> [Tensor]"), ("beta1", "Adam -> Float"),
                      ("beta2", "Adam -> Float"), ("m1", "Adam -> [Tensor]"), ("m2", "Adam -> [Tensor]"),
                      ("iter", "Adam -> Int"), ("beta1W", "AdamW -> Float"), ("beta2W", "AdamW -> Float"),
                      ("m1W", "AdamW -> [Tensor]"), ("m2W", "AdamW -> [Tensor]"), ("iterW", "AdamW -> Int"),
                      ("weightDecayW", "AdamW -> Float"), ("gsum", "Adagrad -> [Tensor]")):
    TABLE.value(_field, _VALUES[_field], _type, f"The `{_field}` field of an optimizer's state.",
                f"{_field} ({_RECORDS[_type.split()[0]][2]})", "optimizer.state")


@TABLE.fn("mkAdam", "Int -> Float -> Float -> [Parameter] -> Adam",
          "Adam's initial state for some parameters: iteration, beta1, beta2, zero moments.",
          "do { w <- makeIndependent (ones' [2]); pure (iter (mkAdam 0 0.9 0.999 [w])) }",
          "torch.optim.Adam(params, betas=(0.9, 0.999))")
def mk_adam(iteration: Any, beta1: Any, beta2: Any, params: Any) -> Data:
    zeros = [zeros_like(to_dependent(p)) for p in _parameters("mkAdam", params, 4)]
    return datatypes.make("Adam", _F32(args.number("mkAdam", beta1, 2)), _F32(args.number("mkAdam", beta2, 3)),
                          zeros, list(zeros), args.integer("mkAdam", iteration, 1))


@TABLE.fn("mkAdamW", "Int -> Float -> Float -> Float -> [Parameter] -> AdamW",
          "AdamW's initial state: iteration, beta1, beta2, weight decay, zero moments.",
          "do { w <- makeIndependent (ones' [2]); pure (iterW (mkAdamW 0 0.9 0.999 0.01 [w])) }",
          "torch.optim.AdamW(params, betas=(0.9, 0.999), weight_decay=0.01)")
def mk_adamw(iteration: Any, beta1: Any, beta2: Any, decay: Any, params: Any) -> Data:
    fn = "mkAdamW"
    zeros = [zeros_like(to_dependent(p)) for p in _parameters(fn, params, 5)]
    return datatypes.make("AdamW", _F32(args.number(fn, beta1, 2)), _F32(args.number(fn, beta2, 3)), zeros,
                          list(zeros), args.integer(fn, iteration, 1), _F32(args.number(fn, decay, 4)))


@TABLE.fn("grad'", "Loss -> [Parameter] -> Gradients", "The gradients of a loss for some parameters, as Gradients.",
          "do { w <- makeIndependent (ones' [2]); pure (grad' (sumAll (toDependent w)) [w]) }",
          "torch.autograd.grad(loss, params)")
def grad_prime(loss: Any, params: Any) -> Data:
    return datatypes.make("Gradients", grad(args.tensor("grad'", loss, 1), _parameters("grad'", params, 2)))


@TABLE.fn("sgd", "LearningRate -> [Parameter] -> [Tensor] -> [Tensor]",
          "One gradient-descent step of each parameter with its gradient: p - lr * dp.",
          "do { w <- makeIndependent (ones' [2]); pure (sgd 0.1 [w] [ones' [2]]) }",
          "p - lr * p.grad")
def sgd(lr: Any, params: Any, grads: Any) -> list:
    values = [to_dependent(p) for p in _parameters("sgd", params, 2)]
    return O.gd(learning_rate("sgd", lr, 1), args.tensors("sgd", grads, 3), values)
