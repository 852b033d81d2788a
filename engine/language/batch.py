"""`gradbook run FILE [--annotate]`: run a `.gb` script or a literate `.md` lesson and print what it shows.

Standard output gets each shown value's text and what `print`/`putStrLn` wrote, nothing else; the first
error goes to standard error, rendered with its place in the file, and the exit status is 1.
"""
from __future__ import annotations

import sys

USAGE = "usage: gradbook run FILE [--annotate]   (FILE: a .gb script, a .md lesson, or - for stdin)"


def _write(stream, text: str) -> None:
    try:
        stream.write(text)
    except UnicodeEncodeError:  # a terminal without UTF-8: keep going rather than crash on `·`
        stream.write(text.encode(stream.encoding or "ascii", "replace").decode(stream.encoding or "ascii"))


def main(argv: list[str]) -> int:
    args = [arg for arg in argv if arg != "--annotate"]
    annotate = len(args) != len(argv)
    if len(args) != 1 or args[0] in ("-h", "--help"):
        print(USAGE, file=sys.stderr if len(args) != 1 else sys.stdout)
        return 0 if args and args[0] in ("-h", "--help") else 2
    path = args[0]
    try:
        if path == "-":
            text, name = sys.stdin.read(), "<stdin>"
        else:
            with open(path, encoding="utf-8-sig") as handle:
                text, name = handle.read(), path
    except (OSError, UnicodeDecodeError) as error:
        print(f"gradbook run: cannot read {path}: {getattr(error, 'strerror', None) or error}", file=sys.stderr)
        return 1

    from gradbook.engine.language.literate import blocks_of, is_markdown
    from gradbook.engine.language.session import Session

    session = Session(name=name, allow_files=True)
    if is_markdown(path):
        pieces = [(block.code, block.first_line) for block in blocks_of(text)]
    else:
        pieces = [(text, 1)]
    out = sys.stdout
    for code, first_line in pieces:
        result = session.run(code, name=name, first_line=first_line)
        for output in result.outputs:
            if output.kind == "stdout":
                _write(out, output.text)
            else:
                _write(out, output.text + "\n")
                if annotate and output.annotation:
                    _write(out, f"-- {output.annotation}\n")
        if result.error is not None:
            out.flush()
            _write(sys.stderr, result.error.rendered + "\n")
            return 1
        if result.quit:
            break
    out.flush()
    return 0
