"""A reader that runs out of memory on a file retries it once in a fresh reader before it answers;
the answer then names memory, never 内部错误 (issue 25: onnxruntime's std::bad_alloc under the cap)."""
from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest

from pipeline.check import check_file, out_of_memory
from pipeline.sandbox import ReaderPool

pytestmark = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="the Linux sandbox is tested here")


class ONNXRuntimeError(Exception):
    """What rapidocr raises when onnxruntime's allocation fails."""


def out_of_memory_once(marker: str) -> int:
    """Fails like onnxruntime under the cap in the first reader that tries, works in the next."""
    if not os.path.exists(marker):
        Path(marker).write_text(str(os.getpid()), encoding="utf-8")
        raise MemoryError
    return os.getpid()


def bad_alloc_in_check(path: str) -> object:
    """check_file with the OCR engine failing as it does under the reader's cap."""
    from pipeline import check

    def failing(*_a: object, **_k: object) -> object:
        raise ONNXRuntimeError("[ONNXRuntimeError] : 6 : RUNTIME_EXCEPTION : std::bad_alloc")
    check.read_with = failing  # type: ignore[assignment]
    return check_file(path)


def test_out_of_memory_once_is_retried_in_a_fresh_reader(tmp_path: Path) -> None:
    marker = tmp_path / "first"
    with ReaderPool(1) as pool:
        answer = pool.run(out_of_memory_once, (str(marker),), 30.0, "扫描件.pdf")
    assert answer.ok, answer.error
    assert answer.value != int(marker.read_text(encoding="utf-8"))   # another process answered


def test_out_of_memory_twice_names_memory() -> None:
    with ReaderPool(1, memory_mb=200) as pool:
        answer = pool.run(bytearray, (1024 * 1024 * 1024,), 30.0, "大.pdf")
    assert answer.kind == "memory" and "内存" in answer.error and "内部错误" not in answer.error


def test_a_library_bad_alloc_in_a_reader_is_memory_not_an_internal_error(tmp_path: Path) -> None:
    p = tmp_path / "扫描件.pdf"
    p.write_bytes(b"%PDF-1.4\n")
    with ReaderPool(1) as pool:
        answer = pool.run(bad_alloc_in_check, (str(p),), 30.0, p.name)
    assert answer.kind == "memory" and "内存" in answer.error and "内部错误" not in answer.error


def test_bad_alloc_is_told_from_a_bug() -> None:
    assert out_of_memory(ONNXRuntimeError("RUNTIME_EXCEPTION : std::bad_alloc"))
    assert out_of_memory(MemoryError())
    assert not out_of_memory(ValueError("invalid literal for int()"))


def test_outside_a_reader_bad_alloc_is_the_memory_message(tmp_path: Path, monkeypatch) -> None:
    from pipeline import check

    def failing(*_a: object, **_k: object) -> object:
        raise ONNXRuntimeError("std::bad_alloc")
    monkeypatch.setattr(check, "read_with", failing)
    r = check_file(tmp_path / "x.pdf")
    assert r.error is not None and "内存" in r.error and "内部错误" not in r.error
