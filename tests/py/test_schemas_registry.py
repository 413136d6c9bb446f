"""Differential test of schemas/pytest.toml and schemas/pytest-xdist.toml.

From the schema files alone it computes what pytest X + pytest-xdist Y register (ini keys
with their type, ini aliases, options with their names, dest and choices) and compares that with

  * every `ini-<pytest>-x<xdist>.txt` / `opt-<pytest>-x<xdist>.txt` pair printed by the real
    tools into shared/reference/pytest-registry/ (README.md there), and
  * the live Debian interpreter (/usr/bin/python3: pytest 7.2.1 + pytest-xdist 3.1.0), asked
    through a tiny plugin written into tmp_path, and
  * the rules of the format (schemas/README.md): since/removed among the listed releases, etc.

The registry and the live interpreter also load pytest-timeout and pytest-cov: their groups
(`timeout`, `cov`) and keys are other components' facts and are left out of the comparison.

Environment variables:
  PYTEST_REGISTRY   the registry folder (default <repo>/../shared/reference/pytest-registry)
  ORACLE_PYTHON     the interpreter asked by the live test (default /usr/bin/python3)
"""

from __future__ import annotations

import ast
import json
import os
import re
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

REPO_ROOT = Path(__file__).resolve().parents[2]
SCHEMAS = REPO_ROOT / "schemas"
REGISTRY = Path(os.environ.get("PYTEST_REGISTRY")
                or REPO_ROOT.parent / "shared" / "reference" / "pytest-registry")
LIVE_PYTHON = os.environ.get("ORACLE_PYTHON", "/usr/bin/python3")

# other components loaded next to pytest and xdist when the registry was printed
FOREIGN_GROUPS = {"timeout", "cov"}
FOREIGN_INI = {"timeout", "timeout_method", "timeout_func_only"}

# Keys pytest registers that the registry files do not list. `cache_dir`: cacheprovider's
# pytest_addoption registers it (parser.addini("cache_dir", ...) next to --cache-clear, whose
# options the files do list); the live test below sees it.
REGISTRY_OMITS_INI = {"cache_dir"}


# --------------------------------------------------------------------------
# what the schema files say
# --------------------------------------------------------------------------


def vtuple(version: str) -> tuple:
    return tuple(int(part) for part in version.split("."))


def load_schema(name: str) -> dict:
    with open(SCHEMAS / name, "rb") as f:
        return tomllib.load(f)


CORE = load_schema("pytest.toml")
XDIST = load_schema("pytest-xdist.toml")


def active(entry: dict, version: str) -> bool:
    v = vtuple(version)
    since, removed = entry.get("since"), entry.get("removed")
    return (since is None or vtuple(since) <= v) and (removed is None or v < vtuple(removed))


def choices_at(entry: dict, version: str):
    if "choices" not in entry:
        return None
    later = entry.get("choices_since", {})
    return tuple(c for c in entry["choices"] if c not in later or vtuple(later[c]) <= vtuple(version))


def expected(pytest_version: str, xdist_version: str):
    """(ini {name: type}, aliases {alias: name}, options {(names, dest, choices)})"""
    ini, aliases, options = {}, {}, set()
    for schema, version in ((CORE, pytest_version), (XDIST, xdist_version)):
        releases = schema["component"]["releases"]
        assert version in releases, f"{schema['component']['name']} {version} is not in its releases"
        for key in schema.get("ini", []):
            if active(key, version):
                assert key["name"] not in ini, f"two ini entries named {key['name']} at {version}"
                ini[key["name"]] = key["type"]
                for alias in key.get("aliases", []):
                    if alias.get("since") is None or vtuple(alias["since"]) <= vtuple(pytest_version):
                        aliases[alias["name"]] = key["name"]
        for opt in schema.get("option", []):
            if active(opt, version):
                options.add((tuple(opt["names"]), opt["dest"], choices_at(opt, version)))
    return ini, aliases, options


def compare(ini, aliases, options, pytest_version, xdist_version):
    want_ini, want_aliases, want_options = expected(pytest_version, xdist_version)
    problems = []
    for name in sorted(ini.keys() - want_ini.keys()):
        problems.append(f"ini {name} ({ini[name]}) is registered but missing from the schemas")
    for name in sorted(want_ini.keys() - ini.keys()):
        problems.append(f"ini {name} is in the schemas but not registered")
    for name in sorted(ini.keys() & want_ini.keys()):
        if ini[name] != want_ini[name]:
            problems.append(f"ini {name}: type {ini[name]} registered, {want_ini[name]} in the schemas")
    if aliases != want_aliases:
        problems.append(f"ini aliases {aliases} registered, {want_aliases} in the schemas")
    for opt in sorted(options - want_options, key=repr):
        problems.append(f"option {opt} is registered but missing from the schemas")
    for opt in sorted(want_options - options, key=repr):
        problems.append(f"option {opt} is in the schemas but not registered")
    return problems


# --------------------------------------------------------------------------
# the registry files
# --------------------------------------------------------------------------

PAIR_RE = re.compile(r"^ini-(\d+\.\d+\.\d+)-x(\d+\.\d+\.\d+)\.txt$")
OPT_RE = re.compile(r"^OPT (?P<group>.*?) (?P<names>\[[^\]]*\]) (?P<attrs>\{.*\})$")
CHOICES_RE = re.compile(r"'choices': (\[[^\]]*\]|\([^)]*\))")
DEST_RE = re.compile(r"'dest': '([^']*)'")


def registry_pairs():
    if not REGISTRY.is_dir():
        return []
    pairs = []
    for path in sorted(REGISTRY.iterdir()):
        m = PAIR_RE.match(path.name)
        if m:
            pairs.append((m.group(1), m.group(2)))
    return pairs


def parse_registry(pytest_version: str, xdist_version: str):
    stem = f"{pytest_version}-x{xdist_version}.txt"
    ini, aliases, options = {}, {}, set()
    for line in (REGISTRY / f"ini-{stem}").read_text(encoding="utf-8").splitlines():
        if line.startswith("INI "):
            name, typ, _default = line[4:].split("\t", 2)
            if name not in FOREIGN_INI:
                ini[name] = "string" if typ == "None" else typ
        elif line.startswith("ALIASES "):
            aliases = ast.literal_eval(line[len("ALIASES "):])
        elif line.strip():
            raise AssertionError(f"ini-{stem}: unexpected line {line!r}")
    for line in (REGISTRY / f"opt-{stem}").read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        m = OPT_RE.match(line)
        assert m, f"opt-{stem}: unexpected line {line!r}"
        if m.group("group") in FOREIGN_GROUPS:
            continue
        names = tuple(ast.literal_eval(m.group("names")))
        dest = DEST_RE.search(m.group("attrs"))
        assert dest, f"opt-{stem}: no dest in {line!r}"
        choices = CHOICES_RE.search(m.group("attrs"))
        options.add((names, dest.group(1),
                     tuple(ast.literal_eval(choices.group(1))) if choices else None))
    return ini, aliases, options


PAIRS = registry_pairs()


@pytest.mark.skipif(not REGISTRY.is_dir(), reason=f"no pytest registry at {REGISTRY} (set PYTEST_REGISTRY)")
@pytest.mark.parametrize("pytest_version,xdist_version", PAIRS or [("none", "none")],
                         ids=[f"pytest{p}-xdist{x}" for p, x in PAIRS] or ["none"])
def test_schemas_match_registry(pytest_version, xdist_version):
    if pytest_version == "none":
        pytest.skip(f"no ini-*-x*.txt files in {REGISTRY}")
    ini, aliases, options = parse_registry(pytest_version, xdist_version)
    assert ini and options, "empty registry files"
    assert not REGISTRY_OMITS_INI & ini.keys(), "the registry lists them now: drop REGISTRY_OMITS_INI"
    want_ini = expected(pytest_version, xdist_version)[0]
    ini.update({name: want_ini[name] for name in REGISTRY_OMITS_INI if name in want_ini})
    problems = compare(ini, aliases, options, pytest_version, xdist_version)
    assert not problems, f"pytest {pytest_version} + xdist {xdist_version}:\n" + "\n".join(problems)


# --------------------------------------------------------------------------
# the live interpreter
# --------------------------------------------------------------------------

DUMP_PLUGIN = r'''
"""Loaded with -p: writes what the parser holds once every plugin has registered."""
import json
import os

import pytest


def pytest_configure(config):
    parser = config._parser
    groups = list(parser._groups)
    if parser._anonymous not in groups:
        groups.append(parser._anonymous)
    options = []
    for group in groups:
        for arg in group.options:
            choices = arg.attrs().get("choices")
            options.append({"group": group.name, "names": list(arg.names()), "dest": arg.dest,
                            "choices": None if choices is None else [str(c) for c in choices]})
    ini = {name: (spec[1] or "string") for name, spec in parser._inidict.items()}
    try:
        import xdist
        xdist_version = xdist.__version__
    except ImportError:
        xdist_version = None
    out = {"pytest": pytest.__version__, "xdist": xdist_version, "ini": ini,
           "aliases": dict(getattr(parser, "_ini_aliases", {})), "options": options,
           "plugins": sorted(str(name) for name, _ in config.pluginmanager.list_name_plugin())}
    with open(os.environ["PARALINT_SCHEMA_DUMP"], "w", encoding="utf-8") as f:
        json.dump(out, f)
'''


def test_schemas_match_live_interpreter(tmp_path):
    if not (os.path.isfile(LIVE_PYTHON) and os.access(LIVE_PYTHON, os.X_OK)):
        pytest.skip(f"no interpreter at {LIVE_PYTHON}")
    (tmp_path / "paralint_schema_dump.py").write_text(DUMP_PLUGIN, encoding="utf-8")
    (tmp_path / "pytest.ini").write_text("[pytest]\n", encoding="utf-8")
    out = tmp_path / "dump.json"
    env = {k: v for k, v in os.environ.items()
           if k not in ("PYTHONPATH", "PYTEST_ADDOPTS", "PYTEST_PLUGINS", "PYTEST_DISABLE_PLUGIN_AUTOLOAD")}
    env.update(PYTHONPATH=str(tmp_path), PARALINT_SCHEMA_DUMP=str(out), PYTHONDONTWRITEBYTECODE="1")
    # cacheprovider stays loaded (its cache lands in tmp_path): `-p no:cacheprovider` would also
    # block stepwise and hide ten options and the cache_dir key from the comparison
    proc = subprocess.run([LIVE_PYTHON, "-m", "pytest", "--co", "-q", "-p", "paralint_schema_dump"],
                          cwd=tmp_path, env=env, capture_output=True, text=True, timeout=60)
    if not out.is_file():
        if "No module named pytest" in proc.stderr:
            pytest.skip(f"{LIVE_PYTHON} has no pytest")
        pytest.fail(f"the dump plugin wrote nothing (exit {proc.returncode}):\n{proc.stdout}\n{proc.stderr}")
    dump = json.loads(out.read_text(encoding="utf-8"))
    if dump["xdist"] is None or "xdist" not in dump["plugins"]:
        pytest.skip(f"{LIVE_PYTHON} has no pytest-xdist loaded")
    for component, version in ((CORE, dump["pytest"]), (XDIST, dump["xdist"])):
        if version not in component["component"]["releases"]:
            pytest.skip(f"{component['component']['name']} {version} is not modelled")
    ini = {name: typ for name, typ in dump["ini"].items() if name not in FOREIGN_INI}
    options = {(tuple(o["names"]), o["dest"], None if o["choices"] is None else tuple(o["choices"]))
               for o in dump["options"] if o["group"] not in FOREIGN_GROUPS}
    problems = compare(ini, dump["aliases"], options, dump["pytest"], dump["xdist"])
    assert not problems, f"{LIVE_PYTHON}: pytest {dump['pytest']} + xdist {dump['xdist']}:\n" + "\n".join(problems)


# --------------------------------------------------------------------------
# the files themselves
# --------------------------------------------------------------------------

INI_TYPES = {"string", "bool", "args", "linelist", "paths", "pathlist", "int", "float"}


@pytest.mark.parametrize("schema", [CORE, XDIST], ids=["pytest", "pytest-xdist"])
def test_schema_files_are_consistent(schema):
    comp = schema["component"]
    releases = comp["releases"]
    assert releases == sorted(releases, key=vtuple) and len(set(releases)) == len(releases)
    listed = set(releases)

    def check_span(what, entry):
        for field in ("since", "removed", "deprecated"):
            if field in entry:
                assert entry[field] in listed, f"{what}: {field} {entry[field]} is not a listed release"
        if "since" in entry and "removed" in entry:
            assert vtuple(entry["since"]) < vtuple(entry["removed"]), what
        if "since" in entry:
            assert entry["since"] != releases[0], f"{what}: since the first release: omit it"
        assert ("deprecated" in entry) == ("deprecation" in entry), f"{what}: deprecated needs deprecation"
        if "deprecated" in entry:
            assert active(entry, entry["deprecated"]), f"{what}: deprecated outside its releases"

    for key in schema.get("ini", []):
        what = f"ini {key['name']}"
        assert key["type"] in INI_TYPES, what
        assert isinstance(key.get("default"), str) and key.get("help"), what
        check_span(what, key)
        for choice, since in key.get("choices_since", {}).items():
            assert choice in key["choices"] and since in listed, what
    for opt in schema.get("option", []):
        what = f"option {opt['names']}"
        assert opt["names"] and opt.get("dest") and opt.get("action"), what
        check_span(what, opt)
        for choice, since in opt.get("choices_since", {}).items():
            assert choice in opt["choices"] and since in listed, what
            assert "since" not in opt or vtuple(opt["since"]) < vtuple(since), what
    for marker in schema.get("marker", []):
        assert marker["line"].startswith(marker["name"]), marker["name"]
        check_span(f"marker {marker['name']}", marker)
    # at every release a flag, an ini key and a marker name belong to one entry at most
    for version in releases:
        flags = [n for o in schema.get("option", []) if active(o, version) for n in o["names"]]
        assert len(flags) == len(set(flags)), f"duplicate flags at {version}"
        keys = [k["name"] for k in schema.get("ini", []) if active(k, version)]
        assert len(keys) == len(set(keys)), f"duplicate ini keys at {version}"
        marks = [m["name"] for m in schema.get("marker", []) if active(m, version)]
        assert len(marks) == len(set(marks)), f"duplicate markers at {version}"
