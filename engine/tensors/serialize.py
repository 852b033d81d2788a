"""Tensors to and from bytes in NumPy's `.npz` format (a zip of `.npy` arrays named `tensor0`, `tensor1`,
... in list order; no pickles, ever): what the language's `save`/`load` write and read. NumPy reads the
files with `np.load(path)["tensor0"]`, PyTorch with `torch.from_numpy`. Each array's header is read
before its data, so a tensor over the memory cap is refused before anything is allocated for it."""
from __future__ import annotations

import io
import re
import zipfile

import numpy as np

from gradbook.engine.tensors.errors import InvalidValueError
from gradbook.engine.tensors.memory import check_allocation
from gradbook.engine.tensors.tensor import Tensor, make

_DTYPES = (np.dtype(np.bool_), np.dtype(np.int64), np.dtype(np.float32), np.dtype(np.float64))
_MEMBER = re.compile(r"tensor(0|[1-9][0-9]*)\.npy")


def tensors_to_npz(tensors: list[Tensor]) -> bytes:
    """The `.npz` bytes of `tensors` (uncompressed: the data of trained weights barely compresses)."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_STORED) as archive:
        for index, tensor in enumerate(tensors):
            with archive.open(f"tensor{index}.npy", "w", force_zip64=True) as member:
                np.lib.format.write_array(member, np.array(tensor._data, order="C"), allow_pickle=False)
    return buffer.getvalue()


def tensors_from_npz(data: bytes, what: str = "load") -> list[Tensor]:
    """The tensors of `.npz` bytes made by `tensors_to_npz` (or by `np.savez(path, tensor0=..., ...)`)."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, OSError, ValueError):
        raise InvalidValueError(f"{what}: not a tensor file (expected NumPy's .npz format, as `save` writes)") from None
    with archive:
        indexed = []
        for name in archive.namelist():
            match = _MEMBER.fullmatch(name)
            if match is None:
                raise InvalidValueError(f"{what}: unexpected entry {name!r} in the file (expected tensor0.npy, "
                                        "tensor1.npy, ...)")
            indexed.append((int(match.group(1)), name))
        indexed.sort()
        if [index for index, _ in indexed] != list(range(len(indexed))):
            raise InvalidValueError(f"{what}: the file's tensors are not numbered tensor0, tensor1, ... in order")
        return [_read_member(archive, name, what) for _, name in indexed]


def _read_member(archive: zipfile.ZipFile, name: str, what: str) -> Tensor:
    try:
        with archive.open(name) as member:
            version = np.lib.format.read_magic(member)
            if version == (1, 0):
                shape, fortran, dtype = np.lib.format.read_array_header_1_0(member)
            else:
                shape, fortran, dtype = np.lib.format.read_array_header_2_0(member)
            if dtype not in _DTYPES:
                raise InvalidValueError(f"{what}: {name} holds {dtype}, not one of Bool, Int64, Float, Double")
            check_allocation(shape, dtype, what)
            count = int(np.prod(shape, dtype=np.int64))
            raw = bytearray(count * dtype.itemsize)  # read in place: one copy of the data, writable
            got = member.readinto(raw)
    except (ValueError, OSError, zipfile.BadZipFile, EOFError) as error:
        raise InvalidValueError(f"{what}: {name} is not a valid .npy array ({error})") from None
    if got != len(raw):
        raise InvalidValueError(f"{what}: {name} is cut short")
    array = np.frombuffer(raw, dtype=dtype).reshape(shape, order="F" if fortran else "C")
    return make(np.array(array, order="C"))  # (ascontiguousarray would make a 0-d array 1-d)
