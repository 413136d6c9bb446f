"""`cmake --install` and the .deb that `cpack` builds, from the build directory the tested
paralint was built in (the directory of $PARALINT): the files are in place, the .deb's control
data is right, and the binary, the man page and the completions work from a temporary root
the package is unpacked into with `dpkg -x`, as on a clean Debian 12.

Installing writes one file into the build directory itself: CMake's install_manifest.txt."""

from __future__ import annotations

import gzip
import os
import re
import subprocess
from pathlib import Path

import pytest

from conftest import REPO_ROOT, clean_env, paralint_path

pytestmark = pytest.mark.not_sanitized

BROKEN_INI = "[pytest]\naddopts = -q\naddopts = -x\n"  # D001: pytest stops on a duplicate name


def run(*args, **kwargs) -> subprocess.CompletedProcess:
    kwargs.setdefault("timeout", 120)
    return subprocess.run([str(a) for a in args], capture_output=True, text=True, **kwargs)


def ok(*args, **kwargs) -> str:
    proc = run(*args, **kwargs)
    assert proc.returncode == 0, f"{args}: exit {proc.returncode}\n{proc.stdout}\n{proc.stderr}"
    return proc.stdout


@pytest.fixture(scope="module")
def build_dir() -> Path:
    build = Path(paralint_path()).resolve().parent
    if not (build / "CMakeCache.txt").is_file() or not (build / "CPackConfig.cmake").is_file():
        pytest.skip(f"PARALINT={paralint_path()} is not in a CMake build directory of paralint: "
                    "nothing to install or package")
    return build


@pytest.fixture(scope="module")
def project_version(build_dir) -> str:
    cache = (build_dir / "CMakeCache.txt").read_text(encoding="utf-8")
    return re.search(r"^CMAKE_PROJECT_VERSION:STATIC=(.*)$", cache, re.M).group(1)


@pytest.fixture(scope="module")
def prefix(build_dir, tmp_path_factory) -> Path:
    prefix = tmp_path_factory.mktemp("prefix")
    ok("cmake", "--install", build_dir, "--prefix", prefix)
    return prefix


@pytest.fixture(scope="module")
def deb(build_dir, tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("cpack")
    ok("cpack", "--config", build_dir / "CPackConfig.cmake", "-B", out, cwd=out)
    [deb] = out.glob("*.deb")
    return deb


@pytest.fixture(scope="module")
def deb_root(deb, tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("root")
    ok("dpkg", "-x", deb, root)
    return root


def installed_files(root: Path) -> set[str]:
    return {str(path.relative_to(root)) for path in root.rglob("*") if not path.is_dir()}


def expected_files(usr: str) -> set[str]:
    rule_docs = {f"{usr}share/doc/paralint/rules/{doc.name}" for doc in (REPO_ROOT / "docs" / "rules").glob("*.md")}
    return rule_docs | {f"{usr}bin/paralint", f"{usr}share/man/man1/paralint.1.gz",
                        f"{usr}share/bash-completion/completions/paralint",
                        f"{usr}share/zsh/vendor-completions/_paralint"}


def check_runs(paralint: Path, tmp_path: Path, version: str) -> None:
    """--version, then `check` refusing a broken pytest.ini and passing the fixed one."""
    assert ok(paralint, "--version").strip() == f"paralint {version}"
    (tmp_path / "pytest.ini").write_text(BROKEN_INI, encoding="utf-8")
    proc = run(paralint, "check", "--format", "concise", "--quiet", cwd=tmp_path, env=clean_env())
    assert (proc.returncode, proc.stdout) == (
        1, "pytest.ini:3:1: D001 [error] pytest cannot read this file and stops: duplicate name 'addopts'\n")
    (tmp_path / "pytest.ini").write_text("[pytest]\naddopts = -q\n", encoding="utf-8")
    assert run(paralint, "check", "--select", "D", cwd=tmp_path, env=clean_env()).returncode == 0


def render_man(manpath: Path) -> str:
    """`man paralint` from that man directory, failing on any warning of man or groff."""
    env = clean_env(MANWIDTH="100", MANPAGER="cat", PAGER="cat", LC_ALL="C.UTF-8")
    proc = run("man", "--warnings=w", "-M", manpath, "paralint", env=env)
    assert (proc.returncode, proc.stderr) == (0, "")
    return proc.stdout


# --------------------------------------------------------------------------
# cmake --install
# --------------------------------------------------------------------------


def test_cmake_install_puts_the_binary_rule_docs_man_page_and_completions_in_place(prefix):
    assert installed_files(prefix) == expected_files("")
    assert os.access(prefix / "bin" / "paralint", os.X_OK)
    for doc in (REPO_ROOT / "docs" / "rules").glob("*.md"):
        assert (prefix / "share/doc/paralint/rules" / doc.name).read_bytes() == doc.read_bytes()


def test_the_installed_man_page_and_completions_are_what_the_binary_prints(prefix):
    paralint = prefix / "bin" / "paralint"
    man = prefix / "share/man/man1/paralint.1.gz"
    assert gzip.decompress(man.read_bytes()).decode() == ok(paralint, "man")
    # gzip -9n as Debian policy asks: no file name, no time stamp (the build is reproducible)
    header = man.read_bytes()[:10]
    assert header[3] & 0x08 == 0 and header[4:8] == b"\0\0\0\0"
    assert (prefix / "share/bash-completion/completions/paralint").read_text() == ok(paralint, "completion", "bash")
    assert (prefix / "share/zsh/vendor-completions/_paralint").read_text() == ok(paralint, "completion", "zsh")


def test_the_installed_binary_runs(prefix, project_version, tmp_path):
    check_runs(prefix / "bin" / "paralint", tmp_path, project_version)


def test_man_finds_and_renders_the_installed_page(prefix):
    shown = render_man(prefix / "share" / "man")
    assert re.search(r"^ +paralint check \[options\] \[PATH \.\.\.\]$", shown, re.M)


# --------------------------------------------------------------------------
# the .deb
# --------------------------------------------------------------------------


def control_fields(deb: Path) -> dict[str, str]:
    control = ok("dpkg-deb", "--field", deb)
    return dict(re.findall(r"^([\w-]+): (.*(?:\n .*)*)$", control, re.M))


def test_the_deb_is_named_and_described_for_debian(deb, project_version):
    fields = control_fields(deb)
    arch = ok("dpkg", "--print-architecture").strip()
    assert deb.name == f"paralint_{project_version}_{arch}.deb"
    assert (fields["Package"], fields["Version"], fields["Architecture"]) == ("paralint", project_version, arch)
    assert fields["Section"] == "devel"
    assert re.fullmatch(r".+ <[^@ ]+@[^> ]+>", fields["Maintainer"])
    summary, *long_description = fields["Description"].split("\n")
    assert summary and long_description and all(line.startswith(" ") for line in long_description)
    info = ok("dpkg-deb", "--info", deb)
    assert " control " in info and " md5sums " in info


def test_the_deb_depends_on_the_package_of_every_library_the_binary_needs(deb, deb_root):
    """Depends comes from dpkg-shlibdeps: each shared library the binary links (readelf's
    NEEDED) must be provided by a package it names. The default build links statically
    (PARALINT_STATIC), so it needs none and the package depends on nothing."""
    binary = deb_root / "usr" / "bin" / "paralint"
    needed = re.findall(r"\(NEEDED\).*\[(.+)\]", ok("readelf", "-d", binary))
    fields = control_fields(deb)
    if not needed:
        assert "Depends" not in fields
        assert "INTERP" not in ok("readelf", "--program-headers", binary)  # no dynamic loader at all
        return
    depends = {re.match(r"[\w.+-]+", dep.strip()).group(0) for dep in fields["Depends"].split(",")}
    resolved = dict(re.findall(r"^\s*(\S+) => (\S+)", ok("ldd", binary), re.M))
    assert set(needed) <= set(resolved)
    for soname in needed:
        owners = {line.split(": ", 1)[0].split(":")[0]
                  for line in ok("dpkg", "-S", f"*/{soname}").splitlines()
                  if os.path.realpath(line.split(": ", 1)[1]) == os.path.realpath(resolved[soname])}
        assert owners & depends, f"{soname} comes from {owners}, which Depends ({sorted(depends)}) does not name"


def test_the_deb_holds_the_files_under_usr_owned_by_root(deb, deb_root):
    listing = ok("dpkg-deb", "--contents", deb).splitlines()
    files = {line.split()[-1].removeprefix("./") for line in listing if not line.startswith("d")}
    assert files == expected_files("usr/")
    assert all(line.split()[1] == "root/root" for line in listing)
    assert installed_files(deb_root) == expected_files("usr/")
    binary = next(line for line in listing if line.endswith("./usr/bin/paralint"))
    assert binary.startswith("-rwxr-xr-x")


def test_the_unpacked_deb_runs(deb_root, project_version, tmp_path):
    check_runs(deb_root / "usr" / "bin" / "paralint", tmp_path, project_version)


def test_man_paralint_renders_from_the_unpacked_deb(deb_root):
    page = deb_root / "usr/share/man/man1/paralint.1.gz"
    proc = subprocess.run(["groff", "-man", "-Tutf8", "-ww", "-z"], input=gzip.decompress(page.read_bytes()),
                          capture_output=True, timeout=60)
    assert (proc.returncode, proc.stderr) == (0, b"")
    shown = render_man(deb_root / "usr" / "share" / "man")
    assert re.search(r"^PARALINT\(1\) +User Commands +PARALINT\(1\)$", shown, re.M)
    for command in ("dump", "check", "rules", "rule", "completion", "man"):
        assert re.search(rf"^   paralint {command}$", shown, re.M), command


def test_the_unpacked_bash_completion_completes(deb_root):
    script = deb_root / "usr/share/bash-completion/completions/paralint"
    program = (f"source '{script}'; COMP_WORDS=(paralint check --fail-on e); COMP_CWORD=3; _paralint; "
               "printf '%s\\n' \"${COMPREPLY[@]}\"")
    assert ok("bash", "--norc", "--noprofile", "-c", program) == "error\n"
