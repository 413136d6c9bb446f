"""The CI jobs in README.md's "CI" section: their `paralint` lines are run exactly as written
(through sh, with `paralint` on PATH) in a small project, in the order the job runs them, and
what they produce is checked the way GitHub and GitLab read it. So the blocks cannot drift
from the CLI: a renamed option, a format that stops validating, an artifact path that no
longer matches what the command writes, all fail here."""

from __future__ import annotations

import json
import os
import re
import shlex
import subprocess
from pathlib import Path

import pytest
import yaml

from conftest import REPO_ROOT, clean_env
from report_consumers import annotations, gitlab_problems, parse_junit, sarif_path, sarif_problems

PROJECT = {
    "pytest.ini": "[pytest]\naddopts = -q  # quiet\nunknown_key = 1\n",
    "tests/test_it.py": "def test_it():\n    pass\n",
}


def ci_blocks() -> dict:
    """{first comment line: parsed YAML} for the ```yaml blocks of the CI section."""
    readme = (REPO_ROOT / "README.md").read_text(encoding="utf-8")
    section = re.search(r"^## CI\n(.*?)(?=^## )", readme, re.M | re.S)
    assert section, "README.md has no '## CI' section"
    blocks = re.findall(r"^```yaml\n(.*?)^```$", section.group(1), re.M | re.S)
    return {block.split("\n", 1)[0]: yaml.safe_load(block) for block in blocks}


def paralint_lines(script_lines) -> list:
    return [line.strip() for text in script_lines for line in text.split("\n") if line.strip().startswith("paralint ")]


def output_file(line: str) -> str:
    words = shlex.split(line)
    return words[words.index("-o") + 1]


@pytest.fixture
def project(tmp_path, paralint) -> tuple:
    root = tmp_path / "project"
    for name, text in PROJECT.items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text(text, encoding="utf-8")
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    (bin_dir / "paralint").symlink_to(paralint)
    env = clean_env(PATH=f"{bin_dir}{os.pathsep}{os.environ.get('PATH', '/usr/bin:/bin')}")
    return root, env


def run_line(line: str, root: Path, env: dict):
    return subprocess.run(["sh", "-c", line], cwd=root, env=env, capture_output=True, timeout=60)


def assert_points_into(root: Path, relative: str, line: int):
    path = root / relative
    assert path.is_file(), relative
    assert 1 <= line <= len(path.read_text(encoding="utf-8").splitlines()), (relative, line)


def test_github_actions_job(project):
    root, env = project
    job = ci_blocks()["# .github/workflows/paralint.yml"]["jobs"]["paralint"]
    assert job["permissions"]["security-events"] == "write"
    steps = job["steps"]
    lines = paralint_lines(step["run"] for step in steps if "run" in step)
    [sarif_line] = [line for line in lines if "--format sarif" in line]
    [gate_line] = [line for line in lines if "--format github" in line]
    [upload] = [step for step in steps if step.get("uses", "").startswith("github/codeql-action/upload-sarif@")]
    assert upload["with"]["sarif_file"] == output_file(sarif_line)
    order = [next(i for i, step in enumerate(steps) if line in step.get("run", "")) for line in (sarif_line, gate_line)]
    assert order[0] < steps.index(upload) < order[1], "the SARIF is uploaded before the gate can fail the job"

    proc = run_line(sarif_line, root, env)
    assert proc.returncode == 0, proc.stderr
    log = json.loads((root / upload["with"]["sarif_file"]).read_text(encoding="utf-8"))
    assert sarif_problems(log) == []
    run = log["runs"][0]
    assert {r["ruleId"] for r in run["results"]} >= {"A001", "K001"}
    for result in run["results"]:
        location = result["locations"][0]["physicalLocation"]
        assert location["artifactLocation"]["uriBaseId"] == "%SRCROOT%"  # repository-relative
        assert sarif_path(run, location["artifactLocation"]) == str(root / "pytest.ini")
    assert b"A001 [error]" in proc.stdout  # the job log still shows the text report

    proc = run_line(gate_line, root, env)
    assert proc.returncode == 1, "the gate fails the job on an error"
    found = annotations(proc.stdout.decode())
    assert {command for command, _, _ in found} >= {"error", "warning"}
    for _, properties, _ in found:
        assert_points_into(root, properties["file"], int(properties["line"]))


def test_gitlab_job(project):
    root, env = project
    job = ci_blocks()["# .gitlab-ci.yml"]["paralint"]
    lines = paralint_lines(job["script"])
    [junit_line] = [line for line in lines if "--format junit" in line]
    [gate_line] = [line for line in lines if "--format gitlab" in line]
    assert lines.index(junit_line) < lines.index(gate_line), "the JUnit report is written before the gate fails"
    reports = job["artifacts"]["reports"]
    assert job["artifacts"]["when"] == "always"  # the reports are kept when the gate fails
    assert reports["codequality"] == output_file(gate_line)
    assert reports["junit"] == output_file(junit_line)

    proc = run_line(junit_line, root, env)
    assert proc.returncode == 0, proc.stderr
    junit = parse_junit((root / reports["junit"]).read_text(encoding="utf-8"))
    assert int(junit.get("failures")) >= 2

    proc = run_line(gate_line, root, env)
    assert proc.returncode == 1, "the gate fails the job on an error"
    assert b"A001 [error]" in proc.stdout  # the job log shows the text report
    report = json.loads((root / reports["codequality"]).read_text(encoding="utf-8"))
    assert gitlab_problems(report) == []
    assert {issue["check_name"] for issue in report} >= {"A001", "K001"}
    for issue in report:
        assert_points_into(root, issue["location"]["path"], issue["location"]["lines"]["begin"])
