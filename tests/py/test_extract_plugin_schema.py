"""tools/extract_plugin_schema.py, offline: a small plugin written here, in two releases, is
run under Debian's pytest exactly as the tool runs the real ones (with and without it), read
from its source as the tool reads what cannot be imported, and written as a schema whose
since/removed follow the releases; the schema files it wrote for tools/plugin_sources.toml say
how each release was obtained."""

from __future__ import annotations

import importlib.util
import os
import sys
import tomllib
from pathlib import Path

import pytest

REPO_ROOT = Path(__file__).resolve().parents[2]
spec = importlib.util.spec_from_file_location("extract_plugin_schema", REPO_ROOT / "tools" / "extract_plugin_schema.py")
extract = importlib.util.module_from_spec(spec)
sys.modules["extract_plugin_schema"] = extract
spec.loader.exec_module(extract)

RELEASE_1 = '''
def pytest_addoption(parser):
    parser.addoption("--fake-level", action="store", type=int, default=3, choices=[1, 2, 3])
    parser.addoption("--fake-off", action="store_true")
    parser.addini("fake_mode", "how to fake", default="quick")
    parser.addini("fake_paths", "where", type="linelist")

def pytest_configure(config):
    config.addinivalue_line("markers", "fake(kind): a fake marker")
'''
RELEASE_2 = RELEASE_1.replace('    parser.addoption("--fake-off", action="store_true")\n', "").replace(
    'default="quick"', 'default="slow"')


@pytest.fixture(scope="module")
def releases(tmp_path_factory):
    if not os.access(extract.PYTHON, os.X_OK):
        pytest.skip(f"{extract.PYTHON} not found")
    out = []
    for version, text in (("1.0.0", RELEASE_1), ("2.0.0", RELEASE_2)):
        tree = tmp_path_factory.mktemp(f"fake-{version}")
        (tree / "pytest_fake.py").write_text(text)
        out.append((version, extract.registered([tree], ["-p", "pytest_fake"], [], tree / "work"), tree))
    return out


def test_a_run_records_what_the_plugin_registers(releases):
    _, reg, _ = releases[0]
    assert reg["how"] == "run"
    assert reg["options"][("--fake-level",)] == {"dest": "fake_level", "action": "store", "nargs": None,
                                                  "type": "int", "choices": ["1", "2", "3"], "default": "3"}
    assert reg["options"][("--fake-off",)]["nargs"] == 0
    assert reg["ini"]["fake_mode"] == {"type": "string", "default": "'quick'", "help": "how to fake"}
    assert reg["ini"]["fake_paths"]["default"] == "[]"  # omitted: as pytest >= 8 stores it
    assert reg["markers"] == ["fake(kind): a fake marker"]
    assert len(reg["options"]) == 2 and len(reg["ini"]) == 2  # nothing of pytest's own


def test_reading_the_source_finds_the_same_registrations(releases):
    _, ran, tree = releases[0]
    read = extract.read_source(tree)
    assert read["how"] == "read"
    assert set(read["options"]) == set(ran["options"]) and set(read["ini"]) == set(ran["ini"])
    assert read["ini"] == ran["ini"]
    assert read["markers"] == ran["markers"]


def test_the_schema_follows_the_releases(releases, tmp_path):
    text = extract.render({"name": "pytest-fake", "short_names": ["pytest_fake"], "entry_points": ["fake"]},
                          [(version, reg) for version, reg, _ in releases], "Method: written by a test.")
    schema = tomllib.loads(text)
    assert schema["component"]["releases"] == ["1.0.0", "2.0.0"]
    off = [o for o in schema["option"] if o["names"] == ["--fake-off"]]
    assert off == [{"names": ["--fake-off"], "dest": "fake_off", "action": "store_true", "nargs": 0,
                    "default": "False", "removed": "2.0.0"}]
    modes = [(k.get("since"), k.get("removed"), k["default"]) for k in schema["ini"] if k["name"] == "fake_mode"]
    assert modes == [(None, "2.0.0", "'quick'"), ("2.0.0", None, "'slow'")]
    assert [m["name"] for m in schema["marker"]] == ["fake"]


def test_release_names_are_x_y_z():
    assert extract.release_of("4.2.0+repack") == "4.2.0"
    assert extract.release_of("v0.9") == "0.9.0"
    assert extract.release_of("1.4.1+ds") == "1.4.1"
    assert extract.release_of("hypothesis-python-6.5.0") == "6.5.0"  # a monorepo's tag


def test_generated_files_are_written_where_the_release_is_loaded_from(tmp_path):
    (tmp_path / "pkg").mkdir()
    plugin = {"generated": {"pkg/_version.py": "version = '{version}'\n"}}
    extract.write_generated(plugin, tmp_path, "1.3.0")
    assert (tmp_path / "pkg" / "_version.py").read_text() == "version = '1.3.0'\n"
    extract.write_generated({}, tmp_path, "1.3.0")  # nothing to write: nothing written
    assert sorted(p.name for p in (tmp_path / "pkg").iterdir()) == ["_version.py"]


def test_every_listed_plugin_has_a_schema_the_tool_wrote():
    sources = tomllib.loads((REPO_ROOT / "tools" / "plugin_sources.toml").read_text())["plugin"]
    assert len(sources) >= 40
    for plugin in sources:
        path = REPO_ROOT / "schemas" / f"{plugin['name']}.toml"
        text = path.read_text()
        assert "Written by tools/extract_plugin_schema.py" in text, path
        schema = tomllib.loads(text)
        method = schema["component"]["source"]
        for release in schema["component"]["releases"]:
            assert f"\n{release}: " in f"\n{method}", f"{path}: how {release} was obtained"


def test_the_readme_table_is_the_tools():
    readme = (REPO_ROOT / "schemas" / "README.md").read_text()
    assert readme.endswith(extract.coverage_table(REPO_ROOT / "schemas")), \
        "schemas/README.md's table is stale: tools/extract_plugin_schema.py --table prints it"
