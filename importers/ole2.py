"""Legacy OLE2 compound files (.doc, .xls, .wps, .et) and encrypted Office files: what the
container holds, for sniff, and the advice for those no reader takes."""
from __future__ import annotations

from pathlib import Path

import olefile

from .errors import ReadError


def classify(path: Path) -> str:
    """encrypted, doc, xls, ole2 (some other OLE2 file) or ole2_damaged (a container that cannot
    be opened: a truncated download, most often)."""
    try:
        with olefile.OleFileIO(str(path)) as ole:
            names = {"/".join(e).lower() for e in ole.listdir()}
    except MemoryError:
        raise
    except Exception:
        return "ole2_damaged"
    if "encryptioninfo" in names or "encryptedpackage" in names:
        return "encrypted"
    if "worddocument" in names:
        return "doc"
    if "workbook" in names or "book" in names:
        return "xls"
    return "ole2"


def read_error(kind: str) -> ReadError:
    """Why an encrypted or unknown OLE2 file cannot be read."""
    if kind == "encrypted":
        return ReadError("文件设置了打开密码（已加密），无法读取。请报送单位去掉密码后重新提供。", kind="encrypted")
    if kind == "ole2_damaged":
        return ReadError("文件已损坏或不完整（Office 旧格式文件的内部结构无法打开，可能下载或复制时被截断）。"
                         "请向报送单位索取完整的原文件后重新检查。", kind="corrupt")
    return ReadError("这是一个无法识别的 Office 旧格式文件。请另存为 .docx、.xlsx 或 PDF 后再检查。", kind="unsupported")
