"""The one error an importer raises: the file cannot be read, with a message for the inspector."""
from __future__ import annotations


class ReadError(Exception):
    """A file that cannot be read. `message` is Chinese and says what is wrong and what to do."""

    def __init__(self, message: str, *, kind: str = "unreadable") -> None:
        super().__init__(message)
        self.message = message
        self.kind = kind  # corrupt, encrypted, scanned, unsupported, empty, too_large, io


def corrupt(fmt: str, detail: str = "") -> ReadError:
    extra = f"（{detail}）" if detail else ""
    return ReadError(
        f"文件已损坏或不完整，无法作为 {fmt} 打开{extra}。请向报送单位索取完整的原文件后重新检查。",
        kind="corrupt",
    )
