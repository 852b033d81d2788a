"""Type classes at run time: `class` and `instance` declarations, `deriving anyclass` and standalone deriving,
and method dispatch on the value that decides the instance.

Which value decides: the first argument whose type in the class's method signature is a class variable
(`sample :: spec -> IO f` dispatches on the spec, `flattenParameters :: f -> [Parameter]` on the model,
`askInliterate :: String -> Int -> a -> IO ()` on its third argument). A method whose class variables
appear only in its result (`mempty :: a`, `def`) is chosen by an annotation, `(mempty :: [Int])`; without
one its use is an error that says so. The instance is found from the value's run-time type (`type_keys`);
an instance for a type variable (`instance C a`) is tried last. Missing methods fall back to the class's
default; Show, Eq and Ord of data values fall back to the derived ones (datatypes.py, display/data.py),
and the Num and Functor operators of the builtins try user instances when the builtin refuses a data value.

Python API for built-in classes and instances (Hasktorch's `Parameterized`, `Randomizable`, ...):
    datatypes.declare_builtin("class Parameterized f where\\n  flattenParameters :: f -> [Parameter]")
        -> {"flattenParameters": <Method>} to register in a builtins table (with its doc)
    set_default("Parameterized", "flattenParameters", fn)        the class's default (a generic one)
    register_instance("Randomizable", ("LinearSpec", "Linear"), {"sample": fn})
    set_fallback("Show", "show", fn)        for values of types that have no instance
    method("flattenParameters") -> the dispatching Function; call_method("sample", spec)
A Python `fn` is any callable (its parameter count is its arity) or a language Function; it may raise
GradbookError subclasses, which become located errors at the call. Instances registered from Python are
built in: every Session sees them; a user's `instance` lives in its Session only.
"""
from __future__ import annotations

import inspect
from typing import Any

import numpy as np

from gradbook.engine.language import syntax as S
from gradbook.engine.language.datatypes import (
    STOCK_CLASSES,
    DataType,
    TypeEnv,
    TypeSynonym,
    builtin_types,
    current_types,
    format_type,
)
from gradbook.engine.language.diagnostics import LangError, suggest
from gradbook.engine.language.values import BuiltinFunction, Char, Data, Function, Int, IOAction
from gradbook.engine.tensors.errors import ArgumentError

BUILTIN_TYPE_NAMES = {"Int", "Integer", "Float", "Double", "Bool", "Char", "String", "Tensor", "IndependentTensor",
                      "DType", "Dim", "KeepDim", "GradOptions", "IO", "Word", "Int64", "Generator", "Device"}
_PY_TYPES: dict[type, tuple] = {}
UNSUPPORTED_DERIVING = {"Read", "Enum", "Bounded", "Functor", "Foldable", "Traversable", "Ix", "Data",
                        "Typeable", "Lift", "NFData"}


class MethodInfo:
    """A method's signature and which argument decides its instance (`position` None: only the result)."""

    def __init__(self, name: str, type_: Any, params: tuple) -> None:
        self.name, self.type = name, type_
        self.position, self.param = None, 0
        args = []
        node = type_
        while isinstance(node, S.TFun):
            args.append(node.arg)
            node = node.result
        for index, arg in enumerate(args):
            if isinstance(arg, S.TName) and arg.name in params:
                self.position, self.param = index, params.index(arg.name)
                break
        else:
            if isinstance(node, S.TName) and node.name in params:
                self.param = params.index(node.name)
        self.arity = len(args)


class ClassInfo:
    def __init__(self, name: str, params: tuple, superclasses: tuple, span: S.Span | None) -> None:
        self.name, self.params, self.superclasses, self.span = name, params, superclasses, span
        self.methods: dict[str, MethodInfo] = {}
        self.defaults: dict[str, Any] = {}
        self.fallbacks: dict[str, Any] = {}
        self.values: dict[str, Any] = {}  # the dispatching Method of each method with a deciding argument

    def signature(self, info: MethodInfo) -> str:
        return f"{self.name} {' '.join(self.params)} => {format_type(info.type)}"


class Instance:
    def __init__(self, class_name: str, keys: tuple, methods: dict, span: S.Span | None, origin: str) -> None:
        self.class_name, self.keys, self.methods, self.span, self.origin = class_name, keys, methods, span, origin

    def head(self) -> str:
        return " ".join([self.class_name, *self.keys])


class Method(Function):
    """A class method as a curried function: waits for its deciding argument, then calls the instance's
    definition (or the class's default) with every argument it was given."""

    def __init__(self, cls: ClassInfo, info: MethodInfo) -> None:
        self.cls, self.info = cls, info
        self.name = info.name
        self.arity = info.position + 1
        self.signature = cls.signature(info)

    def call(self, args: Any) -> Any:
        value = args[self.arity - 1]
        impl = implementation(self.cls, self.info, value)
        if not isinstance(impl, Function):
            raise ArgumentError(f"the instance's `{self.name}` is not a function")
        return impl.apply(*args)


def implementation(cls: ClassInfo, info: MethodInfo, value: Any) -> Any:
    """What `info` means for `value`: its instance's definition, the class default, or the fallback."""
    instance = find_instance(cls.name, info.param, value)
    if instance is None:
        fallback = cls.fallbacks.get(info.name)
        if fallback is not None:
            return fallback
        others = list(cls.params)
        others[info.param] = type_name(value)
        raise no_instance(cls.name, " ".join(others))
    impl = _ready(instance.methods, info.name)
    if impl is None:
        impl = _ready(cls.defaults, info.name)
    if impl is None:
        raise ArgumentError(f"`instance {instance.head()}` does not define `{info.name}`, and class "
                            f"`{cls.name}` has no default for it")
    return impl


def no_instance(class_name: str, type_name_: str) -> ArgumentError:
    hint = (f": add `deriving ({class_name})` to the declaration of `{type_name_}`" if class_name in STOCK_CLASSES
            else f": declare `instance {class_name} {type_name_} where ...`")
    return ArgumentError(f"no instance for ({class_name} {type_name_}){hint}")


# ------------------------------------------------------------------------------------------ type keys
def type_keys(value: Any) -> tuple:
    """The instance-head names a run-time value answers to, most specific first."""
    kind = type(value)
    if kind is Data:
        return (value.type_name,)
    if kind is bool:
        return ("Bool",)
    if kind is Int:
        return ("Int",)
    if kind is int:
        return ("Integer", "Int")  # a literal is an Integer until something says Int
    if kind is Char:
        return ("Char",)
    if kind is float or kind is np.float64:
        return ("Double",)
    if kind is np.float32:
        return ("Float",)
    if kind is str:
        return ("String", "[]")
    if kind is list or kind.__name__ == "LazyList":
        return ("[]",)
    if kind is tuple:
        return ("()",) if not value else ("(" + "," * (len(value) - 1) + ")",)
    if isinstance(value, Function):
        return ("->",)
    if isinstance(value, IOAction):
        return ("IO",)
    registered = _PY_TYPES.get(kind)
    return registered if registered is not None else (kind.__name__,)


def type_name(value: Any) -> str:
    from gradbook.engine.language.display import type_of

    return type_of(value) if type(value) is Data else type_keys(value)[0]


def register_type(python_class: type, *names: str) -> None:
    """Name a Python class of values as a Haskell type for instance heads (most specific name first)."""
    _PY_TYPES[python_class] = names
    BUILTIN_TYPE_NAMES.update(names)


def key_of_type(node: Any, env: TypeEnv) -> str:
    """The instance-head key of a type tree (`Maybe a` -> "Maybe", `[Char]` -> "String", `a` -> "*")."""
    if isinstance(node, S.TName):
        if node.name[:1].islower():
            return "*"
        found = env.type(node.name)
        if isinstance(found, TypeSynonym):
            return key_of_type(found.target, env)
        if isinstance(found, DataType) or node.name in BUILTIN_TYPE_NAMES:
            return node.name
        near = suggest(node.name, env.names("types") | BUILTIN_TYPE_NAMES)
        hint = f"; did you mean `{near}`?" if near else ""
        raise LangError("name", f"unknown type `{node.name}`{hint}", node.span)
    if isinstance(node, S.TList):
        return "String" if isinstance(node.item, S.TName) and node.item.name == "Char" else "[]"
    if isinstance(node, S.TTuple):
        return "()" if not node.items else "(" + "," * (len(node.items) - 1) + ")"
    if isinstance(node, S.TFun):
        return "->"
    raise LangError("type", "this type cannot head an instance", getattr(node, "span", None))


def find_instance(class_name: str, param: int, value: Any) -> Instance | None:
    env = current_types()
    for key in type_keys(value):
        for instance in env.all_instances(class_name):
            if instance.keys[param] == key:
                return instance
    for instance in env.all_instances(class_name):
        if instance.keys[param] == "*":
            return instance
    return None


def user_method(class_name: str, value: Any, *names: str) -> tuple[str, Function] | None:
    """(name, definition) of the first of `names` that value's instance of the class defines, or None when
    the value's type has no declared instance (the derived one applies)."""
    instance = find_instance(class_name, 0, value)
    if instance is None:
        return None
    for name in names:
        impl = _ready(instance.methods, name)
        if impl is not None:
            return name, impl
    cls = current_types().klass(class_name)
    for name in names:
        impl = _ready(cls.defaults, name) if cls is not None else None
        if impl is not None:
            return name, impl
    raise ArgumentError(f"`instance {instance.head()}` defines none of " + ", ".join(f"`{n}`" for n in names))


def call_bool(value: Any, method: str) -> bool:
    if not isinstance(value, bool):
        raise ArgumentError(f"`{method}` must return a Bool")
    return value


def has_instance(class_name: str, key: str, env: TypeEnv) -> bool:
    if class_name in STOCK_CLASSES:
        datatype = env.type(key)
        if not isinstance(datatype, DataType):
            return True  # the built-in types show, compare and order as Haskell's do
        if class_name in datatype.derived:
            return True
    return any(instance.keys[0] in (key, "*") for instance in env.all_instances(class_name))


# ---------------------------------------------------------------------------------------- declarations
def declare(evaluator: Any, decl: Any, frame: dict, env: TypeEnv, scope: Any) -> None:
    """A class or instance declaration (see datatypes.declare: `frame` receives the method values,
    `scope` is the evaluator Env the method bodies see)."""
    if isinstance(decl, S.ClassDecl):
        declare_class(evaluator, decl, frame, env, scope)
    elif decl.derived:
        standalone_deriving(decl, env)
    else:
        declare_instance(evaluator, decl, env, scope)


def _methods(evaluator: Any, bindings: tuple, scope: Any) -> dict:
    """Method definitions bound as a let block's would be, each seeing `scope` (not each other: a method
    calls another through its class, so the instance of the value at hand is used). A method defined as a
    value (`sample = sampleModel`) is evaluated on its first use, when the module's functions are bound."""
    methods: dict[str, Any] = {}
    evaluator.bind_all(bindings, methods, scope)
    from gradbook.engine.language.evaluator import Thunk

    return {name: Deferred(evaluator, value, name) if type(value) is Thunk else value
            for name, value in methods.items()}


class Deferred:
    """A method defined as a value, evaluated (once) when first dispatched to."""

    def __init__(self, evaluator: Any, thunk: Any, name: str) -> None:
        self.evaluator, self.thunk, self.name = evaluator, thunk, name

    def get(self) -> Any:
        return self.evaluator.force(self.thunk, self.name)


def _ready(table: dict, name: str) -> Any:
    impl = table.get(name)
    if type(impl) is Deferred:
        impl = table[name] = impl.get()
    return impl


def _known_class(name: str, span: S.Span | None, env: TypeEnv) -> ClassInfo:
    cls = env.klass(name)
    if cls is None:
        near = suggest(name, env.names("classes"))
        hint = f"; did you mean `{near}`?" if near else ""
        raise LangError("name", f"unknown class `{name}`{hint}", span)
    return cls


def declare_class(evaluator: Any, decl: S.ClassDecl, frame: dict, env: TypeEnv, scope: Any) -> None:
    for name, _args in decl.superclasses:
        _known_class(name, decl.span, env)
    cls = ClassInfo(decl.name, decl.params, decl.superclasses, decl.span)
    for name, method_type in decl.signatures:
        cls.methods[name] = MethodInfo(name, method_type, decl.params)
    for binding in decl.defaults:
        if not isinstance(binding, S.FunBind) or binding.name not in cls.methods:
            what = getattr(binding, "name", "this binding")
            raise LangError("name", f"`{what}` is not a method of class `{decl.name}`: give it a signature in "
                            "the class first", binding.span)
    values: dict[str, Any] = {}
    result_methods = {}
    for name, info in cls.methods.items():
        if info.position is None:
            result_methods[name] = (cls, info)
        else:
            values[name] = cls.values[name] = Method(cls, info)
    if decl.defaults:
        cls.defaults.update(_methods(evaluator, decl.defaults, scope))
    env.classes[decl.name] = cls
    env.result_methods.update(result_methods)
    frame.update(values)
    if evaluator is not None:
        for name, value in values.items():
            if not (name[:1].isalpha() or name[:1] == "_") and name not in evaluator.operators:
                evaluator.operators[name] = value


def _instance_keys(cls: ClassInfo, types: tuple, span: S.Span, env: TypeEnv) -> tuple:
    if len(types) != len(cls.params):
        raise LangError("type", f"class `{cls.name}` takes {len(cls.params)} type"
                        f"{'s' if len(cls.params) != 1 else ''}, but the instance gives {len(types)}", span)
    return tuple(key_of_type(node, env) for node in types)


def _check_superclasses(cls: ClassInfo, keys: tuple, span: S.Span | None, env: TypeEnv) -> None:
    for name, args in cls.superclasses:
        for arg in args:
            if isinstance(arg, S.TName) and arg.name in cls.params:
                key = keys[cls.params.index(arg.name)]
                if key != "*" and not has_instance(name, key, env):
                    raise LangError("type", f"no instance for ({name} {key}), which `instance {cls.name} "
                                    f"{' '.join(keys)}` needs: class `{cls.name}` requires `{name}`", span)


def _register(env: TypeEnv, instance: Instance) -> None:
    table = env.instances.setdefault(instance.class_name, [])
    table[:] = [old for old in table if old.keys != instance.keys]  # a redefinition replaces (a cell run again)
    table.append(instance)


def declare_instance(evaluator: Any, decl: S.InstanceDecl, env: TypeEnv, scope: Any) -> None:
    cls = _known_class(decl.name, decl.span, env)
    keys = _instance_keys(cls, decl.types, decl.span, env)
    for binding in decl.bindings:
        if not isinstance(binding, S.FunBind) or binding.name not in cls.methods:
            what = getattr(binding, "name", "this binding")
            raise LangError("name", f"`{what}` is not a method of class `{cls.name}`", binding.span)
    _check_superclasses(cls, keys, decl.span, env)
    methods = _methods(evaluator, decl.bindings, scope) if decl.bindings else {}
    _register(env, Instance(cls.name, keys, methods, decl.span, "declared"))


def standalone_deriving(decl: S.InstanceDecl, env: TypeEnv) -> None:
    if len(decl.types) != 1:
        raise LangError("type", "a standalone deriving names one type: `deriving instance Show Foo`", decl.span)
    node = decl.types[0]
    datatype = env.type(node.name) if isinstance(node, S.TName) else None
    if not isinstance(datatype, DataType):
        key_of_type(node, env)  # an unknown type is reported as such
        raise LangError("type", f"`deriving instance` needs a data type declared here; `{format_type(node)}` "
                        "is built in", decl.span)
    derive(env, datatype, decl.name, decl.derived, decl.span)


def derive(env: TypeEnv, datatype: DataType, class_name: str, strategy: str, span: S.Span | None) -> None:
    """One class of a deriving clause or standalone deriving."""
    if class_name in STOCK_CLASSES and strategy != "anyclass":
        datatype.derived.add(class_name)
        if strategy == "newtype":
            datatype.newtype_derived.add(class_name)
        return
    derive_anyclass(env, datatype, class_name, strategy, span)


def derive_anyclass(env: TypeEnv, datatype: DataType, class_name: str, strategy: str, span: Any) -> None:
    """`deriving anyclass (C)` or `deriving (Generic, C)` for a class of one parameter: an instance made of
    the class's defaults (Parameterized's generic default, for one)."""
    cls = env.klass(class_name)
    if cls is None and class_name in UNSUPPORTED_DERIVING:
        raise LangError("type", f"deriving `{class_name}` is not supported (Gradbook derives Show, Eq, Ord and "
                        "Generic, and any class with defaults)", span)
    cls = _known_class(class_name, span, env)
    if strategy == "newtype":
        raise LangError("type", f"`deriving newtype` is supported for Show, Eq and Ord, not `{class_name}`", span)
    if len(cls.params) != 1:
        raise LangError("type", f"class `{class_name}` has {len(cls.params)} parameters; derive only classes "
                        "of one", span)
    keys = (datatype.name,)
    _check_superclasses(cls, keys, span, env)
    _register(env, Instance(class_name, keys, {}, span, "derived"))


# ------------------------------------------------------------------------- methods chosen by the result
def annotated_method(evaluator: Any, node: S.Annot, env: Any) -> Any:
    """`(mempty :: [Int])`, `(fromInteger 3 :: V)`: the method the annotation chooses, applied; or
    NOT_A_METHOD when `node` is not such an annotation."""
    expr = node.expr
    if type(expr) is S.RecordUpdate:  # `def {adamLr = 2e-2} :: AdamOptions`: the annotation picks def's type
        base = annotated_method(evaluator, S.Annot(expr.expr, node.type, node.span), env)
        if base is NOT_A_METHOD:
            return NOT_A_METHOD
        from gradbook.engine.language.evaluator import Env

        hidden = S.Var(" annotated record", expr.expr.span)  # a name no program can write
        return evaluator.eval(S.RecordUpdate(hidden, expr.fields, expr.span), Env({hidden.name: base}, env))
    args: tuple = ()
    if type(expr) is S.App and type(expr.fn) is S.Var:
        expr, args = expr.fn, expr.args
    if type(expr) is not S.Var or _bound(expr.name, env) or expr.name in evaluator.builtins:
        return NOT_A_METHOD
    found = current_types().result_method(expr.name)
    if found is None:
        return NOT_A_METHOD
    cls, info = found
    key = key_of_type(_result_of(node.type, len(args)), current_types())
    for instance in current_types().all_instances(cls.name):
        if instance.keys[info.param] in (key, "*"):
            impl = _ready(instance.methods, info.name)
            if impl is None:
                impl = _ready(cls.defaults, info.name)
            if impl is None:
                break
            if not args:
                return impl
            values = [evaluator.eval(arg, env) for arg in args]
            return evaluator.call(impl, values, node.span)
    raise LangError("type", f"no instance for ({cls.name} {key}) to give `{info.name}`", node.span)


NOT_A_METHOD = object()


def _result_of(node: Any, count: int) -> Any:
    for _ in range(count):
        if isinstance(node, S.TFun):
            node = node.result
    return node


def _bound(name: str, env: Any) -> bool:
    while env is not None:
        if name in env.vars:
            return True
        env = env.parent
    return False


def ambiguous(name: str, span: S.Span) -> LangError | None:
    """The error for a result-typed method used without an annotation, or None if `name` is not one."""
    found = current_types().result_method(name)
    if found is None:
        return None
    cls, info = found
    return LangError("type", f"`{name}` is a method of class `{cls.name}` whose instance only its result type "
                     f"decides: say which with an annotation, e.g. `({name} :: T)`", span)


# --------------------------------------------------------------------- the builtins' operators on data
_BUILTIN_METHODS = {"+": ("Num", "+"), "-": ("Num", "-"), "*": ("Num", "*"), "negate": ("Num", "negate"),
                    "abs": ("Num", "abs"), "signum": ("Num", "signum"), "/": ("Fractional", "/"),
                    "<$>": ("Functor", "fmap"), "fmap": ("Functor", "fmap"), "<>": ("Semigroup", "<>"),
                    "mappend": ("Semigroup", "<>"), "compare": ("Ord", "compare")}


def method_fallback(name: str, args: tuple) -> Any:
    """When a builtin operator refused its operands and one is a data value: the user's instance method's
    result, or NOT_A_METHOD."""
    target = _BUILTIN_METHODS.get(name)
    if target is None or not any(type(arg) is Data for arg in args):
        return NOT_A_METHOD
    cls = current_types().klass(target[0])
    info = cls.methods.get(target[1]) if cls is not None else None
    if info is None or info.position is None or info.position >= len(args):
        return NOT_A_METHOD
    if find_instance(cls.name, info.param, args[info.position]) is None:
        return NOT_A_METHOD
    return implementation(cls, info, args[info.position]).apply(*args)


# ------------------------------------------------------------------------------------------ Python API
def _as_function(name: str, impl: Any) -> Any:
    if isinstance(impl, Function) or not callable(impl):
        return impl
    return BuiltinFunction(name, len(inspect.signature(impl).parameters), impl)


def _builtin_class(class_name: str) -> ClassInfo:
    cls = builtin_types().klass(class_name)
    if cls is None:
        raise KeyError(f"no built-in class {class_name}")
    return cls


def register_instance(class_name: str, types: tuple | str, methods: dict[str, Any]) -> None:
    """A built-in instance: `types` are instance-head keys ("Linear", "[]", "Tensor", "*")."""
    cls = _builtin_class(class_name)
    keys = (types,) if isinstance(types, str) else tuple(types)
    unknown = set(methods) - set(cls.methods)
    if unknown or len(keys) != len(cls.params):
        raise ValueError(f"instance {class_name} {keys}: unknown methods {unknown} or wrong number of types")
    _register(builtin_types(), Instance(class_name, keys, {n: _as_function(n, f) for n, f in methods.items()},
                                        None, "builtin"))


def set_default(class_name: str, method_name: str, impl: Any) -> None:
    _builtin_class(class_name).defaults[method_name] = _as_function(method_name, impl)


def set_fallback(class_name: str, method_name: str, impl: Any) -> None:
    _builtin_class(class_name).fallbacks[method_name] = _as_function(method_name, impl)


def method(name: str) -> Function:
    """The dispatching Function of a class method visible in the current Session."""
    env = current_types()
    for class_name in env.names("classes"):
        cls = env.klass(class_name)
        if name in cls.values:
            return cls.values[name]
    raise KeyError(f"no class method {name}")


def call_method(name: str, *args: Any) -> Any:
    return method(name).apply(*args)


PRELUDE_CLASSES = """
class Show a where
  show :: a -> String
  showsPrec :: Int -> a -> String -> String
class Eq a where
  (==), (/=) :: a -> a -> Bool
class Eq a => Ord a where
  compare :: a -> a -> Ordering
  (<), (<=), (>), (>=) :: a -> a -> Bool
  max, min :: a -> a -> a
class Num a where
  (+), (-), (*) :: a -> a -> a
  negate, abs, signum :: a -> a
  fromInteger :: Integer -> a
class Num a => Fractional a where
  (/) :: a -> a -> a
  recip :: a -> a
class Semigroup a where
  (<>) :: a -> a -> a
class Semigroup a => Monoid a where
  mempty :: a
class Functor f where
  fmap :: (a -> b) -> f a -> f b
data CodeType = Top | Eval | Do | Hide | Fake | Twocol | Noq deriving (Show, Eq, Ord)
class AskInliterate a where
  askInliterate :: String -> [CodeType] -> a -> IO ()
"""


def declare_prelude_classes() -> None:
    """Prelude's classes in the built-in env, with the instances of the built-in types that need one."""
    from gradbook.engine.language import datatypes

    datatypes.declare_builtin(PRELUDE_CLASSES)
    register_instance("Semigroup", "String", {"<>": lambda a, b: _append(a, b)})
    register_instance("Semigroup", "[]", {"<>": lambda a, b: _append(a, b)})
    register_instance("Monoid", "String", {"mempty": ""})
    register_instance("Monoid", "[]", {"mempty": []})
    register_instance("Functor", "Maybe", {"fmap": _fmap_maybe})

    # Inliterate.Import's class: the default (and the instances it ships for Int, Integer, Double, Float,
    # String and pairs) answers with the value's text, a String as it is; a lesson's `instance
    # AskInliterate Tensor` takes the default
    set_default("AskInliterate", "askInliterate", lambda label, codes, value: _answer(_show(value)))
    for key in ("Int", "Integer", "Double", "Float", "(,)"):
        register_instance("AskInliterate", key, {})
    register_instance("AskInliterate", "String", {"askInliterate": lambda label, codes, text: _answer(text)})
    set_fallback("Show", "show", _show)
    # Num's defaults, as the Prelude defines them: `x - y = x + negate y`, `negate x = fromInteger 0 - x`
    set_default("Num", "-", lambda a, b: call_method("+", a, call_method("negate", b)))
    set_default("Num", "negate", _negate_default)


def _negate_default(x: Any) -> Any:
    num = builtin_types().klass("Num")
    zero = implementation(num, num.methods["fromInteger"], x).apply(0)  # the instance of x's type
    return call_method("-", zero, x)


def _answer(text: str) -> IOAction:
    from gradbook.engine.language.values import emit_stdout

    return IOAction("askInliterate", lambda: emit_stdout(text + "\n") or ())


def _show(value: Any) -> str:
    from gradbook.engine.language.display import show

    return show(value)


def _append(a: Any, b: Any) -> Any:
    from gradbook.engine.language.builtins.operators import OPERATORS

    return OPERATORS["++"].apply(a, b)


def _fmap_maybe(f: Any, value: Any) -> Any:
    if value.con == "Nothing":
        return value
    return Data("Just", (f.apply(value.fields[0]),), "Maybe", value.info)


def builtin_operators() -> dict[str, Function]:
    """Operator methods of the built-in classes the builtins table lacks (`<>`)."""
    env = builtin_types()
    found: dict[str, Function] = {}
    for class_name in env.names("classes"):
        for name, value in env.klass(class_name).values.items():
            if not (name[:1].isalpha() or name[:1] == "_"):
                found[name] = value
    return found

