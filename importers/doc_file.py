"""Word 97-2003 (.doc) and WPS (.wps) documents: not read yet, the advice stays."""
from __future__ import annotations

from pathlib import Path

from .document import Document
from .errors import ReadError


def read_doc(path: Path) -> Document:
    raise ReadError(
        "这是旧版 Word 97-2003 文档（.doc/.wps），暂不能直接读取。请用 Word 或 WPS 打开后“另存为”.docx 再检查。",
        kind="unsupported",
    )
