"""Gradbook's Jupyter kernel: an ipykernel wrapper kernel around the engine's `Session`."""
if __name__ != "gradbook.kernel":  # pragma: no cover - guard against `import kernel` from the repo root
    raise ImportError("Install the project (`python -m pip install -e .`) and import `gradbook.kernel`.")
