"""File builtins, all through the running Session's sandbox (language/files.py): Haskell's `readFile`,
`writeFile`, `appendFile`, and Hasktorch's `save`/`load` of a list of tensors (NumPy `.npz`, no pickles;
see engine/tensors/serialize.py). `save_tensors`/`load_tensors` are the Python entry points other
builtins (saveParams/loadParams) build on."""
from __future__ import annotations

from typing import Any

from gradbook.engine.language import files
from gradbook.engine.language.builtins import args
from gradbook.engine.language.builtins.registry import Table, engine_action
from gradbook.engine.tensors.tensor import Tensor

TABLE = Table()


def _path(fn: str, value: Any) -> str:
    if not isinstance(value, str):
        raise args.fail(fn, "a FilePath (a String)", 1, value, "")
    return files.check_name(value, fn)


def _text(fn: str, value: Any) -> str:
    if not isinstance(value, str):
        raise args.fail(fn, "a String", 2, value, ": use `show x` for other values")
    return value


def save_tensors(tensors: list[Tensor], path: str, what: str = "save") -> None:
    """Write `tensors` to `path` (inside the running Session's folder) as `.npz`, atomically."""
    from gradbook.engine.tensors.serialize import tensors_to_npz

    sandbox = files.current(what)
    real = sandbox.resolve(path, what)
    files.write_atomic(real, path, tensors_to_npz(tensors), what)


def load_tensors(path: str, what: str = "load") -> list[Tensor]:
    """The tensors `save_tensors` wrote to `path` (inside the running Session's folder)."""
    from gradbook.engine.tensors.serialize import tensors_from_npz

    sandbox = files.current(what)
    real = sandbox.resolve(path, what)
    data = files.read_bytes(real, path, what, files.MAX_TENSOR_FILE_BYTES, copies=2)  # the file, then its tensors
    return tensors_from_npz(data, what)


@TABLE.fn("readFile", "FilePath -> IO String", "An action reading a UTF-8 text file of the working folder.",
          'writeFile "notes.txt" "hi" >> readFile "notes.txt"', "open(path).read()")
def read_file(path: Any) -> Any:
    name = _path("readFile", path)

    def run() -> str:
        sandbox = files.current("readFile")
        return files.read_regular(sandbox.resolve(name, "readFile"), name, "readFile", files.MAX_TEXT_BYTES)

    return engine_action("readFile", run)


@TABLE.fn("writeFile", "FilePath -> String -> IO ()", "An action writing a string to a file of the working "
          "folder, replacing what it held (atomically: a temporary file renamed into place).",
          'writeFile "notes.txt" "loss went down\\n"', "open(path, 'w').write(text)")
def write_file(path: Any, text: Any) -> Any:
    name, body = _path("writeFile", path), _text("writeFile", text)

    def run() -> tuple:
        sandbox = files.current("writeFile")
        real = sandbox.resolve(name, "writeFile")
        data = files.encode_text(body, "writeFile")
        if len(data) > files.MAX_TEXT_BYTES:
            raise files.FileAccessError(f"writeFile: {len(data)} bytes is more than the limit of "
                                        f"{files.MAX_TEXT_BYTES} for one file")
        files.write_atomic(real, name, data, "writeFile")
        return ()

    return engine_action("writeFile", run)


@TABLE.fn("appendFile", "FilePath -> String -> IO ()", "An action adding a string to the end of a file of the "
          "working folder (creating it if need be).", 'appendFile "log.txt" "step 1\\n"',
          "open(path, 'a').write(text)")
def append_file(path: Any, text: Any) -> Any:
    name, body = _path("appendFile", path), _text("appendFile", text)

    def run() -> tuple:
        sandbox = files.current("appendFile")
        real = sandbox.resolve(name, "appendFile")
        files.append_bytes(real, name, files.encode_text(body, "appendFile"), "appendFile", files.MAX_TEXT_BYTES)
        return ()

    return engine_action("appendFile", run)


@TABLE.fn("save", "[Tensor] -> FilePath -> IO ()", "An action saving a list of tensors to a file of the working "
          "folder, in NumPy's .npz format (tensor0, tensor1, ...; no pickles).",
          'save [ones\' [2, 2], zeros\' [3]] "weights.npz"', "numpy.savez(path, *[t.numpy() for t in ts])")
def save(tensors: Any, path: Any) -> Any:
    items = args.tensors("save", tensors, 1)
    if not isinstance(path, str):
        raise args.fail("save", "a FilePath (a String)", 2, path, "")
    name = files.check_name(path, "save")
    return engine_action("save", lambda: (save_tensors(items, name), ())[1])


@TABLE.fn("load", "FilePath -> IO [Tensor]", "An action reading the list of tensors `save` wrote.",
          'save [ones\' [2]] "w.npz" >> load "w.npz"', "[torch.from_numpy(a) for a in numpy.load(path).values()]")
def load(path: Any) -> Any:
    name = _path("load", path)
    return engine_action("load", lambda: load_tensors(name))
