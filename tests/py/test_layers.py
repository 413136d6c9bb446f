"""The pipeline stages of src/ include only headers of their own or earlier stages
(tools/check_layers.py): the check passes on the tree and fails on a wrong include."""

from __future__ import annotations

import shutil
import subprocess
import sys

from conftest import REPO_ROOT

CHECK = REPO_ROOT / "tools" / "check_layers.py"


def check(root) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, str(CHECK), str(root)], capture_output=True, text=True, timeout=60)


def copy_sources(dest):
    for folder in ("src", "include"):
        shutil.copytree(REPO_ROOT / folder, dest / folder)
    return dest


def test_the_tree_keeps_its_layers():
    result = check(REPO_ROOT)
    assert result.returncode == 0, result.stderr


def test_an_include_from_a_later_stage_fails(tmp_path):
    root = copy_sources(tmp_path)
    reader = root / "src" / "read" / "shlex.cpp"
    reader.write_text('#include "paralint/rules/diagnostic.hpp"\n' + reader.read_text(encoding="utf-8"), encoding="utf-8")
    header = root / "include" / "paralint" / "model" / "target.hpp"
    header.write_text(header.read_text(encoding="utf-8") + '\n#include "paralint/report/report.hpp"\n', encoding="utf-8")
    result = check(root)
    assert result.returncode == 1
    assert "src/read/shlex.cpp:1: the read stage includes paralint/rules/diagnostic.hpp from the later rules stage" in result.stderr
    assert "include/paralint/model/target.hpp" in result.stderr and "from the later report stage" in result.stderr


def test_an_include_from_an_earlier_stage_passes(tmp_path):
    root = copy_sources(tmp_path)
    rule = root / "src" / "rules" / "check.cpp"
    rule.write_text('#include "paralint/read/shlex.hpp"\n' + rule.read_text(encoding="utf-8"), encoding="utf-8")
    assert check(root).returncode == 0


def test_a_file_outside_every_stage_fails(tmp_path):
    root = copy_sources(tmp_path)
    (root / "src" / "stray.cpp").write_text("int stray;\n", encoding="utf-8")
    result = check(root)
    assert result.returncode == 1
    assert "src/stray.cpp: not in a stage folder" in result.stderr
