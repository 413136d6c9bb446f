"""Golden cases for `paralint migrate` (tests/cases/migrate/*/, format in its README.md).

For each case: `migrate --diff` prints the golden diff and writes nothing; `migrate` then
leaves exactly the golden tree and says the golden words on stderr; a refused move leaves
the tree as it was. For a move, `paralint dump` before and after gives the same addopts
tokens and markers, the same values for the pyproject target, and for the native targets
the values pytest 9 makes of the INI strings (test_migrate_native.faithful); Debian's pytest
collects a moved pyproject tree as it collected the original.
"""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import pytest

from conftest import REPO_ROOT, clean_env
from debian_pytest import run_pytest
from test_fix_cases import paralint_run, snapshot
from test_migrate_native import faithful

MIGRATE_CASES = REPO_ROOT / "tests" / "cases" / "migrate"
UPDATE = bool(os.environ.get("UPDATE_GOLDEN"))
CASES = sorted(p for p in MIGRATE_CASES.iterdir() if (p / "case.json").is_file()) if MIGRATE_CASES.is_dir() else []


def model_arguments(args: list[str]) -> list[str]:
    """The --pytest-version / --iniconfig-version of a case's arguments, for `dump`."""
    kept = []
    for flag in ("--pytest-version", "--iniconfig-version"):
        if flag in args:
            kept += [flag, args[args.index(flag) + 1]]
    return kept


def expected_text(path: Path, actual: bytes) -> bytes:
    if UPDATE:
        path.write_bytes(actual)
    return path.read_bytes()


@pytest.mark.parametrize("case", CASES, ids=lambda p: p.name)
def test_migrate_case(paralint, case, tmp_path):
    info = json.loads((case / "case.json").read_text(encoding="utf-8"))
    args = info["args"]
    root = tmp_path / "tree"
    shutil.copytree(case / "tree", root)
    original = snapshot(root)

    shown = paralint_run(paralint, root, "migrate", *args, "--diff", ".")
    assert shown.stdout == expected_text(case / "expected.diff", shown.stdout)
    assert snapshot(root) == original, "--diff wrote something"
    refused = "refused" in case.name
    assert shown.returncode == (2 if refused else 1), shown.stderr

    before = json.loads(paralint_run(paralint, root, "dump", *model_arguments(args), ".").stdout)
    moved = paralint_run(paralint, root, "migrate", *args, ".")
    assert moved.stderr == expected_text(case / "expected.stderr", moved.stderr)
    if refused:
        assert moved.returncode == 2 and snapshot(root) == original
        return
    assert moved.returncode == 0

    expected_tree = case / "expected"
    if UPDATE:
        shutil.rmtree(expected_tree, ignore_errors=True)
        shutil.copytree(root, expected_tree)
    assert snapshot(root) == snapshot(expected_tree)

    after = json.loads(paralint_run(paralint, root, "dump", *model_arguments(args), ".").stdout)
    assert after["addopts"] == before["addopts"] and after["markers"] == before["markers"]
    assert list(after["ini"]) == list(before["ini"])
    if "pyproject" in args:
        assert after["ini"] == before["ini"]
    else:
        for key, value in before["ini"].items():
            assert faithful(value, after["ini"][key], key), f"{key}: {value!r} became {after['ini'][key]!r}"
    if "pyproject" in args and "7.2.1" in args:  # the release Debian's pytest is
        tree_again = tmp_path / "original"
        shutil.copytree(case / "tree", tree_again)
        assert run_pytest(["--collect-only", "-q"], root, clean_env()).returncode == \
            run_pytest(["--collect-only", "-q"], tree_again, clean_env()).returncode
