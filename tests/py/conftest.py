"""Shared helpers for paralint's Python tests.

Run with:  /usr/bin/python3 -m pytest -q -p no:cacheprovider tests/py
(from any directory).

Environment variables:
  PARALINT  path of the paralint binary (tests that run it are skipped if unset)
  ORACLE    path of pytest_oracle.py (default <repo>/../shared/oracle/pytest_oracle.py)
  CORPUS    the real corpus folder   (default <repo>/../shared/corpus/real)
  ORACLE_PYTHON  interpreter with Debian's pytest 7.2.1 (default /usr/bin/python3)
  PYTESTS_WRAPPER  optional `py PYTEST_VER INICONFIG_VER args...` wrapper that runs
                   other pytest versions (default /tmp/pytests/py when it exists);
                   used only to re-check the "observed" golden cases.
  PARALINT_PYTEST9  a PYTHONPATH holding pytest 9: test_migrate_native.py then asks it
                   whether migrated configs read the same (skipped when unset, as in CI)
"""

from __future__ import annotations

import json
import math
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

REPO_ROOT = Path(__file__).resolve().parents[2]
CASES_DIR = REPO_ROOT / "tests" / "cases" / "dump"
ORACLE_PYTHON = os.environ.get("ORACLE_PYTHON", "/usr/bin/python3")
ORACLE = Path(os.environ.get("ORACLE") or REPO_ROOT.parent / "shared" / "oracle" / "pytest_oracle.py")
CORPUS = Path(os.environ.get("CORPUS") or REPO_ROOT.parent / "shared" / "corpus" / "real")

# the versions Debian ships (and the oracle measures) on this machine
INSTALLED_PYTEST = "7.2.1"
INSTALLED_INICONFIG = "1.1.1"

PARSE_FIELDS = ("configfile", "section", "ini", "addopts", "markers", "parse_error")
FIRST_FIELDS = ("dir",) + PARSE_FIELDS + ("pytest_version", "iniconfig_version")

# expected.json marks a config file found above the dumped directory (walk-up
# cases) as "<tree>/REL", REL relative to the root of the case's tree.
TREE_PREFIX = "<tree>/"

# "FILE:LINE:" at the start of a pytest error message
FILE_LINE_RE = re.compile(r"^([^:\n]+):(\d+):")
# pytest's UsageError for a TOML file tomllib refuses: "FILE: MESSAGE (at line L, column C)"
TOML_ERROR_RE = re.compile(r"^([^:\n]+\.toml): (.*) \(at (?:line (\d+), column (\d+)|end of document)\)$")


# --------------------------------------------------------------------------
# locating things
# --------------------------------------------------------------------------


def pytest_configure(config):
    # The sanitizer build deselects these: they ask real pytest and compare it with the
    # recorded cases, which does not depend on how paralint was built.
    config.addinivalue_line("markers", "pytest_only: runs real pytest only, never paralint")
    # Also deselected there: packaging, generated documentation and the verdict sweep, whose
    # paralint code paths other tests run under the sanitizers too, and which at ~0.4 s per
    # sanitized start would take most of CI's time.
    config.addinivalue_line("markers", "not_sanitized: not run in the sanitizer build (see conftest)")


def paralint_path() -> str:
    """The paralint binary from $PARALINT, or skip the calling test."""
    exe = os.environ.get("PARALINT")
    if not exe:
        pytest.skip("PARALINT is not set: export PARALINT=/path/to/paralint to run the paralint tests")
    if not (os.path.isfile(exe) and os.access(exe, os.X_OK)):
        pytest.fail(f"PARALINT={exe!r} is not an executable file")
    return exe


@pytest.fixture(scope="session")
def paralint() -> str:
    return paralint_path()


def pytests_wrapper():
    """The multi-version wrapper (`py PYTEST_VER INICONFIG_VER args...`), or None."""
    w = os.environ.get("PYTESTS_WRAPPER") or "/tmp/pytests/py"
    return w if os.path.isfile(w) and os.access(w, os.X_OK) else None


def clean_env(**extra) -> dict:
    env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH" and not k.startswith("PYTEST_")}
    # iniconfig 1.1.1 opens files in the locale encoding; the golden cases assume UTF-8
    env["PYTHONUTF8"] = "1"
    env["PYTHONDONTWRITEBYTECODE"] = "1"
    env.update(extra)
    return env


# --------------------------------------------------------------------------
# golden cases
# --------------------------------------------------------------------------


class Case:
    def __init__(self, path: Path):
        self.path = path
        self.name = path.name
        self.meta = json.loads((path / "case.json").read_text(encoding="utf-8"))
        self.expected = json.loads((path / "expected.json").read_text(encoding="utf-8"))
        self.start = self.meta.get("start", ".")
        self.pytest_version = self.meta["pytest_version"]
        self.iniconfig_version = self.meta["iniconfig_version"]

    @property
    def installed_versions(self) -> bool:
        return (self.pytest_version, self.iniconfig_version) == (INSTALLED_PYTEST, INSTALLED_INICONFIG)

    @property
    def walk_up(self) -> bool:
        return self.start not in ("", ".")

    @property
    def oracle_cli(self) -> bool:
        """Can pytest_oracle.py reproduce this case (it copies only DIR's config files)?"""
        return not self.walk_up and self.meta.get("oracle_cli", True)

    def materialize(self, dest: Path) -> Path:
        """Create the case's tree at dest (which must not exist); return dest."""
        tree = self.path / "tree"
        script = self.path / "make_tree.py"
        if script.is_file():
            dest.mkdir(parents=True)
            subprocess.run([ORACLE_PYTHON, str(script), str(dest)], check=True, timeout=120,
                           env=clean_env())
        elif tree.is_dir():
            shutil.copytree(tree, dest, symlinks=True)
        else:
            raise AssertionError(f"{self.name}: neither tree/ nor make_tree.py")
        if self.walk_up:
            (dest / self.start).mkdir(parents=True, exist_ok=True)
        return dest

    def start_dir(self, root: Path) -> Path:
        return root / self.start if self.walk_up else root


def load_cases():
    if not CASES_DIR.is_dir():
        return []
    return [Case(p) for p in sorted(CASES_DIR.iterdir()) if (p / "case.json").is_file()]


ALL_CASES = load_cases()


# --------------------------------------------------------------------------
# comparing parse-level objects
# --------------------------------------------------------------------------


def deep_equal(a, b) -> bool:
    """JSON-value equality that tells bool from int from float, -0.0 from 0.0,
    and treats NaN as equal to NaN."""
    if isinstance(a, bool) or isinstance(b, bool):
        return isinstance(a, bool) and isinstance(b, bool) and a == b
    if isinstance(a, float) or isinstance(b, float):
        if not (isinstance(a, float) and isinstance(b, float)):
            return False
        if math.isnan(a) or math.isnan(b):
            return math.isnan(a) and math.isnan(b)
        return a == b and math.copysign(1.0, a) == math.copysign(1.0, b)
    if isinstance(a, int) or isinstance(b, int):
        return type(a) is type(b) and a == b
    if isinstance(a, list) or isinstance(b, list):
        return (isinstance(a, list) and isinstance(b, list) and len(a) == len(b)
                and all(deep_equal(x, y) for x, y in zip(a, b)))
    if isinstance(a, dict) or isinstance(b, dict):
        return (isinstance(a, dict) and isinstance(b, dict) and a.keys() == b.keys()
                and all(deep_equal(a[k], b[k]) for k in a))
    return type(a) is type(b) and a == b


def _short(v, limit=400) -> str:
    s = json.dumps(v, ensure_ascii=False)
    return s if len(s) <= limit else s[:limit] + f"... ({len(s)} chars)"


def translate_tree(value, tree_root):
    """Turn "<tree>/REL" (a file above the dumped dir) into absolute paths:
    the set of acceptable spellings (as given, and with symlinks resolved)."""
    if not (isinstance(value, str) and value.startswith(TREE_PREFIX)):
        return {value}
    rel = value[len(TREE_PREFIX):]
    return {str(Path(tree_root) / rel), os.path.join(os.path.realpath(tree_root), rel)}


def compare_parse_level(actual: dict, expected: dict, tree_root=None) -> list:
    """Differences between paralint's object and the oracle's, as readable lines.

    configfile/section/ini/addopts/markers must be equal; parse_error must be
    null exactly when the oracle's is, and when the oracle's starts with
    FILE:LINE:, paralint's must start with the same FILE:LINE:; a TOML file's error must be
    tomllib's message at tomllib's line and column.
    """
    problems = []
    for field in PARSE_FIELDS:
        if field not in actual:
            problems.append(f"missing field {field!r}")
    if problems:
        return problems
    for field in ("configfile", "section", "ini", "addopts", "markers"):
        exp, act = expected[field], actual[field]
        if field == "configfile" and tree_root is not None and isinstance(exp, str) \
                and exp.startswith(TREE_PREFIX):
            ok = act in translate_tree(exp, tree_root)
            exp = sorted(translate_tree(exp, tree_root))[0]
        else:
            ok = deep_equal(act, exp)
        if not ok:
            problems.append(f"{field}: expected {_short(exp)}, got {_short(act)}")
    exp_err, act_err = expected["parse_error"], actual["parse_error"]
    if (exp_err is None) != (act_err is None):
        problems.append(f"parse_error: expected {_short(exp_err)}, got {_short(act_err)}")
    elif exp_err is not None:
        if not isinstance(act_err, str):
            problems.append(f"parse_error: expected a string, got {_short(act_err)}")
        else:
            m = FILE_LINE_RE.match(exp_err)
            toml = TOML_ERROR_RE.match(exp_err)
            if toml:
                # tomllib's own words at tomllib's position: FILE:LINE:COLUMN: MESSAGE
                file_part, message, line, column = toml.groups()
                files = translate_tree(file_part, tree_root) if tree_root is not None else {file_part}
                where = f"{line}:{column}:" if line else ""
                if not any(re.fullmatch(re.escape(f"{f}:") + (re.escape(where) if where else r"\d+:\d+:")
                                        + re.escape(f" {message}"), act_err) for f in files):
                    problems.append(f"parse_error: expected tomllib's {exp_err!r}, got {act_err!r}")
            elif m:
                file_part, line = m.group(1), m.group(2)
                allowed = {f"{f}:{line}:" for f in translate_tree(file_part, tree_root)} \
                    if tree_root is not None else {f"{file_part}:{line}:"}
                if not any(act_err.startswith(p) for p in allowed):
                    problems.append(
                        f"parse_error: expected to start with {sorted(allowed)[0]!r} "
                        f"(pytest: {exp_err!r}), got {act_err!r}")
    return problems


def parse_jsonl(text: str) -> list:
    # split on "\n" only: with ensure_ascii=False a JSON line may hold raw
    # U+2028, U+0085, \x1c ... which str.splitlines() would split on
    return [json.loads(line) for line in text.split("\n") if line.strip()]


# --------------------------------------------------------------------------
# the truth for cases the oracle CLI cannot take (walk-up, special files):
# pytest's own determine_setup on the start dir inside a copy of the whole
# tree, with the oracle's helpers for section/ini/addopts/markers.
# --------------------------------------------------------------------------

DETERMINE_SETUP_SCRIPT = r'''
import importlib.util, json, os, sys
from pathlib import Path

req = json.loads(sys.stdin.read())
spec = importlib.util.spec_from_file_location("pytest_oracle", req["oracle"])
oracle = importlib.util.module_from_spec(spec)
spec.loader.exec_module(oracle)


def scrubber(start, tree):
    pairs = []
    for root, rel_prefix, rel_self in ((start, "", "."), (tree, "<tree>/", "<tree>")):
        forms = sorted({str(root), os.path.realpath(str(root))}, key=len, reverse=True)
        for f in forms:
            pairs.append((f + os.sep, rel_prefix))
            pairs.append((f, rel_self))

    def scrub(text):
        if text is None:
            return None
        for old, new in pairs:
            text = text.replace(old, new)
        return text
    return scrub


def parse_level(tree, start):
    tree, start = Path(tree), Path(start)
    scrub = scrubber(start, tree)
    out = {"configfile": None, "section": None, "ini": {}, "addopts": [], "markers": [],
           "parse_error": None}
    try:
        rootdir, inipath, inicfg = oracle._call_determine_setup(start)
    except KeyboardInterrupt:
        raise
    except BaseException as exc:
        out["parse_error"] = scrub(oracle._first_line(str(exc)) or type(exc).__name__)
        return out
    if inipath is None:
        return out
    inipath = Path(inipath)
    # resolve the directories, not a symlinked config file itself
    real = Path(os.path.realpath(inipath.parent)) / inipath.name
    try:
        out["configfile"] = real.relative_to(os.path.realpath(start)).as_posix()
    except ValueError:
        out["configfile"] = "<tree>/" + real.relative_to(os.path.realpath(tree)).as_posix()
    out["section"] = oracle._section_for(inipath, inicfg)
    out["ini"] = {str(k): oracle._jsonable(oracle._unwrap(v)) for k, v in inicfg.items()}
    config = oracle._config_with(inipath, rootdir, inicfg)
    try:
        out["addopts"] = oracle._jsonable(list(config.getini("addopts")))
    except KeyboardInterrupt:
        raise
    except BaseException as exc:
        out["parse_error"] = scrub(oracle._first_line(str(exc)) or type(exc).__name__)
    try:
        out["markers"] = oracle._jsonable(oracle._marker_names(config))
    except KeyboardInterrupt:
        raise
    except BaseException as exc:
        print(f"determine_setup: warning: markers: {exc}", file=sys.stderr)
    return out


for tree, start in req["items"]:
    sys.stdout.write(json.dumps(parse_level(tree, start), ensure_ascii=False) + "\n")
sys.stdout.flush()
'''


def run_determine_setup(items, python_cmd=None, timeout=300) -> list:
    """[(tree_root, start_dir), ...] -> parse-level objects, via real pytest."""
    cmd = list(python_cmd or [ORACLE_PYTHON]) + ["-c", DETERMINE_SETUP_SCRIPT]
    req = {"oracle": str(ORACLE), "items": [[str(t), str(s)] for t, s in items]}
    proc = subprocess.run(cmd, input=json.dumps(req), capture_output=True, text=True,
                          encoding="utf-8", timeout=timeout, env=clean_env())
    if proc.returncode != 0:
        raise AssertionError(f"determine_setup script failed ({proc.returncode}):\n{proc.stderr}")
    out = parse_jsonl(proc.stdout)
    assert len(out) == len(items), proc.stderr
    return out


def run_oracle(dirs, python_cmd=None, timeout=300) -> list:
    """pytest_oracle.py --no-run over dirs (one process); parse-level objects."""
    cmd = list(python_cmd or [ORACLE_PYTHON]) + [str(ORACLE), "--no-run"] + [str(d) for d in dirs]
    proc = subprocess.run(cmd, capture_output=True, text=True, encoding="utf-8",
                          timeout=timeout, env=clean_env())
    if proc.returncode != 0:
        raise AssertionError(f"oracle failed ({proc.returncode}):\n{proc.stderr}")
    out = parse_jsonl(proc.stdout)
    assert len(out) == len(dirs), proc.stderr
    return out
