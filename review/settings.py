"""The settings file (检查设置), split by what each part governs and handed to that layer only:

- `reading` (importers.options.ReadOptions): the time budget per file and OCR — the readers and the sandbox;
- `rules` (checks.settings.RuleSettings): the deadlines, the body's level, the rules switched off — the checks;
- `notices` (export.notice_settings.NoticeSettings): office, 文号, 整改时限 — the notices.

The file stays one flat JSON object (older files and `--config` files read as before): its keys are the
parts' field names, except the reading part's, named in READING_KEYS."""
from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field, fields
from pathlib import Path
from typing import Any

import resources
from checks.settings import RuleSettings, SettingsError
from export.notice_settings import NoticeSettings
from importers.options import ReadOptions

READING_KEYS = {"file_time_budget_s": "time_budget", "ocr": "ocr"}  # file key -> ReadOptions field
DEFAULT_BUDGET_S = 120.0


@dataclass
class Settings:
    reading: ReadOptions = field(default_factory=lambda: ReadOptions(DEFAULT_BUDGET_S))
    rules: RuleSettings = field(default_factory=RuleSettings)
    notices: NoticeSettings = field(default_factory=NoticeSettings)

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Settings:
        """The parts from a flat object; unknown keys are ignored (a newer version's file)."""
        reading = {READING_KEYS[k]: v for k, v in data.items() if k in READING_KEYS}
        return cls(ReadOptions(**{"time_budget": DEFAULT_BUDGET_S, **reading}),
                   RuleSettings(**_known(RuleSettings, data)), NoticeSettings(**_known(NoticeSettings, data)))

    @classmethod
    def load(cls, path: str | Path | None = None) -> Settings:
        """The defaults (resources/settings.json), overridden key by key by the file at `path`;
        raises SettingsError (Chinese) when the result cannot be used."""
        data: dict[str, Any] = {}
        default = resources.path("settings.json")
        if default.is_file():
            data.update(json.loads(default.read_text(encoding="utf-8")))
        if path is not None:
            loaded = json.loads(Path(path).read_text(encoding="utf-8"))
            if not isinstance(loaded, dict):
                raise SettingsError("设置无效：设置文件的内容必须是一个 JSON 对象。")
            data.update(loaded)
        settings = cls.from_json(data)
        settings.validate()
        return settings

    def to_json(self) -> dict[str, Any]:
        reading = {k: getattr(self.reading, name) for k, name in READING_KEYS.items()}
        return {**asdict(self.rules), **reading, **asdict(self.notices)}

    def problems(self) -> list[str]:
        """Every part's problems, in Chinese; empty when the settings can be used."""
        return self.rules.problems() + self.reading.problems() + self.notices.problems()

    def validate(self) -> None:
        problems = self.problems()
        if problems:
            raise SettingsError("设置无效：" + "".join(problems))


def _known(cls: type, data: dict[str, Any]) -> dict[str, Any]:
    names = {f.name for f in fields(cls)}
    return {k: v for k, v in data.items() if k in names}
