"""An argparse whose help, usage and errors are Chinese (用法, 位置参数, 选项, 显示帮助)."""
from __future__ import annotations

import argparse
import sys


class ChineseHelpFormatter(argparse.HelpFormatter):
    def add_usage(self, usage, actions, groups, prefix=None) -> None:
        super().add_usage(usage, actions, groups, "用法：" if prefix is None else prefix)


class ChineseArgumentParser(argparse.ArgumentParser):
    """An ArgumentParser that speaks Chinese: 用法, 位置参数, 选项, 显示帮助, and its errors."""

    def __init__(self, *args, **kwargs) -> None:
        kwargs.setdefault("formatter_class", ChineseHelpFormatter)
        add_help = kwargs.pop("add_help", True)
        kwargs["add_help"] = False
        super().__init__(*args, **kwargs)
        self._positionals.title = "位置参数"
        self._optionals.title = "选项"
        if add_help:
            self.add_argument("-h", "--help", action="help", default=argparse.SUPPRESS, help="显示本帮助并退出")

    def add_subparsers(self, **kwargs):
        kwargs.setdefault("title", "命令")
        kwargs.setdefault("parser_class", ChineseArgumentParser)
        return super().add_subparsers(**kwargs)

    def error(self, message: str):
        self.print_usage(sys.stderr)
        self.exit(2, f"{self.prog}：错误：{_chinese_error(message)}\n")


_ERRORS = (
    ("the following arguments are required: ", "缺少必需的参数："),
    ("unrecognized arguments: ", "无法识别的参数："),
    ("expected one argument", "需要一个参数值"),
    ("expected 2 arguments", "需要两个参数值"),
    ("invalid int value: ", "不是整数："),
    ("invalid choice: ", "无效的选择："),
    ("argument ", "参数 "),
    (" (choose from ", "（可选："),
    ("ambiguous option: ", "选项不明确："),
    ("not allowed with argument ", "不能与此参数同用："),
)


def _chinese_error(message: str) -> str:
    for en, zh in _ERRORS:
        message = message.replace(en, zh)
    return message
