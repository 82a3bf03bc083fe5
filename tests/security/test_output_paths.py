"""``-o`` writes only regular files: never a device, FIFO, socket or link; ``-o -`` is standard output.

Device nodes are made with ``os.mknod`` in a temporary folder when the tests
run as root (as the finding was reproduced); otherwise the system's own
``/dev/null`` stands in, which a non-root process could not replace anyway.
"""

from __future__ import annotations

import os
import signal
import socket
import stat
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from click.testing import CliRunner

import plankg
from plankg.atomic import write_text
from plankg.cli import main
from plankg.errors import ExportError, OutputError

from helpers import default_signals

SRC = Path(plankg.__file__).resolve().parents[1]


def invoke(*args):
    return CliRunner().invoke(main, [str(a) for a in args])


def null_device(tmp_path: Path) -> Path:
    """A character device like /dev/null: made under ``tmp_path`` as root."""
    if os.geteuid() != 0:
        return Path(os.devnull)
    node = tmp_path / "null"
    os.mknod(node, stat.S_IFCHR | 0o666, os.makedev(1, 3))
    return node


def fifo(tmp_path: Path) -> Path:
    path = tmp_path / "pipe"
    os.mkfifo(path)
    return path


def unix_socket(tmp_path: Path) -> Path:
    path = tmp_path / "sock"
    server = socket.socket(socket.AF_UNIX)
    server.bind(str(path))
    server.close()
    return path


COMMANDS = {
    "export": ["export", "--format", "dot", "--view", "dependencies", "-o"],
    "validate": ["validate", "-o"],
    "report": ["report", "-o"],
}


@pytest.mark.parametrize("command", COMMANDS)
@pytest.mark.parametrize("make, kind, test", [
    (null_device, "a character device", stat.S_ISCHR),
    (fifo, "a FIFO", stat.S_ISFIFO),
    (unix_socket, "a socket", stat.S_ISSOCK),
])
def test_o_no_longer_turns_a_device_fifo_or_socket_into_a_file(tmp_path, command, make, kind, test):
    target = make(tmp_path)
    result = invoke(*COMMANDS[command], target)
    assert result.exit_code == 2, result.output
    assert result.output.strip().splitlines() == [
        f"plankg: error: {target}: {kind}{' (named pipe)' if kind == 'a FIFO' else ''}, "
        "not a regular file; plankg writes only regular files"
    ]
    assert test(os.lstat(target).st_mode), "the special file was replaced"
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".")], "a temporary file was left"


@pytest.mark.parametrize("command", COMMANDS)
def test_o_no_longer_replaces_a_symlink(tmp_path, command):
    """A link at the target is refused: neither replaced by a file nor written through."""
    victim = tmp_path / "victim.txt"
    victim.write_text("keep me", encoding="utf-8")
    link = tmp_path / "out.txt"
    link.symlink_to(victim)
    result = invoke(*COMMANDS[command], link)
    assert result.exit_code == 2, result.output
    assert "a symbolic link; plankg does not replace links or write through them" in result.output
    assert link.is_symlink() and os.readlink(link) == str(victim)
    assert victim.read_text(encoding="utf-8") == "keep me"


def test_o_no_longer_follows_a_dangling_symlink(tmp_path):
    link = tmp_path / "out.dot"
    link.symlink_to(tmp_path / "elsewhere.dot")
    result = invoke(*COMMANDS["export"], link)
    assert result.exit_code == 2, result.output
    assert "a symbolic link" in result.output
    assert link.is_symlink() and not (tmp_path / "elsewhere.dot").exists()


def test_a_symlinked_folder_on_the_path_is_still_followed(tmp_path):
    real = tmp_path / "real"
    real.mkdir()
    (tmp_path / "linked").symlink_to(real, target_is_directory=True)
    result = invoke(*COMMANDS["export"], tmp_path / "linked" / "deps.dot")
    assert result.exit_code == 0, result.output
    assert (real / "deps.dot").read_text(encoding="utf-8").startswith("digraph")


def test_csv_edges_file_that_is_a_symlink_is_refused_and_nodes_file_not_written(tmp_path):
    victim = tmp_path / "victim.csv"
    victim.write_text("keep", encoding="utf-8")
    (tmp_path / "out-edges.csv").symlink_to(victim)
    result = invoke("export", "--format", "csv", "-o", tmp_path / "out.csv")
    assert result.exit_code == 2, result.output
    assert victim.read_text(encoding="utf-8") == "keep"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out-edges.csv", "victim.csv"]


def test_python_export_to_a_device_raises_export_error(tmp_path, kg):
    target = null_device(tmp_path)
    with pytest.raises(ExportError, match="not a regular file"):
        plankg.export(kg, "mermaid", target, view="dependencies")
    assert stat.S_ISCHR(os.lstat(target).st_mode)


def test_write_text_to_a_folder_is_refused(tmp_path):
    with pytest.raises(OutputError, match="a folder, not a regular file"):
        write_text(tmp_path, "x")


@pytest.mark.parametrize("args, start", [
    (["validate", "-o", "-"], "规划:ks "),
    (["report", "--format", "json", "-o", "-"], "{"),
    (["export", "--format", "mermaid", "--view", "dependencies", "-o", "-"], "---\ntitle:"),
])
def test_dash_o_means_standard_output_not_a_file_named_dash(tmp_path, monkeypatch, args, start):
    monkeypatch.chdir(tmp_path)
    result = invoke(*args)
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith(start)
    assert list(tmp_path.iterdir()) == []


def test_dash_o_for_csv_is_refused_it_writes_two_files(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    result = invoke("export", "--format", "csv", "-o", "-")
    assert result.exit_code == 2 and "csv writes two files" in result.output
    assert list(tmp_path.iterdir()) == []


_SLOW_WRITE = textwrap.dedent("""
    import sys, time
    from plankg.atomic import write_with

    def writer(handle):
        handle.write(b"half of it")
        handle.flush()
        print("writing", flush=True)
        time.sleep(120)

    write_with(sys.argv[1], writer)
""")


@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGHUP])
def test_sigterm_during_a_write_no_longer_leaves_a_hidden_temporary_file(tmp_path, signum):
    target = tmp_path / "plan.ttl"
    target.write_text("old", encoding="utf-8")
    env = {**os.environ, "PYTHONPATH": str(SRC)}
    process = subprocess.Popen([sys.executable, "-c", _SLOW_WRITE, str(target)],
                               stdout=subprocess.PIPE, env=env, text=True, preexec_fn=default_signals)
    try:
        assert process.stdout.readline() == "writing\n"
        assert len(list(tmp_path.iterdir())) == 2  # the target and the temporary file
        process.send_signal(signum)
        assert process.wait(timeout=60) == -signum  # still ends by the signal
    finally:
        process.kill()
        process.wait()
    assert [p.name for p in tmp_path.iterdir()] == ["plan.ttl"]
    assert target.read_text(encoding="utf-8") == "old"


_SLOW_EXPORT = textwrap.dedent("""
    import os, sys, time

    def slow_fsync(fd):  # the export has written its temporary file: hold it there
        print("writing", flush=True)
        time.sleep(120)

    os.fsync = slow_fsync
    from plankg.cli import main

    main(sys.argv[1:])
""")


def test_sigterm_during_plankg_export_no_longer_leaves_a_hidden_temporary_file(tmp_path):
    target = tmp_path / "plan.ttl"
    target.write_text("old", encoding="utf-8")
    env = {**os.environ, "PYTHONPATH": str(SRC)}
    process = subprocess.Popen([sys.executable, "-c", _SLOW_EXPORT, "export", "--format", "turtle", "-o", str(target)],
                               stdout=subprocess.PIPE, env=env, text=True)
    try:
        assert process.stdout.readline() == "writing\n"
        assert len(list(tmp_path.iterdir())) == 2
        process.terminate()
        assert process.wait(timeout=60) == -signal.SIGTERM
    finally:
        process.kill()
        process.wait()
    assert [p.name for p in tmp_path.iterdir()] == ["plan.ttl"]
    assert target.read_text(encoding="utf-8") == "old"
