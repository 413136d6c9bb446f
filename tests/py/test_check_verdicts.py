"""paralint's verdict agrees with real pytest's, in the environment it is told about.

With `--python /usr/bin/python3` (Debian's pytest 7.2.1, xdist 3.1.0, timeout, cov):
every folder real pytest rejects — a parse_error, a usage_error, or an exit code other
than 0, 1 and 5 — gets at least one `error` from `paralint check --format json`; every
folder where real pytest ran clean, without warnings, gets none.

Sources of real pytest's verdicts (all recorded by running it):
- ../shared/corpus/real/expected.jsonl (143 public projects' configs);
- tests/cases/dump/*/run.json (the oracle's run of each golden dump case at the
  installed versions);
- tests/cases/check/*/case.json "pytest" blocks that ran plain Debian pytest.

Runs whose only failure is xdist 3.1 leaking a pipe under `filterwarnings = error`
(`ResourceWarning: unclosed file`) are environment noise (see the corpus README).
"""

from __future__ import annotations

import json
import shutil
import subprocess
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from conftest import ALL_CASES, CORPUS, REPO_ROOT, clean_env, paralint_path, parse_jsonl

PYTHON = "/usr/bin/python3"
NOISE = "ResourceWarning: unclosed file"
CHECK_CASES = REPO_ROOT / "tests" / "cases" / "check"


def verdict(parse_error, run) -> str | None:
    """'rejected', 'clean', or None (ran with warnings, or environment noise)."""
    run = run or {}
    usage = run.get("usage_error") or ""
    if NOISE in usage:
        return None
    if parse_error or usage or run.get("exit_code") not in (0, 1, 5):
        return "rejected"
    return None if run.get("warnings") else "clean"


def corpus_items():
    expected = CORPUS / "expected.jsonl"
    if not expected.is_file():
        return []
    items = []
    for row in parse_jsonl(expected.read_text(encoding="utf-8")):
        v = verdict(row["parse_error"], row["run"])
        if v:
            items.append(("corpus/" + row["dir"], CORPUS / row["dir"], None, v))
    return items


def dump_case_items():
    items = []
    for case in ALL_CASES:
        run_file = case.path / "run.json"
        if not run_file.is_file():
            continue
        recorded = json.loads(run_file.read_text(encoding="utf-8"))
        v = verdict(recorded["parse_error"], recorded["run"])
        if v:
            items.append(("dump/" + case.name, None, case, v))
    return items


def check_case_items():
    items = []
    if not CHECK_CASES.is_dir():
        return items
    for path in sorted(CHECK_CASES.iterdir()):
        info_file = path / "case.json"
        if not info_file.is_file():
            continue
        info = json.loads(info_file.read_text(encoding="utf-8"))
        spec = info.get("pytest")
        # Only plain Debian runs from the tree's root describe the --python environment, and
        # only those whose status is the config's doing ("exit_reason" says when the tree's
        # own tests decide it).
        if not spec or spec.get("args") or spec.get("pythonpath") or spec.get("cwd") or "exit_code" not in spec:
            continue
        if spec.get("exit_reason"):
            continue
        if spec["exit_code"] not in (0, 1, 5):
            items.append(("check/" + path.name, path / "tree", None, "rejected"))
    return items


ITEMS = corpus_items() + dump_case_items() + check_case_items()


@pytest.fixture(scope="module")
def verdicts(tmp_path_factory):
    """Runs paralint check once per folder, four at a time."""
    exe = paralint_path()
    base = tmp_path_factory.mktemp("verdicts")

    def run(item):
        name, folder, case, _ = item
        if case is not None:
            folder = case.materialize(base / name.replace("/", "_"))
        elif folder.is_relative_to(REPO_ROOT):
            # a tree inside the repo would see the repo's own files above it
            copy = base / name.replace("/", "_")
            shutil.copytree(folder, copy, symlinks=True)
            folder = copy
        proc = subprocess.run([exe, "check", "--python", PYTHON, "--format", "json", "--quiet", "."], cwd=folder,
                              capture_output=True, timeout=120, env=clean_env())
        try:
            diagnostics = json.loads(proc.stdout)
        except ValueError:
            return name, None, proc.returncode, proc.stderr.decode("utf-8", "replace")
        return name, diagnostics, proc.returncode, proc.stderr.decode("utf-8", "replace")

    with ThreadPoolExecutor(max_workers=4) as pool:
        return {name: (diagnostics, code, err) for name, diagnostics, code, err in pool.map(run, ITEMS)}


# One worker runs them all, so the module fixture checks every folder once, not once per worker.
@pytest.mark.not_sanitized
@pytest.mark.xdist_group("verdicts")
@pytest.mark.parametrize("item", ITEMS, ids=[i[0] for i in ITEMS])
def test_verdict_matches_pytest(item, verdicts):
    name, _, _, expected = item
    diagnostics, code, err = verdicts[name]
    assert diagnostics is not None, f"{name}: no JSON (exit {code}): {err[-2000:]}"
    errors = [f"{d['file']}:{d['line']}: {d['code']} {d['message']}" for d in diagnostics if d["severity"] == "error"]
    if expected == "rejected":
        assert errors, f"{name}: real pytest rejects this config, paralint reports no error:\n" + "\n".join(
            f"  {d['code']} [{d['severity']}] {d['message']}" for d in diagnostics)
    else:
        assert not errors, f"{name}: real pytest runs this config clean, paralint reports errors:\n  " + "\n  ".join(errors)


def test_verdict_sources_are_present():
    assert len(ITEMS) > 100 or not CORPUS.is_dir(), f"only {len(ITEMS)} verdicts found"
