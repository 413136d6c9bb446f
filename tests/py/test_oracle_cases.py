"""The golden cases still say what the real pytest says.

For every case made with the installed pytest/iniconfig (Debian's 7.2.1 +
1.1.1), materialize its tree and ask pytest again: pytest_oracle.py --no-run
for plain cases (all in ONE oracle process), and the determine_setup script
(conftest.DETERMINE_SETUP_SCRIPT, also one process) for walk-up cases and
trees the oracle cannot copy. A failure here means pytest's behaviour (or the
oracle) changed, not paralint.

Cases observed with other versions ("origin": "observed") are re-checked the
same way when the multi-version wrapper is available (PYTESTS_WRAPPER, default
/tmp/pytests/py); otherwise they are skipped.
"""

from __future__ import annotations

import shutil
import subprocess

import pytest

from conftest import (ALL_CASES, INSTALLED_INICONFIG, INSTALLED_PYTEST, ORACLE, ORACLE_PYTHON,
                      PARSE_FIELDS, clean_env, deep_equal, pytests_wrapper, run_determine_setup,
                      run_oracle)

pytestmark = pytest.mark.pytest_only

INSTALLED = [c for c in ALL_CASES if c.installed_versions]
OBSERVED = [c for c in ALL_CASES if not c.installed_versions]


def _installed_versions():
    code = ("import importlib.metadata as m; "
            "print(m.version('pytest'), m.version('iniconfig'))")
    try:
        proc = subprocess.run([ORACLE_PYTHON, "-c", code], capture_output=True, text=True,
                              timeout=60, env=clean_env())
    except OSError as exc:
        return None, str(exc)
    if proc.returncode != 0:
        return None, proc.stderr.strip()
    return tuple(proc.stdout.split()), None


def _ask_pytest(cases, base, python_cmd=None):
    """{case name: parse-level object} from real pytest, two subprocesses in all."""
    roots = {c.name: c.materialize(base / c.name) for c in cases}
    results = {}
    cli = [c for c in cases if c.oracle_cli]
    if cli:
        for c, obj in zip(cli, run_oracle([roots[c.name] for c in cli], python_cmd)):
            results[c.name] = {k: obj[k] for k in PARSE_FIELDS}
    rest = [c for c in cases if not c.oracle_cli]
    if rest:
        items = [(roots[c.name], c.start_dir(roots[c.name])) for c in rest]
        for c, obj in zip(rest, run_determine_setup(items, python_cmd)):
            results[c.name] = obj
    return results


@pytest.fixture(scope="session")
def installed_results(tmp_path_factory):
    versions, err = _installed_versions()
    if versions != (INSTALLED_PYTEST, INSTALLED_INICONFIG):
        pytest.skip(f"{ORACLE_PYTHON} does not have pytest {INSTALLED_PYTEST} + iniconfig "
                    f"{INSTALLED_INICONFIG} (found {versions or err})")
    if not ORACLE.is_file():
        pytest.skip(f"oracle not found at {ORACLE} (set ORACLE)")
    base = tmp_path_factory.mktemp("oracle-cases")
    try:
        yield _ask_pytest(INSTALLED, base)
    finally:
        shutil.rmtree(base, ignore_errors=True)


@pytest.fixture(scope="session")
def observed_results(tmp_path_factory):
    wrapper = pytests_wrapper()
    if not wrapper:
        pytest.skip("the multi-version pytest wrapper is not available "
                    "(set PYTESTS_WRAPPER=/path/to/py, see /tmp/pytests/READY)")
    if not ORACLE.is_file():
        pytest.skip(f"oracle not found at {ORACLE} (set ORACLE)")
    base = tmp_path_factory.mktemp("observed-cases")
    results = {}
    groups = {}
    for c in OBSERVED:
        groups.setdefault((c.pytest_version, c.iniconfig_version), []).append(c)
    try:
        for (pv, iv), cases in groups.items():
            results.update(_ask_pytest(cases, base / f"{pv}-{iv}", [wrapper, pv, iv]))
        yield results
    finally:
        shutil.rmtree(base, ignore_errors=True)


def _check(case, got):
    assert got is not None, f"{case.name}: no result"
    if not deep_equal(got, case.expected):
        diffs = [f"  {k}: expected {case.expected.get(k)!r}\n  {' ' * len(k)}  pytest  {got.get(k)!r}"
                 for k in PARSE_FIELDS if not deep_equal(got.get(k), case.expected.get(k))]
        pytest.fail(f"{case.name} ({case.meta['description']}): pytest "
                    f"{case.pytest_version} + iniconfig {case.iniconfig_version} now says something else:\n"
                    + "\n".join(diffs))


@pytest.mark.parametrize("case", INSTALLED, ids=[c.name for c in INSTALLED])
def test_oracle_agrees(case, installed_results):
    _check(case, installed_results.get(case.name))


@pytest.mark.parametrize("case", OBSERVED, ids=[c.name for c in OBSERVED])
def test_observed_agrees(case, observed_results):
    _check(case, observed_results.get(case.name))


def test_case_files_are_well_formed():
    names = set()
    for c in ALL_CASES:
        assert c.name[:3].isdigit() and c.name[3] == "-", c.name
        assert c.name[:3] not in names, f"duplicate number {c.name}"
        names.add(c.name[:3])
        assert set(c.expected) == set(PARSE_FIELDS), c.name
        assert c.meta.get("description"), c.name
        assert c.meta.get("origin") in ("oracle", "observed"), c.name
        if c.meta["origin"] == "observed":
            assert c.meta.get("observed"), f"{c.name}: observed case without the 'observed' note"
            assert not c.installed_versions, c.name
        has_tree = (c.path / "tree").is_dir()
        has_script = (c.path / "make_tree.py").is_file()
        assert has_tree != has_script, f"{c.name}: needs exactly one of tree/ and make_tree.py"
