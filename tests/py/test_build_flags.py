"""A plain configure, of any build type, never turns warnings into errors: a packager's or
user's compiler may warn where this project's does not. The project's own builds
(scripts/build: CI and developers) ask for -Werror with PARALINT_WERROR=ON."""

from __future__ import annotations

import json
import shutil
import subprocess

import pytest

from conftest import REPO_ROOT

pytestmark = pytest.mark.not_sanitized  # configures CMake; nothing of paralint's runs


def configure(build_dir, *options) -> list[dict]:
    subprocess.run(["cmake", "-S", str(REPO_ROOT), "-B", str(build_dir), "-G", "Ninja", *options], check=True,
                   capture_output=True, timeout=300)
    return json.loads((build_dir / "compile_commands.json").read_text(encoding="utf-8"))


@pytest.mark.skipif(shutil.which("cmake") is None or shutil.which("ninja") is None, reason="needs cmake and ninja")
@pytest.mark.parametrize("build_type", ["Debug", "Release", "RelWithDebInfo", "MinSizeRel"])
def test_a_plain_configure_has_no_werror(tmp_path, build_type):
    commands = configure(tmp_path / "build", f"-DCMAKE_BUILD_TYPE={build_type}")
    assert commands
    assert not [c["file"] for c in commands if "-Werror" in c["command"]]
    assert all("-Wall" in c["command"] for c in commands)


@pytest.mark.skipif(shutil.which("cmake") is None or shutil.which("ninja") is None, reason="needs cmake and ninja")
def test_the_projects_own_builds_ask_for_werror(tmp_path):
    commands = configure(tmp_path / "build", "-DCMAKE_BUILD_TYPE=RelWithDebInfo", "-DPARALINT_WERROR=ON")
    assert all("-Werror" in c["command"] for c in commands)
    assert "-DPARALINT_WERROR=ON" in (REPO_ROOT / "scripts" / "build").read_text(encoding="utf-8")
