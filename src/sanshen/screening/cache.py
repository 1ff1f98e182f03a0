"""On-disk cache of built rule data (规则数据缓存): built once, read back by every later process.

Building the typo detector's tables, the normalisation table and a rule set's entries takes
seconds; a later process (``sanshen screen``, a server worker, ``sanshen worker``) reads them from
a file instead.  A file is named by what it holds and by its key: a SHA-256 over the data it was
built from (pack files, lexicons: the rule-set version), this package's source, the Python
version and OpenCC's, so a file built from other data, code or interpreter is never read.  Files
are written under a temporary name and renamed (``os.replace``): a reader sees a whole file or
none.  A file that is missing, unreadable or damaged (checksum, format) is rebuilt and rewritten;
a directory that cannot be written only costs the rebuild.

Directory: ``SANSHEN_CACHE_DIR``, else ``cache/`` in the data directory (``SANSHEN_VAR_DIR``,
default ``./var``, as in settings.py); as trusted as the data directory, since rule sets are read
back with ``pickle``.  The newest ``KEEP`` files of each kind are kept.
"""

from __future__ import annotations

import hashlib
import importlib.util
import marshal
import os
import pickle
import sys
import tempfile
import time
import zlib
from functools import lru_cache
from pathlib import Path
from typing import Callable, TypeVar

T = TypeVar("T")

_MAGIC = b"sanshen-cache/1 "
KEEP = 4  # files kept per kind: other rule-set versions, an older release still running


def directory() -> Path:
    given = os.environ.get("SANSHEN_CACHE_DIR")
    if given:
        return Path(given)
    return Path(os.environ.get("SANSHEN_VAR_DIR") or Path.cwd() / "var") / "cache"


@lru_cache(maxsize=1)
def _environment() -> bytes:
    """What every key depends on: the interpreter, OpenCC (the 繁→简 table) and this package's source."""
    h = hashlib.sha256(f"{sys.version}\0{marshal.version}\0{pickle.HIGHEST_PROTOCOL}\0".encode())
    spec = importlib.util.find_spec("opencc")
    if spec is not None and spec.origin:
        st = os.stat(spec.origin)
        h.update(f"{spec.origin}\0{st.st_size}\0{st.st_mtime_ns}\0".encode())
    for path in sorted(Path(__file__).resolve().parent.glob("*.py")):
        h.update(path.name.encode() + b"\0" + path.read_bytes() + b"\0")
    return h.digest()


def key(*parts: str | bytes) -> str:
    """The key of data built from ``parts`` (each a version string or file contents)."""
    h = hashlib.sha256(_environment())
    for part in parts:
        b = part.encode() if isinstance(part, str) else part
        h.update(len(b).to_bytes(8, "little") + b)
    return h.hexdigest()[:32]


def _path(kind: str, key: str) -> Path:
    return directory() / f"{kind}-{key}.bin"


def read(kind: str, key: str) -> memoryview | None:
    """The payload stored for (kind, key), or None when there is no whole, undamaged file."""
    try:
        data = _path(kind, key).read_bytes()
    except OSError:
        return None
    head = _MAGIC + key.encode() + b" "
    n = len(head) + 9  # + 8 hex digits of the CRC-32 and a newline
    if not data.startswith(head) or len(data) < n:
        return None
    payload = memoryview(data)[n:]
    if data[len(head):n - 1] != b"%08x" % zlib.crc32(payload):
        return None
    return payload


def write(kind: str, key: str, payload: bytes) -> None:
    """Store ``payload`` atomically (a temporary file renamed over the old one); errors are ignored."""
    folder = directory()
    tmp = None
    try:
        folder.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=f".{kind}-", suffix=".tmp", dir=folder)
        with os.fdopen(fd, "wb") as fh:
            fh.write(_MAGIC + key.encode() + b" " + b"%08x\n" % zlib.crc32(payload))
            fh.write(payload)
        os.replace(tmp, _path(kind, key))
        tmp = None
    except OSError:
        return
    finally:
        if tmp is not None:
            try:
                os.unlink(tmp)
            except OSError:
                pass
    _prune(folder, kind)


def _prune(folder: Path, kind: str) -> None:
    """Keep the newest ``KEEP`` files of ``kind``; drop temporary files a killed writer left an hour ago."""
    try:
        files = sorted(folder.glob(f"{kind}-*.bin"), key=lambda p: p.stat().st_mtime, reverse=True)
        stale = [p for p in folder.glob(f".{kind}-*.tmp") if time.time() - p.stat().st_mtime > 3600]
        for old in files[KEEP:] + stale:
            old.unlink()
    except OSError:  # another process pruned first
        pass


def cached(kind: str, key: str, build: Callable[[], T], dump: Callable[[T], bytes],
           load: Callable[[memoryview], T]) -> T:
    """``load`` of the stored payload; when there is none or it cannot be loaded, ``build()``, stored with ``dump``."""
    payload = read(kind, key)
    if payload is not None:
        try:
            return load(payload)
        except Exception:  # a file this code cannot read back: rebuilt and rewritten below
            pass
    value = build()
    write(kind, key, dump(value))
    return value
