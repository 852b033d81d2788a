"""Functor, Applicative and Monad functions of Prelude, Control.Monad and Data.Foldable, for any monad
monads.py knows (IO, State, lists, Maybe, Either, functions): `pure return fmap mapM mapM_ forM forM_
traverse traverse_ sequence sequence_ foldM foldM_ zipWithM zipWithM_ when unless replicateM replicateM_
forever join void liftA2 guard`. The operators (`>>= >> <$> <*> ...`) are in runtime.py."""
from __future__ import annotations

from typing import Any

from gradbook.engine.language import monads
from gradbook.engine.language.builtins import args
from gradbook.engine.language.builtins.registry import Table
from gradbook.engine.language.values import UNIT, Pure

TABLE = Table()


@TABLE.fn("pure", "Applicative f => a -> f a", "A computation that does nothing and gives the value (in IO, "
          "State, a list, Maybe: whichever it is used in).", "pure 3", "(no equivalent)")
def pure(value: Any) -> Pure:
    return Pure(value)


@TABLE.fn("return", "Monad m => a -> m a", "The same as `pure`: a computation giving the value.", "return 3",
          "(no equivalent)")
def return_(value: Any) -> Pure:
    return Pure(value, "return")


@TABLE.fn("fmap", "Functor f => (a -> b) -> f a -> f b", "Apply a function inside a computation or container "
          "(a list, Maybe, IO, State, a function, a pair's second part).", "fmap (+ 1) (Just 2)", "map(f, xs)")
def fmap(f: Any, m: Any) -> Any:
    fn = args.function("fmap", f, 1)
    return monads.fmap(fn.apply, m)


@TABLE.fn("liftA2", "Applicative f => (a -> b -> c) -> f a -> f b -> f c", "Combine the results of two "
          "computations with a function.", "liftA2 (+) (Just 1) (Just 2)", "[f(x, y) for x in xs for y in ys]")
def lift_a2(f: Any, a: Any, b: Any) -> Any:
    fn = args.function("liftA2", f, 1)
    return monads.ap(monads.fmap(fn.apply, a, "`liftA2`"), b)


@TABLE.fn("join", "Monad m => m (m a) -> m a", "Flatten a computation that gives a computation.",
          "join [[1, 2], [3]]", "itertools.chain.from_iterable(xss)")
def join(m: Any) -> Any:
    return monads.bind(m, lambda inner: inner, "`join`")


@TABLE.fn("void", "Functor f => f a -> f ()", "The computation with its result replaced by ().",
          "void (Just 3)", "(no equivalent)")
def void(m: Any) -> Any:
    return monads.fmap(lambda _: UNIT, m, "`void`")


@TABLE.fn("when", "Applicative f => Bool -> f () -> f ()", "The computation if the condition holds, else one "
          "doing nothing.", 'when True (putStrLn "yes")', "if cond: action()")
def when(condition: Any, action: Any) -> Any:
    return action if args.boolean("when", condition, 1) else Pure(UNIT)


@TABLE.fn("unless", "Applicative f => Bool -> f () -> f ()", "The computation unless the condition holds.",
          'unless False (putStrLn "yes")', "if not cond: action()")
def unless(condition: Any, action: Any) -> Any:
    return Pure(UNIT) if args.boolean("unless", condition, 1) else action


@TABLE.fn("guard", "Alternative f => Bool -> f ()", "In a list or Maybe computation: go on if the condition "
          "holds, else give [] or Nothing.", "[x | x <- [1 .. 9], even x] == do { x <- [1 .. 9]; guard (even x); pure x }",
          "if not cond: continue")
def guard(condition: Any) -> Any:
    return Pure(UNIT) if args.boolean("guard", condition, 1) else monads.EMPTY


def _traverse(fn_name: str, f: Any, xs: Any, f_position: int, xs_position: int, keep: bool) -> Any:
    function = args.function(fn_name, f, f_position)
    return monads.traverse(function, args.walk(fn_name, xs, xs_position), f"`{fn_name}`", keep)


@TABLE.fn("mapM_", "Monad m => (a -> m b) -> [a] -> m ()", "Run a function's computation for every element, in "
          "order.", "mapM_ print [1, 2, 3]", "for x in xs: f(x)")
def map_m_(f: Any, xs: Any) -> Any:
    return _traverse("mapM_", f, xs, 1, 2, False)


@TABLE.fn("forM_", "Monad m => [a] -> (a -> m b) -> m ()", "`mapM_` with the list first.", "forM_ [1, 2] print",
          "for x in xs: f(x)")
def for_m_(xs: Any, f: Any) -> Any:
    return _traverse("forM_", f, xs, 2, 1, False)


@TABLE.fn("traverse_", "Applicative f => (a -> f b) -> [a] -> f ()", "The same as `mapM_`.",
          "traverse_ print [1, 2]", "for x in xs: f(x)")
def traverse_(f: Any, xs: Any) -> Any:
    return _traverse("traverse_", f, xs, 1, 2, False)


@TABLE.fn("mapM", "Monad m => (a -> m b) -> [a] -> m [b]", "Run a function's computation for every element, "
          "giving the list of results.", "mapM (\\x -> Just (x + 1)) [1, 2]", "[f(x) for x in xs]")
def map_m(f: Any, xs: Any) -> Any:
    return _traverse("mapM", f, xs, 1, 2, True)


@TABLE.fn("forM", "Monad m => [a] -> (a -> m b) -> m [b]", "`mapM` with the list first.",
          "forM [1, 2] (\\x -> pure (x * 2))", "[f(x) for x in xs]")
def for_m(xs: Any, f: Any) -> Any:
    return _traverse("forM", f, xs, 2, 1, True)


@TABLE.fn("traverse", "Applicative f => (a -> f b) -> [a] -> f [b]", "The same as `mapM`.",
          "traverse (\\x -> [x, -x]) [1, 2]", "[f(x) for x in xs]")
def traverse(f: Any, xs: Any) -> Any:
    return _traverse("traverse", f, xs, 1, 2, True)


@TABLE.fn("sequence", "Monad m => [m a] -> m [a]", "Run a list of computations in order, giving their results.",
          "sequence [Just 1, Just 2]", "[action() for action in actions]")
def sequence(ms: Any) -> Any:
    return monads.sequence_values(args.sequence("sequence", ms, 1), "`sequence`", True)


@TABLE.fn("sequence_", "Monad m => [m a] -> m ()", "Run a list of computations in order.",
          'sequence_ [putStrLn "a", putStrLn "b"]', "for action in actions: action()")
def sequence_(ms: Any) -> Any:
    return monads.sequence_values(args.sequence("sequence_", ms, 1), "`sequence_`", False)


@TABLE.fn("replicateM_", "Applicative m => Int -> m a -> m ()", "Run a computation n times.",
          'replicateM_ 2 (putStrLn "hi")', "for _ in range(n): action()")
def replicate_m_(n: Any, m: Any) -> Any:
    count = args.integer("replicateM_", n, 1)
    if type(m) is Pure or count <= 0:
        return Pure(UNIT)
    if monads.need_monad(m, "`replicateM_`") is monads.LIST:
        return monads.sequence_values([m] * count, "`replicateM_`", False)

    def body(perform: Any) -> Any:
        for _ in range(count):
            perform(m)
        return UNIT

    return monads.drive_for(m, body, "`replicateM_`")


@TABLE.fn("replicateM", "Applicative m => Int -> m a -> m [a]", "Run a computation n times, giving the results "
          "(for lists: every combination).", "replicateM 2 \"ab\"", "[action() for _ in range(n)]")
def replicate_m(n: Any, m: Any) -> Any:
    count = args.integer("replicateM", n, 1)
    return monads.sequence_values([m] * max(count, 0), "`replicateM`", True)


@TABLE.fn("forever", "Applicative f => f a -> f b", "Run a computation again and again (until an error or Ctrl-C "
          "stops it).", "forever (Nothing :: Maybe Int)", "while True: action()")
def forever(m: Any) -> Any:
    if type(m) is Pure:
        raise args.fail("forever", "a computation with an effect (`forever (pure x)` would never end)", 1, m, "")

    def body(perform: Any) -> Any:
        while True:
            perform(m)

    driven = monads.drive_for(m, body, "`forever`")
    if driven is None:
        raise args.fail("forever", "an IO, State, Maybe or Either computation", 1, m, "")
    return driven


def _fold(fn_name: str, f: Any, z: Any, xs: Any, keep: bool) -> Any:
    step = args.function(fn_name, f, 1)
    items = args.sequence(fn_name, xs, 3)
    acc, index, first = z, 0, None
    while index < len(items):
        candidate = step.apply(acc, items[index])
        if type(candidate) is not Pure:
            first = candidate
            break
        acc = candidate.value
        index += 1
    if first is None:
        return Pure(acc if keep else UNIT)

    def body(perform: Any) -> Any:
        value = z
        for x in items:
            value = perform(step.apply(value, x))
        return value if keep else UNIT

    driven = monads.drive_for(first, body, f"`{fn_name}`")
    if driven is not None:
        return driven

    def go(i: int, value: Any) -> Any:  # the list monad: one branch per result
        if i == len(items):
            return [value if keep else UNIT]
        return monads.bind(step.apply(value, items[i]), lambda v: go(i + 1, v))

    return go(0, z)


@TABLE.fn("foldM", "Monad m => (b -> a -> m b) -> b -> [a] -> m b", "`foldl` whose step is a computation: "
          "a training loop in IO or State.", "foldM (\\acc x -> Just (acc + x)) 0 [1, 2, 3]",
          "for x in xs: acc = f(acc, x)")
def fold_m(f: Any, z: Any, xs: Any) -> Any:
    return _fold("foldM", f, z, xs, True)


@TABLE.fn("foldM_", "Monad m => (b -> a -> m b) -> b -> [a] -> m ()", "`foldM`, throwing the result away.",
          "foldM_ (\\acc x -> print (acc + x) >> pure (acc + x)) 0 [1, 2]", "for x in xs: acc = f(acc, x)")
def fold_m_(f: Any, z: Any, xs: Any) -> Any:
    return _fold("foldM_", f, z, xs, False)


def _zip_with_m(fn_name: str, f: Any, xs: Any, ys: Any, keep: bool) -> Any:
    function = args.function(fn_name, f, 1)
    pairs = list(zip(args.walk(fn_name, xs, 2), args.walk(fn_name, ys, 3)))
    return monads.sequence_values([function.apply(x, y) for x, y in pairs], f"`{fn_name}`", keep)


@TABLE.fn("zipWithM", "Applicative m => (a -> b -> m c) -> [a] -> [b] -> m [c]", "`zipWith` whose function "
          "gives computations, run in order.", "zipWithM (\\a b -> Just (a + b)) [1, 2] [3, 4]",
          "[f(x, y) for x, y in zip(xs, ys)]")
def zip_with_m(f: Any, xs: Any, ys: Any) -> Any:
    return _zip_with_m("zipWithM", f, xs, ys, True)


@TABLE.fn("zipWithM_", "Applicative m => (a -> b -> m c) -> [a] -> [b] -> m ()", "`zipWithM`, throwing the "
          "results away.", "zipWithM_ (\\i s -> putStrLn (show i ++ s)) [1, 2] [\"a\", \"b\"]",
          "for x, y in zip(xs, ys): f(x, y)")
def zip_with_m_(f: Any, xs: Any, ys: Any) -> Any:
    return _zip_with_m("zipWithM_", f, xs, ys, False)
