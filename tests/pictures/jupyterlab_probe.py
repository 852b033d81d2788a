"""A manual check, not run by pytest (JupyterLab is no dependency): `:graph` and `:backprop` outputs in a real
JupyterLab, in a notebook it does not trust, with its HTML sanitizer at work. Needs `pip install jupyterlab
nbconvert` in the venv and the kernel installed (`gradbook kernel install --prefix DIR`, JUPYTER_PATH=DIR/share/jupyter).

    python tests/pictures/jupyterlab_probe.py WORKDIR

It runs a three-cell notebook with nbclient, exports it with nbconvert, serves it with `jupyter lab`, loads the
page in headless Chromium and prints what survived in the rendered DOM (the <details> steps, the data: images)
and where the screenshots are. Seen on 2026-12-01 with JupyterLab 4.6.6 and nbconvert 7.17.2: all six steps
and seven pictures kept, the notebook "not trusted: 0 of 3 code cells trusted"."""
from __future__ import annotations

import re
import subprocess
import sys
import time
from pathlib import Path

CELLS = ["a <- makeIndependent (ones' [2, 2])\nlet b = toDependent a + 2\nlet c = b * b * 3\nlet out = mean c",
         ":graph out wrt [a]", ":backprop out [a]"]


def main(workdir: str) -> None:
    import nbformat
    from nbclient import NotebookClient

    root = Path(workdir)
    root.mkdir(parents=True, exist_ok=True)
    notebook = nbformat.v4.new_notebook()
    notebook.metadata["kernelspec"] = {"name": "gradbook", "display_name": "Gradbook", "language": "gradbook"}
    notebook.cells = [nbformat.v4.new_code_cell(code) for code in CELLS]
    NotebookClient(notebook, kernel_name="gradbook", timeout=120).execute()
    nbformat.write(notebook, root / "pictures.ipynb")
    bin_dir = Path(sys.executable).parent
    subprocess.run([bin_dir / "jupyter", "nbconvert", "--to", "html", str(root / "pictures.ipynb")], check=True)
    lab = subprocess.Popen([bin_dir / "jupyter", "lab", "--no-browser", "--port", "8899", "--ServerApp.token=probe",
                            f"--ServerApp.root_dir={root}", "--allow-root"],
                           stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        time.sleep(15)
        url = "http://127.0.0.1:8899/lab/tree/pictures.ipynb?token=probe"
        chromium = ["chromium", "--headless", "--no-sandbox", "--disable-gpu", "--virtual-time-budget=45000",
                    "--window-size=1300,1500"]
        dom = subprocess.run(chromium + ["--dump-dom", url], capture_output=True, text=True, timeout=180).stdout
        subprocess.run(chromium + [f"--screenshot={root / 'lab.png'}", url], capture_output=True, timeout=180)
        subprocess.run(chromium + [f"--screenshot={root / 'export.png'}", (root / "pictures.html").as_uri()],
                       capture_output=True, timeout=180)
    finally:
        lab.terminate()
    print("steps kept:", len(re.findall(r'<details class="gb-step-\d+"', dom)))
    print("pictures kept:", len(re.findall(r'<img class="gb-(?:step-)?picture"[^>]*src="data:image/svg\+xml', dom)))
    print("trust:", re.findall(r'title="(Notebook[^"]*trusted[^"]*)"', dom))
    print("screenshots:", root / "lab.png", root / "export.png")


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "/tmp/gradbook-jupyterlab-probe")
