"""Everything Café Desk does differently on Windows, macOS and Linux, named in one place.

Each difference is a function here that branches on `CURRENT` (tests set it to take another system's branch where
that branch can run on this one):

- private files: modes 0600/0700 and a umask of 077 where files carry POSIX modes (Linux, macOS); on Windows the
  data folder is inside the user's own profile folder, whose access list already keeps other accounts out;
- the open-file limit `serve` raises for many phones (none on Windows), and reading the network interfaces'
  addresses (an ioctl on Linux, the host name's addresses elsewhere);
- the chime: `winsound` on Windows, `afplay` on macOS, `paplay` or `aplay` on Linux;
- stopping `serve`, a command or the window: Ctrl+C everywhere, plus SIGTERM and SIGHUP on Linux and macOS, and
  Ctrl+Break on Windows;
- whether a process is still running (by its id): a null signal on Linux and macOS, the process's exit code on
  Windows (where sending a signal would end it);
- the window: on Linux, a screen (X11 or Wayland) and Qt's system libraries, which Windows and macOS always have;
- moving a finished file into place (`os.replace`): Windows refuses while another program has the target open (a
  PDF viewer, a spreadsheet, a virus scanner looking at the new file), so there it tries again for a moment and
  then says which file to close;
- opening a file by its low-level handle: Windows needs O_BINARY, or it rewrites line ends in what is written;
- a data file's path as an SQLite URI: drive letters and backslashes on Windows, and characters (#, ?, %) that
  would otherwise cut the path short anywhere;
- file names made from what people typed: none of the characters or device names (CON, NUL, …) Windows refuses,
  on every system, since files travel between laptops;
- the command line's output: UTF-8 on every system (a Windows console or pipe would otherwise use a code page
  that can't write "→" or many names).

Line ends in the repository are fixed by `.gitattributes` (LF), so a Windows checkout builds the same resources.
"""

from __future__ import annotations

import contextlib
import enum
import errno
import os
import re
import shutil
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path, PurePosixPath, PureWindowsPath


class System(enum.Enum):
    WINDOWS = "windows"
    MACOS = "macos"
    LINUX = "linux"  # and any other POSIX system


def _this_system() -> System:
    if sys.platform == "win32":
        return System.WINDOWS
    if sys.platform == "darwin":
        return System.MACOS
    return System.LINUX


CURRENT = _this_system()


def is_windows() -> bool:
    return CURRENT is System.WINDOWS


# --- private files -----------------------------------------------------------------------------------------------

def has_posix_modes() -> bool:
    """Whether files carry owner/group/other modes that keep other accounts out (Linux, macOS). On Windows they
    don't: there the data folder sits in the user's own profile folder, which other accounts can't open."""
    return CURRENT is not System.WINDOWS


def binary_flag() -> int:
    """The flag a low-level `os.open` needs so what is written is written byte for byte (O_BINARY on Windows)."""
    return getattr(os, "O_BINARY", 0) if is_windows() else 0


def has_open_file_limit() -> bool:
    """Whether this process has a soft limit on open files it may raise (`resource.RLIMIT_NOFILE`): not on Windows."""
    return CURRENT is not System.WINDOWS


def reads_interfaces_by_ioctl() -> bool:
    """Whether the network interfaces' addresses can be read with Linux's SIOCGIFADDR ioctl (elsewhere the
    addresses come from the host name)."""
    return CURRENT is System.LINUX and sys.platform.startswith("linux")


# --- the chime ---------------------------------------------------------------------------------------------------

def sound_players() -> tuple[str, ...]:
    """The programs that can play a WAV file here, best first (none on Windows, which plays it with winsound)."""
    if CURRENT is System.WINDOWS:
        return ()
    if CURRENT is System.MACOS:
        return ("afplay",)
    return ("paplay", "aplay")  # PulseAudio or PipeWire first, then plain ALSA


def play_wav(path: Path) -> bool:
    """Start playing the WAV file at `path` without waiting for it; False if nothing here can play it."""
    if is_windows():
        try:
            import winsound
        except ImportError:
            return False
        winsound.PlaySound(str(path), winsound.SND_FILENAME | winsound.SND_ASYNC)
        return True
    for player in sound_players():
        exe = shutil.which(player)
        if exe:
            subprocess.Popen([exe, str(path)], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            return True
    return False


# --- stopping a command part way ---------------------------------------------------------------------------------

def stop_signal_names() -> tuple[str, ...]:
    """The signals that ask a command (`serve`, an export, an import) to stop: Ctrl+C everywhere; a service
    manager's, a shutdown's or a closed terminal's on Linux and macOS; Ctrl+Break in a Windows console."""
    if is_windows():
        return ("SIGINT", "SIGBREAK")
    return ("SIGINT", "SIGTERM", "SIGHUP")


class Stopped(KeyboardInterrupt):
    """A stop signal, raised in the main thread as Ctrl+C raises KeyboardInterrupt; `status` is the exit status a
    shell expects of a command stopped that way (128 and the signal's number)."""

    def __init__(self, number: int) -> None:
        super().__init__()
        self.status = 128 + number


_finishing = False  # the command has reached its last step: stop signals are let pass


def _stop(number: int, frame) -> None:
    if not _finishing:
        raise Stopped(number)


@contextlib.contextmanager
def stops_cleanly() -> Iterator[None]:
    """While the block runs, each stop signal raises Stopped in the main thread, as Ctrl+C does: a command stopped by
    a shutdown, a closed terminal or `timeout` cleans up after itself as one stopped with Ctrl+C. The handlers there
    were before are put back after. Call from the main thread."""
    global _finishing
    _finishing = False
    before = _on_stop_signals(_stop)
    try:
        yield
    finally:
        _finishing = False
        _put_back(before)


def _on_stop_signals(handler) -> dict[int, object]:
    """Handle every stop signal with `handler`; the handlers there were before, to `_put_back`."""
    before = {}
    for name in stop_signal_names():
        number = getattr(signal, name, None)
        if number is not None:
            before[number] = signal.getsignal(number)
            signal.signal(number, handler)
    return before


def _put_back(before: dict[int, object]) -> None:
    for number, handler in before.items():
        signal.signal(number, handler if handler is not None else signal.SIG_DFL)


class FirstStopAsks:
    """Context manager (from the main thread): the first Ctrl+C or stop signal only asks the command to stop
    (`asked()`), to finish the step it is on; the next one stops it as the handlers there before do (with
    `stops_cleanly`, raising Stopped). `status`: the exit status a shell expects of a command stopped that way."""

    def __init__(self) -> None:
        self.number = 0
        self._before: dict[int, object] = {}

    def asked(self) -> bool:
        return self.number != 0

    @property
    def status(self) -> int:
        return 128 + self.number

    def _handle(self, number: int, frame) -> None:
        self.number = number
        _put_back(self._before)

    def __enter__(self) -> FirstStopAsks:
        if threading.current_thread() is threading.main_thread():
            self._before = _on_stop_signals(self._handle)
        return self

    def __exit__(self, *exc) -> None:
        _put_back(self._before)


def ignore_ctrl_c() -> None:
    """In a helper process: Ctrl+C reaches every process of the terminal's group, and the command that started this
    one decides what stopping means."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)


def finishing() -> None:
    """Say that the command has reached its last step (moving finished files into place, then noting that it did):
    from now until `stops_cleanly` ends, a stop signal is let pass, so that step is never cut in half and what the
    command then says is true. It ends a moment later anyway."""
    global _finishing
    _finishing = True


def process_running(pid: int) -> bool:
    """Whether a process with this id is running on this computer (one of another account's counts too)."""
    if pid <= 0:
        return False
    if is_windows():
        return _windows_process_running(pid)
    try:
        os.kill(pid, 0)  # signal 0 only asks whether the process is there
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    except OSError:
        return False
    return True


def _windows_process_running(pid: int) -> bool:
    import ctypes

    kernel = ctypes.windll.kernel32  # type: ignore[attr-defined]
    handle = kernel.OpenProcess(0x1000, False, pid)  # PROCESS_QUERY_LIMITED_INFORMATION
    if not handle:
        return kernel.GetLastError() == 5  # access denied: it is there, but another account's
    try:
        code = ctypes.c_ulong()
        if not kernel.GetExitCodeProcess(handle, ctypes.byref(code)):
            return True
        return code.value == 259  # STILL_ACTIVE
    finally:
        kernel.CloseHandle(handle)


def on_stop_signals(stop: Callable[[], None]) -> None:
    """From now on, each stop signal calls `stop()` (in the main thread, between two Python steps), so a window can
    close the way its menu's Quit does. Call from the main thread."""
    for name in stop_signal_names():
        number = getattr(signal, name, None)
        if number is not None:
            signal.signal(number, lambda number, frame: stop())


# --- the window: a screen to show it on, and Qt's own libraries ------------------------------------------------

#: the Debian or Ubuntu packages Qt's window needs on Linux (as the README lists them)
QT_APT_PACKAGES = ("libegl1", "libgl1", "libfontconfig1", "libxkbcommon0", "libxkbcommon-x11-0", "libdbus-1-3",
                   "libglib2.0-0", "libxcb-cursor0", "libxcb-icccm4", "libxcb-keysyms1", "libxcb-image0",
                   "libxcb-render-util0", "libxcb-shape0", "libxcb-xinerama0", "libxcb-randr0", "libxcb-xfixes0",
                   "fonts-dejavu-core")


def no_screen_line() -> str:
    """One line saying there is no screen to open the window on, and how to run it; "" when there is one (or may
    be: Windows and macOS always have one, and QT_QPA_PLATFORM names where Qt should draw)."""
    if CURRENT is not System.LINUX or any(os.environ.get(name) for name in
                                          ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")):
        return ""
    return ("No screen found to open the window on. Run Café Desk on a desktop, or on a virtual screen with "
            "`xvfb-run cafe-desk`; the other commands (see `cafe-desk --help`) need no screen.")


def qt_missing_line(reason: str) -> str:
    """One line saying Qt's window can't be loaded (`reason`, Qt's own words) and what to install."""
    if CURRENT is System.LINUX:
        return (f"The window can't open: Qt's system libraries are missing ({reason}). On Debian or Ubuntu: "
                f"sudo apt install {' '.join(QT_APT_PACKAGES)}")
    return f"The window can't open: Qt could not be loaded ({reason}). Please install Café Desk again."


# --- moving a finished file into place ---------------------------------------------------------------------------

REPLACE_WAITS = (0.05, 0.1, 0.2, 0.3, 0.4)  # seconds between tries on Windows, about a second in all


class FileInUseError(PermissionError):
    """The target file is open in another program, so it can't be replaced now."""


class NotAFileError(OSError):
    """The target is there but is not a file (a device, a pipe, a socket): a file is never moved over it."""


def replace_file(source: str | Path, target: str | Path, *, sleep: Callable[[float], None] = time.sleep,
                 held: str | Path | None = None) -> None:
    """Move `source` over `target` in one step (`os.replace`). On Windows, while another program holds `target`
    open, try again for about a second, then raise FileInUseError with a message that says what to do, naming
    `held` (the file the person knows: `target` unless said). A target that is a device, a pipe or anything else
    but a file or a folder raises NotAFileError and is left as it is."""
    if Path(target).exists() and not Path(target).is_file() and not Path(target).is_dir():
        raise NotAFileError(errno.EINVAL, "This is not a file (a device or a pipe, say); choose a file name",
                            str(target))
    for wait in (*REPLACE_WAITS, None):
        try:
            os.replace(source, target)
            return
        except PermissionError as exc:
            if not is_windows():
                raise
            if wait is None:
                named = Path(held if held is not None else target)
                raise FileInUseError(exc.errno, f"{named.name} is open in another program; close it there and try "
                                     "again", str(named)) from exc
            sleep(wait)


# --- paths -------------------------------------------------------------------------------------------------------

def sqlite_uri(path: str | Path, mode: str) -> str:
    """The data file at `path` as an SQLite URI opened in `mode` ("ro", "rw"): `file:///C:/…` on Windows,
    `file:///home/…` elsewhere, with anything that would cut the path short (#, ?, %, spaces) escaped."""
    if is_windows():
        pure = PureWindowsPath(path if PureWindowsPath(path).is_absolute() else os.path.abspath(path))
    else:
        pure = PurePosixPath(os.path.abspath(path))
    return f"{pure.as_uri()}?mode={mode}"


WINDOWS_DEVICE_NAMES = frozenset({"CON", "PRN", "AUX", "NUL", *(f"COM{i}" for i in range(1, 10)),
                                  *(f"LPT{i}" for i in range(1, 10))})
MAX_STEM = 80


def file_stem(text: str, fallback: str) -> str:
    """A file name (without its suffix) made from `text` that every system accepts: letters (any alphabet),
    digits, "_" and "-" kept, each run of anything else one "-", at most MAX_STEM characters, never a Windows
    device name; `fallback` if nothing is left."""
    stem = re.sub(r"[^\w-]+", "-", text).strip("-")[:MAX_STEM].strip("-")
    if not stem:
        return fallback
    if stem.upper() in WINDOWS_DEVICE_NAMES:
        stem = f"{stem}-{fallback}"
    return stem


# --- the command line's output -----------------------------------------------------------------------------------

def utf8_streams() -> None:
    """Standard input, output and error in UTF-8 on every system, whatever the console's or pipe's code page; input
    that is not UTF-8 is an error to report, never silently carried through."""
    for stream, errors in ((sys.stdin, "strict"), (sys.stdout, "strict"), (sys.stderr, "backslashreplace")):
        if stream is not None and hasattr(stream, "reconfigure"):
            stream.reconfigure(encoding="utf-8", errors=errors)
