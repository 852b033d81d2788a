"""Control.Monad.State (mtl): `state get put modify modify' gets runState evalState execState runStateT
evalStateT execStateT liftIO lift`. One representation, values.StateAction, serves State and StateT over IO:
the IO of `liftIO` runs while the state is threaded through, and `runStateT` & co. make an IO action of it."""
from __future__ import annotations

from typing import Any

from gradbook.engine.language.builtins import args
from gradbook.engine.language.builtins.registry import Table
from gradbook.engine.language.monads import Lifted, run_as_state
from gradbook.engine.tensors.errors import ArgumentError
from gradbook.engine.language.values import UNIT, IOAction, Pure, StateAction

TABLE = Table()

TABLE.value("get", StateAction("get", lambda s: (s, s)), "State s s", "The current state (in a State `do` block: "
            "`s <- get`).", "evalState get 5", "state")


@TABLE.fn("put", "s -> State s ()", "Replace the state.", "execState (put 3) 0", "state = s")
def put(new: Any) -> StateAction:
    return StateAction("put", lambda _old: (UNIT, new))


@TABLE.fn("modify", "(s -> s) -> State s ()", "Change the state with a function.", "execState (modify (+ 1)) 0",
          "state = f(state)")
def modify(f: Any) -> StateAction:
    fn = args.function("modify", f, 1)
    return StateAction("modify", lambda s: (UNIT, fn.apply(s)))


@TABLE.fn("modify'", "(s -> s) -> State s ()", "`modify`, evaluating the new state at once (always so here).",
          "execState (modify' (* 2)) 5", "state = f(state)")
def modify_strict(f: Any) -> StateAction:
    fn = args.function("modify'", f, 1)
    return StateAction("modify'", lambda s: (UNIT, fn.apply(s)))


@TABLE.fn("gets", "(s -> a) -> State s a", "A function of the current state.", "evalState (gets fst) (1, 2)",
          "f(state)")
def gets(f: Any) -> StateAction:
    fn = args.function("gets", f, 1)
    return StateAction("gets", lambda s: (fn.apply(s), s))


@TABLE.fn("state", "(s -> (a, s)) -> State s a", "A State action from a function giving a result and the new "
          "state.", "runState (state (\\s -> (s, s + 1))) 0", "result, state = f(state)")
def state(f: Any) -> StateAction:
    fn = args.function("state", f, 1)

    def step(s: Any) -> tuple:
        pair = fn.apply(s)
        if not (isinstance(pair, tuple) and len(pair) == 2):
            raise ArgumentError(f"state: the function must return a pair (result, new state); it returned "
                                f"{args.describe(pair)}")
        return pair

    return StateAction("state", step)


def _state_computation(fn: str, m: Any) -> Any:
    """A State computation (or `pure x`, or one starting with `liftIO`); a plain IO action is not one."""
    if isinstance(m, (StateAction, Lifted, Pure)):
        return m
    raise args.fail(fn, "a State computation", 1, m, ": build one with `get`, `put`, `modify` and `do`"
                    + (" (IO inside it goes through `liftIO`)" if isinstance(m, IOAction) else ""))


def _run(fn: str, m: Any, initial: Any) -> tuple:
    return run_as_state(_state_computation(fn, m), initial)


@TABLE.fn("runState", "State s a -> s -> (a, s)", "Run a State computation from an initial state: its result "
          "and the final state.", "runState (modify (+ 1) >> gets (* 10)) 1", "(result, state)")
def run_state(m: Any, initial: Any) -> tuple:
    return _run("runState", m, initial)


@TABLE.fn("evalState", "State s a -> s -> a", "The result of a State computation run from an initial state.",
          "evalState (gets (* 2)) 21", "result")
def eval_state(m: Any, initial: Any) -> Any:
    return _run("evalState", m, initial)[0]


@TABLE.fn("execState", "State s a -> s -> s", "The final state of a State computation run from an initial "
          "state.", "execState (mapM_ (\\x -> modify (+ x)) [1 .. 10]) 0", "state")
def exec_state(m: Any, initial: Any) -> Any:
    return _run("execState", m, initial)[1]


def _run_io(fn: str, m: Any, initial: Any, pick: Any) -> IOAction:
    computation = _state_computation(fn, m)
    return IOAction(fn, lambda: pick(run_as_state(computation, initial)))


@TABLE.fn("runStateT", "StateT s IO a -> s -> IO (a, s)", "An IO action running a StateT computation from an "
          "initial state, giving its result and final state.", "runStateT (modify (+ 1)) 0", "(result, state)")
def run_state_t(m: Any, initial: Any) -> IOAction:
    return _run_io("runStateT", m, initial, lambda pair: pair)


@TABLE.fn("evalStateT", "StateT s IO a -> s -> IO a", "An IO action running a StateT computation, giving its "
          "result.", "evalStateT (liftIO (print 1)) 0", "result")
def eval_state_t(m: Any, initial: Any) -> IOAction:
    return _run_io("evalStateT", m, initial, lambda pair: pair[0])


@TABLE.fn("execStateT", "StateT s IO a -> s -> IO s", "An IO action running a StateT computation, giving its "
          "final state.", "execStateT (put 3) 0", "state")
def exec_state_t(m: Any, initial: Any) -> IOAction:
    return _run_io("execStateT", m, initial, lambda pair: pair[1])


def _lift(fn: str, io: Any) -> Lifted:
    if not isinstance(io, IOAction):
        raise args.fail(fn, "an IO action", 1, io, "")
    return Lifted(fn, io.run, lambda s: (io.run(), s))


@TABLE.fn("liftIO", "MonadIO m => IO a -> m a", "An IO action used inside a StateT computation (in IO itself, "
          "the action as it is).", "evalStateT (liftIO (putStrLn \"hi\")) 0", "(no equivalent)")
def lift_io(io: Any) -> Lifted:
    return _lift("liftIO", io)


@TABLE.fn("lift", "MonadTrans t => m a -> t m a", "An IO action used inside a StateT computation.",
          "evalStateT (lift (putStrLn \"hi\")) 0", "(no equivalent)")
def lift(io: Any) -> Lifted:
    return _lift("lift", io)
