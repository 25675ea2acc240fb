"""Legacy OLE2 compound files (.doc, .xls, .wps, .et) and encrypted Office files: what the
container holds, for sniff, and the advice for those no reader takes."""
from __future__ import annotations

from pathlib import Path

import olefile

from .errors import ReadError


def classify(path: Path) -> str:
    """encrypted, doc, xls, or ole2 (some other OLE2 file)."""
    try:
        with olefile.OleFileIO(str(path)) as ole:
            names = {"/".join(e).lower() for e in ole.listdir()}
    except Exception:
        return "ole2"
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
    return ReadError("这是一个无法识别的 Office 旧格式文件。请另存为 .docx、.xlsx 或 PDF 后再检查。", kind="unsupported")
