"""Legacy OLE2 compound files (.doc, .xls, .wps, .et) and encrypted Office files."""
from __future__ import annotations

from pathlib import Path

import olefile

from model.document import Document

from .errors import ReadError


def classify(path: Path) -> str:
    """encrypted, doc, xls, other."""
    try:
        with olefile.OleFileIO(str(path)) as ole:
            names = {"/".join(e).lower() for e in ole.listdir()}
    except Exception:
        return "other"
    if "encryptioninfo" in names or "encryptedpackage" in names:
        return "encrypted"
    if "worddocument" in names:
        return "doc"
    if "workbook" in names or "book" in names:
        return "xls"
    return "other"


def read_ole2(path: Path) -> Document:
    """Read a legacy .doc/.wps or .xls/.et; other OLE2 files raise a ReadError with advice."""
    kind = classify(path)
    if kind == "xls":
        from .xls_file import read_xls
        return read_xls(path)
    if kind == "doc":
        from .doc_file import read_doc
        return read_doc(path)
    raise read_error(path, kind)


def read_error(path: Path, kind: str | None = None) -> ReadError:
    kind = kind or classify(path)
    if kind == "encrypted":
        return ReadError("文件设置了打开密码（已加密），无法读取。请报送单位去掉密码后重新提供。", kind="encrypted")
    if kind == "doc":
        return ReadError(
            "这是旧版 Word 97-2003 文档（.doc/.wps），暂不能直接读取。请用 Word 或 WPS 打开后“另存为”.docx 再检查。",
            kind="unsupported",
        )
    if kind == "xls":
        return ReadError(
            "这是旧版 Excel 97-2003 工作簿（.xls/.et），暂不能直接读取。请用 Excel 或 WPS 打开后“另存为”.xlsx 再检查。",
            kind="unsupported",
        )
    return ReadError("这是一个无法识别的 Office 旧格式文件。请另存为 .docx、.xlsx 或 PDF 后再检查。", kind="unsupported")
