"""Command line: `nianbao-check check [--json] FILE_OR_DIR...`; no arguments opens the window."""
from __future__ import annotations

import argparse
import contextlib
import io
import logging
import os
import sqlite3
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from checks import SEVERITY_NAMES
from model.rounds import RoundState
from pipeline import CheckResult, check_files, expand_paths
from pipeline.stream import check_files_slim, write_json
from review.settings import Settings

from . import __version__
from .terminal_progress import ProgressBar

if TYPE_CHECKING:
    from archive import Archive, Version
    from archive.overview import Overview

log = logging.getLogger(__name__)


def _parser() -> argparse.ArgumentParser:
    from .chinese_argparse import ChineseArgumentParser
    p = ChineseArgumentParser(prog="nianbao-check", description="政府信息公开工作年度报告审校工具（不带参数运行则打开窗口）")
    p.add_argument("--version", action="version", version=f"nianbao-check {__version__}", help="显示版本号并退出")
    sub = p.add_subparsers(dest="command", metavar="命令", help="以下之一（“nianbao-check 命令 -h”查看其用法）：")
    c = sub.add_parser("check", help="检查报告文件（或文件夹中的全部报告）")
    c.add_argument("paths", nargs="+", metavar="文件或文件夹", help="报告文件，或文件夹（其中的全部报告）")
    c.add_argument("--json", action="store_true", help="以 JSON 输出（供其他程序读取）")
    c.add_argument("--output", "-o", metavar="输出文件",
                   help="结果写入该文件（UTF-8），不打印到屏幕；PowerShell 的重定向 > 会按控制台代码页改写中文，请用此项")
    c.add_argument("--config", metavar="设置.json", help="设置文件（JSON），覆盖默认设置")
    c.add_argument("--xlsx", metavar="清单.xlsx", help="同时导出整改清单 Excel（审核留存版：含汇总、已核实、已忽略等）")
    c.add_argument("--township-xlsx", metavar="清单.xlsx",
                   help="同时导出发给报送单位的整改清单 Excel（不含“已核实”“核实人/日期”栏、汇总和已忽略）")
    c.add_argument("--jobs", type=int, metavar="进程数", help="并行读取的进程数（默认：CPU 核数，最多 4）")
    c.add_argument("--archive", metavar="台账文件", help="审校台账（SQLite 文件，没有则新建）：与上年报告比对、整改复核，并记录本次检查")
    c.add_argument("--notices", metavar="文件夹",
                   help="为每个有错误需整改的单位写一份整改通知（.docx）到该文件夹"
                        "（设置 notice_pass_letters 为 true 时，其他单位写审核通过函）")
    c.add_argument("--confirmed-only", action="store_true", help="整改通知只列已核实的问题")
    c.add_argument("--annotate", metavar="文件夹", help="把每份报告原文件的副本标注问题后写入该文件夹（写整改通知时也写入通知所在文件夹）")
    c.add_argument("--overview", metavar="总览.xlsx", help="同时导出县域总览工作簿（需 --archive；本次报告所属年度的全部单位）")
    c.add_argument("--bulletin", metavar="通报.docx",
                   help="同时写出审核情况通报（.docx，公文格式；需 --archive；本次报告所属年度，数字与县域总览一致）")
    c.add_argument("--roster", metavar="单位名单",
                   help="先把全县单位名单（.xlsx/.xls/.csv：单位名称，可有简称、层级）导入 --archive 的台账；未报送按名单统计")
    b = sub.add_parser("bodies", help="列出审校台账中的单位；--merge 把两个单位合并为一个")
    b.add_argument("archive", metavar="台账文件", help="审校台账（SQLite 文件）")
    b.add_argument("--merge", nargs=2, type=int, metavar=("保留编号", "并入编号"),
                   help="把后一个单位并入前一个（别名、报告、通知一并转入）")
    g = sub.add_parser("gui", help="打开窗口")
    g.add_argument("paths", nargs="*", metavar="文件或文件夹", help="打开窗口后立即读取的报告")
    return p


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    _utf8_stdout()
    if not argv or (argv[0] not in {"check", "bodies", "gui", "-h", "--help", "--version", "--self-test"}):
        return _gui(argv)
    try:
        return _dispatch(argv)
    except BrokenPipeError:  # output piped into `head` and the like
        return 0


def _dispatch(argv: list[str]) -> int:
    if argv[0] == "--self-test":
        from .selftest import run_self_test
        return run_self_test()
    args = _parser().parse_args(argv)
    if args.command == "gui":
        return _gui(args.paths)
    if args.command == "check":
        return _check(args)
    if args.command == "bodies":
        return _bodies(args)
    _parser().print_help()
    return 0


def _gui(paths: list[str]) -> int:
    from .app import run_app
    return run_app(paths)


def _check(args: argparse.Namespace) -> int:
    try:
        settings = Settings.load(args.config)
    except (OSError, ValueError) as e:
        print(f"无法读取设置文件 {args.config}：{e}", file=sys.stderr)
        return 2
    paths = expand_paths(args.paths)
    if not paths:
        print("没有找到报告文件（支持 PDF、Word、Excel、文本和网页文件）。", file=sys.stderr)
    archive = None
    if args.archive:
        from archive import Archive, ArchiveError
        try:
            archive = Archive(args.archive)
        except (ArchiveError, OSError) as e:
            print(f"审校台账无法打开：{e}", file=sys.stderr)
            return 2
    try:
        roster_ok = _import_roster(args, archive)
        if not args.output:
            return max(_check_and_report(args, paths, settings, archive), 0 if roster_ok else 2)
        try:
            out = open(args.output, "w", encoding="utf-8", newline="\n")  # noqa: SIM115  (closed below)
        except OSError as e:
            print(f"输出文件无法写入：{e}", file=sys.stderr)
            return 2
        with out, contextlib.redirect_stdout(out):
            return max(_check_and_report(args, paths, settings, archive), 0 if roster_ok else 2)
    finally:
        if archive is not None:
            archive.close()


def _import_roster(args: argparse.Namespace, archive: Archive | None) -> bool:
    """`--roster`: the county's list of bodies into the archive, before the reports are recorded."""
    if not args.roster:
        return True
    if archive is None:
        print("导入单位名单需要审校台账（--archive）。", file=sys.stderr)
        return False
    from review.roster import RosterError, import_roster_file
    try:
        done = import_roster_file(archive, args.roster)
    except (RosterError, sqlite3.Error) as e:
        print(f"单位名单未导入：{e}", file=sys.stderr)
        return False
    merged = f"，其中 {done.merged} 个单位原以简称记录，已合并" if done.merged else ""
    print(f"单位名单已导入：{len(done.entries)} 个单位{merged}。", file=sys.stderr)
    for note in done.notes:
        print(f"  {note}", file=sys.stderr)
    return True


WRITE_FAILED = 3  # exit status: an output asked for (checklist, notices, overview, archive) was not written


def _check_and_report(args: argparse.Namespace, paths: list[str], settings: Settings, archive: Archive | None) -> int:
    """Read, check, print; then every output asked for. One output that fails is said on stderr and
    never stops the others: the exit status is then WRITE_FAILED."""
    results = _read(args, paths, settings, archive)
    versions: list[Version | None] = [None] * len(results)
    written = True
    if archive is not None:
        versions, written = _archive_results(results, archive, settings)
    if not args.json:
        for r in results:
            _print_summary(r)
    if args.json:
        write_json(results, sys.stdout)
    outputs_written, usage_error = _outputs(args, results, versions, archive, settings)
    written &= outputs_written
    if not written:
        return WRITE_FAILED
    if usage_error or any(r.error for r in results):
        return 2
    if any(f.severity == "error" for r in results for f in r.findings):
        return 1
    return 0


def _outputs(args: argparse.Namespace, results: list[CheckResult], versions: list[Version | None],
             archive: Archive | None, settings: Settings) -> tuple[bool, bool]:
    """The checklist, notices and overview asked for: (all written, a usage error)."""
    written, usage_error = True, False
    if args.xlsx:
        written &= _output("整改清单", lambda: _checklist(args.xlsx, results, json=args.json))
    if args.township_xlsx:
        written &= _output("整改清单（发报送单位）", lambda: _checklist(args.township_xlsx, results, json=args.json, township=True))
    if args.notices:
        written &= _output("整改通知", lambda: _notices(args, results, versions, archive, settings))
    if getattr(args, "annotate", None) or args.notices:
        from .marked_copies import write_for_cli
        written &= _output("审核标注副本", lambda: write_for_cli(results, getattr(args, "annotate", None) or args.notices, args.json))
    if args.overview:
        code = _overview(args, results, versions, archive, settings)
        usage_error, written = code == 2, written and code != WRITE_FAILED
    if args.bulletin:
        code = _bulletin(args, results, versions, archive, settings)
        usage_error, written = usage_error or code == 2, written and code != WRITE_FAILED
    return written, usage_error


def _output(what: str, write: Callable[[], object]) -> bool:
    """Write one output; a failure is a Chinese line on stderr (and the log), never a traceback."""
    try:
        write()
    except (OSError, sqlite3.Error) as e:
        print(f"{what}未能写入：{e}", file=sys.stderr)
        return False
    except Exception as e:  # a bug or a value no writer foresaw: the other outputs still go out
        log.exception("%s not written", what)
        print(f"{what}未能写入（程序内部错误：{type(e).__name__}）。其他结果不受影响；请将报告文件反馈给软件维护人员。",
              file=sys.stderr)
        return False
    return True


def _archive_results(results: list[CheckResult], archive: Archive,
                     settings: Settings) -> tuple[list[Version | None], bool]:
    from review.rounds import check_with_archive
    versions: list[Version | None] = [None] * len(results)

    def record() -> None:
        versions[:] = check_with_archive(results, archive, settings.rules)
    return versions, _output("审校台账", record)


def _checklist(out: str, results: list[CheckResult], *, json: bool, township: bool = False) -> None:
    from export import write_checklist
    from export.checklist import OFFICE, TOWNSHIP
    write_checklist(results, out, audience=TOWNSHIP if township else OFFICE)
    if not json:
        print(f"整改清单{'（发报送单位）' if township else ''}已写入 {out}")


def _read(args: argparse.Namespace, paths: list[str], settings: Settings, archive: Archive | None) -> list[CheckResult]:
    """Every file read and checked, a progress bar on a terminal. Without an archive, checklist or
    notices, the results are kept small as they come (flat memory); those need the full reports."""
    bar = ProgressBar(sys.stderr)
    bar.start(len(paths))
    jobs = args.jobs or default_jobs()
    try:
        slim = archive is None and not (args.xlsx or args.township_xlsx or args.notices or args.overview
                                        or getattr(args, "annotate", None) or getattr(args, "bulletin", None))
        if slim:
            return list[CheckResult](check_files_slim(paths, settings.rules, settings.reading, jobs=jobs, progress=bar,
                                                      pages=bar.page))
        return check_files(paths, settings.rules, settings.reading, jobs=jobs, batch=archive is None, progress=bar,
                           pages=bar.page)
    finally:
        bar.finish()


def _notices(args: argparse.Namespace, results: list[CheckResult], versions: list[Version | None],
             archive: Archive | None, settings: Settings) -> list[Path]:
    """One notice per body into args.notices; each recorded in the archive when there is one."""
    from export.notices import PASS_LETTER, letter_kind, write_notices
    from review.notices import letters_to_send, mark_sets, notice_groups, notice_numbers, record_notices

    marks = mark_sets(archive, versions) if archive is not None else None
    grouped = notice_groups(results, versions, marks)
    entries = letters_to_send(grouped, settings.notices, args.confirmed_only)
    if len(entries) < len(grouped):
        why = "没有需要整改的问题" + ("或没有已核实的错误" if args.confirmed_only else "")
        print(f"{len(grouped) - len(entries)} 个单位{why}，未写整改通知。", file=sys.stderr)
    numbers = notice_numbers(entries, settings.notices, archive)
    written = write_notices(entries, args.notices, settings.notices, numbers, only_confirmed=args.confirmed_only)
    if archive is not None:
        record_notices(archive, versions, [(e.body, e.year, len(e.findings)) for e in entries], numbers, written)
    if not args.json:
        passed = sum(letter_kind(e, args.confirmed_only) == PASS_LETTER for e in entries)
        print(f"整改通知 {len(written) - passed} 份{f'、审核通过函 {passed} 份' if passed else ''}已写入 {args.notices}")
    return written


def _year_overview(results: list[CheckResult], versions: list[Version | None], archive: Archive | None,
                   settings: Settings, what: str) -> Overview | None:
    """The overview of the year most of this run's reports are of (the overview workbook's and the
    通报's, the same); None, said on stderr, without an archive or a year."""
    if archive is None:
        print(f"{what}需要审校台账（--archive）。", file=sys.stderr)
        return None
    from archive.overview import overview
    years = [r.report.year for r in results if r.report is not None and r.report.year]
    if not years:
        print(f"本次没有识别出年度的报告，未{what}。", file=sys.stderr)
        return None
    undated = [v for v in versions if v is not None and v.year is None and v.error]  # unreadable, of no known year
    return overview(archive, max(set(years), key=years.count), undated, rules=settings.rules)


def _overview(args: argparse.Namespace, results: list[CheckResult], versions: list[Version | None],
              archive: Archive | None, settings: Settings) -> int:
    """The county overview workbook of the year most of this run's reports are of."""
    ov = _year_overview(results, versions, archive, settings, "导出县域总览")
    if ov is None:
        return 2
    from export.overview import write_overview_workbook
    if not _output("县域总览", lambda: write_overview_workbook(ov, args.overview)):
        return WRITE_FAILED
    if not args.json:
        print(f"{ov.year}年度县域总览已写入 {args.overview}")
    return 0


def _bulletin(args: argparse.Namespace, results: list[CheckResult], versions: list[Version | None],
              archive: Archive | None, settings: Settings) -> int:
    """The 通报 of the year most of this run's reports are of, from the same overview as --overview."""
    ov = _year_overview(results, versions, archive, settings, "写出审核情况通报")
    if ov is None or archive is None:
        return 2
    from export.bulletin import write_bulletin
    if not _output("审核情况通报", lambda: write_bulletin(archive, ov, args.bulletin, settings.notices)):
        return WRITE_FAILED
    if not args.json:
        print(f"{ov.year}年度审核情况通报已写入 {args.bulletin}")
    return 0


def _bodies(args: argparse.Namespace) -> int:
    from archive import Archive, ArchiveError
    try:
        arc = Archive(args.archive)
    except (ArchiveError, OSError) as e:
        print(f"审校台账无法打开：{e}", file=sys.stderr)
        return 2
    with arc:
        if args.merge:
            try:
                arc.merge_bodies(*args.merge)
            except ValueError:
                print(f"审校台账中没有编号为 {args.merge[0]} 或 {args.merge[1]} 的单位。", file=sys.stderr)
                return 2
            print(f"已将单位 {args.merge[1]} 并入 {args.merge[0]}。")
        versions = arc.versions()
        for body in arc.bodies():
            years = sorted({v.year for v in versions if v.body_id == body.id and v.year})
            aliases = f"（又名：{'、'.join(body.aliases)}）" if body.aliases else ""
            print(f"{body.id:>4}  {body.name}{aliases}　{'、'.join(map(str, years)) or '—'}")
    return 0


def default_jobs() -> int:
    return max(1, min(4, os.cpu_count() or 1))


def _print_summary(r: CheckResult) -> None:
    if r.error:
        print(f"■ {r.name}：无法读取 —— {r.error}\n")
        return
    rep = r.report
    assert rep is not None
    head = f"■ {r.name}　{rep.unit or '（单位未识别）'}　{rep.year or '（年度未识别）'}年度　{rep.format.upper()}"
    counts = "　".join(f"{SEVERITY_NAMES[s]} {r.count(s)}" for s in ("error", "warning", "info"))
    print(f"{head}\n  {counts}")
    if r.previous is not None and r.rounds is not None:
        resolved = r.previous.resolved
        still = sum(1 for f in r.findings if r.rounds.get(f.fingerprint) == RoundState.OPEN)
        when = r.previous.when
        print(f"  整改复核：对照 {r.previous.file}（{when} 检查），已整改 {len(resolved)} 项，"
              f"未整改 {still} 项，新问题 {len(r.findings) - still} 项")
    for f in r.findings:
        where = f.location.describe()
        tag = "［未整改］" if r.previous is not None and r.rounds and r.rounds.get(f.fingerprint) == RoundState.OPEN else ""
        print(f"  [{SEVERITY_NAMES[f.severity]}] {tag}{f.rule}　{f.message}" + (f"（{where}）" if where != "全文" else ""))
    print()


def _utf8_stdout() -> None:
    """Chinese output on a Windows console or a pipe, whatever the code page."""
    for name in ("stdout", "stderr"):
        stream = getattr(sys, name)
        if stream is not None and hasattr(stream, "reconfigure"):
            with contextlib.suppress(ValueError, io.UnsupportedOperation):
                stream.reconfigure(encoding="utf-8", errors="replace")
