"""Build step: compile brief's text cleaning with mypyc, or leave it plain Python if that fails.

hatchling runs this when it builds a wheel, an editable one (`uv sync`) included. The modules of
`brief/core/clean/` (its `__init__.py` aside) are compiled to C extensions, with a manifest of
the sources they were built from; `brief.core.native` uses them only while the sources still
match. Without a C compiler, or with `BRIEF_PURE_PYTHON` set, nothing is compiled and brief runs
the same code as plain Python, slower.
"""

from __future__ import annotations

import importlib.util
import json
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path
from types import ModuleType
from typing import Any

from hatchling.builders.hooks.plugin.interface import BuildHookInterface

PACKAGE = "brief/core/clean"
"""The folder compiled, relative to the project."""
GROUP = "brief.core.clean.native"
"""The name of the library holding all the compiled modules (beside them, in the package)."""


def _native(root: Path) -> ModuleType:
    """`brief/core/native.py`, loaded from its file (it needs only the standard library; the
    package being built is not importable here): what is compiled, the manifest, the switch."""
    spec = importlib.util.spec_from_file_location("_brief_native", root / "brief/core/native.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


SETUP = """
import json, sys
from setuptools import setup
from mypyc.build import mypycify
files, group, target, config = json.loads(sys.argv.pop(1))
# The project's mypy settings are for checking (strict, with stubs the build has not installed).
options = ["--config-file", config, "--ignore-missing-imports"]
setup(
    name="brief-clean",
    packages=[],
    ext_modules=mypycify([*options, *files], group_name=group, target_dir=target),
)
"""
"""The setuptools script that runs mypyc (given the files, the group, the C folder and an empty
mypy configuration)."""


class CompileHook(BuildHookInterface):  # type: ignore[misc]
    """Compiles the cleaning modules into the wheel, or beside the sources for an editable one."""

    PLUGIN_NAME = "custom"

    def initialize(self, version: str, build_data: dict[str, Any]) -> None:
        """Compile, and add the compiled modules to the wheel (or put them in place)."""
        if self.target_name != "wheel":
            return
        root = Path(self.root)
        folder = root / PACKAGE
        native = _native(root)
        editable = version == "editable"
        if editable:
            # A failed build must not leave older compiled modules in place.
            for path in folder.iterdir():
                if path.suffix == ".so" or path.name == native.MANIFEST:
                    path.unlink()
        if native.pure_wanted():
            self.app.display_info(f"{native.PURE_ENV} is set: the cleaner stays plain Python")
            return
        self._work = Path(tempfile.mkdtemp(prefix="brief-compile-"))
        files = [f"{PACKAGE}/{name}" for name in native.source_digests(folder)]
        out = self._compile(root, files)
        if out is None:
            return
        compiled = sorted((out / PACKAGE).glob("*.so"))
        if editable:
            for path in compiled:
                shutil.copy2(path, folder / path.name)
            (folder / native.MANIFEST).write_text(native.manifest_text(folder), encoding="utf-8")
            return
        record = self._work / native.MANIFEST
        record.write_text(native.manifest_text(folder), encoding="utf-8")
        for path in compiled:
            build_data["force_include"][str(path)] = f"{PACKAGE}/{path.name}"
        build_data["force_include"][str(record)] = f"{PACKAGE}/{native.MANIFEST}"
        build_data["pure_python"] = False
        build_data["infer_tag"] = True

    def _compile(self, root: Path, files: list[str]) -> Path | None:
        """Run mypyc in a scratch folder: the folder of built modules, or None (with a warning)
        when it fails."""
        work = self._work
        script = work / "setup.py"
        script.write_text(SETUP, encoding="utf-8")
        config = work / "mypy.ini"
        config.write_text("[mypy]\n", encoding="utf-8")
        argument = json.dumps([files, GROUP, str(work / "c"), str(config)])
        command = [sys.executable, str(script), argument, "build_ext", "--build-lib"]
        command += [str(work / "lib"), "--build-temp", str(work / "tmp")]
        try:
            done = subprocess.run(command, cwd=root, capture_output=True, text=True, check=False)
        except OSError as error:
            self.app.display_warning(f"brief: not compiled ({error}); plain Python is used")
            return None
        if done.returncode:
            tail = "\n".join((done.stdout + done.stderr).strip().splitlines()[-15:])
            self.app.display_warning(f"brief: not compiled; plain Python is used:\n{tail}")
            return None
        return work / "lib"

    def finalize(self, version: str, build_data: dict[str, Any], artifact_path: str) -> None:
        """Remove the scratch folder once the wheel is written."""
        work = getattr(self, "_work", None)
        if work is not None:
            shutil.rmtree(work, ignore_errors=True)
