"""The reports open in the window, kept on disk while they change (not only at a normal close), with
whether the window was closed normally: after a crash or a kill the next start reopens them and says
so. Qt-free; written atomically (pipeline.atomic)."""
from __future__ import annotations

import json
import logging
from dataclasses import dataclass
from pathlib import Path

from pipeline.atomic import write_atomic

log = logging.getLogger(__name__)
FILE_NAME = "open_reports.json"


@dataclass(frozen=True)
class OpenState:
    paths: list[str]
    closed_normally: bool
    known: bool = True  # False: no state was ever written here (a first start, or an older version)


class OpenList:
    def __init__(self, folder: Path) -> None:
        self.path = Path(folder) / FILE_NAME

    def load(self) -> OpenState:
        try:
            data = json.loads(self.path.read_text(encoding="utf-8"))
        except FileNotFoundError:
            return OpenState([], True, known=False)
        except (OSError, ValueError) as e:
            log.warning("open list %s unreadable: %s", self.path, e)
            return OpenState([], True, known=False)
        paths = data.get("paths") if isinstance(data, dict) else None
        if not isinstance(paths, list):
            return OpenState([], True, known=False)
        return OpenState([p for p in paths if isinstance(p, str)], bool(data.get("closed_normally", True)))

    def save(self, paths: list[str], closed_normally: bool = False) -> None:
        """While the window runs `closed_normally` is False: a kill leaves it so."""
        try:
            write_atomic(self.path, json.dumps({"paths": paths, "closed_normally": closed_normally},
                                               ensure_ascii=False, indent=1))
        except OSError as e:  # the list is a convenience: never an error the inspector must answer
            log.warning("open list %s not written: %s", self.path, e)
