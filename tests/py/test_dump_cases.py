"""Golden cases: `paralint dump` must print what the real pytest made of each
tests/cases/dump/NNN-slug/ tree (expected.json, see that folder's case.json).

Needs PARALINT=/path/to/paralint; skipped otherwise.
"""

from __future__ import annotations

import json
import shutil
import subprocess
from collections import OrderedDict

import pytest

from conftest import ALL_CASES, FIRST_FIELDS, compare_parse_level, parse_jsonl

DUMP_TIMEOUT_S = 60


def run_dump(paralint, pytest_version, iniconfig_version, *dirs, cwd=None):
    cmd = [paralint, "dump", "--pytest-version", pytest_version,
           "--iniconfig-version", iniconfig_version, *[str(d) for d in dirs]]
    try:
        return subprocess.run(cmd, capture_output=True, timeout=DUMP_TIMEOUT_S, cwd=cwd)
    except subprocess.TimeoutExpired:
        pytest.fail(f"paralint did not finish within {DUMP_TIMEOUT_S} s: {cmd}")


def _decode(b: bytes) -> str:
    return b.decode("utf-8", "surrogateescape")


def _describe(case) -> str:
    files = "make_tree.py" if (case.path / "make_tree.py").is_file() else "tree/"
    return (f"case {case.name}: {case.meta['description']}\n"
            f"  pytest {case.pytest_version}, iniconfig {case.iniconfig_version}, start {case.start!r}, "
            f"input {case.path / files}")


@pytest.mark.parametrize("case", ALL_CASES, ids=[c.name for c in ALL_CASES])
def test_dump_case(case, tmp_path, paralint):
    root = case.materialize(tmp_path / "tree")
    start = case.start_dir(root)
    proc = run_dump(paralint, case.pytest_version, case.iniconfig_version, start)
    out, err = _decode(proc.stdout), _decode(proc.stderr)
    assert proc.returncode == 0, f"{_describe(case)}\nexit {proc.returncode}\nstderr: {err[-2000:]}"
    objs = parse_jsonl(out)
    assert len(objs) == 1, f"{_describe(case)}\nexpected one JSON line, got {len(objs)}:\n{out[:2000]}"
    obj = objs[0]
    problems = compare_parse_level(obj, case.expected, tree_root=root)
    if obj.get("dir") != str(start):
        problems.append(f"dir: expected {str(start)!r} (DIR as given), got {obj.get('dir')!r}")
    for field, want in (("pytest_version", case.pytest_version), ("iniconfig_version", case.iniconfig_version)):
        if obj.get(field) != want:
            problems.append(f"{field}: expected {want!r}, got {obj.get(field)!r}")
    if problems:
        pytest.fail(_describe(case) + "\n  " + "\n  ".join(problems), pytrace=False)
    # big generated trees (50 MB files) are not kept for passing tests
    shutil.rmtree(root, ignore_errors=True)


# --------------------------------------------------------------------------
# CLI contract
# --------------------------------------------------------------------------


def _simple_tree(tmp_path):
    d = tmp_path / "proj"
    d.mkdir()
    (d / "pytest.ini").write_text("[pytest]\naddopts = -q\nmarkers =\n    slow: s\n")
    return d


def test_dump_field_order(tmp_path, paralint):
    d = _simple_tree(tmp_path)
    proc = run_dump(paralint, "7.2.1", "1.1.1", d)
    assert proc.returncode == 0, _decode(proc.stderr)
    line = _decode(proc.stdout).split("\n")[0]
    obj = json.loads(line, object_pairs_hook=OrderedDict)
    assert list(obj)[:len(FIRST_FIELDS)] == list(FIRST_FIELDS)


def test_dump_several_dirs_in_order(tmp_path, paralint):
    a = _simple_tree(tmp_path)
    b = tmp_path / "empty"
    b.mkdir()
    c = tmp_path / "broken"
    c.mkdir()
    (c / "pytest.ini").write_text("[pytest]\naddopts = -q\naddopts = -x\n")
    proc = run_dump(paralint, "7.2.1", "1.1.1", a, b, c)
    assert proc.returncode == 0, "a parse error must not change the exit code: " + _decode(proc.stderr)
    objs = parse_jsonl(_decode(proc.stdout))
    assert [o["dir"] for o in objs] == [str(a), str(b), str(c)]
    assert [o["configfile"] for o in objs] == ["pytest.ini", None, None]
    assert objs[2]["parse_error"].startswith("pytest.ini:3:")


def test_dump_relative_dir_keeps_spelling(tmp_path, paralint):
    _simple_tree(tmp_path)
    proc = run_dump(paralint, "7.2.1", "1.1.1", "proj", cwd=tmp_path)
    assert proc.returncode == 0, _decode(proc.stderr)
    (obj,) = parse_jsonl(_decode(proc.stdout))
    assert obj["dir"] == "proj"
    assert obj["configfile"] == "pytest.ini"


def test_dump_missing_dir_is_exit_2(tmp_path, paralint):
    proc = run_dump(paralint, "7.2.1", "1.1.1", tmp_path / "does-not-exist")
    assert proc.returncode == 2, (proc.returncode, _decode(proc.stdout), _decode(proc.stderr))


def test_dump_unknown_option_is_exit_2(tmp_path, paralint):
    proc = subprocess.run([paralint, "dump", "--no-such-option", str(tmp_path)],
                          capture_output=True, timeout=DUMP_TIMEOUT_S)
    assert proc.returncode == 2, (proc.returncode, _decode(proc.stdout), _decode(proc.stderr))
