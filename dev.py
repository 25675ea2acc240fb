#!/usr/bin/env python3
"""Set-up and everyday commands for developers, on a fresh machine with only Python and pip.

    python3 dev.py run     create .venv if needed, install, open the window on the sample report
    python3 dev.py test    create .venv if needed, install, run the whole test suite
    python3 dev.py windows build the Windows bundle under Wine (Debian, x86-64, as root), test it in the
                           zh_CN and en_US locales, run the engine tests under Wine, take a screenshot, make
                           and test the installer (build_spec/windows/windows.sh; ~3 GB in ~/.cache/nianbao-wine)

Extra arguments go to the program (run), to pytest (test) or name the steps to run (windows).
"""
from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent
VENV = ROOT / ".venv"
BIN = VENV / ("Scripts" if os.name == "nt" else "bin")
PY = BIN / ("python.exe" if os.name == "nt" else "python")

# Shared libraries Qt needs on a bare Debian: offscreen (tests), and a real screen (run).
# fonts-noto-cjk: the tests print reports to PDF with Qt, which needs a Chinese font.
# gcc, libc6-dev, binutils: the bundle build makes OpenCV's unused libraries into stubs (build_spec/build.py).
# pandoc, poppler-utils (pdftotext), lynx, w3m: the real converters the reader's property test runs
# (tests/recognise/test_converters.py; each one missing is skipped by name).
DEBIAN_TEST = ["libegl1", "libgl1", "libxkbcommon0", "libfontconfig1", "libdbus-1-3", "libglib2.0-0", "fonts-noto-cjk",
               "gcc", "libc6-dev", "binutils", "pandoc", "poppler-utils", "lynx", "w3m"]
DEBIAN_RUN = [*DEBIAN_TEST, "libxcb-cursor0", "libxcb-icccm4", "libxcb-keysyms1", "libxcb-image0",
                            "libxcb-render-util0", "libxcb-shape0", "libxcb-xinerama0", "libxkbcommon-x11-0"]


CONSTRAINTS = ROOT / "build_spec" / "constraints.txt"  # upper bounds that hold the bundle's size


def ensure_venv() -> None:
    if not PY.exists():
        print("创建虚拟环境 .venv …", flush=True)
        venv.create(VENV, with_pip=True)
    stamp = VENV / ".installed"
    want = hashlib.sha256((ROOT / "pyproject.toml").read_bytes() + CONSTRAINTS.read_bytes()).hexdigest()
    if stamp.exists() and stamp.read_text() == want:
        return
    print("安装依赖 …", flush=True)
    subprocess.check_call([str(PY), "-m", "pip", "install", "-q", "--upgrade", "pip"])
    subprocess.check_call([str(PY), "-m", "pip", "install", "-q", "-e", f"{ROOT}[test]", "-c", str(CONSTRAINTS)])
    stamp.write_text(want)


def ensure_debian(packages: list[str]) -> None:
    """Install missing Debian packages when this is a Debian machine we may change (root)."""
    if not sys.platform.startswith("linux") or not shutil.which("apt-get") or not shutil.which("dpkg-query"):
        return
    missing = [p for p in packages if subprocess.run(["dpkg-query", "-W", "-f=${Status}", p], capture_output=True,
                                                     text=True).stdout.strip() != "install ok installed"]
    if not missing:
        return
    if os.geteuid() != 0:
        print(f"提示：缺少系统软件包 {' '.join(missing)}，请用 sudo apt-get install 安装。", flush=True)
        return
    print(f"安装系统软件包 {' '.join(missing)} …", flush=True)
    env = dict(os.environ, DEBIAN_FRONTEND="noninteractive")
    subprocess.run(["apt-get", "update", "-qq"], env=env, check=False)
    subprocess.run(["apt-get", "install", "-y", "-qq", "--no-install-recommends", *missing], env=env, check=False)


def main(argv: list[str]) -> int:
    if not argv or argv[0] not in {"run", "test", "windows"}:
        print(__doc__)
        return 2
    cmd, rest = argv[0], argv[1:]
    if cmd == "windows":  # CPU-heavy for ~15 min: niced, as the machine is shared
        script = ROOT / "build_spec" / "windows" / "windows.sh"
        return subprocess.call(["nice", "-n", "10", "bash", str(script), *rest], cwd=ROOT)
    if cmd == "run":
        ensure_debian(DEBIAN_RUN)
        ensure_venv()
        sample = ROOT / "resources" / "samples" / "sample_report.docx"
        return subprocess.call([str(PY), "-m", "desktop", *(rest or [str(sample)])], cwd=ROOT)
    ensure_debian(DEBIAN_TEST)
    ensure_venv()
    env = dict(os.environ, QT_QPA_PLATFORM=os.environ.get("QT_QPA_PLATFORM", "offscreen"))
    return subprocess.call([str(PY), "-m", "pytest", "-q", *rest], cwd=ROOT, env=env)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
