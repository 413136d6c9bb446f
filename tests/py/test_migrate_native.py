"""`paralint migrate --to native|pytest-toml`: pytest 9 reads native TOML without converting
anything, so each INI string must become the value pytest made of it: a list for args,
linelist and paths keys (split as pytest splits them, here by Python's own shlex), a bool,
an int or a float. Over every corpus folder whose config is INI, `paralint dump` after the
move must hold exactly those values, and the addopts tokens and markers must stay the same.

With PARALINT_PYTEST9 set to a PYTHONPATH that holds pytest 9 (a fetched pytest, pluggy and
iniconfig, each with a *.dist-info/METADATA naming its version so that `--python` sees it), the same folders are also read by that pytest before and after: every
value pytest's getini returns, and the exit status, must be the same. CI has Debian's
pytest 7.2.1 only, which reads no native TOML: there, that test is skipped.
"""

from __future__ import annotations

import json
import os
import shlex
import subprocess
import tomllib
from pathlib import Path

import pytest

from conftest import CORPUS, REPO_ROOT, clean_env
from test_migrate import INI_NAMES, copy_of, paralint_run

MODEL = ["--pytest-version", "9.1.1"]
FOLDERS = sorted(p.name for p in CORPUS.iterdir() if p.is_dir()) if CORPUS.is_dir() else []
PYTEST9 = os.environ.get("PARALINT_PYTEST9")
GETINI_PLUGIN = Path(__file__).resolve().parent / "plugins"


def core_key_types() -> dict[str, str]:
    """The addini type of each core key in pytest 9.1.1, from schemas/pytest.toml."""
    schema = tomllib.loads((REPO_ROOT / "schemas" / "pytest.toml").read_text())
    types = {}
    for entry in schema["ini"]:
        if "removed" in entry:
            continue
        types[entry["name"]] = entry["type"]
        for alias in entry.get("aliases", []):
            types[alias["name"]] = entry["type"]
    return types


CORE_TYPES = core_key_types()


def strtobool(text: str) -> bool:
    if text.lower() in ("y", "yes", "t", "true", "on", "1"):
        return True
    if text.lower() in ("n", "no", "f", "false", "off", "0"):
        return False
    raise ValueError(text)


def faithful(before: str, after, key: str) -> bool:
    """Whether `after` is what pytest made of the INI string `before` for some addini type,
    the core's own type for a core key."""
    expected_type = CORE_TYPES.get(key)
    candidates = {
        "args": lambda: shlex.split(before),
        "linelist": lambda: [line.strip() for line in before.split("\n") if line.strip()],
        "bool": lambda: strtobool(before),
        "int": lambda: int(before),
        "float": lambda: float(before),
        "string": lambda: before,
    }
    candidates["paths"] = candidates["pathlist"] = candidates["args"]
    for name, convert in candidates.items():
        if expected_type is not None and name != expected_type:
            continue
        try:
            value = convert()
        except ValueError:
            continue
        if type(value) is type(after) and value == after:
            return True
    return False


def dump(paralint, root: Path) -> dict:
    proc = paralint_run(paralint, root, "dump", *MODEL, ".")
    assert proc.returncode == 0, proc.stderr
    return json.loads(proc.stdout)


@pytest.mark.not_sanitized  # 143 trees twice; the unit tests run the conversions under the sanitizers
@pytest.mark.parametrize("target", ["pytest-toml", "native"])
@pytest.mark.parametrize("folder", FOLDERS)
def test_a_real_config_moved_to_native_toml_holds_what_pytest_made_of_it(paralint, folder, target, tmp_path):
    root = copy_of(CORPUS / folder, tmp_path / "tree")
    before = dump(paralint, root)
    if before["configfile"] not in INI_NAMES or before["parse_error"] or before["section"] is None:
        pytest.skip(f"pytest reads {before['configfile']}: nothing to move")
    moved = paralint_run(paralint, root, "migrate", *MODEL, "--to", target, "--remove-old", ".")
    if moved.returncode == 2 and (b"already holds pytest settings" in moved.stderr or b"fix it first" in moved.stderr):
        pytest.skip(moved.stderr.decode())
    assert moved.returncode == 0, moved.stderr
    after = dump(paralint, root)
    expected_file = "pytest.toml" if target == "pytest-toml" else "pyproject.toml"
    assert (after["configfile"], after["section"]) == (expected_file, "pytest" if target == "pytest-toml" else "tool.pytest")
    assert after["parse_error"] is None
    assert after["addopts"] == before["addopts"] and after["markers"] == before["markers"]
    assert list(after["ini"]) == list(before["ini"])
    for key, value in before["ini"].items():
        assert faithful(value, after["ini"][key], key), f"{key}: {value!r} became {after['ini'][key]!r}"


def pytest9_reading(root: Path) -> tuple[int, dict]:
    """What pytest 9 (on PARALINT_PYTEST9) makes of the config in `root`: its exit status for
    --collect-only and every getini value of the keys the config sets."""
    out = root.parent / f"{root.name}.getini.json"
    env = clean_env(PYTHONPATH=f"{PYTEST9}{os.pathsep}{GETINI_PLUGIN}", GETINI_OUT=str(out))
    proc = subprocess.run(["/usr/bin/python3", "-m", "pytest", "-p", "getini_dump", "--collect-only", "-q"], cwd=root,
                          env=env, capture_output=True, timeout=120)
    # pytest names the file in a TypeError's text; the two trees differ in that only.
    values = json.loads(out.read_text().replace(str(root), "<root>")) if out.exists() else None
    return proc.returncode, values


@pytest.mark.skipif(not PYTEST9, reason="PARALINT_PYTEST9 names no pytest 9 (CI has Debian's 7.2.1 only)")
@pytest.mark.parametrize("target", ["pytest-toml", "native"])
@pytest.mark.parametrize("folder", FOLDERS)
def test_pytest_9_reads_a_migrated_real_config_the_same(paralint, folder, target, tmp_path):
    root = copy_of(CORPUS / folder, tmp_path / "tree")
    original = copy_of(CORPUS / folder, tmp_path / "original")
    python_env = clean_env(NO_COLOR="1", PYTHONPATH=PYTEST9)
    before = subprocess.run([paralint, "dump", "--python", "/usr/bin/python3", "."], cwd=root, capture_output=True,
                            env=python_env, timeout=60)
    configfile = json.loads(before.stdout)["configfile"]
    if configfile not in INI_NAMES:
        pytest.skip(f"pytest reads {configfile}: nothing to move")
    moved = subprocess.run([paralint, "migrate", "--python", "/usr/bin/python3", "--to", target, "--remove-old", "."],
                           cwd=root, capture_output=True, env=python_env, timeout=60)
    if moved.returncode == 2:
        pytest.skip(moved.stderr.decode())
    assert pytest9_reading(root) == pytest9_reading(original)


def test_python_sees_the_pytest_on_pythonpath_as_pytest_started_there_would(paralint, tmp_path):
    # pytest started by an interpreter imports what PYTHONPATH puts first: the --python probe
    # must model that release, not the one in the interpreter's own site-packages; and a
    # distribution in the working directory is not the interpreter's.
    site = tmp_path / "site"
    (site / "pytest-9.1.1.dist-info").mkdir(parents=True)
    (site / "pytest-9.1.1.dist-info" / "METADATA").write_text("Metadata-Version: 2.1\nName: pytest\nVersion: 9.1.1\n")
    project = tmp_path / "project"
    (project / "pytest-8.3.5.dist-info").mkdir(parents=True)
    (project / "pytest-8.3.5.dist-info" / "METADATA").write_text("Metadata-Version: 2.1\nName: pytest\nVersion: 8.3.5\n")
    (project / "pytest.ini").write_text("[pytest]\naddopts = -q\n")
    env = clean_env(NO_COLOR="1", PYTHONPATH=str(site))
    dumped = subprocess.run([paralint, "dump", "--python", "/usr/bin/python3", "."], cwd=project, capture_output=True,
                            env=env, timeout=60)
    assert json.loads(dumped.stdout)["pytest_version"] == "9.1.1", dumped.stderr
    without = subprocess.run([paralint, "dump", "--python", "/usr/bin/python3", "."], cwd=project, capture_output=True,
                             env=clean_env(NO_COLOR="1"), timeout=60)
    assert json.loads(without.stdout)["pytest_version"] == "7.2.1", without.stderr


DUMP_CASES = REPO_ROOT / "tests" / "cases" / "dump"
HOSTILE = sorted(p.name for p in DUMP_CASES.iterdir() if p.is_dir()) if DUMP_CASES.is_dir() else []


@pytest.mark.not_sanitized  # ~300 trees twice; the unit tests run the conversions under the sanitizers
@pytest.mark.parametrize("target", ["pytest-toml", "native"])
@pytest.mark.parametrize("case", HOSTILE)
def test_a_dump_case_moved_to_native_toml_is_valid_toml_holding_the_same(paralint, case, target, tmp_path):
    # The dump cases hold the odd inputs (BOM, CRLF, control characters, quotes, huge values,
    # keys that need quoting): a move never crashes, and what it writes is TOML that holds
    # what pytest made of each value.
    source = DUMP_CASES / case / "tree" if (DUMP_CASES / case / "tree").is_dir() else DUMP_CASES / case
    root = copy_of(source, tmp_path / "tree")
    before = paralint_run(paralint, root, "dump", *MODEL, ".")
    moved = paralint_run(paralint, root, "migrate", *MODEL, "--to", target, "--remove-old", ".")
    assert moved.returncode in (0, 2) and b"internal error" not in moved.stderr, moved.stderr
    if moved.returncode == 2:
        return
    written = root / ("pytest.toml" if target == "pytest-toml" else "pyproject.toml")
    tomllib.loads(written.read_text(encoding="utf-8"))
    after = json.loads(paralint_run(paralint, root, "dump", *MODEL, ".").stdout.decode().splitlines()[0])
    if after["configfile"] != written.name:
        # Another config file comes first once the old one is gone (a .pytest.ini beside a
        # pytest.ini): paralint says which file pytest reads now.
        assert b"now reads " + after["configfile"].encode() in moved.stderr
        return
    before = json.loads(before.stdout.decode().splitlines()[0])
    assert after["addopts"] == before["addopts"] and after["markers"] == before["markers"]
    for key, value in before["ini"].items():
        assert faithful(value, after["ini"][key], key), f"{key}: {value!r} became {after['ini'][key]!r}"
