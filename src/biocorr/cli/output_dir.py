"""All-or-nothing output folders: a run leaves either its complete output or the previous one, never a mix.

:func:`atomic_output` gives the caller a fresh temporary folder next to the destination;
when the caller's block ends without an error, a manifest (``biocorr-manifest.json``: what
wrote the folder, when, every file with its size and sha256) is added and the temporary
folder replaces the destination by renames on the same file system. On any error,
interrupt or signal the temporary folder is removed and the destination is untouched.

A destination that holds files biocorr did not write (no manifest), or the output of
another command (``check`` over an ``analyze`` folder), is refused unless ``overwrite``
is set. A lock file next to the destination keeps two runs from writing into it at once.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import shutil
import tempfile
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

from ..errors import BiocorrError

MANIFEST = "biocorr-manifest.json"


class OutputFolderError(BiocorrError):
    """The output folder cannot be used as it is (foreign files, another run writing into it)."""


def read_manifest(folder: Path) -> dict | None:
    """The manifest of a folder biocorr wrote, or None.

    Examples
    --------
    >>> read_manifest(Path("no-such-folder")) is None
    True
    """
    try:
        return json.loads((Path(folder) / MANIFEST).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None


def _check_destination(out: Path, overwrite: bool, kind: str, protect: tuple[Path, ...] = ()) -> None:
    resolved = out.resolve()
    cwd = Path.cwd().resolve()
    if resolved == cwd or resolved in cwd.parents or resolved == Path.home().resolve() or resolved.parent == resolved:
        raise OutputFolderError(
            f"--out '{out}' is the current folder, one of its parents, the home folder or the root; "
            "give a new folder name for the output (it is replaced as a whole)."
        )
    for path in protect:
        inside = path.resolve()
        if inside == resolved or resolved in inside.parents:
            raise OutputFolderError(
                f"--out '{out}' holds the input file '{path}'; write the output into another folder "
                "(the output folder is replaced as a whole)."
            )
    blocking = next((p for p in out.parents if p.exists() and not p.is_dir()), None)
    if blocking is not None:
        raise OutputFolderError(f"'{blocking}' is a file, so the folder '{out}' cannot be made; choose another --out.")
    if not out.exists():
        return
    if not out.is_dir():
        raise OutputFolderError(f"'{out}' is a file; --out needs a folder name.")
    if overwrite or not any(out.iterdir()):
        return
    manifest = read_manifest(out)
    if manifest is None:
        raise OutputFolderError(
            f"'{out}' already holds files that biocorr did not write; choose another --out folder, "
            "or add --overwrite to replace the folder's contents."
        )
    if manifest.get("kind") != kind:
        raise OutputFolderError(
            f"'{out}' holds the output of 'biocorr {manifest.get('kind')}'; write the output of "
            f"'biocorr {kind}' into another folder, or add --overwrite to replace it."
        )


def _pid_alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # pragma: no cover - another user's process
        return True
    return True


@contextlib.contextmanager
def _lock(out: Path) -> Iterator[None]:
    lock = out.parent / f".{out.name}.biocorr-lock"
    for _ in range(2):
        try:
            fd = os.open(lock, os.O_CREAT | os.O_EXCL | os.O_WRONLY)
            break
        except FileExistsError:
            try:
                pid = int(lock.read_text().strip() or 0)
            except (OSError, ValueError):
                pid = 0
            if pid and _pid_alive(pid):
                raise OutputFolderError(
                    f"another biocorr run (process {pid}) is writing into '{out}'; wait for it or choose "
                    "another --out folder."
                ) from None
            lock.unlink(missing_ok=True)  # left by a run that was killed
    else:  # pragma: no cover - lost a race twice
        raise OutputFolderError(f"could not lock '{out}' for writing; try again.")
    try:
        os.write(fd, str(os.getpid()).encode())
        os.close(fd)
        yield
    finally:
        lock.unlink(missing_ok=True)


def verify_file(folder: Path, name: str) -> None:
    """Refuse ``folder/name`` unless it is a plain file with the size and sha256 its manifest lists.

    A record edited by hand (an r changed to 5.00) would otherwise be drawn and re-certified with
    a new hash; a symlink could point outside the folder.

    Raises
    ------
    OutputFolderError
        No manifest, the file is not in it, it is a link, or its content changed.
    """
    path = Path(folder) / name
    manifest = read_manifest(Path(folder))
    files = manifest.get("files") if isinstance(manifest, dict) else None
    entry = next((f for f in files or [] if isinstance(f, dict) and f.get("path") == name), None)
    if entry is None:
        raise OutputFolderError(
            f"{folder}: {MANIFEST} does not list {name}, so it cannot be shown to be the file biocorr wrote; "
            "run biocorr analyze again."
        )
    if path.is_symlink() or not path.is_file():
        raise OutputFolderError(f"{path}: not a plain file (a link or missing); run biocorr analyze again.")
    if hashlib.sha256(path.read_bytes()).hexdigest() != entry.get("sha256"):
        raise OutputFolderError(
            f"{path} was changed after biocorr wrote it (its sha256 differs from {MANIFEST}); an edited record "
            "is not drawn as a report. Run biocorr analyze again."
        )


def write_inside(folder: Path, name: str, text: str) -> Path:
    """Write ``folder/name`` through a temporary file renamed into place: a symlink standing there
    is replaced, never followed (no write lands outside the folder)."""
    fd, tmp = tempfile.mkstemp(prefix=f".{name}.", dir=folder)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(text)
        os.replace(tmp, Path(folder) / name)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return Path(folder) / name


def _file_entry(path: Path, root: Path) -> dict:
    digest = hashlib.sha256(path.read_bytes()).hexdigest()
    return {"path": path.relative_to(root).as_posix(), "bytes": path.stat().st_size, "sha256": digest}


def write_manifest(folder: Path, kind: str, command_line: list[str] | None = None) -> Path:
    """Write ``biocorr-manifest.json`` listing every file of ``folder`` (size, sha256)."""
    files = sorted(p for p in folder.rglob("*") if p.is_file() and not p.is_symlink() and p.name != MANIFEST)
    from importlib.metadata import PackageNotFoundError, version

    try:
        biocorr_version = version("biocorr")
    except PackageNotFoundError:  # pragma: no cover
        biocorr_version = "unknown"
    record = {
        "kind": kind,
        "biocorr_version": biocorr_version,
        "created": datetime.now(UTC).isoformat(timespec="seconds"),
        "command_line": command_line or [],
        "files": [_file_entry(p, folder) for p in files],
    }
    return write_inside(folder, MANIFEST, json.dumps(record, indent=2, ensure_ascii=False))


@contextlib.contextmanager
def atomic_output(
    out: str | Path,
    kind: str,
    overwrite: bool = False,
    command_line: list[str] | None = None,
    protect: tuple[str | Path | None, ...] = (),
) -> Iterator[Path]:
    """Yield a temporary folder that replaces ``out`` when the block ends without an error.

    Parameters
    ----------
    out : path
        The destination folder.
    kind : str
        The command writing it ('analyze', 'check', 'qpcr'), recorded in the manifest.
    overwrite : bool
        Replace a folder biocorr did not write, or wrote with another command.
    command_line : list of str, optional
        Recorded in the manifest.
    protect : paths, optional
        Input files: a destination holding one of them is refused (it would be replaced).

    Examples
    --------
    >>> import tempfile
    >>> root = Path(tempfile.mkdtemp())
    >>> with atomic_output(root / "out", "analyze") as tmp:
    ...     _ = (tmp / "a.csv").write_text("x\\n1\\n")
    >>> sorted(p.name for p in (root / "out").iterdir())
    ['a.csv', 'biocorr-manifest.json']
    >>> try:
    ...     with atomic_output(root / "out", "analyze") as tmp:
    ...         _ = (tmp / "b.csv").write_text("half")
    ...         raise KeyboardInterrupt
    ... except KeyboardInterrupt:
    ...     pass
    >>> sorted(p.name for p in (root / "out").iterdir())  # the interrupted run left nothing behind
    ['a.csv', 'biocorr-manifest.json']
    """
    out = Path(out)
    guarded = tuple(Path(p) for p in protect if p)
    _check_destination(out, overwrite, kind, guarded)
    out.parent.mkdir(parents=True, exist_ok=True)
    with _lock(out):
        _check_destination(out, overwrite, kind, guarded)  # again, now that no other run can write
        tmp = Path(tempfile.mkdtemp(prefix=f".{out.name}.partial-", dir=out.parent))
        try:
            yield tmp
            write_manifest(tmp, kind, command_line)
            old = None
            if out.exists():
                old = Path(tempfile.mkdtemp(prefix=f".{out.name}.previous-", dir=out.parent))
                old.rmdir()
                out.rename(old)
            tmp.rename(out)
            if old is not None:
                shutil.rmtree(old, ignore_errors=True)
        except OSError as exc:
            shutil.rmtree(tmp, ignore_errors=True)
            if exc.filename is None:
                raise OutputFolderError(f"could not write the output into '{out}': {exc.strerror or exc}") from None
            raise
        except BaseException:
            shutil.rmtree(tmp, ignore_errors=True)
            raise
