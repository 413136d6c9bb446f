"""The formats CI systems read (`--format sarif|github|gitlab|junit`) and `-o FILE`, checked
the way their consumers check them (tests/py/report_consumers.py)."""

from __future__ import annotations

import json
import subprocess
import urllib.parse
from pathlib import Path

import pytest

from conftest import clean_env
from report_consumers import annotations, gitlab_problems, parse_junit, sarif_path, sarif_problems

VERSIONS = ["--pytest-version", "7.2.1", "--iniconfig-version", "1.1.1"]
MACHINE_FORMATS = ["json", "sarif", "github", "gitlab", "junit"]

# An error with a fix (A001), an error without (A002), a warning (K001) and infos (G00x).
PROBLEMS_INI = "[pytest]\naddopts = -q  # quiet\n    --no-such-option\nunknown_key = 1\n"


def check(paralint, cwd, *args):
    return subprocess.run([paralint, "check", *VERSIONS, *args], cwd=cwd, capture_output=True, timeout=60,
                          env=clean_env())


@pytest.fixture
def problems(tmp_path) -> Path:
    (tmp_path / "pytest.ini").write_text(PROBLEMS_INI, encoding="utf-8")
    return tmp_path


def sarif_of(paralint, cwd, *args):
    proc = check(paralint, cwd, "--format", "sarif", *args)
    assert proc.returncode in (0, 1), proc.stderr
    return json.loads(proc.stdout)


@pytest.mark.parametrize("fmt", MACHINE_FORMATS)
def test_machine_formats_keep_the_summary_off_stdout(paralint, problems, fmt):
    proc = check(paralint, problems, "--format", fmt)
    assert proc.returncode == 1
    assert b"Found 6 problems" not in proc.stdout and b"Assumed:" not in proc.stdout
    assert b"Found 6 problems" in proc.stderr


def test_sarif_validates_and_carries_every_field_github_requires(paralint, problems):
    log = sarif_of(paralint, problems)
    assert sarif_problems(log) == []
    [run] = log["runs"]
    assert {r["ruleId"] for r in run["results"]} == {"A001", "A002", "K001", "G001", "G002", "G004"}
    by_rule = {r["ruleId"]: r for r in run["results"]}
    assert by_rule["A001"]["level"] == "error" and by_rule["K001"]["level"] == "warning"
    assert by_rule["G001"]["level"] == "note"
    region = by_rule["A001"]["locations"][0]["physicalLocation"]["region"]
    assert region == {"startLine": 2, "startColumn": 15, "endLine": 2, "endColumn": 22}  # `# quiet`, end one past
    [fix] = by_rule["A001"]["fixes"]
    assert fix["artifactChanges"][0]["artifactLocation"] == {"uri": "pytest.ini", "uriBaseId": "%SRCROOT%"}
    driver = run["tool"]["driver"]
    assert driver["name"] == "paralint" and driver["semanticVersion"]
    assert run["columnKind"] == "unicodeCodePoints"


def test_sarif_rules_are_the_catalogue_with_its_documentation(paralint, problems):
    rules = sarif_of(paralint, problems)["runs"][0]["tool"]["driver"]["rules"]
    catalogue = json.loads(subprocess.run([paralint, "rules", "--format", "json"], capture_output=True, check=True).stdout)
    assert [r["id"] for r in rules] == [c["code"] for c in catalogue]
    for rule, entry in zip(rules, catalogue):
        assert rule["name"] == entry["name"]
        assert rule["defaultConfiguration"]["level"] == {"error": "error", "warning": "warning", "info": "note"}[entry["severity"]]
    a001 = rules[0]
    page = subprocess.run([paralint, "rule", "A001", "--format", "markdown"], capture_output=True, check=True, text=True).stdout
    assert page.endswith(a001["help"]["markdown"])  # the docs page without its title
    text = subprocess.run([paralint, "rule", "A001"], capture_output=True, check=True, text=True).stdout
    assert a001["help"]["text"] == text
    assert "addopts" in a001["properties"]["tags"]


def test_sarif_fingerprints_survive_moved_lines_and_tell_results_apart(paralint, problems):
    before = sarif_of(paralint, problems)["runs"][0]["results"]
    (problems / "pytest.ini").write_text("# a header comment\n\n" + PROBLEMS_INI, encoding="utf-8")
    after = sarif_of(paralint, problems)["runs"][0]["results"]

    def by_rule(results):
        return {r["ruleId"]: (r["partialFingerprints"]["paralint/v1"],
                              r["locations"][0]["physicalLocation"]["region"]["startLine"]) for r in results}

    moved, original = by_rule(after), by_rule(before)
    assert moved.keys() == original.keys()
    for rule in original:
        assert moved[rule][0] == original[rule][0], rule
    assert moved["A002"][1] == original["A002"][1] + 2
    fingerprints = [f for f, _ in original.values()]
    assert len(set(fingerprints)) == len(fingerprints)
    gitlab = json.loads(check(paralint, problems, "--format", "gitlab").stdout)
    assert {i["check_name"]: i["fingerprint"] for i in gitlab} == {r: f for r, (f, _) in moved.items()}


def test_sarif_uris_are_relative_to_the_current_directory_and_percent_encoded(paralint, tmp_path, tmp_path_factory):
    project = tmp_path / "my project #1 %"
    project.mkdir()
    (project / "pytest.ini").write_text(PROBLEMS_INI, encoding="utf-8")
    log = sarif_of(paralint, tmp_path, project.name)
    assert sarif_problems(log) == []
    run = log["runs"][0]
    assert run["originalUriBaseIds"]["%SRCROOT%"]["uri"] == Path(tmp_path).as_uri() + "/"
    artifact = run["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"]
    assert artifact == {"uri": "my%20project%20%231%20%25/pytest.ini", "uriBaseId": "%SRCROOT%"}
    assert sarif_path(run, artifact) == str(project / "pytest.ini")

    elsewhere = tmp_path_factory.mktemp("elsewhere")
    run = sarif_of(paralint, elsewhere, str(project))["runs"][0]
    artifact = run["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"]
    assert "uriBaseId" not in artifact  # outside the current directory: an absolute file URI
    assert urllib.parse.urlparse(artifact["uri"]).scheme == "file"
    assert sarif_path(run, artifact) == str(project / "pytest.ini")


HOSTILE_DIR = "a%b:c,d\ne\rf"
HOSTILE_KEY = "x%y:z,w\nv\rq"


@pytest.fixture
def hostile(tmp_path) -> Path:
    project = tmp_path / HOSTILE_DIR
    project.mkdir()
    key = HOSTILE_KEY.replace("\n", "\\n").replace("\r", "\\r")
    (project / "pyproject.toml").write_text(f'[tool.pytest.ini_options]\n"{key}" = "1"\naddopts = "-q"\n',
                                            encoding="utf-8")
    return project


def test_github_annotations_escape_paths_and_messages_as_actions_core_does(paralint, hostile):
    proc = check(paralint, hostile.parent, "--format", "github", HOSTILE_DIR)
    assert proc.returncode == 1
    stdout = proc.stdout.decode()
    # every annotation is one line: no raw CR or LF inside a command
    assert stdout.count("\n") == len(annotations(stdout)) and "\r" not in stdout
    by_code = {props["title"].split()[1]: (command, props, message) for command, props, message in annotations(stdout)}
    command, props, message = by_code["K001"]
    assert command == "warning"
    assert props["file"] == f"{HOSTILE_DIR}/pyproject.toml"
    assert props["title"] == "paralint K001 unknown-ini-key"
    assert (props["line"], props["col"], props["endLine"], props["endColumn"]) == ("2", "1", "2", "16")
    # The message is shown in the job log: control characters from the config appear as control
    # pictures (a raw LF would forge a line there); the file property keeps the exact path.
    def shown(text):
        return text.replace("\n", "\u240a").replace("\r", "\u240d")
    assert message.startswith(f"{shown(HOSTILE_DIR)}/pyproject.toml:2:1: K001 `{shown(HOSTILE_KEY)}` is not a config key")
    assert "\nhelp: " in message
    raw = next(line for line in stdout.split("\n") if "K001" in line)
    assert "file=a%25b%3Ac%2Cd%0Ae%0Df/pyproject.toml," in raw  # properties: % : , CR LF escaped
    assert "`x%25y:z,w\u240av\u240dq`" in raw  # the message: % escaped, controls shown
    assert by_code["G002"][0] == "notice"  # info


def test_github_annotation_without_a_source_has_no_position(paralint, tmp_path):
    stdout = check(paralint, tmp_path, "--format", "github").stdout.decode()  # no config file at all: D007
    [(command, props, message)] = annotations(stdout)
    assert (command, props["file"], props["title"]) == ("notice", ".", "paralint D007 no-config")
    assert "line" not in props and "col" not in props
    assert message.startswith(".: D007 no config file")


def test_gitlab_report_is_what_code_quality_reads(paralint, problems):
    report = json.loads(check(paralint, problems, "--format", "gitlab").stdout)
    assert gitlab_problems(report) == []
    by_code = {issue["check_name"]: issue for issue in report}
    assert by_code["A001"]["severity"] == "critical"
    assert by_code["K001"]["severity"] == "major"
    assert by_code["G001"]["severity"] == "info"
    assert by_code["A002"]["location"] == {"path": "pytest.ini", "lines": {"begin": 3, "end": 3}}
    assert by_code["A001"]["description"].startswith("A001 inline comment")


def test_gitlab_report_of_a_clean_project_is_an_empty_array(paralint, tmp_path):
    (tmp_path / "pytest.ini").write_text(
        "[pytest]\nminversion = 7.2\naddopts = --strict-config --strict-markers\ntestpaths = tests\nxfail_strict = true\n",
        encoding="utf-8")
    proc = check(paralint, tmp_path, "--format", "gitlab")
    assert (proc.returncode, proc.stdout) == (0, b"[]\n")


def test_junit_fails_what_fails_the_run_and_escapes_what_xml_cannot_hold(paralint, tmp_path):
    (tmp_path / "pyproject.toml").write_text(
        '[tool.pytest.ini_options]\n"k\\u0001<&>\\"\\u000b" = "1"\naddopts = "-q"\n', encoding="utf-8")
    proc = check(paralint, tmp_path, "--format", "junit")
    assert proc.returncode == 1
    root = parse_junit(proc.stdout.decode())
    [suite] = root.findall("testsuite")
    assert suite.get("name") == "pyproject.toml"
    cases = {case.get("name").split()[0]: case for case in suite.findall("testcase")}
    failure = cases["K001"].find("failure")
    assert failure.get("type") == "warning"
    assert "`k#x01<&>\"#x0B` is not a config key" in failure.get("message")
    assert failure.text.startswith("pyproject.toml:2:1: K001 [warning] `k#x01<&>\"#x0B`")
    assert cases["K001"].get("classname") == "pyproject.toml" and cases["K001"].get("line") == "2"
    # infos are below --fail-on warning: they pass, with their text
    assert cases["G002"].find("failure") is None and "G002 [info]" in cases["G002"].find("system-out").text

    strict = parse_junit(check(paralint, tmp_path, "--format", "junit", "--fail-on", "error").stdout.decode())
    assert strict.get("failures") == "0"
    everything = parse_junit(check(paralint, tmp_path, "--format", "junit", "--fail-on", "info").stdout.decode())
    assert everything.get("failures") == everything.get("tests")


def test_junit_shows_a_clean_path_as_a_passing_test(paralint, tmp_path):
    (tmp_path / "pytest.ini").write_text("[pytest]\n", encoding="utf-8")
    proc = check(paralint, tmp_path, "--format", "junit", "--select", "D")
    root = parse_junit(proc.stdout.decode())
    assert (root.get("tests"), root.get("failures")) == ("1", "0")
    assert root.find("testsuite").get("name") == "."


@pytest.mark.parametrize("fmt", ["sarif", "gitlab", "junit", "json"])
def test_output_file_gets_the_format_and_the_terminal_the_text(paralint, problems, fmt):
    report = problems / "reports" / f"paralint.{fmt}"
    report.parent.mkdir()
    plain = check(paralint, problems, "--format", fmt)
    proc = check(paralint, problems, "--format", fmt, "-o", str(report))
    assert proc.returncode == plain.returncode == 1
    assert report.read_bytes() == plain.stdout
    assert proc.stdout == check(paralint, problems).stdout  # the text report and its summary
    assert b"\npytest.ini:2:15: A001 [error]" in proc.stdout and b"Found 6 problems" in proc.stdout
    assert sorted(p.name for p in report.parent.iterdir()) == [report.name]  # no temporary left


def test_output_file_is_replaced_and_exit_code_is_unchanged(paralint, problems):
    report = problems / "out.sarif"
    report.write_text("stale", encoding="utf-8")
    assert check(paralint, problems, "--format", "sarif", "--exit-zero", "--output-file", "out.sarif").returncode == 0
    assert sarif_problems(json.loads(report.read_text(encoding="utf-8"))) == []


def test_unwritable_output_file_is_a_usage_error(paralint, problems):
    proc = check(paralint, problems, "--format", "sarif", "-o", "no-such-dir/out.sarif")
    assert proc.returncode == 2
    assert proc.stderr == b"paralint: --output-file no-such-dir/out.sarif: cannot write: No such file or directory\n"
    assert proc.stdout == b""
    (problems / "taken").mkdir()
    proc = check(paralint, problems, "--format", "junit", "-o", "taken")
    assert proc.returncode == 2 and b"cannot write: Is a directory" in proc.stderr
    assert sorted(p.name for p in problems.iterdir()) == ["pytest.ini", "taken"]
