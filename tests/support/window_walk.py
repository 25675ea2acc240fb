"""A seeded random walk through the real main window, as an inspector's working day goes (issue 25):
open files and folders (also while a batch is being read, the same file twice), select reports,
findings and cells, mark, bulk-mark and dismiss, filter and search, export, open the overview, the
year comparison and the print preview, re-check, cancel, close, change settings, and files deleted
or renamed under the window. After every step the window's state is checked for consistency
(`problems`): the list, the tables, the findings pane, the source and the session agree.

Each step is a concrete action — ("select_report", 3) — chosen from the seed and the window's state,
so a walk that failed can be replayed from the printed steps (`WindowWalk.replay`). Used by
tests/desktop/test_soak.py (a short walk in the suite) and benchmarks/soak_window.py (long walks)."""
from __future__ import annotations

import random
import shutil
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import shiboken6
from PySide6.QtCore import QItemSelectionModel, QModelIndex
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QApplication, QDialog, QInputDialog, QMessageBox

Step = tuple[Any, ...]

# The corpus files a walk opens: every format, reports with errors, warnings only, and unreadable ones.
WALK_FILES = ("v10_baima_zhen.docx", "v05_shiqiao_xiang.docx", "seed1_aga.docx", "v01_qinghe_scjgj.docx",
              "v02_chengguan_jd.pdf", "seed3_dakuai.pdf", "v04_anping_zrzyj.txt", "v07_hexi_jd.txt",
              "v03_liulin_zhen.xlsx", "seed0_dongming.xlsx", "u01_truncated.pdf", "u03_renamed_txt.docx")
SEARCHES = ("白马", "镇", "表三", "合计", "2024", "不存在的词")
MAX_OPEN = 40  # past this the walk closes everything: a county's folder, not an ever-growing list


def wait_until(pred: Callable[[], bool], timeout_s: float = 60.0) -> bool:
    """Run the event loop until `pred()` holds (no fixed sleep: it returns as soon as it does)."""
    end = time.monotonic() + timeout_s
    while not pred():
        if time.monotonic() > end:
            return False
        QApplication.processEvents()
        time.sleep(0.002)
    return True


def prepare_files(corpus: Path, folder: Path) -> list[Path]:
    """Copies of the walk's corpus files under Chinese names with spaces, in two sub-folders."""
    out = []
    for i, name in enumerate(WALK_FILES):
        target = folder / ("乡镇 报告" if i % 2 else "部门报告") / f"{i:02d} {name}"
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(corpus / name, target)
        out.append(target)
    return out


class WindowWalk:
    def __init__(self, window: Any, files: list[Path], seed: int, out_dir: Path,
                 log: Callable[[str], None] | None = None) -> None:
        self.w = window
        self.files = list(files)
        self.rng = random.Random(seed)
        self.out_dir = out_dir
        self.log = log or (lambda _s: None)
        self.steps: list[Step] = []
        self.errors: list[str] = []  # exceptions raised in slots while the walk ran
        self.moved: dict[str, str] = {}  # a file renamed by the walk → where it went

    # -- dialogs answered without a person ---------------------------------------------------
    @contextmanager
    def patched(self) -> Iterator[None]:
        """Every dialog that would wait for a person is answered by the walk (restored afterwards)."""
        import desktop.exports as mw
        import ui.file_dialog as fd
        from ui.settings_dialog import SettingsDialog
        saved: list[tuple[Any, str, Any]] = []

        def put(owner: Any, name: str, value: Any) -> None:
            saved.append((owner, name, getattr(owner, name)))
            setattr(owner, name, value)

        put(fd, "ask_open_files", lambda *a, **k: [str(p) for p in self._pick_files()])
        put(fd, "ask_folder", lambda *a, **k: str(self.out_dir / "通知"))
        put(fd, "ask_save_file", lambda *a, **k: str(self.out_dir / f"清单{self.rng.randrange(3)}.xlsx"))
        put(mw, "ask_only_confirmed", lambda *a, **k: self.rng.random() < 0.5)
        put(QInputDialog, "getText", staticmethod(lambda *a, **k: ("随机理由", True)))
        put(QDesktopServices, "openUrl", staticmethod(lambda *a, **k: True))
        put(SettingsDialog, "exec", lambda dialog: self._answer_settings(dialog))  # noqa: PLW0108 (a method of the class, given the dialog)
        old_hook = sys.excepthook
        sys.excepthook = lambda t, e, tb: self.errors.append(f"{t.__name__}: {e}")
        try:
            yield
        finally:
            sys.excepthook = old_hook
            for owner, name, value in reversed(saved):
                setattr(owner, name, value)

    def _answer_settings(self, dialog: Any) -> int:
        dialog.budget.setValue(self.rng.choice([5, 30, 60]))
        return int(QDialog.DialogCode.Accepted)

    def _pick_files(self) -> list[Path]:
        return [p for p in self.rng.sample(self.files, self.rng.randint(1, 3)) if p.exists()]

    # -- choosing the next step --------------------------------------------------------------
    def choose(self) -> Step:
        w, rng = self.w, self.rng
        n_reports = w.reports.rowCount()
        n_findings = len(w.findings.all_findings())
        options: list[tuple[float, Callable[[], Step]]] = [
            (6, lambda: ("open_files", sorted(rng.sample(range(len(self.files)), rng.randint(1, 3))))),
            (1, lambda: ("open_folder", rng.randrange(2))),
            (1, lambda: ("settle",)),
        ]
        if n_reports:
            options += [
                (10, lambda: ("select_report", rng.randrange(n_reports))),
                (2, lambda: ("recheck", sorted(rng.sample(range(n_reports), min(n_reports, rng.randint(1, 3)))))),
                (2, lambda: ("close_report", rng.randrange(n_reports))),
                (2, lambda: ("filter", rng.choice((*SEARCHES, "")), rng.randrange(4))),
                (1, lambda: ("cancel",)),
                (1, lambda: ("export_checklist",)),
                (1, lambda: ("export_notices",)),
                (1, lambda: ("print_preview",)),
                (1, lambda: ("overview",)),
                (1, lambda: ("compare_years",)),
                (0.5, lambda: ("settings",)),
                (0.3, lambda: ("close_all",)),
                (1, lambda: ("find_source", rng.choice(SEARCHES))),
            ]
        if n_findings:
            options += [
                (8, lambda: ("select_finding", rng.randrange(n_findings))),
                (3, lambda: ("mark", rng.choice(["confirmed", "dismissed", None]))),
                (1, lambda: ("bulk_mark", rng.choice(["confirmed", "dismissed", None]))),
                (1, lambda: ("select_group", rng.randrange(3))),
                (1, lambda: ("find_finding", rng.choice(SEARCHES))),
            ]
        if w.tables.models["t3"].rowCount():
            options.append((5, lambda: ("select_cell", rng.choice(["t2", "t3", "t4"]), rng.randrange(40),
                                        rng.randrange(9))))
        if any(p.exists() for p in self.files):
            options.append((0.4, lambda: ("move_file", rng.randrange(len(self.files)), rng.random() < 0.5)))
        options.append((1, lambda: ("close_dialogs",)))
        total = sum(weight for weight, _ in options)
        at = rng.uniform(0, total)
        for weight, make in options:
            at -= weight
            if at <= 0:
                return make()
        return options[-1][1]()

    # -- running -----------------------------------------------------------------------------
    def run(self, steps: int, check_every: int = 1) -> list[str]:
        """Walk `steps` steps; the problems found (empty: the window stayed consistent)."""
        with self.patched():
            for i in range(steps):
                step = self.choose()
                problems = self._do(i, step, check=(i % check_every == 0))
                if problems:
                    return problems
            return self._finish()

    def replay(self, steps: list[Step]) -> list[str]:
        with self.patched():
            for i, step in enumerate(steps):
                problems = self._do(i, step, check=True)
                if problems:
                    return problems
            return self._finish()

    def _do(self, i: int, step: Step, check: bool) -> list[str]:
        self.steps.append(step)
        self.log(f"{i} {step!r}")
        getattr(self, "do_" + step[0])(*step[1:])
        QApplication.processEvents()
        if self.errors:
            return [f"exception in a slot after step {i} {step!r}: {self.errors[0]}"]
        return [f"after step {i} {step!r}: {p}" for p in problems(self.w)] if check else []

    def _finish(self) -> list[str]:
        """At the end every reader is done and the state is checked once more."""
        self.do_settle()
        self.do_close_dialogs()
        if self.errors:
            return [f"exception in a slot: {self.errors[0]}"]
        return problems(self.w)

    # -- the steps ---------------------------------------------------------------------------
    def do_open_files(self, picks: list[int]) -> None:
        if self.w.reports.rowCount() > MAX_OPEN:
            self.do_close_all()
        self.w.open_paths([str(self.files[k]) for k in picks if self.files[k].exists()])

    def do_open_folder(self, which: int) -> None:
        folders = sorted({p.parent for p in self.files})
        self.w.open_paths([str(folders[which % len(folders)])])

    def do_settle(self) -> None:
        if not wait_until(lambda: not self.w.runner.busy, 120):
            self.errors.append("the readers did not finish within 120 s")

    def do_select_report(self, row: int) -> None:
        if row < self.w.reports.rowCount():
            self.w.report_view.setCurrentIndex(self.w.reports.index(row, 0))

    def do_recheck(self, rows: list[int]) -> None:
        self._select_rows(rows)
        self.w.commands.reload.trigger()

    def do_close_report(self, row: int) -> None:
        self._select_rows([row])
        self.w.commands.close.trigger()

    def _select_rows(self, rows: list[int]) -> None:
        view, model = self.w.report_view, self.w.reports
        rows = [r for r in rows if r < model.rowCount()]
        if not rows:
            return
        sm = view.selectionModel()
        sm.setCurrentIndex(model.index(rows[0], 0), QItemSelectionModel.SelectionFlag.ClearAndSelect
                           | QItemSelectionModel.SelectionFlag.Rows)
        for r in rows[1:]:
            sm.select(model.index(r, 0), QItemSelectionModel.SelectionFlag.Select | QItemSelectionModel.SelectionFlag.Rows)

    def do_filter(self, text: str, kind: int) -> None:
        bar = self.w.report_filter
        bar.search.setText(text)
        bar.kind.setCurrentIndex(min(kind, bar.kind.count() - 1))

    def do_cancel(self) -> None:
        self.w.commands.cancel.trigger()

    def do_export_checklist(self) -> None:
        self.w.commands.export.trigger()

    def do_export_notices(self) -> None:
        self.w.commands.notices.trigger()

    def do_print_preview(self) -> None:
        if self.w.commands.print_preview.isEnabled():
            self.w.commands.print_preview.trigger()

    def do_overview(self) -> None:
        self.w.commands.overview.trigger()

    def do_compare_years(self) -> None:
        self.w.commands.years.trigger()

    def do_settings(self) -> None:
        self.w.commands.settings.trigger()

    def do_close_all(self) -> None:
        self.w.commands.close_all.trigger()

    def do_find_source(self, text: str) -> None:
        self.w.source.find_text(text)

    def do_select_finding(self, k: int) -> None:
        found = self.w.findings.all_findings()
        if k < len(found):
            idx = self.w.findings.index_of(found[k].fingerprint)
            self.w.findings_view.selectionModel().setCurrentIndex(
                idx, QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows)

    def do_select_group(self, k: int) -> None:
        model = self.w.findings
        if k < model.rowCount(QModelIndex()):
            self.w.findings_view.selectionModel().setCurrentIndex(
                model.index(k, 0, QModelIndex()),
                QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows)

    def do_mark(self, state: str | None) -> None:
        {"confirmed": self.w.commands.confirm, "dismissed": self.w.commands.dismiss,
         None: self.w.commands.unmark}[state].trigger()

    def do_bulk_mark(self, state: str | None) -> None:
        self.w.findings_view.selectAll()
        self.w.marking.mark_current(state, "批量" if state == "dismissed" else None)

    def do_find_finding(self, text: str) -> None:
        self.w.marking.find_finding(text)

    def do_select_cell(self, table: str, row: int, col: int) -> None:
        view, model = self.w.tables.views[table], self.w.tables.models[table]
        if row < model.rowCount() and col < model.columnCount():
            self.w.tables.tabs.setCurrentWidget(view)
            view.setCurrentIndex(model.index(row, col))

    def do_move_file(self, k: int, delete: bool) -> None:
        """The inspector (or a colleague) deletes or renames a report that is open."""
        path = self.files[k]
        if not path.exists():
            return
        if delete:
            path.unlink()
        else:
            target = path.with_name(path.stem + " 改名" + path.suffix)
            path.rename(target)
            self.files[k] = target

    def do_close_dialogs(self) -> None:
        for top in QApplication.topLevelWidgets():
            if isinstance(top, (QMessageBox, QDialog)) and top.isVisible() and shiboken6.isValid(top):
                top.close()


def problems(w: Any) -> list[str]:
    """Where the window's parts disagree with each other or with the session (empty: consistent)."""
    from desktop import detail
    out: list[str] = []
    entries = list(w.session.entries)
    listed = w.reports.entries()
    if [e.path for e in listed] != [e.path for e in entries] or w.reports.rowCount() != len(entries):
        out.append(f"the list shows {w.reports.rowCount()} rows, the session holds {len(entries)}")
    e = w.sync.entry
    if e is not None and not any(x is e for x in entries):
        out.append(f"the report shown ({e.name}) is no longer open")
    cur = w.report_view.currentIndex()
    if cur.isValid() and w.reports.entry(cur.row()) is not e:
        out.append(f"the current row {cur.row()} is not the report shown")
    report = e.result.report if e is not None and e.result is not None else None
    shown = [f.fingerprint for f in w.findings.all_findings()]
    want = [f.fingerprint for f in e.result.findings] if report is not None and e is not None and e.result else []
    if sorted(shown) != sorted(want):
        out.append(f"the findings pane shows {len(shown)} findings, the report has {len(want)}")
    f = w.current_finding()
    if f is not None and f.fingerprint not in want:
        out.append("the current finding is not one of the report's")
    if w.tables.models["t3"]._report is not report:
        out.append("the tables show another report")
    marks = dict(e.marks) if e is not None and report is not None else {}
    if w.findings._marks != marks and report is not None:
        out.append("the findings pane shows other marks than the session's")
    if w.findings_title.text() != detail.findings_title(e):
        out.append(f"the findings title says {w.findings_title.text()!r}")
    out += _source_problems(w, e, report)
    return out


def _source_problems(w: Any, e: Any, report: Any) -> list[str]:
    out = []
    src = w.source
    for name, view in (("rich", src.rich), ("text", src.text)):
        for sel in view.extraSelections():
            if sel.cursor.document() is not view.document():
                out.append(f"the {name} source view keeps a box into a replaced document")
    doc = e.result.document if e is not None and e.result is not None else None
    if report is not None and doc is not None and src.document is not doc:
        out.append("the source view shows another document")
    return out

