"""Differential test on the real corpus: `paralint dump` over every folder of
shared/corpus/real (read-only), one invocation per pytest version, compared
field by field with what real pytest said (expected.jsonl for 7.2.1 +
iniconfig 1.1.1, expected-9.1.1.jsonl for 9.1.1 + iniconfig 2.1.0).

Needs PARALINT=/path/to/paralint; CORPUS overrides the corpus location.
"""

from __future__ import annotations

import subprocess

import pytest

from conftest import CORPUS, compare_parse_level, paralint_path, parse_jsonl

VERSIONS = [
    ("7.2.1", "1.1.1", "expected.jsonl"),
    ("9.1.1", "2.1.0", "expected-9.1.1.jsonl"),
]
RUN_TIMEOUT_S = 120


def _folders():
    if not CORPUS.is_dir():
        return []
    return sorted(p.name for p in CORPUS.iterdir() if p.is_dir())


FOLDERS = _folders()
PARAMS = [pytest.param(pv, iv, exp, f, id=f"{pv}-{f}") for pv, iv, exp in VERSIONS for f in FOLDERS]


def _load_expected(name):
    path = CORPUS / name
    if not path.is_file():
        return None
    return {o["dir"]: o for o in parse_jsonl(path.read_text(encoding="utf-8"))}


class _Runs:
    """One paralint invocation per version over all folders, run on first use."""

    def __init__(self):
        self.cache = {}

    def get(self, pv, iv):
        if (pv, iv) not in self.cache:
            self.cache[(pv, iv)] = self._run(pv, iv)
        return self.cache[(pv, iv)]

    @staticmethod
    def _run(pv, iv):
        cmd = [paralint_path(), "dump", "--pytest-version", pv, "--iniconfig-version", iv, *FOLDERS]
        try:
            proc = subprocess.run(cmd, cwd=CORPUS, capture_output=True, timeout=RUN_TIMEOUT_S)
        except subprocess.TimeoutExpired:
            return f"paralint dump over the corpus did not finish within {RUN_TIMEOUT_S} s"
        err = proc.stderr.decode("utf-8", "replace")
        if proc.returncode != 0:
            return f"paralint dump exited {proc.returncode}: {err[-2000:]}"
        try:
            objs = parse_jsonl(proc.stdout.decode("utf-8", "surrogateescape"))
        except ValueError as exc:
            return f"paralint dump printed invalid JSON Lines: {exc}"
        if len(objs) != len(FOLDERS):
            return f"paralint dump printed {len(objs)} objects for {len(FOLDERS)} dirs; stderr: {err[-2000:]}"
        return dict(zip(FOLDERS, objs))


@pytest.fixture(scope="session")
def corpus_runs(paralint):
    return _Runs()


@pytest.fixture(scope="session")
def corpus_expected():
    return {exp: _load_expected(exp) for _, _, exp in VERSIONS}


@pytest.mark.skipif(not FOLDERS, reason=f"corpus not found at {CORPUS} (set CORPUS)")
@pytest.mark.parametrize("pytest_version,iniconfig_version,expected_file,folder", PARAMS or [
    pytest.param(None, None, None, None, id="no-corpus")])
def test_corpus_folder(pytest_version, iniconfig_version, expected_file, folder, corpus_runs,
                       corpus_expected):
    expected_all = corpus_expected[expected_file]
    if expected_all is None:
        pytest.fail(f"{CORPUS / expected_file} is missing")
    expected = expected_all.get(folder)
    assert expected is not None, f"{folder} has no line in {expected_file}"
    run = corpus_runs.get(pytest_version, iniconfig_version)
    if isinstance(run, str):
        pytest.fail(run)
    actual = run[folder]
    problems = compare_parse_level(actual, expected)
    if actual.get("dir") != folder:
        problems.append(f"dir: expected {folder!r}, got {actual.get('dir')!r}")
    if problems:
        pytest.fail(f"{folder} (pytest {pytest_version} + iniconfig {iniconfig_version}, "
                          f"files in {CORPUS / folder}):\n  " + "\n  ".join(problems), pytrace=False)
