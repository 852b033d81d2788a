"""Gradbook's terminal front end: the `gradbook` command, the prompt_toolkit REPL and batch mode."""
if __name__ != "gradbook.repl":  # pragma: no cover - guard against `import repl` from the repo root
    raise ImportError("Install the project (`python -m pip install -e .`) and import `gradbook.repl`.")
