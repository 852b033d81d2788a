"""Map the top-level folders onto the `gradbook.*` namespace, subpackages included.

pyproject.toml cannot express "find every subpackage below `engine/` and prefix it", so this does:
a new folder under engine/, repl/ or kernel/ can never silently miss the wheel.
"""
from setuptools import find_packages, setup

FOLDERS = {"engine": "gradbook.engine", "repl": "gradbook.repl", "kernel": "gradbook.kernel"}

packages = []
package_dir = {}
for folder, name in FOLDERS.items():
    package_dir[name] = folder
    packages.append(name)
    packages.extend(f"{name}.{sub}" for sub in find_packages(folder))

setup(packages=packages, package_dir=package_dir)
