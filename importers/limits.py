"""Guards applied before unpacking a container: zip bombs, absurd sizes."""
from __future__ import annotations

import zipfile
from pathlib import Path

from .errors import ReadError, corrupt

MAX_UNPACKED_BYTES = 300 * 1024 * 1024
MAX_RATIO = 200


def check_zip(path: Path, what: str) -> None:
    """Refuse a damaged zip or one that would unpack to far more than a report can hold."""
    try:
        with zipfile.ZipFile(path) as z:
            infos = z.infolist()
    except (zipfile.BadZipFile, OSError, ValueError) as e:
        raise corrupt(what, "压缩结构损坏") from e
    total = sum(i.file_size for i in infos)
    packed = max(1, sum(i.compress_size for i in infos))
    if total > MAX_UNPACKED_BYTES or (total > 20 * 1024 * 1024 and total / packed > MAX_RATIO):
        raise ReadError(
            f"{what}解压后异常庞大（约 {total // (1024 * 1024)} MB），可能是损坏或恶意构造的文件，已拒绝打开。"
            "请向报送单位索取正常保存的文件。",
            kind="too_large",
        )
