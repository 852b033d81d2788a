"""Type classes through Session.run: defaults, superclasses, dispatch on the deciding argument (also of
two-parameter classes), `deriving anyclass` and standalone deriving, result-typed methods chosen by an
annotation, user instances of Prelude's classes, the located errors, and the Python API for built-in
classes and instances."""
from __future__ import annotations

import pytest

from gradbook.engine.language import classes, datatypes
from gradbook.engine.language.session import Session
from tests.language.conftest import run_ok as out

PROGRAM = """data Spec = Spec {size :: Int} deriving (Show, Eq)
data Model = Model {weights :: [Double]} deriving (Show)
data Plain = Plain Int
class Named a where
  name :: a -> String
  greet :: a -> String
  greet x = "hello, " ++ name x
class Build spec model | spec -> model where
  build :: spec -> model
  describeWith :: String -> spec -> String
  describeWith prefix s = prefix ++ show (size s)
instance Named Spec where
  name s = "spec of " ++ show (size s)
instance Named Model where
  name _ = "model"
  greet m = "hi " ++ name m
instance Build Spec Model where
  build (Spec n) = Model (replicate n 0.5)
"""


@pytest.fixture
def s() -> Session:
    session = Session()
    out(session, PROGRAM)
    return session


def first_line(session: Session, source: str) -> str:
    result = session.run(source)
    assert result.error is not None
    return result.error.rendered.split("\n")[0]


def test_defaults_and_dispatch_on_the_deciding_argument(s: Session) -> None:
    assert out(s, "(greet (Spec 2), greet (Model []))") == ['("hello, spec of 2","hi model")']
    assert out(s, "build (Spec 3)") == ["Model {weights = [0.5,0.5,0.5]}"]
    assert out(s, 'describeWith "size " (Spec 4)') == ['"size 4"']  # the deciding argument is the second
    assert out(s, "map name [Spec 1, Spec 2]") == ['["spec of 1","spec of 2"]']


def test_methods_are_bindings_with_their_class_signature(s: Session) -> None:
    assert out(s, ":type greet") == ["greet :: Named a => a -> String"]
    assert out(s, ":type build") == ["build :: Build spec model => spec -> model"]
    assert "name" in s.complete("na", 2).matches
    assert any(line.startswith("greet :: Named a => a -> String") for line in out(s, ":browse")[0].split("\n"))


def test_deriving_anyclass_and_standalone(s: Session) -> None:
    out(s, "class Describe a where\n  describe :: a -> String\n  describe _ = \"a value\"")
    out(s, "data Thing = Thing deriving anyclass (Describe)\ndata Other = Other Int deriving (Describe)")
    assert out(s, "(describe Thing, describe (Other 1))") == ['("a value","a value")']
    out(s, "deriving instance Show Plain\nderiving instance Eq Plain\nderiving anyclass instance Describe Plain")
    assert out(s, "(Plain 3, Plain 3 == Plain 3, describe (Plain 1))") == ['(Plain 3,True,"a value")']


def test_result_typed_methods_need_an_annotation(s: Session) -> None:
    out(s, "class Default a where\n  def :: a\ninstance Default Spec where\n  def = Spec 1")
    assert out(s, "(def :: Spec)") == ["Spec {size = 1}"]
    assert out(s, "size (def :: Spec) + 1") == ["2"]
    assert out(s, '(mempty :: String, mempty :: [Int], [1] <> [2])') == ['("",[],[1,2])']
    assert first_line(s, "show def").endswith("`def` is a method of class `Default` whose instance only its result "
                                              "type decides: say which with an annotation, e.g. `(def :: T)`")


def test_user_instances_of_prelude_classes() -> None:
    session = Session()
    out(session, """data V2 = V2 Double Double deriving (Show, Eq)
instance Num V2 where
  V2 a b + V2 c d = V2 (a + c) (b + d)
  V2 a b * V2 c d = V2 (a * c) (b * d)
  negate (V2 a b) = V2 (negate a) (negate b)
  fromInteger n = V2 (fromIntegral n) (fromIntegral n)
data Color = Red | Green
instance Show Color where
  show Red = "red"
  show Green = "green"
instance Eq Color where
  Red == Red = True
  Green == Green = True
  _ == _ = False
data Size = Small | Big deriving (Eq, Show)
instance Ord Size where
  compare Small Big = LT
  compare Big Small = GT
  compare _ _ = EQ
instance Semigroup Size where
  a <> b = if a == Big || b == Big then Big else Small""")
    assert out(session, "(V2 1 2 + V2 3 4, V2 1 2 - V2 0 1, negate (V2 1 1))") == [
        "(V2 4.0 6.0,V2 1.0 1.0,V2 (-1.0) (-1.0))"]  # `-` is Num's default, x + negate y
    assert out(session, "([Red, Green], Just Green, Red == Green, Red /= Green)") == ["([red,green],Just green,False,True)"]
    assert out(session, "(Small < Big, maximum [Small, Big, Small], Small <> Big)") == ["(True,Big,Big)"]


def test_instances_belong_to_their_session() -> None:
    first, second = Session(), Session()
    out(first, "data T = T\ninstance Show T where\n  show T = \"first\"")
    out(second, "data T = T\ninstance Show T where\n  show T = \"second\"")
    assert out(first, "T") == ["first"] and out(second, "T") == ["second"]
    out(first, ":reset")
    assert "unknown constructor `T`" in first_line(first, "T")


def test_ask_inliterate_is_a_built_in_class() -> None:
    session = Session()
    out(session, "instance AskInliterate Tensor\ndata P = P Int deriving Show\ninstance AskInliterate P")
    assert out(session, 'askInliterate "x" [Eval] (P 2)\naskInliterate "s" [] "text"') == ["P 2\n", "text\n"]


@pytest.mark.parametrize("source, message", [
    ("instance Nmed Spec", "unknown class `Nmed`; did you mean `Named`?"),
    ("instance Named Spek", "unknown type `Spek`; did you mean `Spec`?"),
    ("instance Named Spec where\n  nme x = \"\"", "`nme` is not a method of class `Named`"),
    ("instance Build Spec", "class `Build` takes 2 types, but the instance gives 1"),
    ("name (3 :: Int)", "no instance for (Named Int): declare `instance Named Int where ...`"),
    ("build True", "no instance for (Build Bool model): declare `instance Build Bool model where ...`"),
    ("class Show a => Pretty a where\n  pretty :: a -> String\ninstance Pretty Plain",
     "no instance for (Show Plain), which `instance Pretty Plain` needs: class `Pretty` requires `Show`"),
    ("data Q = Q deriving (Enum)", "deriving `Enum` is not supported"),
    ("instance Named Plain\nname (Plain 1)", "`instance Named Plain` does not define `name`, and class `Named` has no "
     "default for it"),
])
def test_class_errors_are_located_and_keep_bindings(s: Session, source: str, message: str) -> None:
    out(s, "let kept = 1")
    assert message in first_line(s, source)
    assert out(s, "(kept, greet (Spec 5))") == ['(1,"hello, spec of 5")']


def test_python_api_for_built_in_classes_and_instances() -> None:
    values = datatypes.declare_builtin("data ApiSpec = ApiSpec {units :: Int} deriving (Show)\n"
                                       "class ApiBuild spec model where\n  apiBuild :: spec -> IO model\n"
                                       "  apiSize :: spec -> Int")
    assert set(values) == {"ApiSpec", "units", "apiBuild", "apiSize"}
    classes.register_instance("ApiBuild", ("ApiSpec", "[]"), {
        "apiBuild": lambda spec: __import__("gradbook.engine.language.values", fromlist=["IOAction"]).IOAction(
            "apiBuild", lambda: [0] * datatypes.fields(spec)["units"])})
    classes.set_default("ApiBuild", "apiSize", lambda spec: 10 * spec.fields[0])
    session = Session()
    for name, value in values.items():  # what a builtins table would register
        session.evaluator.builtins[name] = value
    assert out(session, "m <- apiBuild (ApiSpec 3)\n(m, apiSize (ApiSpec 2), ApiSpec {units = 4})") == [
        "([0,0,0],20,ApiSpec {units = 4})"]
    token = datatypes.use_types(session.types)
    try:
        assert classes.call_method("apiSize", datatypes.make("ApiSpec", 5)) == 50
    finally:
        datatypes.restore_types(token)


def test_a_module_declares_in_any_order() -> None:
    """Instances and classes before or after the functions they use, as in a GHC module."""
    session = Session()
    out(session, """instance Sized Box where
  size = boxSize
main = print (size (Box [1, 2, 3]), twice (Box []))
boxSize (Box xs) = length xs
data Box = Box [Int] deriving Show
twice b = size b * 2
class Sized a where
  size :: a -> Int""")
    assert out(session, "main") == ["(3,0)\n"]
