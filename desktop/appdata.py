"""The user's app-data folder (marks, the archive, window state, log) and the log file in it.

NIANBAO_APPDATA points it elsewhere (tests, portable use)."""
from __future__ import annotations

import logging
import logging.handlers
import os
from pathlib import Path

ENV = "NIANBAO_APPDATA"
ORGANIZATION = "nianbao"
APPLICATION = "nianbao-check"
LOG_NAME = "nianbao-check.log"


def app_data_dir() -> Path:
    env = os.environ.get(ENV)
    if env:
        folder = Path(env)
    else:
        from PySide6.QtCore import QCoreApplication, QStandardPaths
        if not QCoreApplication.organizationName():
            QCoreApplication.setOrganizationName(ORGANIZATION)
            QCoreApplication.setApplicationName(APPLICATION)
        loc = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.AppDataLocation)
        folder = Path(loc) if loc else Path.home() / f".{APPLICATION}"
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def archive_path(folder: Path) -> Path:
    """The window's 审校台账 (rounds, years, notices) in this app-data folder."""
    from archive.store import DEFAULT_NAME
    return Path(folder) / DEFAULT_NAME


def log_path(folder: Path) -> Path:
    return folder / LOG_NAME


def stop_logging() -> None:
    """Close the log file (before its folder is removed, e.g. after a self-test)."""
    root = logging.getLogger()
    for h in list(root.handlers):
        if getattr(h, "_nianbao", False):
            root.removeHandler(h)
            h.close()


def setup_logging(folder: Path) -> Path:
    """Send the program's log (the engine's included) to the log file of this app-data folder."""
    path = log_path(folder)
    stop_logging()
    root = logging.getLogger()
    try:
        handler: logging.Handler = logging.handlers.RotatingFileHandler(
            path, maxBytes=1_000_000, backupCount=2, encoding="utf-8")
    except OSError:  # a read-only profile: keep going without a log file
        handler = logging.NullHandler()
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    handler._nianbao = True  # type: ignore[attr-defined]
    root.addHandler(handler)
    if root.level > logging.INFO or root.level == logging.NOTSET:
        root.setLevel(logging.INFO)
    return path
