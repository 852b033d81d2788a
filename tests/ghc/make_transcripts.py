"""Makes transcripts from GHC (not run by pytest): each `*.exprs` file here lists inputs, one per line, and
becomes `tests/transcripts/<name>.txt` with GHC's output for each. A plain line is an expression, printed as
GHCi would show it (`print (e)`); a line starting with `! ` is an IO statement run as written (`putStrLn`,
`printf`); lines starting with `#` are comments copied to the transcript's head. The generated
`<name>.hs` is kept beside it. Run: python tests/ghc/make_transcripts.py (needs runghc on PATH)."""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).parent
MARK = "<<<gradbook-step>>>"


def build(exprs: Path) -> None:
    lines = [line for line in exprs.read_text(encoding="utf-8").split("\n") if line.strip()]
    comments = [line for line in lines if line.startswith("#")]
    inputs = [line for line in lines if not line.startswith("#")]
    body = []
    for line in inputs:
        body.append(f'  putStrLn "{MARK}"')
        body.append(f"  {line[2:]}" if line.startswith("! ") else f"  print ({line})")
    header = (HERE / f"{exprs.stem}.header").read_text(encoding="utf-8") if (HERE / f"{exprs.stem}.header").exists() else ""
    program = header + "main :: IO ()\nmain = do\n" + "\n".join(body) + "\n"
    source = HERE / f"{exprs.stem}.hs"
    source.write_text(program, encoding="utf-8")
    out = subprocess.run(["runghc", str(source)], capture_output=True, text=True, check=True).stdout
    outputs = out.split(MARK + "\n")[1:]
    assert len(outputs) == len(inputs), (len(outputs), len(inputs))
    transcript = [*comments]
    for line, output in zip(inputs, outputs):
        transcript.append(">>> " + (line[2:] if line.startswith("! ") else line))
        transcript.append(output.rstrip("\n")) if output.strip("\n") else None
    target = HERE.parent / "transcripts" / f"{exprs.stem}.txt"
    target.write_text("\n".join(transcript) + "\n", encoding="utf-8")
    print(f"{target}: {len(inputs)} inputs")


if __name__ == "__main__":
    for path in sorted(HERE.glob("*.exprs")) if len(sys.argv) < 2 else [Path(p) for p in sys.argv[1:]]:
        build(path)
