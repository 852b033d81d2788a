"""Algebraic data types at run time: `data`/`newtype`/`type` declarations, constructor values, field
accessors, the data value's fields, and derived Eq and Ord. Record expressions and constructor patterns are
records.py; classes and instances are classes.py; derived Show is display/data.py.

Types live in a `TypeEnv` per Session (over one built-in env holding Maybe, Either, Ordering and what the
builtins declare), set as the current one while the Session runs (`use_types`), since instances are
global in Haskell: a closure made before `instance Show Foo` still shows Foo with it afterwards.

Python API for builtins (other modules declare their types in Haskell text):
    declare_builtin("data LinearSpec = LinearSpec {in_features :: Int, out_features :: Int}
                     deriving (Show, Eq)")  -> {name: value} of the constructors and field accessors
    make(con_name, *fields) -> the data value (a values.Data); fields(value) -> its field dict
    is_data(value, type_name=None); info_of(value) -> its ConInfo; ordering(-1 | 0 | 1)
"""
from __future__ import annotations

import contextvars
from typing import Any, Iterable

from gradbook.engine.language import syntax as S
from gradbook.engine.language.diagnostics import LangError
from gradbook.engine.language.values import Data, Function
from gradbook.engine.tensors.errors import ArgumentError, InvalidValueError

STOCK_CLASSES = frozenset(["Show", "Eq", "Ord", "Generic"])


# ------------------------------------------------------------------------------------- the run-time model
class DataType:
    """One `data` or `newtype` declaration. `derived` names the stock classes it derives (`newtype_derived`
    those derived through the newtype, which show and compare as the wrapped value)."""

    def __init__(self, name: str, params: tuple, newtype: bool, span: S.Span | None) -> None:
        self.name, self.params, self.newtype, self.span = name, params, newtype, span
        self.constructors: list[ConInfo] = []
        self.derived: set[str] = set()
        self.newtype_derived: set[str] = set()

    def __repr__(self) -> str:
        return f"<data {self.name}>"


class ConInfo:
    """One constructor (a data value, values.Data, holds its own in `info`): its position among the type's constructors (derived Ord), arity, field names."""

    def __init__(self, datatype: DataType, decl: S.ConDecl, index: int) -> None:
        self.datatype, self.index = datatype, index
        self.name, self.arity, self.fields, self.types = decl.name, decl.arity, decl.fields, decl.types
        self.infix = decl.infix
        self.field_index = {field: i for i, field in enumerate(decl.fields)}
        self.span = decl.span
        self.coercions: tuple = ()  # per field, the number type its literals take (`XY 1 2` holds Doubles)

    def build(self, args: tuple) -> Data:
        if self.coercions:
            args = coerce_fields(self, args)
        return Data(self.name, args, self.datatype.name, self)


class MissingField:
    """The value of a field left out when a record was built: an error as soon as it is used."""

    __slots__ = ("con", "field", "span")

    def __init__(self, con: ConInfo, field: str, span: S.Span | None) -> None:
        self.con, self.field, self.span = con, field, span

    def error(self) -> InvalidValueError:
        where = f" (at {self.span.source.first_line + self.span.line - 1}:{self.span.col})" if self.span else ""
        return InvalidValueError(f"the field `{self.field}` of this `{self.con.name}` was not given a value "
                                 f"when the record was built{where}")


def info_of(value: Data) -> ConInfo:
    """The constructor of a data value (Data made by Python builtins, `Just x` say, find theirs by name)."""
    info = value.info
    if info is None:
        info = value.info = builtin_types().constructor(value.con)
        if info is None:  # pragma: no cover - a builtin made a Data of a constructor nobody declared
            raise ArgumentError(f"unknown constructor `{value.con}`")
    return info


def checked(value: Any) -> Any:
    if type(value) is MissingField:
        raise value.error()
    return value


class Constructor(Function):
    """A constructor with fields, as a curried function (`Just`, `map Just xs`)."""

    def __init__(self, con: ConInfo) -> None:
        self.con = con
        self.name = con.name
        self.arity = con.arity
        self.signature = " -> ".join([*(format_type(t) for t in con.types), type_head(con.datatype)])

    def call(self, args: Any) -> Any:
        return self.con.build(tuple(args))


class FieldSelector(Function):
    """A field's accessor (`in_features spec`); any record with a field of that name works, so types that
    share field names (DuplicateRecordFields) share the accessor."""

    arity = 1

    def __init__(self, field: str, signature: str) -> None:
        self.name = field
        self.signature = signature

    def call(self, args: Any) -> Any:
        return get_field(args[0], self.name)


def get_field(value: Any, field: str) -> Any:
    """The field of a record, or an ArgumentError saying why there is none."""
    if type(value) is not Data:
        from gradbook.engine.language.runtime import describe

        raise ArgumentError(f"`{field}` selects a field of a record; this is {describe(value)}")
    con = info_of(value)
    index = con.field_index.get(field)
    if index is None:
        others = [other.name for other in con.datatype.constructors if field in other.field_index]
        if others:
            raise InvalidValueError(f"this `{value.type_name}` was built with `{con.name}`, which has no field "
                                    f"`{field}` (`{others[0]}` has)")
        raise ArgumentError(f"`{value.type_name}` has no field `{field}`")
    return checked(value.fields[index])


_NUMBER_TYPES = frozenset(["Int", "Integer", "Float", "Double", "Int64", "Int32", "Word"])


def number_htype(node: Any, env: "TypeEnv") -> Any:
    """The coerce.annotate form of a field type made only of number types (`Float`, `[Double]`), else None."""
    if isinstance(node, S.TName) and not node.args:
        if node.name in _NUMBER_TYPES:
            return node.name
        found = env.type(node.name)
        return number_htype(found.target, env) if isinstance(found, TypeSynonym) and not found.params else None
    if isinstance(node, S.TList):
        inner = number_htype(node.item, env)
        return None if inner is None else [inner]
    return None


def coerce_fields(con: ConInfo, args: tuple) -> tuple:
    """Number literals take their field's declared type, as Haskell's literals do: `XY 1 2` holds 1.0, 2.0."""
    from gradbook.engine.language.coerce import annotate

    values = list(args)
    for index, htype in con.coercions:
        value = values[index]
        if type(value) is not MissingField and not hasattr(value, "requires_grad"):  # tensors stay tensors
            try:
                values[index] = annotate(value, htype)
            except ArgumentError as error:
                field = f"`{con.fields[index]}`" if con.fields else f"field {index + 1}"
                raise ArgumentError(f"{field} of `{con.name}`: {error}") from None
    return tuple(values)


class TypeSynonym:
    def __init__(self, name: str, params: tuple, target: Any) -> None:
        self.name, self.params, self.target = name, params, target


# ------------------------------------------------------------------------------------------- environments
class TypeEnv:
    """Data types, synonyms, constructors, classes and instances of one Session, over its parent's."""

    def __init__(self, parent: "TypeEnv | None" = None) -> None:
        self.parent = parent
        self.types: dict[str, Any] = {}  # name -> DataType | TypeSynonym
        self.constructors: dict[str, ConInfo] = {}
        self.classes: dict[str, Any] = {}  # name -> classes.ClassInfo
        self.instances: dict[str, list] = {}  # class name -> [classes.Instance]
        self.result_methods: dict[str, Any] = {}  # `mempty`-like methods: name -> (ClassInfo, MethodInfo)

    def _find(self, table: str, name: str) -> Any:
        env: TypeEnv | None = self
        while env is not None:
            found = getattr(env, table).get(name)
            if found is not None:
                return found
            env = env.parent
        return None

    def constructor(self, name: str) -> ConInfo | None:
        return self._find("constructors", name)

    def type(self, name: str) -> Any:
        return self._find("types", name)

    def klass(self, name: str) -> Any:
        return self._find("classes", name)

    def result_method(self, name: str) -> Any:
        return self._find("result_methods", name)

    def all_instances(self, class_name: str) -> Iterable:
        env: TypeEnv | None = self
        while env is not None:
            yield from env.instances.get(class_name, ())
            env = env.parent

    def names(self, table: str) -> set[str]:
        env, found = self, set()
        while env is not None:
            found.update(getattr(env, table))
            env = env.parent
        return found


_BUILTIN: TypeEnv | None = None
_current: contextvars.ContextVar[TypeEnv | None] = contextvars.ContextVar("gradbook_types", default=None)


def builtin_types() -> TypeEnv:
    """The env every Session's starts from: Prelude's types and classes, and what builtins declared."""
    global _BUILTIN
    if _BUILTIN is None:
        _BUILTIN = TypeEnv()
        from gradbook.engine.language import classes

        declare_builtin(PRELUDE_TYPES)  # their constructors as builtins are builtins/maybe.py's and sublists.py's
        classes.declare_prelude_classes()
    return _BUILTIN


def current_types() -> TypeEnv:
    env = _current.get()
    return env if env is not None else builtin_types()


def use_types(env: TypeEnv) -> contextvars.Token:
    """Make `env` the current one (the Session does this for each run); undo with `restore_types`."""
    return _current.set(env)


def restore_types(token: contextvars.Token) -> None:
    _current.reset(token)


def new_session_types() -> TypeEnv:
    return TypeEnv(builtin_types())


PRELUDE_TYPES = """
data Maybe a = Nothing | Just a deriving (Eq, Ord, Show)
data Either a b = Left a | Right b deriving (Eq, Ord, Show)
data Ordering = LT | EQ | GT deriving (Eq, Ord, Show)
type Parameter = IndependentTensor
type FilePath = String
"""


def declare_builtin(text: str) -> dict[str, Any]:
    """Declare data types, synonyms and classes (signatures only) written in Haskell into the built-in env;
    returns the values they define (constructors, accessors, methods) for a builtins table to register."""
    from gradbook.engine.language import classes
    from gradbook.engine.language.parser import Parser

    target = builtin_types()  # already set while the Prelude's own types are declared
    values: dict[str, Any] = {}
    token = _current.set(target)
    try:
        for decl in Parser(S.Source("<builtin>", text)).statements():
            if isinstance(decl, S.ClassDecl) and decl.defaults:
                raise ValueError("built-in classes take their defaults from Python (classes.set_default)")
            if isinstance(decl, S.InstanceDecl) and decl.bindings:
                raise ValueError("built-in instances take their methods from Python (classes.register_instance)")
            if isinstance(decl, (S.DataDecl, S.TypeDecl)):
                declare_type(decl, values, target)
            else:
                classes.declare(None, decl, values, target, None)
    finally:
        _current.reset(token)
    return values


# ------------------------------------------------------------------------------------------ declarations
def declare(evaluator: Any, decl: Any, frame: dict, env: Any) -> None:
    """Run one declaration (S.TYPE_DECLARATIONS): register its types, classes or instances in the current
    TypeEnv and put the values it defines (constructors, accessors, methods) into `frame`, for the caller to
    commit. The closures it makes (instance and default methods) look names up in the evaluator Env `env`
    when called, so a module's functions bound after them are seen. Nothing is registered when it fails."""
    types = current_types()
    if isinstance(decl, (S.DataDecl, S.TypeDecl)):
        values: dict[str, Any] = {}
        declare_type(decl, values, types)
        frame.update(values)
        return
    from gradbook.engine.language import classes

    classes.declare(evaluator, decl, frame, types, env)


def declare_type(decl: Any, values: dict, env: TypeEnv) -> None:
    if isinstance(decl, S.TypeDecl):
        env.types[decl.name] = TypeSynonym(decl.name, decl.params, decl.type)
        return
    datatype = DataType(decl.name, decl.params, decl.newtype, decl.span)
    constructors: dict[str, ConInfo] = {}
    for index, con_decl in enumerate(decl.constructors):
        if con_decl.name in constructors:
            raise LangError("name", f"constructor `{con_decl.name}` is declared twice", con_decl.span)
        con = constructors[con_decl.name] = ConInfo(datatype, con_decl, index)
        con.coercions = tuple((i, h) for i, h in enumerate(number_htype(t, env) for t in con.types)
                              if h is not None)
    datatype.constructors = list(constructors.values())
    anyclass = []
    for strategy, class_name, span in decl.deriving:
        if class_name in STOCK_CLASSES and strategy != "anyclass":
            datatype.derived.add(class_name)
            if strategy == "newtype":
                datatype.newtype_derived.add(class_name)
        else:
            anyclass.append((strategy, class_name, span))
    values.update(constructor_values(datatype))
    env.types[decl.name] = datatype
    env.constructors.update(constructors)
    if anyclass:
        from gradbook.engine.language import classes

        for strategy, class_name, span in anyclass:
            classes.derive_anyclass(env, datatype, class_name, strategy, span)


def constructor_values(datatype: DataType) -> dict[str, Any]:
    values: dict[str, Any] = {}
    field_types: dict[str, str] = {}
    for con in datatype.constructors:
        values[con.name] = con.build(()) if con.arity == 0 else Constructor(con)
        for field, field_type in zip(con.fields, con.types):
            field_types.setdefault(field, f"{type_head(datatype)} -> {format_type(field_type)}")
    for field, signature in field_types.items():
        values[field] = FieldSelector(field, signature)
    return values


# ------------------------------------------------------------------------------------------ type texts
def type_head(datatype: DataType) -> str:
    return " ".join([datatype.name, *datatype.params])


def format_type(node: Any, nested: bool = False) -> str:
    """A type tree as Haskell writes it: `Maybe [Int]`, `(a -> b) -> a`."""
    if isinstance(node, S.TName):
        text = " ".join([node.name, *(format_type(arg, True) for arg in node.args)])
        return f"({text})" if nested and node.args else text
    if isinstance(node, S.TList):
        return "[" + format_type(node.item) + "]"
    if isinstance(node, S.TTuple):
        return "(" + ", ".join(format_type(item) for item in node.items) + ")"
    if isinstance(node, S.TFun):
        text = f"{format_type(node.arg, True)} -> {format_type(node.result)}"
        return f"({text})" if nested else text
    return "?"


def type_text(value: Data) -> str:
    """`:type` of a data value: `Maybe Int`, `Either String b`, `LinearSpec`."""
    from gradbook.engine.language.display import type_of

    con = info_of(value)
    datatype = con.datatype
    params = []
    for param in datatype.params:
        found = param
        for field_type, arg in zip(con.types, value.fields):
            if isinstance(field_type, S.TName) and field_type.name == param and not field_type.args:
                found = type_of(arg) if type(arg) is not MissingField else param
                if " " in found and not found.startswith(("[", "(")):
                    found = f"({found})"
                break
        params.append(found)
    return " ".join([datatype.name, *params])


# ------------------------------------------------------------------------------------ values and helpers
def make(con_name: str, *fields: Any) -> Data:
    """The data value `con_name fields...` (for Python-side builtins: `make("Linear", w, b)`)."""
    con = current_types().constructor(con_name)
    if con is None or con.arity != len(fields):
        raise ArgumentError(f"no constructor `{con_name}` with {len(fields)} fields")
    return con.build(tuple(fields))


def fields(value: Data) -> dict[str, Any]:
    """A record's fields by name (positional constructors: `_1`, `_2`, ...)."""
    con = info_of(value)
    names = con.fields or tuple(f"_{i + 1}" for i in range(con.arity))
    return dict(zip(names, value.fields))


def is_data(value: Any, type_name: str | None = None) -> bool:
    return type(value) is Data and (type_name is None or value.type_name == type_name)


def ordering(sign: int) -> Data:
    return make("LT" if sign < 0 else "GT" if sign > 0 else "EQ")


# ---------------------------------------------------------------------------------------- Eq and Ord
def values_equal(a: Data, b: Data) -> bool:
    """`a == b` for two values of one data type: the user's Eq instance, else the derived one."""
    from gradbook.engine.language import classes

    user = classes.user_method("Eq", a, "==", "/=")
    if user is not None:
        method, result = user
        answer = classes.call_bool(result.apply(a, b), method)
        return answer if method == "==" else not answer
    datatype = info_of(a).datatype
    if "Eq" not in datatype.derived and "Ord" not in datatype.derived:
        raise classes.no_instance("Eq", datatype.name)
    if a.con != b.con:
        return False
    from gradbook.engine.language.builtins.operators import equal

    return all(equal(checked(x), checked(y)) for x, y in zip(a.fields, b.fields))


def compare_values(a: Data, b: Any) -> int:
    """-1, 0 or 1: the user's Ord instance (`compare` or `<=`), else the derived order (constructors in
    declaration order, then the fields from the left)."""
    from gradbook.engine.language import classes

    if type(b) is not Data or b.type_name != a.type_name:
        from gradbook.engine.language.runtime import describe

        raise ArgumentError(f"values of different types cannot be ordered: {describe(a)} and {describe(b)}")
    user = classes.user_method("Ord", a, "compare", "<=")
    if user is not None:
        method, fn = user
        if method == "compare":
            result = fn.apply(a, b)
            if not is_data(result, "Ordering"):
                raise ArgumentError("`compare` must return LT, EQ or GT")
            return info_of(result).index - 1
        if classes.call_bool(fn.apply(a, b), "<="):
            return 0 if classes.call_bool(fn.apply(b, a), "<=") else -1
        return 1
    con_a, con_b = info_of(a), info_of(b)
    if "Ord" not in con_a.datatype.derived:
        raise classes.no_instance("Ord", a.type_name)
    if con_a.index != con_b.index:
        return -1 if con_a.index < con_b.index else 1
    from gradbook.engine.language.builtins.operators import OPERATORS, equal

    less = OPERATORS["<"]
    for x, y in zip(a.fields, b.fields):
        x, y = checked(x), checked(y)
        if not equal(x, y):
            return -1 if less.apply(x, y) else 1
    return 0
