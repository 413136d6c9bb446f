"""Hostile input and hostile environments: no hang, no crash, no damage.

paralint runs in pre-commit hooks and CI gates, often as root in containers, on trees it did
not make. Each case runs paralint under a time limit and (outside sanitizer builds, whose
shadow memory needs the address space) a memory limit, and checks what it says, its exit
status and what it left on disk. Device nodes are made in temp folders where the test may
(as root); /dev itself is never written. Cases that need another user run paralint as
`nobody` through setpriv when the tests run as root, and are skipped otherwise.
"""

from __future__ import annotations

import os
import resource
import shutil
import signal
import stat
import subprocess
import threading
import time
from pathlib import Path

import pytest

from conftest import clean_env

TIME_LIMIT = 20  # seconds per paralint run: every case here takes milliseconds when right
MEMORY_LIMIT = 1 << 30  # bytes of address space: a few times what the largest case needs
IS_ROOT = os.geteuid() == 0
NOBODY = (65534, 65534)


def sanitized(paralint) -> bool:
    """An ASan build reserves terabytes of address space: it cannot run under RLIMIT_AS."""
    probe = subprocess.run([paralint, "--version"], capture_output=True, timeout=TIME_LIMIT,
                           preexec_fn=lambda: resource.setrlimit(resource.RLIMIT_AS, (MEMORY_LIMIT, MEMORY_LIMIT)))
    return probe.returncode != 0


@pytest.fixture(scope="module")
def limits(paralint):
    return not sanitized(paralint)


class Run:
    def __init__(self, completed: subprocess.CompletedProcess, seconds: float):
        self.returncode = completed.returncode
        self.stdout = completed.stdout.decode("utf-8", "replace")
        self.stderr = completed.stderr.decode("utf-8", "replace")
        self.seconds = seconds

    def __repr__(self):
        return f"exit {self.returncode} in {self.seconds:.2f}s\nstdout: {self.stdout[:2000]}\nstderr: {self.stderr[:2000]}"


def run(paralint, *args, cwd, limits=True, as_nobody=False, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
        preexec=None, timeout=TIME_LIMIT) -> Run:
    def before():
        if limits:
            resource.setrlimit(resource.RLIMIT_AS, (MEMORY_LIMIT, MEMORY_LIMIT))
        if preexec:
            preexec()
    command = [paralint, *map(str, args)]
    if as_nobody:
        command = ["setpriv", f"--reuid={NOBODY[0]}", f"--regid={NOBODY[1]}", "--clear-groups", *command]
    start = time.monotonic()
    completed = subprocess.run(command, cwd=cwd, stdin=stdin, stdout=stdout, stderr=subprocess.PIPE, timeout=timeout,
                               env=clean_env(NO_COLOR="1"), preexec_fn=before)
    if completed.stdout is None:
        completed.stdout = b""
    return Run(completed, time.monotonic() - start)


def no_crash(result: Run):
    assert result.returncode in (0, 1, 2), result
    assert "internal error" not in result.stderr, result
    assert "AddressSanitizer" not in result.stderr and "runtime error" not in result.stderr, result


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def world_readable(tree: Path):
    """The temp tree, open to `nobody` (pytest's tmp_path is 0700), and every folder above it."""
    for folder in [tree, *tree.parents]:
        if folder == Path("/"):
            break
        folder.chmod(folder.stat().st_mode | 0o055)
    for root, dirs, files in os.walk(tree):
        for name in dirs:
            os.chmod(os.path.join(root, name), 0o755)
        for name in files:
            os.chmod(os.path.join(root, name), 0o644)


def make_device_like(path: Path, of: str = "/dev/null") -> bool:
    """A character device with the numbers of `of`, in a temp folder; False when not allowed."""
    try:
        os.mknod(path, 0o666 | stat.S_IFCHR, os.stat(of).st_rdev)
        return True
    except PermissionError:
        return False


needs_root = pytest.mark.skipif(not IS_ROOT, reason="needs root: device nodes, another user's files, setpriv")

CLEAN_INI = "[pytest]\naddopts = -q\n"


# --- -o writes where it leads, never replaces what is there ----------------------------------


@needs_root
def test_output_to_a_device_writes_through_it(paralint, tmp_path, limits):
    write(tmp_path / "pytest.ini", CLEAN_INI)
    device = tmp_path / "null"
    assert make_device_like(device)
    result = run(paralint, "check", "-o", device, ".", cwd=tmp_path, limits=limits)
    no_crash(result)
    assert stat.S_ISCHR(os.stat(device).st_mode), "the device node was replaced by a file"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["null", "pytest.ini"]


def test_output_to_a_fifo_writes_through_it(paralint, tmp_path, limits):
    write(tmp_path / "pytest.ini", CLEAN_INI)
    fifo = tmp_path / "report"
    os.mkfifo(fifo)
    received = []
    reader = threading.Thread(target=lambda: received.append(fifo.read_bytes()))
    reader.start()
    result = run(paralint, "check", "--format", "json", "-o", fifo, ".", cwd=tmp_path, limits=limits)
    reader.join(TIME_LIMIT)
    no_crash(result)
    assert stat.S_ISFIFO(os.stat(fifo).st_mode)
    assert received and received[0].startswith(b"[")


def test_output_through_a_symlink_writes_its_target(paralint, tmp_path, limits):
    write(tmp_path / "pytest.ini", CLEAN_INI)
    (tmp_path / "reports").mkdir()
    write(tmp_path / "reports" / "real.json", "old")
    (tmp_path / "link.json").symlink_to("reports/real.json")
    result = run(paralint, "check", "--format", "json", "-o", "link.json", ".", cwd=tmp_path, limits=limits)
    no_crash(result)
    assert (tmp_path / "link.json").is_symlink()
    assert (tmp_path / "reports" / "real.json").read_text(encoding="utf-8").startswith("[")


@needs_root
def test_output_onto_another_users_file_keeps_owner_and_mode(paralint, tmp_path, limits):
    write(tmp_path / "pytest.ini", CLEAN_INI)
    report = write(tmp_path / "report.json", "old")
    os.chown(report, *NOBODY)
    report.chmod(0o600)
    result = run(paralint, "check", "--format", "json", "-o", report, ".", cwd=tmp_path, limits=limits)
    no_crash(result)
    status = os.stat(report)
    assert (status.st_uid, status.st_gid, stat.S_IMODE(status.st_mode)) == (*NOBODY, 0o600)
    assert report.read_text(encoding="utf-8").startswith("[")


@pytest.mark.not_sanitized  # signal handling, not memory safety; a sanitized run is slow to catch
def test_interrupted_output_leaves_no_temporary(paralint, tmp_path):
    # A report of some megabytes: 40,000 unknown options, each a diagnostic. SIGINT is sent as
    # soon as the temporary appears beside the report; it must be gone when paralint is.
    options = " ".join(f"--made-up-{i}" for i in range(40_000))
    write(tmp_path / "pytest.ini", f"[pytest]\naddopts = {options}\n")
    seen_temporary = False
    for _ in range(5):
        process = subprocess.Popen([paralint, "check", "--format", "json", "-o", "report.json", "-q", "."], cwd=tmp_path,
                                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=clean_env())
        deadline = time.monotonic() + TIME_LIMIT
        while process.poll() is None and time.monotonic() < deadline:
            if any(name.startswith(".report.json.") for name in os.listdir(tmp_path)):
                seen_temporary = True
                process.send_signal(signal.SIGINT)
                break
        process.wait(TIME_LIMIT)
        assert not [name for name in os.listdir(tmp_path) if name.startswith(".report.json.")]
        if seen_temporary:
            assert process.returncode == -signal.SIGINT
            break
    assert seen_temporary, "the temporary file was never seen: the test did not interrupt a write"


# --- what a command line says is what is checked --------------------------------------------


def test_check_honours_config_file(paralint, tmp_path, limits):
    write(tmp_path / "pytest.ini", CLEAN_INI)
    write(tmp_path / "other.ini", "[pytest]\naddopts = --made-up-option\n")
    result = run(paralint, "check", "-q", "--select", "A002", "-c", "other.ini", ".", cwd=tmp_path, limits=limits)
    assert result.returncode == 1, result
    assert "other.ini:2:11: A002" in result.stdout
    missing = run(paralint, "check", "-c", "missing.ini", ".", cwd=tmp_path, limits=limits)
    assert missing.returncode == 2, missing
    assert "paralint: -c missing.ini: No such file or directory" in missing.stderr
    write(tmp_path / "broken.ini", "[pytest\n")
    broken = run(paralint, "check", "-q", "--select", "D001", "-c", "broken.ini", ".", cwd=tmp_path, limits=limits)
    assert broken.returncode == 1, broken
    assert "broken.ini:1:1: D001" in broken.stdout


@pytest.mark.parametrize("spelling", ["./pytest.ini", "sub/../pytest.ini", "{tmp}/pytest.ini", "../{name}/pytest.ini"])
def test_a_path_spelt_with_dots_is_the_file_pytest_reads(paralint, tmp_path, limits, spelling):
    write(tmp_path / "pytest.ini", CLEAN_INI)
    (tmp_path / "sub").mkdir()
    path = spelling.format(tmp=tmp_path, name=tmp_path.name)
    result = run(paralint, "check", "-q", "--select", "D", path, cwd=tmp_path, limits=limits)
    assert result.returncode == 0 and result.stdout == "", result


def test_dump_of_a_file_is_a_usage_error(paralint, tmp_path, limits):
    write(tmp_path / "pytest.ini", CLEAN_INI)
    result = run(paralint, "dump", "pytest.ini", cwd=tmp_path, limits=limits)
    assert result.returncode == 2 and result.stdout == "", result
    assert "pytest.ini: not a directory" in result.stderr


@pytest.mark.parametrize(("args", "says"), [
    (["lint", "."], "unknown command `lint` (`paralint check` lints"),
    (["chek", "."], "unknown command `chek`; did you mean `check`?"),
    (["check", "--format=", "."], "--format= has no value after `=`"),
    (["check", "--select", "", "."], "--select `` names nothing"),
    (["check", "--select", ",", "."], "--select `,` names nothing"),
    (["check", "--ignore=,", "."], "--ignore `,` names nothing"),
])
def test_misread_command_lines_are_usage_errors(paralint, tmp_path, limits, args, says):
    write(tmp_path / "pytest.ini", CLEAN_INI)
    result = run(paralint, *args, cwd=tmp_path, limits=limits)
    assert result.returncode == 2 and result.stdout == "", result
    assert says in result.stderr


# --- what reaches the terminal ----------------------------------------------------------------


@pytest.mark.parametrize("output_format", ["text", "concise", "github"])
def test_control_characters_from_a_config_never_reach_the_terminal(paralint, tmp_path, limits, output_format):
    write(tmp_path / "pytest.ini", "[pytest]\naddopts = --evil-\x1b]0;owned\x07\x1b[2J\x9b31m-option\n")
    result = run(paralint, "check", "--format", output_format, ".", cwd=tmp_path, limits=limits)
    assert result.returncode == 1, result
    for control in ("\x1b", "\x07", "\x9b"):
        assert control not in result.stdout and control not in result.stderr
    assert "--evil-\u241b]0;owned\u2407\u241b[2J\ufffd31m-option" in result.stdout


# --- output that cannot be written is a failure -----------------------------------------------


@needs_root
def test_output_to_a_full_device_fails(paralint, tmp_path, limits):
    write(tmp_path / "pytest.ini", CLEAN_INI)
    full = tmp_path / "full"
    assert make_device_like(full, "/dev/full")
    with open(full, "wb") as sink:
        result = run(paralint, "check", ".", cwd=tmp_path, limits=limits, stdout=sink)
    assert result.returncode == 2, result
    assert "paralint: cannot write the output: No space left on device" in result.stderr


def test_output_to_a_closed_stdout_fails(paralint, tmp_path, limits):
    write(tmp_path / "pytest.ini", CLEAN_INI)
    result = run(paralint, "check", ".", cwd=tmp_path, limits=limits, stdout=None, preexec=lambda: os.close(1))
    assert result.returncode == 2, result
    assert "paralint: cannot write the output: Bad file descriptor" in result.stderr


# --- unreadable paths: what the OS said, and exit 2 -------------------------------------------


@needs_root
def test_a_config_behind_a_locked_directory_is_permission_denied(paralint, tmp_path, limits):
    write(tmp_path / "locked" / "pytest.ini", CLEAN_INI)
    world_readable(tmp_path)
    (tmp_path / "locked").chmod(0o000)
    file_result = run(paralint, "check", "locked/pytest.ini", cwd=tmp_path, limits=limits, as_nobody=True)
    assert file_result.returncode == 2, file_result
    assert "paralint: locked/pytest.ini: Permission denied" in file_result.stderr
    directory_result = run(paralint, "check", "locked", cwd=tmp_path, limits=limits, as_nobody=True)
    assert directory_result.returncode == 2, directory_result
    assert "paralint: locked: Permission denied" in directory_result.stderr


@needs_root
def test_a_locked_subdirectory_in_the_walk_is_reported(paralint, tmp_path, limits):
    write(tmp_path / "pytest.ini", CLEAN_INI)
    write(tmp_path / "packages" / "secret" / "pytest.ini", "[pytest]\naddopts = --made-up\n")
    world_readable(tmp_path)
    (tmp_path / "packages" / "secret").chmod(0o000)
    result = run(paralint, "check", "-q", "--select", "A", ".", cwd=tmp_path, limits=limits, as_nobody=True)
    assert result.returncode == 2, result
    assert "paralint: packages/secret: Permission denied: not checked, nor anything below it" in result.stderr


@needs_root
def test_a_locked_gitignore_is_reported_and_the_walk_goes_on(paralint, tmp_path, limits):
    # git warns "unable to access" and goes on without the file's patterns: so does paralint,
    # and the exit code is the diagnostics' (the walk saw everything, perhaps more).
    write(tmp_path / "pytest.ini", CLEAN_INI)
    write(tmp_path / ".gitignore", "vendored/\n")
    write(tmp_path / "vendored" / "pytest.ini", "[pytest]\naddopts = --made-up\n")
    world_readable(tmp_path)
    (tmp_path / ".gitignore").chmod(0o000)
    result = run(paralint, "check", "-q", "--select", "A", ".", cwd=tmp_path, limits=limits, as_nobody=True)
    assert "paralint: .gitignore: Permission denied: its patterns were not applied" in result.stderr, result
    assert "vendored/pytest.ini" in result.stdout, result
    assert result.returncode == 1, result


def test_a_symlink_loop_says_so(paralint, tmp_path, limits):
    (tmp_path / "loop").symlink_to("loop")
    result = run(paralint, "check", "loop", cwd=tmp_path, limits=limits)
    assert result.returncode == 2, result
    assert "paralint: loop: Too many levels of symbolic links" in result.stderr


def test_a_config_deeper_than_path_max_is_reported_not_missed(paralint, tmp_path, limits):
    # 250 levels of 20-character names: 5,250 bytes, past Linux's PATH_MAX of 4,096.
    name = "d" * 20
    fd = os.open(tmp_path, os.O_RDONLY)
    try:
        for _ in range(250):
            os.mkdir(name, dir_fd=fd)
            deeper = os.open(name, os.O_RDONLY, dir_fd=fd)
            os.close(fd)
            fd = deeper
        config = os.open("pytest.ini", os.O_WRONLY | os.O_CREAT, 0o644, dir_fd=fd)
        os.write(config, b"[pytest]\naddopts = --made-up\n")
        os.close(config)
    finally:
        os.close(fd)
    write(tmp_path / "pytest.ini", CLEAN_INI)
    result = run(paralint, "check", "-q", ".", cwd=tmp_path, limits=limits)
    assert result.returncode == 2, result
    assert "File name too long: not checked, nor anything below it" in result.stderr
    shutil.rmtree(tmp_path / name)


# --- files that are not files: refused at once, never read until memory runs out --------------


def test_a_fifo_named_on_the_command_line_is_refused_without_blocking(paralint, tmp_path, limits):
    os.mkfifo(tmp_path / "pytest.ini")
    result = run(paralint, "check", "pytest.ini", cwd=tmp_path, limits=limits)
    no_crash(result)
    assert "is a named pipe (FIFO)" in result.stdout + result.stderr
    config = run(paralint, "check", "-c", "pytest.ini", ".", cwd=tmp_path, limits=limits)
    no_crash(config)
    assert "is a named pipe (FIFO)" in config.stdout + config.stderr


SUPPORTING_FILES = ["requirements.txt", "requirements/test.txt", ".gitignore", ".git/info/exclude", "conftest.py",
                    "tests/test_x.py", "tests/conftest.py", "paralint.toml", "tox.ini", "setup.cfg", "pytest.toml"]


# Files whose contents only inform the model (pins, markers used, options registered): the
# others are configs, whose own diagnostics say they cannot be read, or the walk's ignore files.
NAMED_WHEN_UNREAD = ["requirements.txt", "requirements/test.txt", "conftest.py", "tests/test_x.py", "tests/conftest.py"]


@pytest.mark.parametrize("name", SUPPORTING_FILES)
@pytest.mark.parametrize("kind", ["fifo", "zero"])
def test_a_fifo_or_endless_device_behind_any_name_paralint_reads(paralint, tmp_path, limits, name, kind):
    write(tmp_path / "pyproject.toml", '[tool.pytest.ini_options]\naddopts = "-q"\ntestpaths = ["tests"]\n')
    (tmp_path / ".git").mkdir()
    target = tmp_path / name
    target.parent.mkdir(parents=True, exist_ok=True)
    if kind == "fifo":
        os.mkfifo(target)
    elif not make_device_like(target, "/dev/zero"):
        (tmp_path / "zero").symlink_to("/dev/zero")  # not root: a link to the real one, read-only
        target.symlink_to(tmp_path / "zero")
    for args in (["check", "--format", "json", "."], ["dump", "."]):
        result = run(paralint, *args, cwd=tmp_path, limits=limits)
        no_crash(result)
        assert result.seconds < 5, result
        # What a supporting file would have said is unknown: the summary names it, and why.
        if args[0] == "check" and name in NAMED_WHEN_UNREAD:
            assert f"not read: {name}: is a " in result.stderr, result


def test_a_settings_file_that_is_a_fifo_is_a_usage_error(paralint, tmp_path, limits):
    write(tmp_path / "pytest.ini", CLEAN_INI)
    os.mkfifo(tmp_path / "settings.toml")
    result = run(paralint, "check", "--settings", "settings.toml", ".", cwd=tmp_path, limits=limits)
    assert result.returncode == 2, result
    assert "is a named pipe (FIFO)" in result.stderr


def test_a_config_larger_than_the_limit_is_refused_quickly(paralint, tmp_path, limits):
    config = write(tmp_path / "pytest.ini", "[pytest]\naddopts = -q\n")
    os.truncate(config, (64 << 20) + 1)  # sparse: no disk, no time
    result = run(paralint, "check", "--format", "json", ".", cwd=tmp_path, limits=limits)
    no_crash(result)
    assert "larger than 64 MiB" in result.stdout, result
    assert result.seconds < 5, result


# --- --python: bounded in time and output, and nothing left running ---------------------------


def fake_python(tmp_path: Path, body: str) -> Path:
    script = tmp_path / "fake-python"
    script.write_text("#!/bin/sh\n" + body, encoding="utf-8")
    script.chmod(0o755)
    return script


def alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    # A zombie is dead: it waits only for its parent (which may be this test's init) to reap it.
    try:
        with open(f"/proc/{pid}/stat", encoding="utf-8") as stat_file:
            return stat_file.read().rsplit(")", 1)[1].split()[0] != "Z"
    except FileNotFoundError:
        return False


def wait_for_pid(path: Path) -> int:
    deadline = time.monotonic() + TIME_LIMIT
    while time.monotonic() < deadline:
        if path.is_file() and path.read_text(encoding="utf-8").strip():
            return int(path.read_text(encoding="utf-8"))
        time.sleep(0.01)
    raise AssertionError(f"{path} never appeared")


def gone(pid: int) -> bool:
    deadline = time.monotonic() + 5
    while alive(pid) and time.monotonic() < deadline:
        time.sleep(0.01)
    return not alive(pid)


def test_an_interpreter_that_hangs_is_stopped_with_what_it_started(paralint, tmp_path, limits):
    write(tmp_path / "pytest.ini", CLEAN_INI)
    pidfile = tmp_path / "sleeper.pid"
    python = fake_python(tmp_path, f"sleep 1000 &\necho $! > {pidfile}\nwait\n")
    result = run(paralint, "check", "--python", python, "--python-timeout", "2", ".", cwd=tmp_path, limits=limits)
    assert result.returncode == 2, result
    assert "it did not answer within 2 s" in result.stderr
    assert 1.5 < result.seconds < 10, result
    assert gone(wait_for_pid(pidfile)), "the interpreter's child outlived paralint"


def test_an_interpreter_that_floods_its_output_is_cut_off(paralint, tmp_path, limits):
    write(tmp_path / "pytest.ini", CLEAN_INI)
    python = fake_python(tmp_path, "exec cat /dev/zero\n")
    result = run(paralint, "check", "--python", python, ".", cwd=tmp_path, limits=limits)
    assert result.returncode == 2, result
    assert "it printed more than 16 MiB" in result.stderr


@pytest.mark.parametrize("how", [signal.SIGTERM, signal.SIGINT, signal.SIGKILL])
def test_a_killed_paralint_leaves_no_interpreter_running(paralint, tmp_path, how):
    write(tmp_path / "pytest.ini", CLEAN_INI)
    pidfile = tmp_path / "python.pid"
    # `exec`: the interpreter is paralint's own child, which is all that SIGKILL lets it reach.
    python = fake_python(tmp_path, f"echo $$ > {pidfile}\nexec sleep 1000\n")
    process = subprocess.Popen([paralint, "check", "--python", python, "."], cwd=tmp_path, stdout=subprocess.DEVNULL,
                               stderr=subprocess.DEVNULL, env=clean_env())
    interpreter = wait_for_pid(pidfile)
    process.send_signal(how)
    process.wait(TIME_LIMIT)
    assert process.returncode == -how
    assert gone(interpreter), "the interpreter outlived paralint"


# --- size: what a hostile config costs grows linearly, and is bounded --------------------------



def run_measured(paralint, *args, cwd, timeout=TIME_LIMIT) -> tuple[int, int, float]:
    """(exit status, peak resident KiB, seconds) of one paralint run, without a memory limit."""
    start = time.monotonic()
    process = subprocess.Popen([paralint, *map(str, args)], cwd=cwd, stdout=subprocess.DEVNULL,
                               stderr=subprocess.DEVNULL, env=clean_env())
    deadline = start + timeout
    while True:
        pid, status, usage = os.wait4(process.pid, os.WNOHANG)
        if pid:
            process.returncode = os.waitstatus_to_exitcode(status)
            return process.returncode, usage.ru_maxrss, time.monotonic() - start
        if time.monotonic() > deadline:
            process.kill()
            process.wait()
            raise AssertionError(f"paralint {' '.join(map(str, args))} did not finish in {timeout} s")
        time.sleep(0.01)


@pytest.mark.parametrize("shape", ["ini-keys", "ini-sections", "toml-keys"])
@pytest.mark.parametrize("count", [
    pytest.param(100_000, marks=pytest.mark.not_sanitized, id="speed"),
    pytest.param(10_000, id="memory-safety"),
])
def test_a_hundred_thousand_entries_cost_seconds_not_minutes(paralint, tmp_path, limits, shape, count):
    # Each check looked up every entry by a linear search: 18-55 s before, ~3 s now for
    # 100,000 diagnostics (the optimised build's test); a tenth of it checks the same code under
    # the sanitizers, with time to spare.
    timeout = TIME_LIMIT if limits else 3 * TIME_LIMIT
    if shape == "ini-keys":
        write(tmp_path / "pytest.ini", "[pytest]\n" + "".join(f"key{i} = v\n" for i in range(count)))
    elif shape == "ini-sections":
        write(tmp_path / "tox.ini", "".join(f"[s{i}]\nk = v\n" for i in range(count)) + "[pytest]\naddopts = -q\n")
    else:
        write(tmp_path / "pyproject.toml",
              "[tool.pytest.ini_options]\n" + "".join(f'key{i} = "v"\n' for i in range(count)))
    status, _, _ = run_measured(paralint, "check", "--format", "json", "-o", "report.json", ".", cwd=tmp_path,
                                timeout=timeout)
    assert status == (0 if shape == "ini-sections" else 1)
    status, _, _ = run_measured(paralint, "dump", ".", cwd=tmp_path, timeout=timeout)
    assert status == 0


@pytest.mark.not_sanitized  # ASan's own start-up makes system calls of its own
def test_a_walk_costs_a_few_system_calls_a_directory(paralint, tmp_path):
    # 2,000 empty directories (and a config): each walk (packages, test sources) opens each
    # directory once relative to its parent and reads it with getdents64, with no stat per
    # entry or per directory. Before: 16 calls a directory, now 8; find(1) makes 13.
    for i in range(20):
        for j in range(100):
            (tmp_path / f"d{i}" / f"e{j}").mkdir(parents=True)
    write(tmp_path / "pytest.ini", CLEAN_INI)
    summary = tmp_path / "strace.txt"
    subprocess.run(["strace", "-f", "-c", "-o", str(summary), paralint, "check", "-q", "."], cwd=tmp_path,
                   capture_output=True, timeout=120, check=False)
    calls = {}
    for line in summary.read_text().splitlines():
        fields = line.split()
        if len(fields) >= 5 and fields[-1].isidentifier() and fields[-1] != "total" and fields[3].isdigit():
            calls[fields[-1]] = int(fields[3])
    directories = 20 * 100 + 20 + 1
    total = sum(calls.values())
    assert total < 9 * directories, calls
    assert calls.get("newfstatat", 0) + calls.get("fstat", 0) + calls.get("statx", 0) < directories / 10, calls


@pytest.mark.parametrize("measured", [pytest.param(True, marks=pytest.mark.not_sanitized, id="peak-memory"),
                                      pytest.param(False, id="memory-safety")])
def test_a_million_addopts_arguments_are_refused_in_bounded_memory(paralint, tmp_path, limits, measured):
    write(tmp_path / "pytest.ini", "[pytest]\naddopts = " + " ".join(["-v"] * 1_000_000) + "\n")
    result = run(paralint, "check", "-q", "--format", "concise", "--select", "D001", ".", cwd=tmp_path, limits=limits)
    assert result.returncode == 1, result
    assert ("pytest.ini:2:1: D001 [error] paralint cannot read this file: addopts holds 1000000 arguments, more than "
            "the 100000 paralint reads (pytest reads on)") in result.stdout
    if measured and limits:  # outside sanitizer builds, whose shadow memory would count
        _, peak, _ = run_measured(paralint, "check", "-q", ".", cwd=tmp_path)
        assert peak < 256 * 1024, f"peak {peak} KiB"


@pytest.mark.not_sanitized  # measures peak memory, which shadow memory would swamp
@pytest.mark.parametrize("output_format", ["sarif", "junit", "concise"])
def test_memory_follows_one_package_not_the_whole_run(paralint, tmp_path, limits, output_format):
    # Every result was held until the end, and the report built as one string: 5,000 packages
    # took 368 MB with SARIF. Each result is now reported and dropped as it comes.
    ini = "[pytest]\naddopts = -n 4 --dist loadfile # parallel\nmarkers =\n    slow: slow\ntimeout = 5\nfoo = bar\n"

    def peak_for(packages: int, folder: Path) -> int:
        for index in range(packages):
            write(folder / f"p{index}" / "pytest.ini", ini)
        status, peak, _ = run_measured(paralint, "check", "--format", output_format, "-o", "report", ".", cwd=folder,
                                       timeout=3 * TIME_LIMIT)
        assert status == 1
        assert (folder / "report").stat().st_size > packages * 500
        return peak

    small = peak_for(300, tmp_path / "small")
    large = peak_for(3_000, tmp_path / "large")
    # Ten times the results: the report is ten times larger, the memory nearly the same.
    assert large < small + 12 * 1024, f"300 packages: {small} KiB, 3,000 packages: {large} KiB"
