"""The file sandbox: every path the language touches (`:load`, `:save`, `readFile`, `writeFile`,
`appendFile`, `save`, `load`) goes through `Sandbox.resolve`, which keeps it inside the session's working
folder (or the folder of the lesson being loaded), symlinks resolved. Reads take only regular files of
bounded size; writes are atomic (a temporary file renamed into place). Nothing else of the host is reachable.
"""
from __future__ import annotations

import contextvars
import os
import stat
import tempfile

from gradbook.engine.tensors.errors import GradbookError

MAX_SOURCE_BYTES = 8 << 20  # a lesson or script read by `:load` / `gradbook run` (Session.run takes 2M characters)
MAX_TEXT_BYTES = 64 << 20  # `readFile`, and the most `writeFile`/`appendFile` leave in one file
MAX_TENSOR_FILE_BYTES = 4 << 30  # `load`: the memory budget refuses tensors before this, this bounds the zip
SOURCE_SUFFIXES = (".gb", ".hs", ".lhs", ".md", ".markdown")  # what `:load` and `gradbook run` run
SAVE_SUFFIXES = (".gb", ".ipynb")  # what `:save` writes


class FileAccessError(GradbookError):
    """A path the sandbox refuses or a file that cannot be read or written; the message names the path
    as the user wrote it and never the file's content."""


def _inside(path: str, folder: str) -> bool:
    return path == folder or path.startswith(folder.rstrip(os.sep) + os.sep)


def check_name(path: str, what: str) -> str:
    """`path` if it can name a file at all (not empty, no NUL byte), else FileAccessError."""
    if not isinstance(path, str) or not path.strip():
        raise FileAccessError(f"{what}: expected a file name")
    if "\0" in path:
        raise FileAccessError(f"{what}: a file name cannot contain a NUL character (\\0)")
    return path


def has_suffix(path: str, suffixes: tuple[str, ...]) -> bool:
    return path.lower().endswith(suffixes)


class Sandbox:
    """The folders one Session may use: its working folder, plus the folder of each lesson being loaded
    (a lesson may load its neighbours). Relative paths are taken from the working folder."""

    def __init__(self, root: str) -> None:
        self.root = os.path.realpath(root)
        self.lesson_folders: list[str] = []
        self.written: set[str] = set()  # files this session wrote, which `:save` may overwrite

    def resolve(self, path: str, what: str) -> str:
        """The real path `path` names, if it lies inside an allowed folder; FileAccessError if it leaves
        them (`..`, an absolute path elsewhere, a symlink pointing out)."""
        check_name(path, what)
        expanded = os.path.expanduser(path)
        real = os.path.realpath(os.path.join(self.root, expanded))
        folders = [self.root, *self.lesson_folders]
        if not any(_inside(real, folder) for folder in folders):
            raise FileAccessError(f"{what}: `{path}` is outside the working folder ({self.root}); files are "
                                  "only read and written inside it")
        return real

    def read_source(self, path: str, what: str) -> tuple[str, str]:
        """The real path and text of a lesson for `:load`: a Gradbook source (by its suffix), inside the
        sandbox, a regular file of at most MAX_SOURCE_BYTES."""
        real = self.resolve(path, what)
        require_source(path, what)
        return real, read_regular(real, path, what, MAX_SOURCE_BYTES)

    def write_session(self, path: str, text: str, what: str, replace: bool) -> None:
        """`:save`: write `text` to `path` (a .gb or .ipynb file) atomically; a file this session did not
        write is replaced only when `replace` (`:save!`) says so, and a lesson never saves."""
        if self.lesson_folders:
            raise FileAccessError(f"{what} cannot be used by a lesson (a file being run or loaded): save from "
                                  "the REPL or a notebook")
        real = self.resolve(path, what)
        if not has_suffix(path, SAVE_SUFFIXES):
            raise FileAccessError(f"{what}: `{path}`: only .gb scripts and .ipynb notebooks are written")
        if os.path.lexists(real) and real not in self.written and not replace:
            raise FileAccessError(f"{what}: `{path}` exists and was not written by this session; "
                                  f"`:save! {path}` replaces it")
        write_atomic(real, path, encode_text(text, what), what)
        self.written.add(real)


def require_source(path: str, what: str) -> None:
    """FileAccessError unless `path` names a Gradbook source (so no error ever quotes another file's lines)."""
    if not has_suffix(path, SOURCE_SUFFIXES):
        raise FileAccessError(f"{what}: `{path}` is not a Gradbook source: expected a .gb script or a Markdown "
                              "lesson (.md)")


def read_bytes(real: str, shown: str, what: str, limit: int, copies: int = 1) -> bytes:
    """The bytes of the regular file `real` (`shown` as the user named it), at most `limit` of them and,
    with `copies` more made of them, within what is left of the memory budget. O_NONBLOCK so that opening
    a FIFO cannot hang; fstat so that a device or folder is refused unread."""
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0)
    try:
        fd = os.open(real, flags)
    except OSError as error:
        raise FileAccessError(f"{what}: cannot read `{shown}`: {error.strerror or error}") from None
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            kind = "a folder" if stat.S_ISDIR(info.st_mode) else "not a regular file"
            raise FileAccessError(f"{what}: cannot read `{shown}`: it is {kind}")
        if info.st_size > limit:
            raise FileAccessError(f"{what}: `{shown}` is {_size(info.st_size)}, more than the limit of "
                                  f"{_size(limit)}")
        from gradbook.engine.tensors.memory import check_bytes

        check_bytes(info.st_size * copies, what, f"reading `{shown}`")
        chunks, total = [], 0
        while True:  # a file that grows while it is read is still cut at the limit
            chunk = os.read(fd, min(1 << 20, limit + 1 - total))
            if not chunk:
                break
            chunks.append(chunk)
            total += len(chunk)
            if total > limit:
                raise FileAccessError(f"{what}: `{shown}` is more than the limit of {_size(limit)}")
        return b"".join(chunks)
    except OSError as error:
        raise FileAccessError(f"{what}: cannot read `{shown}`: {error.strerror or error}") from None
    finally:
        os.close(fd)


def read_stream(stream, shown: str, what: str, limit: int = MAX_SOURCE_BYTES) -> str:
    """Standard input's text (`gradbook run -`), cut at `limit` bytes as a file would be."""
    binary = getattr(stream, "buffer", None)
    if binary is None:  # a text stream (tests, embedding): characters, not bytes, are counted
        text = stream.read(limit + 1)
        if len(text) > limit:
            raise FileAccessError(f"{what}: {shown} is more than the limit of {_size(limit)}")
        return text[1:] if text[:1] == "\ufeff" else text
    data = binary.read(limit + 1)
    if len(data) > limit:
        raise FileAccessError(f"{what}: {shown} is more than the limit of {_size(limit)}")
    return _decode(data, shown, what)


def _decode(data: bytes, shown: str, what: str) -> str:
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise FileAccessError(f"{what}: `{shown}` is not UTF-8 text (byte {error.start} cannot be "
                              "decoded)") from None


def read_regular(real: str, shown: str, what: str, limit: int) -> str:
    """`read_bytes` decoded as UTF-8 (a byte-order mark dropped); a decoding error names the byte offset only."""
    return _decode(read_bytes(real, shown, what, limit), shown, what)


def encode_text(text: str, what: str) -> bytes:
    """`text` as UTF-8, or FileAccessError (a lone surrogate such as "\\55296" has no UTF-8 form)."""
    try:
        return text.encode("utf-8")
    except UnicodeEncodeError as error:
        bad = text[error.start]
        raise FileAccessError(f"{what}: the text holds '\\{ord(bad)}' (character {error.start}), which cannot "
                              "be written as UTF-8; nothing was written") from None


def write_atomic(real: str, shown: str, data: bytes, what: str) -> None:
    """Write `data` to a temporary file beside `real`, then rename it into place: the old file stays
    whole until the new one is complete."""
    folder = os.path.dirname(real)
    try:
        fd, temporary = tempfile.mkstemp(prefix=".gradbook-", suffix=".tmp", dir=folder)
    except OSError as error:
        raise FileAccessError(f"{what}: cannot write `{shown}`: {error.strerror or error}") from None
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        try:
            mode = stat.S_IMODE(os.stat(real).st_mode)
        except OSError:
            mode = 0o644
        os.chmod(temporary, mode)
        os.replace(temporary, real)
    except OSError as error:
        try:
            os.unlink(temporary)
        except OSError:
            pass
        raise FileAccessError(f"{what}: cannot write `{shown}`: {error.strerror or error}") from None


def append_bytes(real: str, shown: str, data: bytes, what: str, limit: int) -> None:
    """Append `data` to the regular file `real` (created if missing), keeping it under `limit` bytes."""
    flags = os.O_WRONLY | os.O_APPEND | os.O_CREAT | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_CLOEXEC", 0)
    try:
        fd = os.open(real, flags | getattr(os, "O_NONBLOCK", 0), 0o644)
    except OSError as error:
        raise FileAccessError(f"{what}: cannot write `{shown}`: {error.strerror or error}") from None
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            raise FileAccessError(f"{what}: cannot write `{shown}`: it is not a regular file")
        if info.st_size + len(data) > limit:
            raise FileAccessError(f"{what}: `{shown}` would grow past the limit of {_size(limit)}")
        os.write(fd, data)
    except OSError as error:
        raise FileAccessError(f"{what}: cannot write `{shown}`: {error.strerror or error}") from None
    finally:
        os.close(fd)


def _size(nbytes: int) -> str:
    from gradbook.engine.tensors.memory import human_bytes

    return human_bytes(nbytes)


# ---- the running Session's sandbox, for the file builtins ----------------------------------------------

_current: contextvars.ContextVar[Sandbox | None] = contextvars.ContextVar("gradbook_sandbox", default=None)


def set_current(sandbox: Sandbox | None) -> contextvars.Token:
    """Make `sandbox` the one the file builtins use until `reset_current(token)` (Session.run does this)."""
    return _current.set(sandbox)


def reset_current(token: contextvars.Token) -> None:
    _current.reset(token)


def current(what: str) -> Sandbox:
    """The running Session's sandbox, or FileAccessError when this front end gives no file access."""
    sandbox = _current.get()
    if sandbox is None:
        raise FileAccessError(f"{what}: file access is off here (`gradbook run --no-files`, or a kernel without "
                              "GRADBOOK_FILES=on)")
    return sandbox
