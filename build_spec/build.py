#!/usr/bin/env python3
"""Build the offline bundle: dist/nianbao-check/ (one folder, nothing to install).

    python build_spec/build.py          (from the project's .venv, with PyInstaller installed)

Writes the Windows version resource first, then runs PyInstaller on the committed spec, then
prints the bundle's size. The bundle is tested by tests/test_bundle.py and its --self-test.
"""
from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from desktop import __version__  # noqa: E402

VERSION_INFO = """VSVersionInfo(
  ffi=FixedFileInfo(filevers=({v}, 0), prodvers=({v}, 0), mask=0x3f, flags=0x0, OS=0x40004,
                    fileType=0x1, subtype=0x0, date=(0, 0)),
  kids=[StringFileInfo([StringTable('080404b0', [
      StringStruct('CompanyName', '县政务公开办'),
      StringStruct('FileDescription', '年报审校：政府信息公开工作年度报告审校工具'),
      StringStruct('FileVersion', '{dotted}'),
      StringStruct('InternalName', 'nianbao-check'),
      StringStruct('OriginalFilename', 'nianbao-check.exe'),
      StringStruct('ProductName', '年报审校 nianbao-check'),
      StringStruct('ProductVersion', '{dotted}')])]),
        VarFileInfo([VarStruct('Translation', [2052, 1200])])]
)
"""


def missing_libraries(internal: Path) -> list[str]:
    """Libraries that a bundled library links to but that neither the bundle nor a bare Linux
    desktop provides (what `ldd` reports 'not found' with the bundle on the library path)."""
    import os
    env = dict(os.environ, LD_LIBRARY_PATH=f"{internal}:{internal / 'PySide6' / 'Qt' / 'lib'}")
    out = []
    for f in internal.rglob("*.so*"):
        if f.is_symlink() or not f.is_file():
            continue
        p = subprocess.run(["ldd", str(f)], capture_output=True, text=True, env=env)
        for line in p.stdout.splitlines():
            if "not found" in line and "libxcb-icccm" not in line and "libxcb-keysyms" not in line:
                out.append(f"{f.relative_to(internal)}: {line.strip()}")
    return sorted(set(out))


def strip_own_builds(internal: Path) -> None:
    """Symbols out of libpython and Qt (half their size). Wheels' libraries patched by auditwheel
    (numpy.libs, opencv_python_headless.libs, extension modules) are left alone: stripped, they fail
    to load."""
    if not shutil.which("strip"):
        return
    targets = [f for f in [*internal.glob("libpython*.so*"), *(internal / "PySide6").rglob("*.so*")]
               if f.is_file() and not f.is_symlink()]
    for f in targets:
        subprocess.run(["strip", "--strip-unneeded", str(f)], capture_output=True)


def main() -> int:
    parts = [int(x) for x in __version__.split(".")][:3]
    while len(parts) < 3:
        parts.append(0)
    build = ROOT / "build"
    build.mkdir(exist_ok=True)
    (build / "version_info.txt").write_text(
        VERSION_INFO.format(v=", ".join(map(str, parts)), dotted=__version__), encoding="utf-8")
    dist = ROOT / "dist" / "nianbao-check"
    if dist.exists():
        shutil.rmtree(dist)
    cmd = [sys.executable, "-m", "PyInstaller", str(ROOT / "build_spec" / "nianbao-check.spec"), "--noconfirm",
           "--distpath", str(ROOT / "dist"), "--workpath", str(build / "pyinstaller"), "--log-level", "WARN"]
    rc = subprocess.call(cmd, cwd=ROOT)
    if rc != 0:
        return rc
    if sys.platform.startswith("linux"):
        strip_own_builds(dist / "_internal")
        missing = missing_libraries(dist / "_internal")
        if missing:
            print("bundle is missing shared libraries:\n  " + "\n  ".join(missing))
            return 1
    size = sum(f.stat().st_size for f in dist.rglob("*") if f.is_file() and not f.is_symlink())
    exe = dist / ("nianbao-check.exe" if sys.platform == "win32" else "nianbao-check")
    print(f"bundle: {dist}  ({size / 1024 / 1024:.0f} MB)  executable: {exe.name}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
