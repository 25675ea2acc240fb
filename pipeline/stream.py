"""A batch with flat memory: each file's result kept small as it finishes, the checks across reports
on those small views, then each file's JSON written one at a time in input order.

A reader process checks the file and hands back only what the output and the checks across reports
need (`SlimResult`): the per-file JSON head (file, format, unit, year, cell values), the findings and
`checks.batch.for_batch(report)` — never the document nor the report's sentences. The output is the
same, byte for byte, as `json.dump([r.to_json() for r in results], indent=1)` of the full path.
"""
from __future__ import annotations

import json
import zlib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import TextIO, cast

from checks.batch import BatchReport, for_batch
from checks.finding import Finding
from checks.settings import RuleSettings
from importers.options import ReadOptions
from model.rounds import PreviousRound, RoundState

from .check import CheckResult, PageProgress, Progress, add_batch_findings, check_file, page_listener, read_all, sandboxed
from .sandbox import DEFAULT_MEMORY_MB


@dataclass
class SlimResult(CheckResult):
    """A CheckResult without the document and with `report` cut down by `for_batch` (body, year, the
    cells the checks across reports compare, shingles). `packed` is the JSON it had before that,
    findings aside: compact JSON, deflated (≈1 KB instead of ≈20 KB of dict of 200 cells)."""
    packed: bytes = b""

    @property
    def head(self) -> dict[str, object]:
        return cast(dict[str, object], json.loads(zlib.decompress(self.packed)))

    def __reduce__(self) -> tuple[object, ...]:  # its fields alone (a batch holds one per report)
        return (_slim_result, (self.path, self.report, self.findings, self.error, self.packed, self.previous, self.rounds))

    def to_json(self, file_label: str | None = None) -> dict[str, object]:
        out = self.head
        if file_label is not None:
            out["file"] = file_label
        if self.report is None:
            return out
        return {**out, "findings": [self._finding_json(f) for f in self.findings]}


def _slim_result(path: str, report: BatchReport | None, findings: list[Finding], error: str | None, packed: bytes,
                 previous: PreviousRound | None, rounds: dict[str, RoundState] | None) -> SlimResult:
    return SlimResult(path, report, findings, error, previous=previous, rounds=rounds, packed=packed)


def slim(result: CheckResult) -> SlimResult:
    """The result as small as the batch output can take it (a few KB). JSON keeps the key order and
    every value exactly (floats by repr), so the output is unchanged."""
    head = result.to_json()
    head.pop("findings", None)
    packed = zlib.compress(json.dumps(head, ensure_ascii=False, separators=(",", ":")).encode("utf-8"))
    report = for_batch(result.report) if result.report is not None else None
    return SlimResult(result.path, report, list(result.findings), result.error, packed=packed)


def check_file_slim(path: str, rules: RuleSettings | None, reading: ReadOptions) -> SlimResult:
    """check_file, cut down in the reader process itself: only the small view crosses back."""
    return slim(check_file(path, rules, reading, keep_document=False))


def failed_slim(path: str, message: str) -> SlimResult:
    return slim(CheckResult(path, error=message))


def check_files_slim(paths: list[str], rules: RuleSettings | None = None, reading: ReadOptions | None = None,
                     jobs: int = 1, memory_mb: int = DEFAULT_MEMORY_MB, progress: Progress | None = None,
                     pages: PageProgress | None = None, log_file: str | None = None) -> list[SlimResult]:
    """check_files (sandboxed readers, input order, then the checks across reports), keeping only
    the small views: the main process never holds a document or a full report."""
    read = reading or ReadOptions()
    results = read_all(paths, lambda pool, p: sandboxed(pool, check_file_slim, p, rules, read, failed_slim,
                                                        pages=page_listener(p, pages)),
                       jobs, memory_mb, progress, log_file)
    if len(results) > 1:
        add_batch_findings(list[CheckResult](results), rules)
    return results


def json_chunks(objects: Iterable[dict[str, object]]) -> Iterator[str]:
    """The text of `json.dump(list(objects), ensure_ascii=False, indent=1)`, one object at a time."""
    first = True
    for obj in objects:
        text = json.dumps(obj, ensure_ascii=False, indent=1)
        # one level deeper inside the array (JSON strings hold no raw newline: "\n" is safe to widen)
        yield ("[\n " if first else ",\n ") + text.replace("\n", "\n ")
        first = False
    yield "[]" if first else "\n]"


def write_json(results: Iterable[CheckResult], out: TextIO) -> None:
    """The batch's JSON array to `out`, written one file's object at a time, never as one string."""
    for chunk in json_chunks(r.to_json() for r in results):
        out.write(chunk)
    out.write("\n")
