"""Every request gets a reply and every message can be sent: the kernel's guard around ipykernel's handlers.

- A request ipykernel's handler fails on (history with `n: "5"`, complete without `cursor_pos`, inspect
  without `code`) or does not know (`foo_request`) is answered with an error reply of its type.
- `comm_open` for a target the kernel does not have (it has none) is answered with `comm_close` on IOPub,
  as the messaging spec asks; `comm_msg`/`comm_close` for a comm that does not exist are ignored.
- Text that JSON cannot carry as UTF-8 (a lone surrogate from `putStrLn "\\55296"`, which made the
  execute_reply fail to send and the cell hang) is repaired before it is packed (results.valid_text).
"""
from __future__ import annotations

from typing import Any, Callable


# What each request's content must hold (ipykernel drops some malformed requests without a reply, and
# fails on others): field -> (the types it may have, whether it is required).
FIELDS: dict[str, dict[str, tuple[tuple[type, ...], bool]]] = {
    "execute_request": {"code": ((str,), True), "silent": ((bool,), False), "store_history": ((bool,), False)},
    "complete_request": {"code": ((str,), True), "cursor_pos": ((int,), True)},
    "inspect_request": {"code": ((str,), True), "cursor_pos": ((int,), True), "detail_level": ((int,), False)},
    "is_complete_request": {"code": ((str,), True)},
    "history_request": {"hist_access_type": ((str,), True), "n": ((int, type(None)), False),
                        "start": ((int, type(None)), False), "stop": ((int, type(None)), False),
                        "session": ((int, type(None)), False), "pattern": ((str, type(None)), False)},
}


def check_content(msg_type: str, content: Any) -> None:
    """Raise TypeError naming what is wrong with a request's content."""
    if not isinstance(content, dict):
        raise TypeError("the content is not an object")
    for name, (types, required) in FIELDS.get(msg_type, {}).items():
        if name not in content:
            if required:
                raise TypeError(f"`{name}` is missing")
        elif not isinstance(content[name], types) or (bool not in types and isinstance(content[name], bool)):
            raise TypeError(f"`{name}` is {type(content[name]).__name__}, not {types[0].__name__}")


def error_content(error: BaseException | str) -> dict[str, Any]:
    message = error if isinstance(error, str) else f"{type(error).__name__}: {error}"
    return {"status": "error", "ename": "BadRequest", "evalue": f"malformed request: {message}",
            "traceback": []}


def reply_type(msg_type: str) -> str:
    return msg_type[: -len("_request")] + "_reply" if msg_type.endswith("_request") else msg_type + "_reply"


def _guarded(kernel: Any, msg_type: str, handler: Callable) -> Callable:
    async def handle(stream: Any, idents: Any, parent: dict) -> None:
        try:
            check_content(msg_type, parent.get("content"))
            result = handler(stream, idents, parent)
            if hasattr(result, "__await__"):
                await result
        except KeyboardInterrupt:
            raise
        except Exception as error:  # noqa: BLE001 - a malformed request: say so in a reply
            kernel.log.warning("%s failed: %r", msg_type, error)
            content = error_content(error if not isinstance(error, TypeError) else str(error))
            if msg_type == "execute_request":
                content["execution_count"] = kernel.execution_count
            kernel.session.send(stream, reply_type(msg_type), content, parent, idents)

    return handle


class Handlers(dict):
    """ipykernel's shell handler table: each handler guarded, and any unknown `*_request` answered."""

    def __init__(self, kernel: Any, handlers: dict) -> None:
        super().__init__({name: _guarded(kernel, name, handler) for name, handler in handlers.items()})
        self.kernel = kernel
        self["comm_open"] = self._comm_open
        self["comm_msg"] = self["comm_close"] = self._ignore

    def get(self, msg_type: str, default: Any = None) -> Any:  # type: ignore[override]
        handler = super().get(msg_type)
        if handler is None and isinstance(msg_type, str):
            return self._unknown
        return handler if handler is not None else default

    async def _unknown(self, stream: Any, idents: Any, parent: dict) -> None:
        msg_type = parent["header"]["msg_type"]
        self.kernel.log.warning("unknown message type %r", msg_type)
        self.kernel.session.send(stream, reply_type(msg_type), error_content(f"unknown message type {msg_type!r}"),
                                 parent, idents)

    async def _comm_open(self, stream: Any, idents: Any, parent: dict) -> None:
        content = parent.get("content")
        comm_id = content.get("comm_id") if isinstance(content, dict) else None
        if isinstance(comm_id, str):  # no comm targets here: close it at once, as the messaging spec says
            self.kernel.session.send(self.kernel.iopub_socket, "comm_close", {"comm_id": comm_id, "data": {}},
                                     parent, ident=self.kernel._topic("comm_close"))

    async def _ignore(self, stream: Any, idents: Any, parent: dict) -> None:
        return None  # a message to a comm that does not exist: there is nothing to answer


def safe_packer(pack: Callable[[Any], bytes]) -> Callable[[Any], bytes]:
    """`pack`, retried with every string made valid UTF-8 when it cannot encode one (lone surrogates)."""

    def packer(obj: Any) -> bytes:
        try:
            return pack(obj)
        except (UnicodeEncodeError, ValueError):
            return pack(_valid(obj))

    return packer


def _valid(obj: Any) -> Any:
    from gradbook.engine.language.results import valid_text

    if isinstance(obj, str):
        return valid_text(obj)
    if isinstance(obj, dict):
        return {_valid(k): _valid(v) for k, v in obj.items()}
    if isinstance(obj, (list, tuple)):
        return [_valid(v) for v in obj]
    return obj
