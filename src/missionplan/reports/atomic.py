"""Write a file whole or not at all: to a temporary file beside it, then rename.

The file ends with the permissions a plain ``open()`` would give it
(``0o666`` less the umask), not the private mode of the temporary file, and a
failure names the user's path, never the temporary one.
"""

from __future__ import annotations

import errno
import os
import tempfile
from pathlib import Path

from ..errors import MissionplanError

__all__ = ["WRITE_ERROR_CODE", "check_writable", "default_mode", "write_atomic"]

WRITE_ERROR_CODE = "output-unwritable"

_REASONS = {
    errno.ENOENT: "folder does not exist",
    errno.ENOTDIR: "a part of the path is not a folder",
    errno.EACCES: "permission denied",
    errno.EPERM: "permission denied",
    errno.EISDIR: "it is a folder",
    errno.EROFS: "the file system is read-only",
    errno.ENOSPC: "no space left on the device",
    errno.EDQUOT: "disk quota exceeded",
}


def default_mode() -> int:
    """The mode ``open()`` gives a new file: ``0o666`` less the process umask."""
    mask = os.umask(0o022)
    os.umask(mask)
    return 0o666 & ~mask


def check_writable(path: Path) -> None:
    """Fail early, before long work, when ``path``'s folder is missing or it is a folder."""
    path = Path(path)
    parent = path.parent
    if path.is_dir():
        reason = _REASONS[errno.EISDIR]
    elif not parent.exists():
        reason = _REASONS[errno.ENOENT]
    elif not parent.is_dir():
        reason = _REASONS[errno.ENOTDIR]
    else:
        return
    raise MissionplanError(f"cannot write {path}: {reason}", code=WRITE_ERROR_CODE)


def write_atomic(path: Path, data: bytes | str) -> None:
    """Write ``data`` to ``path`` so that readers never see half a file.

    Raises :class:`MissionplanError` (code ``output-unwritable``) naming
    ``path`` and the reason when the file cannot be written.
    """
    payload = data.encode("utf-8") if isinstance(data, str) else data
    path = Path(path)
    try:
        _write(path, payload)
    except OSError as exc:
        reason = _REASONS.get(exc.errno or 0, exc.strerror or str(exc))
        raise MissionplanError(f"cannot write {path}: {reason}",
                               code=WRITE_ERROR_CODE) from None


def _write(path: Path, payload: bytes) -> None:
    if path.is_dir():
        raise IsADirectoryError(errno.EISDIR, "is a folder", str(path))
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent or ".")
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(payload)
        os.chmod(tmp, _existing_mode(path))
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def _existing_mode(path: Path) -> int:
    """Keep the mode of a file being replaced; a new file gets the default mode."""
    try:
        return path.stat().st_mode & 0o7777
    except FileNotFoundError:
        return default_mode()
