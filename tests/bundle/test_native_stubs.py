"""The bundle's slimming of OpenCV's native libraries (build_spec/build.py), tried on a copy of the
installed wheel: FFmpeg and AVIF replaced by stubs, its OpenBLAS by the shim onto numpy's. OpenCV
must still load and compute what it computed with the real libraries (LAPACK and CBLAS included)."""
from __future__ import annotations

import importlib.util
import os
import pickle
import shutil
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

ROOT = Path(__file__).resolve().parents[2]
pytestmark = pytest.mark.skipif(
    not sys.platform.startswith("linux") or shutil.which("cc") is None or shutil.which("readelf") is None,
    reason="the stubs are built on Linux with a C compiler")


def _build_module():
    spec = importlib.util.spec_from_file_location("bundle_build", ROOT / "build_spec" / "build.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _run(env_path: str | None) -> dict:
    env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}
    if env_path:
        env["PYTHONPATH"] = env_path
    p = subprocess.run([sys.executable, str(Path(__file__).with_name("native_check.py"))], env=env,
                       capture_output=True, timeout=120)
    assert p.returncode == 0, p.stderr.decode(errors="replace")[-2000:]
    return pickle.loads(p.stdout)


def _same(a: object, b: object, key: str) -> None:
    if isinstance(a, tuple):
        assert isinstance(b, tuple) and len(a) == len(b), key
        for x, y in zip(a, b):
            _same(x, y, key)
        return
    x, y = np.asarray(a), np.asarray(b)
    assert x.shape == y.shape, key
    if x.dtype.kind == "f":
        tol = 2e-3 if x.dtype == np.float32 or "float32" in key else 1e-8  # (two OpenBLAS builds)
        assert np.allclose(x, y, rtol=tol, atol=tol), f"{key}: {np.abs(x - y).max()}"
    else:
        assert np.array_equal(x, y), key


def test_opencv_with_stubs_and_the_blas_shim_computes_as_with_its_own_libraries(tmp_path: Path) -> None:
    import cv2

    build = _build_module()
    wheel = Path(cv2.__file__).resolve().parent
    site = tmp_path / "site"
    shutil.copytree(wheel, site / "cv2", ignore=shutil.ignore_patterns("__pycache__", "data"))
    shutil.copytree(wheel.parent / build.STUB_DIR, site / build.STUB_DIR)
    shutil.copytree(Path(np.__file__).resolve().parent.parent / "numpy.libs", site / "numpy.libs")
    before = sum(f.stat().st_size for f in (site / build.STUB_DIR).iterdir())
    done = build.stub_unused_libraries(site, tmp_path / "work")
    after = sum(f.stat().st_size for f in (site / build.STUB_DIR).iterdir())
    assert any(line.startswith("shim libopenblasp") for line in done), done
    assert sum(line.startswith("stub ") for line in done) == len(build.STUB_LIBS), done
    left = sorted(f.name.split("-")[0] for f in (site / build.STUB_DIR).iterdir())
    assert left == ["libavcodec", "libavformat", "libavif", "libavutil", "libopenblasp", "libpng16", "libswscale"]
    assert after < before - 70 * 1024 * 1024, (before, after)

    try:
        real, slim = _run(None), _run(str(site))
    finally:
        shutil.rmtree(site)  # ~180 MB of libraries
    assert real.keys() == slim.keys()
    for key in real:
        _same(real[key], slim[key], key)
    ok, x = slim["solve_lu_float64"]
    assert ok and x.shape == (160, 3)


def test_qt_with_the_cut_down_icu_data_collates_and_names_as_with_the_whole(tmp_path: Path) -> None:
    import PySide6

    build = _build_module()
    (lib,) = (Path(PySide6.__file__).parent / "Qt" / "lib").glob("libicudata.so.*")
    internal = tmp_path / "internal"
    (internal / "PySide6" / "Qt" / "lib").mkdir(parents=True)
    slim = internal / "PySide6" / "Qt" / "lib" / lib.name
    shutil.copyfile(lib, slim)
    (done,) = build.slim_icu(internal, tmp_path / "work")
    assert done.startswith("ICU data") and slim.stat().st_size < lib.stat().st_size / 4, done

    def run(preload: Path | None) -> dict:
        env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
        if preload is not None:
            env["LD_PRELOAD"] = str(preload)  # the loader takes this libicudata for Qt's
        p = subprocess.run([sys.executable, str(Path(__file__).with_name("qt_icu_check.py"))], env=env,
                           capture_output=True, timeout=120)
        assert p.returncode == 0, p.stderr.decode(errors="replace")[-2000:]
        return pickle.loads(p.stdout)

    whole, cut = run(None), run(slim)
    assert cut == whole
    pinyin = [n for n in cut["sort_zh_CN"] if n in ("阿里", "李四", "王五", "张三")]
    assert pinyin == ["阿里", "李四", "王五", "张三"] and cut["tz_zh_CN_LongName"] == "中国标准时间"
    assert cut["converter_GB18030"] and cut["converter_Big5"]
