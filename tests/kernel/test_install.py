"""The kernelspec installer: its data, the `gradbook kernel install` and `python -m gradbook.kernel install`
commands, and `jupyter kernelspec list` finding the result."""
from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from gradbook.kernel.install import kernel_spec, main


def test_kernel_spec_data():
    spec = kernel_spec()
    assert spec["argv"] == [sys.executable, "-m", "gradbook.kernel", "-f", "{connection_file}"]
    assert spec["display_name"] == "Gradbook"
    assert spec["language"] == "gradbook"
    assert spec["interrupt_mode"] == "signal"
    assert spec["metadata"]["debugger"] is False


def test_install_into_a_prefix_writes_spec_and_logos(tmp_path, capsys):
    assert main(["install", "--prefix", str(tmp_path)]) == 0
    spec_dir = tmp_path / "share" / "jupyter" / "kernels" / "gradbook"
    assert json.loads((spec_dir / "kernel.json").read_text()) == kernel_spec()
    for size in (32, 64):
        logo = (spec_dir / f"logo-{size}x{size}.png").read_bytes()
        assert logo[:8] == b"\x89PNG\r\n\x1a\n"
        assert int.from_bytes(logo[16:20], "big") == size and int.from_bytes(logo[20:24], "big") == size
    assert str(spec_dir) in capsys.readouterr().out


def test_user_install_goes_to_the_jupyter_data_dir(tmp_path, monkeypatch):
    monkeypatch.setenv("JUPYTER_DATA_DIR", str(tmp_path / "data"))
    assert main(["install", "--user"]) == 0
    assert (tmp_path / "data" / "kernels" / "gradbook" / "kernel.json").exists()


def test_conflicting_options_are_refused():
    with pytest.raises(SystemExit) as exit_info:
        main(["install", "--user", "--prefix", "/tmp/x"])
    assert exit_info.value.code == 2


@pytest.mark.slow
@pytest.mark.parametrize(
    "command",
    [["-m", "gradbook.repl.cli", "kernel", "install"], ["-m", "gradbook.kernel", "install"]],
    ids=["gradbook kernel install", "python -m gradbook.kernel install"],
)
def test_commands_install_and_jupyter_lists_the_kernel(tmp_path, command):
    prefix = tmp_path / "prefix"
    env = dict(os.environ, JUPYTER_PATH=str(prefix / "share" / "jupyter"))
    subprocess.run([sys.executable, *command, "--prefix", str(prefix)], check=True, env=env, timeout=60)
    listed = subprocess.run(
        [sys.executable, "-m", "jupyter", "kernelspec", "list", "--json"],
        check=True, env=env, capture_output=True, text=True, timeout=60,
    )
    specs = json.loads(listed.stdout)["kernelspecs"]
    assert Path(specs["gradbook"]["resource_dir"]) == prefix / "share" / "jupyter" / "kernels" / "gradbook"
    assert specs["gradbook"]["spec"]["display_name"] == "Gradbook"
