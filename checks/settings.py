"""Settings the checks read. Defaults live in resources/settings.json; a file given with
--config (or saved by the window's settings dialog) overrides them key by key."""
from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field, fields
from pathlib import Path
from typing import Any

import resources


@dataclass
class Settings:
    deadline_month: int = 1         # publication deadline: this month/day of the following year
    deadline_day: int = 31
    body_level: str = "auto"        # auto, township, county, municipal, provincial
    disabled_rules: list[str] = field(default_factory=list)
    file_time_budget_s: float = 120.0
    ocr: bool = True                # read scanned reports by OCR (off: a scan is refused, as before)

    @classmethod
    def load(cls, path: str | Path | None = None) -> Settings:
        data: dict[str, Any] = {}
        default = resources.path("settings.json")
        if default.is_file():
            data.update(json.loads(default.read_text(encoding="utf-8")))
        if path is not None:
            data.update(json.loads(Path(path).read_text(encoding="utf-8")))
        known = {f.name for f in fields(cls)}
        return cls(**{k: v for k, v in data.items() if k in known})

    def to_json(self) -> dict[str, Any]:
        return asdict(self)
