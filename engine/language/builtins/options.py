"""Hasktorch's Torch.Device and Torch.TensorOptions (`Device CPU 0`, `defaultOpts`, `withDType`,
`withDevice`), the unprimed factories that take options (`zeros [4, 4] (withDType Int64 defaultOpts)`),
and `toType`, `toDevice`, `device`. Only the CPU exists here: another device is a clear error."""
from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Any, Callable

import gradbook.engine as E
from gradbook.engine.language.builtins import args
from gradbook.engine.language.builtins.factories import size_arg
from gradbook.engine.language.builtins.registry import Table
from gradbook.engine.tensors.dtypes import Float
from gradbook.engine.tensors.errors import ArgumentError, InvalidValueError

TABLE = Table()


@dataclass(frozen=True)
class DeviceType:
    """`CPU`, `CUDA`, `MPS`: Hasktorch's DeviceType constructors (only CPU can hold tensors here)."""

    name: str

    haskell_type = "DeviceType"

    def haskell_show(self, show: Callable[[Any], str], precedence: int = 0) -> str:
        return self.name


CPU, CUDA, MPS = DeviceType("CPU"), DeviceType("CUDA"), DeviceType("MPS")


@dataclass(frozen=True)
class Device:
    """Hasktorch's `Device {deviceType, deviceIndex}` record."""

    device_type: DeviceType
    index: int

    haskell_type = "Device"

    def haskell_show(self, show: Callable[[Any], str], precedence: int = 0) -> str:
        text = f"Device {{deviceType = {self.device_type.name}, deviceIndex = {show(self.index)}}}"
        return f"({text})" if precedence >= 11 else text


CPU0 = Device(CPU, 0)


@dataclass(frozen=True)
class TensorOptions:
    """What a factory makes: a dtype and a device (libtorch's TensorOptions, reduced to what exists here)."""

    dtype: Any = Float
    device: Device = CPU0

    haskell_type = "TensorOptions"

    def haskell_show(self, show: Callable[[Any], str], precedence: int = 0) -> str:
        text = f"TensorOptions {{dtype = {self.dtype.name}, device = {self.device.haskell_show(show)}}}"
        return f"({text})" if precedence >= 11 else text


def check_cpu(fn: str, device: Any, position: int) -> Device:
    if not isinstance(device, Device):
        raise args.fail(fn, "a Device such as `Device CPU 0`", position, device, "")
    if device != CPU0:
        raise InvalidValueError(
            f"{fn}: only the CPU is available here (`Device CPU 0`); "
            f"{device.device_type.name}:{device.index} is not")
    return device


def options(fn: str, value: Any, position: int) -> TensorOptions:
    if not isinstance(value, TensorOptions):
        raise args.fail(fn, "TensorOptions such as `defaultOpts` or `withDType Double defaultOpts`", position,
                        value, "")
    return value


# ------------------------------------------------------------------------------ devices and options
for _type in (CPU, CUDA, MPS):
    TABLE.value(_type.name, _type, "DeviceType", f"The {_type.name} device type (only CPU holds tensors here).",
                "Device CPU 0", f"torch.device('{_type.name.lower()}')")


@TABLE.fn("Device", "DeviceType -> Int -> Device", "A device: its type and index (`Device CPU 0`).",
          "Device CPU 0", "torch.device('cpu', 0)")
def device_constructor(device_type: Any, index: Any) -> Device:
    if not isinstance(device_type, DeviceType):
        raise args.fail("Device", "a DeviceType (CPU)", 1, device_type, "")
    return Device(device_type, args.integer("Device", index, 2))


@TABLE.fn("deviceType", "Device -> DeviceType", "The type of a device.", "deviceType (Device CPU 0)",
          "device.type")
def device_type(device: Any) -> DeviceType:
    if not isinstance(device, Device):
        raise args.fail("deviceType", "a Device", 1, device, "")
    return device.device_type


@TABLE.fn("deviceIndex", "Device -> Int", "The index of a device.", "deviceIndex (Device CPU 0)", "device.index")
def device_index(device: Any) -> int:
    if not isinstance(device, Device):
        raise args.fail("deviceIndex", "a Device", 1, device, "")
    return device.index


TABLE.value("defaultOpts", TensorOptions(), "TensorOptions", "The default options: Float on the CPU.",
            "zeros [2] defaultOpts", "dtype=torch.float32, device='cpu'")


@TABLE.fn("withDType", "DType -> TensorOptions -> TensorOptions", "The options with another element type.",
          "zeros [2, 2] (withDType Int64 defaultOpts)", "dtype=torch.int64")
def with_dtype(dtype: Any, opts: Any) -> TensorOptions:
    return replace(options("withDType", opts, 2), dtype=args.dtype("withDType", dtype, 1))


@TABLE.fn("withDevice", "Device -> TensorOptions -> TensorOptions", "The options with another device (the CPU).",
          "ones [2] (withDevice (Device CPU 0) defaultOpts)", "device='cpu'")
def with_device(device: Any, opts: Any) -> TensorOptions:
    return replace(options("withDevice", opts, 2), device=check_cpu("withDevice", device, 1))


@TABLE.fn("device", "Tensor -> Device", "The device a tensor lives on (always `Device CPU 0` here).",
          "device (ones' [2])", "t.device")
def device_of(t: Any) -> Device:
    args.tensor("device", t)
    return CPU0


@TABLE.fn("toDevice", "Device -> Tensor -> Tensor", "The tensor on a device (the CPU: the tensor itself).",
          "toDevice (Device CPU 0) (ones' [2])", "t.to('cpu')")
def to_device(device: Any, t: Any) -> Any:
    check_cpu("toDevice", device, 1)
    return args.tensor("toDevice", t, 2)


@TABLE.fn("toType", "DType -> Tensor -> Tensor", "Convert the elements to another dtype (as `toDType`).",
          "toType Double (ones' [2])", "t.to(torch.float64)")
def to_type(dtype: Any, t: Any) -> Any:
    return E.to_dtype(args.tensor("toType", t, 2), args.dtype("toType", dtype, 1))


# ------------------------------------------------------------------------------ factories with options
def _shape(fn: str, value: Any, position: int) -> list[int]:
    return args.shape(fn, value, position)


@TABLE.fn("zeros", "[Int] -> TensorOptions -> Tensor", "Zeros of a shape, with the options' dtype.",
          "zeros [4, 4] (withDType Int64 defaultOpts)", "torch.zeros(4, 4, dtype=torch.int64)")
def zeros(shape: Any, opts: Any) -> Any:
    return E.zeros(_shape("zeros", shape, 1), options("zeros", opts, 2).dtype)


@TABLE.fn("ones", "[Int] -> TensorOptions -> Tensor", "Ones of a shape, with the options' dtype.",
          "ones [2, 3] (withDType Double defaultOpts)", "torch.ones(2, 3, dtype=torch.float64)")
def ones(shape: Any, opts: Any) -> Any:
    return E.ones(_shape("ones", shape, 1), options("ones", opts, 2).dtype)


@TABLE.fn("full", "Scalar a => [Int] -> a -> TensorOptions -> Tensor", "A shape filled with one value.",
          "full [2, 2] 7 (withDType Int64 defaultOpts)", "torch.full((2, 2), 7, dtype=torch.int64)")
def full(shape: Any, value: Any, opts: Any) -> Any:
    return E.full(_shape("full", shape, 1), args.number("full", value, 2), options("full", opts, 3).dtype)


@TABLE.fn("eye", "Int -> Int -> TensorOptions -> Tensor", "A (rows, columns) matrix with ones on the diagonal.",
          "eye 2 3 (withDType Double defaultOpts)", "torch.eye(2, 3, dtype=torch.float64)")
def eye(rows: Any, cols: Any, opts: Any) -> Any:
    return E.eye(size_arg("eye", rows, 1), size_arg("eye", cols, 2), options("eye", opts, 3).dtype)


@TABLE.fn("eyeSquare", "Int -> TensorOptions -> Tensor", "The n x n identity matrix.",
          "eyeSquare 3 (withDType Int64 defaultOpts)", "torch.eye(3, dtype=torch.int64)")
def eye_square(n: Any, opts: Any) -> Any:
    size = size_arg("eyeSquare", n, 1)
    return E.eye(size, size, options("eyeSquare", opts, 2).dtype)


@TABLE.fn("arange", "Int -> Int -> Int -> TensorOptions -> Tensor",
          "start, start+step, ... below end, with the options' dtype.",
          "arange 0 10 3 (withDType Int64 defaultOpts)", "torch.arange(0, 10, 3, dtype=torch.int64)")
def arange(start: Any, end: Any, step: Any, opts: Any) -> Any:
    fn = "arange"
    return E.arange(args.number(fn, start, 1), args.number(fn, end, 2), args.number(fn, step, 3),
                    options(fn, opts, 4).dtype)


@TABLE.fn("linspace", "(Scalar a, Scalar b) => a -> b -> Int -> TensorOptions -> Tensor",
          "`steps` evenly spaced values from start to end, both included.",
          "linspace 0 1 5 (withDType Double defaultOpts)", "torch.linspace(0, 1, 5, dtype=torch.float64)")
def linspace(start: Any, end: Any, steps: Any, opts: Any) -> Any:
    fn = "linspace"
    return E.linspace(args.number(fn, start, 1), args.number(fn, end, 2), size_arg(fn, steps, 3),
                      options(fn, opts, 4).dtype)


def require_floating(fn: str, dtype: Any) -> Any:
    if not dtype.is_floating:
        raise ArgumentError(f"{fn}: random floating-point numbers need a Float or Double dtype, got {dtype.name}")
    return dtype
