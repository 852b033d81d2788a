"""Hasktorch's Torch.NN as built-in classes and records: `Parameterized` (a generic `flattenParameters` and
`_replaceParameters` over records, lists, tuples and nested models, `replaceParameters`, `nextParameter`),
`Randomizable`'s `sample`, `HasForward`'s `forward`, `LinearSpec`/`Linear`/`linear`, and Torch.Initializers
(`kaimingUniform`, `xavierNormal`, ...). The numbers are engine/tensors/nn.py's, drawn as Hasktorch draws
them from the global generator."""
from __future__ import annotations

from typing import Any

from gradbook.engine.language import classes, datatypes
from gradbook.engine.language.builtins import args
from gradbook.engine.language.builtins.registry import Table, engine_action
from gradbook.engine.language.values import BuiltinFunction, Data, IOAction
from gradbook.engine.tensors import nn as N
from gradbook.engine.tensors.autograd import make_independent, to_dependent
from gradbook.engine.tensors.errors import ArgumentError
from gradbook.engine.tensors.tensor import IndependentTensor

TABLE = Table()

DECLARATIONS = """
class Parameterized f where
  flattenParameters :: f -> [Parameter]
  _replaceParameters :: f -> State [Parameter] f
class Randomizable spec f where
  sample :: spec -> IO f
class HasForward f a b where
  forward :: f -> a -> b
data LinearSpec = LinearSpec {in_features :: Int, out_features :: Int} deriving (Show, Eq)
data Linear = Linear {weight :: Parameter, bias :: Parameter} deriving (Show, Generic)
data NonLinearity = Identity | Sigmoid | Tanh | Relu | LeakyRelu Float
data FanMode = FanIn | FanOut
"""
_VALUES = datatypes.declare_builtin(DECLARATIONS)
_SPEC = "LinearSpec {in_features = 3, out_features = 1}"

def method_builtin(method: Any, signature: str) -> BuiltinFunction:
    """A class method as a builtin taking all the arguments its signature names (the dispatching Method
    itself waits only for its deciding argument)."""
    from gradbook.engine.language.display import split_arrows

    return BuiltinFunction(method.name, len(split_arrows(signature)) - 1, lambda *a: method.apply(*a))


# ------------------------------------------------------------------------------ Parameterized
_LEAVES = ("Tensor", "Int", "Integer", "Float", "Double", "Bool", "Char", "String", "->", "DType")


def _flatten_default(value: Any) -> list:
    """Generic's flattenParameters: every field's parameters, in field order."""
    if type(value) is not Data:
        raise ArgumentError(f"flattenParameters: no instance for (Parameterized {classes.type_name(value)})")
    out: list = []
    for field in value.fields:
        out.extend(_flatten(field))
    return out


def _flatten(value: Any) -> list:
    if isinstance(value, IndependentTensor):
        return [value]
    if isinstance(value, (list, tuple)):
        return [p for item in value for p in _flatten(item)]
    if type(value) is Data:
        return classes.call_method("flattenParameters", value)
    return []


def _replace_default(value: Any) -> Any:
    """Generic's _replaceParameters: a State action taking the fields' parameters from the stream."""
    from gradbook.engine.language.monads import StateAction

    return StateAction("_replaceParameters", lambda stream: _replace(value, stream))


def _replace(value: Any, stream: Any) -> tuple:
    """(value with its parameters taken from `stream`, the rest of the stream)."""
    from gradbook.engine.language.monads import run_as_state

    if isinstance(value, IndependentTensor):
        return _next(stream)
    if isinstance(value, (list, tuple)):
        items = []
        for item in value:
            new, stream = _replace(item, stream)
            items.append(new)
        return (items if isinstance(value, list) else tuple(items)), stream
    if type(value) is Data:
        if classes.find_instance("Parameterized", 0, value) is None or _uses_default(value):
            fields = []
            for field in value.fields:
                new, stream = _replace(field, stream)
                fields.append(new)
            return Data(value.con, tuple(fields), value.type_name, value.info), stream
        return run_as_state(classes.call_method("_replaceParameters", value), stream)
    return value, stream


def _uses_default(value: Data) -> bool:
    instance = classes.find_instance("Parameterized", 0, value)
    return instance is not None and "_replaceParameters" not in instance.methods


def _next(stream: Any) -> tuple:
    if not isinstance(stream, list) or not stream:
        raise ArgumentError("Not enough parameters supplied to replaceParameters")
    head = stream[0]
    if not isinstance(head, IndependentTensor):
        raise ArgumentError(f"replaceParameters: the parameters must be IndependentTensors (Parameter); got "
                            f"{args.describe(head)}")
    return head, stream[1:]


classes.set_default("Parameterized", "flattenParameters", _flatten_default)
classes.set_default("Parameterized", "_replaceParameters", _replace_default)
classes.register_instance("Parameterized", "IndependentTensor", {
    "flattenParameters": lambda p: [p], "_replaceParameters": lambda p: _next_parameter()})
classes.register_instance("Parameterized", "[]", {
    "flattenParameters": _flatten, "_replaceParameters": _replace_default})
for _arity in (2, 3, 4, 5):
    classes.register_instance("Parameterized", "(" + "," * (_arity - 1) + ")", {
        "flattenParameters": _flatten, "_replaceParameters": _replace_default})
for _leaf in _LEAVES:
    classes.register_instance("Parameterized", _leaf, {
        "flattenParameters": lambda v: [], "_replaceParameters": _replace_default})
classes.register_instance("Parameterized", "Linear", {})


def _next_parameter() -> Any:
    from gradbook.engine.language.monads import StateAction

    return StateAction("nextParameter", _next)


for _name, _signature, _summary, _example in (
    ("flattenParameters", "Parameterized f => f -> [Parameter]",
     "A model's parameters in order (records field by field, lists and tuples item by item).",
     f"do {{ m <- sample ({_SPEC}); pure (length (flattenParameters m)) }}"),
    ("_replaceParameters", "Parameterized f => f -> State [Parameter] f",
     "The State action that rebuilds a model from a stream of parameters (what instances define).",
     f"do {{ m <- sample ({_SPEC}); pure (fst (runState (_replaceParameters m) (flattenParameters m))) }}"),
    ("sample", "Randomizable spec f => spec -> IO f", "An action making a freshly initialised model from its spec.",
     f"sample ({_SPEC})"),
    ("forward", "HasForward f a b => f -> a -> b", "Run a model on an input (a class users give instances).",
     f"do {{ m <- sample ({_SPEC}); pure (forward m (ones' [2, 3])) }}"),
):
    TABLE.value(_name, method_builtin(_VALUES[_name], _signature), _signature, _summary, _example, "nn.Module")

TABLE.value("nextParameter", _next_parameter(), "ParamStream Parameter",
            "The State action taking the next parameter from the stream (for `_replaceParameters` instances).",
            "do { w <- makeIndependent (ones' [1]); pure (fst (runState nextParameter [w])) }", "next(iter(params))")


@TABLE.fn("replaceParameters", "Parameterized f => f -> [Parameter] -> f",
          "The model with its parameters replaced, in flattenParameters' order (all must be used).",
          f"do {{ m <- sample ({_SPEC}); pure (replaceParameters m (flattenParameters m)) }}",
          "model.load_state_dict(...)")
def replace_parameters(model: Any, params: Any) -> Any:
    from gradbook.engine.language.monads import run_as_state

    stream = args.sequence("replaceParameters", params, 2)
    if type(model) is Data and not _uses_default(model) and classes.find_instance("Parameterized", 0, model):
        new, rest = run_as_state(classes.call_method("_replaceParameters", model), list(stream))
    else:
        new, rest = _replace(model, list(stream))
    if rest:
        raise ArgumentError("Some parameters in a call to replaceParameters haven't been consumed!")
    return new


# ------------------------------------------------------------------------------ Linear
for _name in ("LinearSpec", "in_features", "out_features", "Linear", "weight", "bias"):
    TABLE.value(_name, _VALUES[_name], {
        "LinearSpec": "Int -> Int -> LinearSpec", "in_features": "LinearSpec -> Int",
        "out_features": "LinearSpec -> Int", "Linear": "Parameter -> Parameter -> Linear",
        "weight": "Linear -> Parameter", "bias": "Linear -> Parameter"}[_name],
        {"LinearSpec": "A fully connected layer's spec: inputs and outputs.",
         "in_features": "The number of inputs of a LinearSpec.", "out_features": "The number of outputs of a LinearSpec.",
         "Linear": "A fully connected layer: its weight [out, in] and bias [out].",
         "weight": "A Linear layer's weight.", "bias": "A Linear layer's bias."}[_name],
        f"sample ({_SPEC})" if _name in ("LinearSpec", "Linear") else
        (f"in_features ({_SPEC})" if _name.endswith("features") else f"do {{ m <- sample ({_SPEC}); pure ({_name} m) }}"),
        "nn.Linear(3, 1)" if _name in ("LinearSpec", "Linear") else f"layer.{_name}")


def _sample_linear(spec: Data) -> IOAction:
    fields = datatypes.fields(spec)
    n_in = args.integer("sample", fields["in_features"], 1)
    n_out = args.integer("sample", fields["out_features"], 1)

    def run() -> Data:
        weight, bias = N.linear_init(n_in, n_out)
        return datatypes.make("Linear", make_independent(weight), make_independent(bias))

    return engine_action("sample", run)


classes.register_instance("Randomizable", ("LinearSpec", "Linear"), {"sample": _sample_linear})


@TABLE.fn("linear", "Linear -> Tensor -> Tensor", "A Linear layer applied to an input: x W^T + b.",
          f"do {{ m <- sample ({_SPEC}); pure (linear m (ones' [2, 3])) }}", "layer(x) / F.linear(x, w, b)")
def linear(layer: Any, x: Any) -> Any:
    if not datatypes.is_data(layer, "Linear"):
        raise args.fail("linear", "a Linear layer", 1, layer, "")
    fields = datatypes.fields(layer)
    return N.linear(args.tensor("linear", x, 2), to_dependent(fields["weight"]), to_dependent(fields["bias"]))


classes.register_instance("HasForward", ("Linear", "Tensor", "Tensor"), {"forward": linear})


# ------------------------------------------------------------------------------ Torch.Initializers
for _name in ("Identity", "Sigmoid", "Tanh", "Relu", "LeakyRelu", "FanIn", "FanOut"):
    TABLE.value(_name, _VALUES[_name], "Float -> NonLinearity" if _name == "LeakyRelu" else
                ("FanMode" if _name.startswith("Fan") else "NonLinearity"),
                f"Torch.Initializers' `{_name}`, for the initialisers' gain or fan.",
                "kaimingUniform FanIn (LeakyRelu 0) [2, 3]", "torch.nn.init")


def _gain_args(nonlinearity: Any) -> tuple[str, Any]:
    if not datatypes.is_data(nonlinearity, "NonLinearity"):
        raise args.fail("calculateGain", "a NonLinearity (Identity, Sigmoid, Tanh, Relu, LeakyRelu p)", 1,
                        nonlinearity, "")
    return nonlinearity.con, (float(nonlinearity.fields[0]) if nonlinearity.fields else None)


def _fan_in(mode: Any) -> bool:
    if not datatypes.is_data(mode, "FanMode"):
        raise args.fail("kaimingUniform", "FanIn or FanOut", 1, mode, "")
    return mode.con == "FanIn"


@TABLE.fn("calculateGain", "NonLinearity -> Float", "The initialisers' gain for a nonlinearity.",
          "calculateGain Relu", "torch.nn.init.calculate_gain('relu')")
def calculate_gain(nonlinearity: Any) -> Any:
    return N.calculate_gain(*_gain_args(nonlinearity))


@TABLE.fn("kaimingUniform", "FanMode -> NonLinearity -> [Int] -> IO Tensor",
          "An action drawing He-uniform initial values (bound sqrt 3 * gain / sqrt fan).",
          "kaimingUniform FanIn Relu [2, 3]", "torch.nn.init.kaiming_uniform_(t)")
def kaiming_uniform(mode: Any, nonlinearity: Any, shape: Any) -> IOAction:
    fan_in, (kind, param), dims = _fan_in(mode), _gain_args(nonlinearity), args.shape("kaimingUniform", shape, 3)
    return engine_action("kaimingUniform", lambda: N.kaiming_uniform(dims, fan_in, kind, param))


@TABLE.fn("kaimingNormal", "FanMode -> NonLinearity -> [Int] -> IO Tensor",
          "An action drawing He-normal initial values (std gain / sqrt fan).",
          "kaimingNormal FanIn Relu [2, 3]", "torch.nn.init.kaiming_normal_(t)")
def kaiming_normal(mode: Any, nonlinearity: Any, shape: Any) -> IOAction:
    fan_in, (kind, param), dims = _fan_in(mode), _gain_args(nonlinearity), args.shape("kaimingNormal", shape, 3)
    return engine_action("kaimingNormal", lambda: N.kaiming_normal(dims, fan_in, kind, param))


@TABLE.fn("xavierUniform", "Float -> [Int] -> IO Tensor",
          "An action drawing Glorot-uniform initial values (bound sqrt 3 * gain * sqrt (2 / (fan in + fan out))).",
          "xavierUniform 1 [2, 3]", "torch.nn.init.xavier_uniform_(t)")
def xavier_uniform(gain: Any, shape: Any) -> IOAction:
    g, dims = float(args.number("xavierUniform", gain, 1)), args.shape("xavierUniform", shape, 2)
    return engine_action("xavierUniform", lambda: N.xavier_uniform(dims, g))


@TABLE.fn("xavierNormal", "Float -> [Int] -> IO Tensor",
          "An action drawing Glorot-normal initial values (std gain * sqrt (2 / (fan in + fan out))).",
          "xavierNormal 1 [2, 3]", "torch.nn.init.xavier_normal_(t)")
def xavier_normal(gain: Any, shape: Any) -> IOAction:
    g, dims = float(args.number("xavierNormal", gain, 1)), args.shape("xavierNormal", shape, 2)
    return engine_action("xavierNormal", lambda: N.xavier_normal(dims, g))


# ------------------------------------------------------------------------------ Torch.Serialize
@TABLE.fn("saveParams", "Parameterized f => f -> FilePath -> IO ()",
          "An action saving a model's parameters (flattenParameters' order) to a file, as `save` does.",
          f'do {{ m <- sample ({_SPEC}); saveParams m "linear.npz" }}',
          "torch.save([p.detach() for p in model.parameters()], path)")
def save_params(model: Any, path: Any) -> IOAction:
    from gradbook.engine.language.builtins.files import save_tensors

    name = _file_name("saveParams", path)

    def run() -> tuple:
        params = classes.call_method("flattenParameters", model)
        save_tensors([to_dependent(p) for p in params], name, "saveParams")
        return ()

    return engine_action("saveParams", run)


def _file_name(fn: str, path: Any) -> str:
    from gradbook.engine.language import files as F

    if not isinstance(path, str):
        raise args.fail(fn, "a FilePath (a String)", 2, path, "")
    return F.check_name(path, fn)


@TABLE.fn("loadParams", "Parameterized f => f -> FilePath -> IO f",
          "An action giving the model with its parameters read from a file saveParams wrote.",
          f'do {{ m <- sample ({_SPEC}); saveParams m "linear.npz"; loadParams m "linear.npz" }}',
          "model.load_state_dict(...)")
def load_params(model: Any, path: Any) -> IOAction:
    from gradbook.engine.language.builtins.files import load_tensors

    name = _file_name("loadParams", path)
    return engine_action("loadParams", lambda: replace_parameters(
        model, [make_independent(t) for t in load_tensors(name, "loadParams")]))
