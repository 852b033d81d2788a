"""Hasktorch's Torch.Optim.CppOptim: libtorch's own optimizers behind option records (`AdamOptions`,
`AdamwOptions`, `SGDOptions`, `AdagradOptions`, each with Data.Default's `def`), `initOptimizer`, and
`runStep` on the optimizer state they make (which, as libtorch's, is mutable and ignores runStep's
learning rate: the options' one applies). The arithmetic is engine/tensors/optim.py's cpp_* steps."""
from __future__ import annotations

from typing import Any, Callable

from gradbook.engine.language import classes, datatypes
from gradbook.engine.language.builtins import args
from gradbook.engine.language.builtins import optim as _optim  # noqa: F401  (declares the Optimizer class)
from gradbook.engine.language.builtins.nn import method_builtin, replace_parameters
from gradbook.engine.language.builtins.registry import Table, engine_action
from gradbook.engine.language.values import IOAction
from gradbook.engine.tensors import optim as O
from gradbook.engine.tensors.autograd import grad, make_independent, to_dependent
from gradbook.engine.tensors.errors import ArgumentError

TABLE = Table()

DECLARATIONS = """
class Default a where
  def :: a
class CppOptimizer option where
  initOptimizer :: option -> model -> IO CppOptimizerState
data AdamOptions = AdamOptions {adamLr :: Double, adamBetas :: (Double, Double), adamEps :: Double,
                                adamWeightDecay :: Double, adamAmsgrad :: Bool} deriving (Show, Eq)
data AdamwOptions = AdamwOptions {adamwLr :: Double, adamwBetas :: (Double, Double), adamwEps :: Double,
                                  adamwWeightDecay :: Double, adamwAmsgrad :: Bool} deriving (Show, Eq)
data SGDOptions = SGDOptions {sgdLr :: Double, sgdMomentum :: Double, sgdDampening :: Double,
                              sgdWeightDecay :: Double, sgdNesterov :: Bool} deriving (Show, Eq)
data AdagradOptions = AdagradOptions {adagradLr :: Double, adagradLrDecay :: Double, adagradWeightDecay :: Double,
                                      adagradInitialAccumulatorValue :: Double, adagradEps :: Double}
                                      deriving (Show, Eq)
"""


class CppOptimizerState:
    """libtorch's optimizer object: its options and its (mutable) step state."""

    haskell_type = "CppOptimizerState"
    __slots__ = ("options", "state", "step")

    def __init__(self, options: Any, state: Any, step: Callable) -> None:
        self.options, self.state, self.step = options, state, step

    def haskell_show(self, show: Callable[[Any], str], precedence: int = 0) -> str:
        return f"<CppOptimizerState {self.options.type_name}>"


classes.register_type(CppOptimizerState, "CppOptimizerState")
_VALUES = datatypes.declare_builtin(DECLARATIONS)

_DEFAULTS = {
    "AdamOptions": (1e-3, (0.9, 0.999), 1e-8, 0.0, False),
    "AdamwOptions": (1e-3, (0.9, 0.999), 1e-8, 1e-2, False),
    "SGDOptions": (1e-3, 0.0, 0.0, 0.0, False),
    "AdagradOptions": (1e-2, 0.0, 0.0, 0.0, 1e-10),
}
for _type, _fields in _DEFAULTS.items():
    classes.register_instance("Default", _type, {"def": datatypes.make(_type, *_fields)})


def _floats(record: Any) -> list:
    return [tuple(float(x) for x in v) if isinstance(v, tuple) else (v if isinstance(v, bool) else float(v))
            for v in record.fields]


def _engine_state(options: Any) -> tuple[Any, Callable]:
    kind = options.type_name
    f = _floats(options)
    if kind in ("AdamOptions", "AdamwOptions"):
        if f[4]:
            raise ArgumentError(f"initOptimizer: amsgrad is not available here ({kind} with amsgrad = True)")
        return O.CppAdam(lr=f[0], beta1=f[1][0], beta2=f[1][1], eps=f[2], weight_decay=f[3],
                         decoupled=kind == "AdamwOptions"), O.cpp_adam
    if kind == "SGDOptions":
        return O.CppSGD(lr=f[0], momentum=f[1], dampening=f[2], weight_decay=f[3], nesterov=f[4]), O.cpp_sgd
    return O.CppAdagrad(lr=f[0], lr_decay=f[1], weight_decay=f[2], initial_accumulator_value=f[3], eps=f[4]), \
        O.cpp_adagrad


def _init(options: Any, model: Any) -> IOAction:
    def run() -> CppOptimizerState:
        classes.call_method("flattenParameters", model)  # the model must be Parameterized, as in Hasktorch
        state, step = _engine_state(options)
        return CppOptimizerState(options, state, step)

    return engine_action("initOptimizer", run)


for _type in _DEFAULTS:
    classes.register_instance("CppOptimizer", _type, {"initOptimizer": _init})


def _cpp_run_step(model: Any, optimizer: CppOptimizerState, loss: Any, lr: Any) -> IOAction:
    loss_t = args.tensor("runStep", loss, 3)

    def run() -> tuple:
        params = classes.call_method("flattenParameters", model)
        grads = grad(loss_t, params)
        new, optimizer.state = optimizer.step(grads, [to_dependent(p) for p in params], optimizer.state)
        return replace_parameters(model, [make_independent(t) for t in new]), optimizer

    return engine_action("runStep", run)


def _no_step(*_: Any) -> Any:
    raise ArgumentError("step is not implemented for CppOptimizer (use runStep)")


classes.register_instance("Optimizer", "CppOptimizerState", {"step": _no_step, "runStep": _cpp_run_step})

# `def` has no deciding argument: the evaluator resolves it by its annotation, as it does `mempty`
TABLE.value("initOptimizer", method_builtin(_VALUES["initOptimizer"], "option -> model -> IO CppOptimizerState"),
            "CppOptimizer o => o -> model -> IO CppOptimizerState",
            "An action making libtorch's optimizer for a model's parameters from its options.",
            "do { w <- makeIndependent (ones' [2]); initOptimizer (def :: SGDOptions) w }",
            "torch.optim.Adam(model.parameters(), lr=...)")
_OPTION_DOCS = {
    "AdamOptions": ("torch.optim.Adam", "Double -> (Double, Double) -> Double -> Double -> Bool"),
    "AdamwOptions": ("torch.optim.AdamW", "Double -> (Double, Double) -> Double -> Double -> Bool"),
    "SGDOptions": ("torch.optim.SGD", "Double -> Double -> Double -> Double -> Bool"),
    "AdagradOptions": ("torch.optim.Adagrad", "Double -> Double -> Double -> Double -> Double"),
}
for _type, (_py, _fields_type) in _OPTION_DOCS.items():
    TABLE.value(_type, _VALUES[_type], f"{_fields_type} -> {_type}", f"{_py}'s options as a record (start from `def`).",
                f"(def :: {_type})", _py)
    for _field, _field_type in zip(datatypes.builtin_types().constructor(_type).fields, _fields_type.split(" -> ")):
        TABLE.value(_field, _VALUES[_field], f"{_type} -> {_field_type}", f"The `{_field}` option of {_type}.",
                    f"{_field} (def :: {_type})", f"{_py}(...)")
