#!/usr/bin/env python3
"""Build the offline bundle: dist/nianbao-check/ (one folder, nothing to install).

    python build_spec/build.py          (from the project's .venv, with PyInstaller installed)

Writes the Windows version resource first, then runs PyInstaller on the committed spec, then
prints the bundle's size. The bundle is tested by tests/bundle/test_bundle.py and its --self-test.
On Linux, libraries of the OCR's wheels that the program never runs are replaced by stubs and a
shim, and Qt's ICU data is cut down (needs cc and readelf; see below).
"""
from __future__ import annotations

import os
import re
import shutil
import struct
import subprocess
import sys
from collections.abc import Callable
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


# OpenCV's wheel links FFmpeg (video I/O) and libavif (AVIF images): ~42 MB with what they pull in
# (libvpx, libaom, OpenSSL, libdrm, libswresample). The program only calls OpenCV's image
# processing on arrays (importers.scan, importers.grid, rapidocr), never cv2.VideoCapture nor
# cv2.imread of an AVIF file, so each of these libraries is replaced by a stub with the same SONAME,
# the same version nodes and every symbol it exports (functions return 0, data is zeroed): the
# loader is satisfied, nothing of it is ever run. OpenBLAS stays: OpenCV's solve/SVD call LAPACK.
# Pillow links libxcb (with libXau, 2.2 MB) for ImageGrab's X11 screen grab only: a stub too.
STUB_DIR = "opencv_python_headless.libs"
STUB_LIBS = ("libavcodec-", "libavformat-", "libavutil-", "libswscale-", "libavif-")
STUBS = {STUB_DIR: STUB_LIBS, "pillow.libs": ("libxcb-",)}


LINKER_SYMBOLS = frozenset({"_end", "_edata", "__bss_start", "_init", "_fini"})  # every library's own


def exported_symbols(lib: Path) -> list[tuple[str, str, int, str]]:
    """(name, type, size, version) of every symbol `lib` exports ('' for an unversioned one; a
    symbol's older, non-default versions are left out: OpenCV binds to the default)."""
    out = subprocess.run(["readelf", "--dyn-syms", "--wide", str(lib)], capture_output=True, text=True,
                         check=True).stdout
    symbols = []
    for row in out.splitlines():
        cols = row.split()
        if len(cols) < 8 or not cols[0].rstrip(":").isdigit() or cols[6] in ("UND", "ABS"):
            continue
        if cols[4] not in ("GLOBAL", "WEAK") or cols[3] not in ("FUNC", "IFUNC", "OBJECT", "NOTYPE"):
            if cols[3] == "TLS":
                raise ValueError(f"{lib.name} exports thread-local {cols[7]}: not stubbed")
            continue
        name, version = cols[7], ""
        if name.split("@")[0] in LINKER_SYMBOLS:
            continue
        if "@@" in name:
            name, version = name.split("@@", 1)
        elif "@" in name:
            continue
        size = int(cols[2], 0) if cols[2].isdigit() or cols[2].startswith("0x") else 0
        symbols.append((name, cols[3], size, version))
    return sorted(set(symbols))


def soname(lib: Path) -> str:
    out = subprocess.run(["readelf", "-d", "--wide", str(lib)], capture_output=True, text=True, check=True).stdout
    for row in out.splitlines():
        if "(SONAME)" in row:
            return row.split("[", 1)[1].rstrip("]")
    return lib.name


def stub_source(symbols: list[tuple[str, str, int, str]]) -> tuple[str, str]:
    """Assembly defining every symbol, and the version script giving each its version node."""
    asm = [".text"]
    data = [".bss"]
    for name, kind, size, _v in symbols:
        if kind == "OBJECT":
            data += [f".globl {name}", f".type {name}, @object", f".size {name}, {max(size, 1)}", ".balign 16",
                     f"{name}:", f".zero {max(size, 1)}"]
        else:
            asm += [f".globl {name}", f".type {name}, @function", f"{name}:", "xorl %eax, %eax", "ret"]
    versions: dict[str, list[str]] = {}
    for name, _k, _s, version in symbols:
        if version:
            versions.setdefault(version, []).append(name)
    script = "".join(f"{v} {{ global: {' '.join(n + ';' for n in names)} local: *; }};\n"
                     for v, names in sorted(versions.items()))
    return "\n".join(asm + data + ['.section .note.GNU-stack,"",@progbits']) + "\n", script


def stub_unused_libraries(internal: Path, work: Path) -> list[str]:
    """Replace OpenCV's FFmpeg and AVIF libraries and Pillow's libxcb by stubs, OpenCV's OpenBLAS by
    the shim (above), then drop the libraries nothing in the bundle links to any more. Returns what
    it did, one line each; nothing without a C compiler and readelf (the real libraries stay)."""
    cc = shutil.which("cc") or shutil.which("gcc")
    if cc is None or shutil.which("readelf") is None:
        return ["native libraries kept as they are (no C compiler or readelf)"]
    work.mkdir(parents=True, exist_ok=True)
    done = []
    for folder, prefixes in STUBS.items():
        for lib in sorted((internal / folder).glob("*")):
            if lib.name.startswith(prefixes) and lib.is_file() and not lib.is_symlink():
                done.append(stub_library(lib, work, cc))
    if (internal / STUB_DIR).is_dir():
        done += shim_blas(internal, work, cc)
    for folder in STUBS:
        if (internal / folder).is_dir():
            done += drop_unlinked(internal, internal / folder)
    return done


def stub_library(lib: Path, work: Path, cc: str) -> str:
    """`lib` replaced by a stub exporting the same symbols under the same SONAME and versions."""
    symbols = exported_symbols(lib)
    asm, script = stub_source(symbols)
    src, vers, out = work / f"{lib.name}.S", work / f"{lib.name}.map", work / lib.name
    src.write_text(asm, encoding="ascii")
    cmd = [cc, "-shared", "-nostdlib", "-o", str(out), str(src), f"-Wl,-soname,{soname(lib)}",
           "-Wl,-z,noexecstack", "-Wl,--hash-style=both", "-Wl,--build-id=none"]
    if script:
        vers.write_text(script, encoding="ascii")
        cmd.append(f"-Wl,--version-script={vers}")
    subprocess.run(cmd, check=True, capture_output=True)
    line = f"stub {lib.name}: {len(symbols)} symbols, {lib.stat().st_size // 1024} KB -> {out.stat().st_size // 1024} KB"
    shutil.copyfile(out, lib)
    return line


# OpenCV's wheel brings its own OpenBLAS (38 MB, with its gfortran and quadmath) beside numpy's
# (25 MB). OpenCV calls 19 of its functions (solve, invert, SVD, eigen, gemm: `SHIM_FUNCTIONS`);
# its library is replaced by a shim that hands each call to numpy's OpenBLAS (64-bit integers,
# scipy_ names), widening the integer arguments and copying the pivots back. One OpenBLAS remains.
SHIM_LIB = "libopenblasp-"
NUMPY_BLAS = "libscipy_openblas64_"
SHIM_C = r"""
#include <stdint.h>
#include <stdlib.h>
#include <stddef.h>
typedef int32_t I;
typedef int64_t L;
#define F(name) scipy_##name##_64_
#define C(name) scipy_cblas_##name##64_

/* numpy's OpenBLAS: Fortran LAPACK with 64-bit integers and the strings' lengths last */
#define GESDD(p, T) \
extern void F(p##gesdd)(const char*, const L*, const L*, T*, const L*, T*, T*, const L*, T*, const L*, T*, \
                        const L*, L*, L*, size_t); \
void p##gesdd_(const char* jobz, const I* m, const I* n, T* a, const I* lda, T* s, T* u, const I* ldu, T* vt, \
               const I* ldvt, T* work, const I* lwork, I* iwork, I* info) { \
    L m_ = *m, n_ = *n, lda_ = *lda, ldu_ = *ldu, ldvt_ = *ldvt, lwork_ = *lwork, info_ = 0; \
    L k = (m_ < n_ ? m_ : n_); L* iw = malloc(sizeof(L) * (size_t)(8 * (k > 0 ? k : 1))); (void)iwork; \
    if (!iw) { *info = -1000; return; } \
    F(p##gesdd)(jobz, &m_, &n_, a, &lda_, s, u, &ldu_, vt, &ldvt_, work, &lwork_, iw, &info_, 1); \
    free(iw); *info = (I)info_; }
GESDD(s, float)
GESDD(d, double)

#define GEQRF(p, T) \
extern void F(p##geqrf)(const L*, const L*, T*, const L*, T*, T*, const L*, L*); \
void p##geqrf_(const I* m, const I* n, T* a, const I* lda, T* tau, T* work, const I* lwork, I* info) { \
    L m_ = *m, n_ = *n, lda_ = *lda, lwork_ = *lwork, info_ = 0; \
    F(p##geqrf)(&m_, &n_, a, &lda_, tau, work, &lwork_, &info_); *info = (I)info_; }
GEQRF(s, float)
GEQRF(d, double)

#define GELS(p, T) \
extern void F(p##gels)(const char*, const L*, const L*, const L*, T*, const L*, T*, const L*, T*, const L*, L*, \
                       size_t); \
void p##gels_(const char* trans, const I* m, const I* n, const I* nrhs, T* a, const I* lda, T* b, const I* ldb, \
              T* work, const I* lwork, I* info) { \
    L m_ = *m, n_ = *n, nrhs_ = *nrhs, lda_ = *lda, ldb_ = *ldb, lwork_ = *lwork, info_ = 0; \
    F(p##gels)(trans, &m_, &n_, &nrhs_, a, &lda_, b, &ldb_, work, &lwork_, &info_, 1); *info = (I)info_; }
GELS(s, float)
GELS(d, double)

#define GESV(p, T) \
extern void F(p##gesv)(const L*, const L*, T*, const L*, L*, T*, const L*, L*); \
void p##gesv_(const I* n, const I* nrhs, T* a, const I* lda, I* ipiv, T* b, const I* ldb, I* info) { \
    L n_ = *n, nrhs_ = *nrhs, lda_ = *lda, ldb_ = *ldb, info_ = 0; \
    L* piv = malloc(sizeof(L) * (size_t)(n_ > 0 ? n_ : 1)); \
    if (!piv) { *info = -1000; return; } \
    F(p##gesv)(&n_, &nrhs_, a, &lda_, piv, b, &ldb_, &info_); \
    for (L i = 0; i < n_; i++) ipiv[i] = (I)piv[i]; \
    free(piv); *info = (I)info_; }
GESV(s, float)
GESV(d, double)

#define GETRF(p, T) \
extern void F(p##getrf)(const L*, const L*, T*, const L*, L*, L*); \
void p##getrf_(const I* m, const I* n, T* a, const I* lda, I* ipiv, I* info) { \
    L m_ = *m, n_ = *n, lda_ = *lda, info_ = 0, k = (m_ < n_ ? m_ : n_); \
    L* piv = malloc(sizeof(L) * (size_t)(k > 0 ? k : 1)); \
    if (!piv) { *info = -1000; return; } \
    F(p##getrf)(&m_, &n_, a, &lda_, piv, &info_); \
    for (L i = 0; i < k; i++) ipiv[i] = (I)piv[i]; \
    free(piv); *info = (I)info_; }
GETRF(s, float)
GETRF(d, double)

#define POTRF(p, T) \
extern void F(p##potrf)(const char*, const L*, T*, const L*, L*, size_t); \
void p##potrf_(const char* uplo, const I* n, T* a, const I* lda, I* info) { \
    L n_ = *n, lda_ = *lda, info_ = 0; F(p##potrf)(uplo, &n_, a, &lda_, &info_, 1); *info = (I)info_; }
POTRF(s, float)
POTRF(d, double)

#define POSV(p, T) \
extern void F(p##posv)(const char*, const L*, const L*, T*, const L*, T*, const L*, L*, size_t); \
void p##posv_(const char* uplo, const I* n, const I* nrhs, T* a, const I* lda, T* b, const I* ldb, I* info) { \
    L n_ = *n, nrhs_ = *nrhs, lda_ = *lda, ldb_ = *ldb, info_ = 0; \
    F(p##posv)(uplo, &n_, &nrhs_, a, &lda_, b, &ldb_, &info_, 1); *info = (I)info_; }
POSV(s, float)
POSV(d, double)

extern void F(dgeev)(const char*, const char*, const L*, double*, const L*, double*, double*, double*, const L*,
                     double*, const L*, double*, const L*, L*, size_t, size_t);
void dgeev_(const char* jobvl, const char* jobvr, const I* n, double* a, const I* lda, double* wr, double* wi,
            double* vl, const I* ldvl, double* vr, const I* ldvr, double* work, const I* lwork, I* info) {
    L n_ = *n, lda_ = *lda, ldvl_ = *ldvl, ldvr_ = *ldvr, lwork_ = *lwork, info_ = 0;
    F(dgeev)(jobvl, jobvr, &n_, a, &lda_, wr, wi, vl, &ldvl_, vr, &ldvr_, work, &lwork_, &info_, 1, 1);
    *info = (I)info_; }

/* CBLAS: the enums are ints in both; only the sizes widen */
#define GEMM(p, T, S) \
extern void C(p##gemm)(int, int, int, L, L, L, S, const T*, L, const T*, L, S, T*, L); \
void cblas_##p##gemm(int o, int ta, int tb, I m, I n, I k, S alpha, const T* a, I lda, const T* b, I ldb, S beta, \
                     T* c, I ldc) { C(p##gemm)(o, ta, tb, m, n, k, alpha, a, lda, b, ldb, beta, c, ldc); }
GEMM(s, float, float)
GEMM(d, double, double)
GEMM(c, void, const void*)
GEMM(z, void, const void*)
"""
SHIM_FUNCTIONS = frozenset({"cblas_cgemm", "cblas_dgemm", "cblas_sgemm", "cblas_zgemm", "dgeev_", "dgels_",
                            "dgeqrf_", "dgesdd_", "dgesv_", "dgetrf_", "dposv_", "dpotrf_", "sgels_", "sgeqrf_",
                            "sgesdd_", "sgesv_", "sgetrf_", "sposv_", "spotrf_"})


def imported_symbols(lib: Path) -> set[str]:
    out = subprocess.run(["readelf", "--dyn-syms", "--wide", str(lib)], capture_output=True, text=True,
                         check=True).stdout
    return {cols[7].split("@")[0] for cols in (r.split() for r in out.splitlines()) if len(cols) >= 8 and cols[6] == "UND"}


def shim_blas(internal: Path, work: Path, cc: str) -> list[str]:
    """OpenCV's OpenBLAS replaced by the shim onto numpy's (above), when OpenCV calls nothing else of it."""
    libs, numpy_libs = internal / STUB_DIR, internal / "numpy.libs"
    blas = [f for f in libs.glob(SHIM_LIB + "*") if f.is_file()]
    target = [f for f in numpy_libs.glob(NUMPY_BLAS + "*") if f.is_file()] if numpy_libs.is_dir() else []
    if len(blas) != 1 or len(target) != 1:
        return ["OpenCV's OpenBLAS kept (not found as expected)"]
    provided = set(exported_symbols_names(blas[0]))
    wanted = set().union(*(imported_symbols(f) for f in internal.rglob("*.so*")
                           if f.is_file() and not f.is_symlink() and blas[0].name in needed(f))) & provided
    if not wanted <= SHIM_FUNCTIONS:
        return [f"OpenCV's OpenBLAS kept: it is called for {sorted(wanted - SHIM_FUNCTIONS)}"]
    work.mkdir(parents=True, exist_ok=True)
    src, out = work / "blas_shim.c", work / blas[0].name
    src.write_text(SHIM_C, encoding="ascii")
    rpath = "$ORIGIN/" + os.path.relpath(numpy_libs, libs)
    subprocess.run([cc, "-shared", "-fPIC", "-O2", "-o", str(out), str(src), f"-Wl,-soname,{soname(blas[0])}",
                    f"-L{numpy_libs}", f"-l:{target[0].name}", f"-Wl,-rpath,{rpath}", "-Wl,--build-id=none",
                    "-Wl,-z,noexecstack"], check=True, capture_output=True)
    line = f"shim {blas[0].name} -> numpy.libs/{target[0].name}: {blas[0].stat().st_size // 1024} KB -> " \
           f"{out.stat().st_size // 1024} KB"
    shutil.copyfile(out, blas[0])
    return [line]


def exported_symbols_names(lib: Path) -> list[str]:
    return [name for name, _t, _s, _v in exported_symbols(lib)]


# Qt's ICU data (libicudata, 31 MB) holds every locale's names, collations and calendars, 230
# converters and the dictionaries of Thai, Lao, Khmer, Burmese and Chinese word breaking. Qt calls
# ICU for collation (QCollator), time-zone names, case mapping and converters by name; the window
# is Chinese and English. The data is rebuilt (the same ICU common-data format, TOC and items) with
# the locale items of root, zh* and en* and every item that is no locale's, the Chinese and Windows
# converters, without the break dictionaries (Qt breaks text itself) and the transliterators.
ICU_LOCALES = re.compile(r"^[a-z]{2,3}(_[A-Za-z0-9]+)*\.res$")
ICU_KEEP_LOCALES = ("root", "zh", "en")
ICU_KEEP_CONVERTERS = ("gb18030", "windows-936", "windows-950", "ibm-1383_", "ibm-1386_", "ibm-1373_", "ibm-950_",
                       "ibm-5346_", "ibm-5347_",
                       "ibm-5348_", "ibm-5349_", "ibm-5350_", "ibm-5351_", "ibm-5352_", "ibm-5353_", "ibm-5354_")


def keep_icu_item(name: str) -> bool:
    """Whether the ICU data keeps `name` (icudt73l/coll/zh.res, icudt73l/gb18030.cnv, …)."""
    parts = name.split("/")
    base, tree = parts[-1], parts[1] if len(parts) > 2 else ""
    if tree == "translit" or base.endswith(".dict"):
        return False
    if base.endswith(".cnv"):
        return base.startswith(ICU_KEEP_CONVERTERS)
    if ICU_LOCALES.match(base):
        locale = base[:-4]
        return locale.split("_")[0] in ICU_KEEP_LOCALES
    return True


def icu_common_data(lib: Path) -> tuple[str, bytes]:
    """The symbol name and bytes of the ICU common data that `lib` (libicudata) exports."""
    syms = subprocess.run(["readelf", "--dyn-syms", "--wide", str(lib)], capture_output=True, text=True, check=True).stdout
    name, addr, size = "", 0, 0
    for cols in (r.split() for r in syms.splitlines()):
        if len(cols) >= 8 and cols[7].startswith("icudt") and cols[6] != "UND":
            name, addr, size = cols[7].split("@")[0], int(cols[1], 16), int(cols[2], 0)
    heads = subprocess.run(["readelf", "-l", "--wide", str(lib)], capture_output=True, text=True, check=True).stdout
    raw = lib.read_bytes()
    for cols in (r.split() for r in heads.splitlines()):
        if cols and cols[0] == "LOAD":
            offset, vaddr, _p, filesz = (int(x, 16) for x in cols[1:5])
            if name and vaddr <= addr < vaddr + filesz:
                return name, raw[offset + addr - vaddr: offset + addr - vaddr + size]
    raise ValueError(f"no ICU data in {lib.name}")


def subset_icu_data(blob: bytes, keep: Callable[[str], bool]) -> tuple[bytes, int, int]:
    """The common data with only the items `keep` names: (bytes, items kept, items in all). The
    header is kept; the TOC (count, then name and data offsets from the TOC's start, names sorted)
    is written anew, each item 16-byte aligned as pkgdata writes them."""
    head = struct.unpack_from("<H", blob, 0)[0]
    if blob[2:4] != b"\xda\x27" or b"CmnD" not in blob[:head]:
        raise ValueError("not ICU common data")
    count = struct.unpack_from("<I", blob, head)[0]
    entries = [struct.unpack_from("<II", blob, head + 4 + 8 * i) for i in range(count)]
    items = []
    for i, (name_at, data_at) in enumerate(entries):
        end = entries[i + 1][1] if i + 1 < count else len(blob) - head
        name = blob[head + name_at: blob.index(b"\0", head + name_at)]
        if keep(name.decode("ascii")):
            items.append((name, blob[head + data_at: head + end]))
    names_at = 4 + 8 * len(items)
    names = b"".join(n + b"\0" for n, _d in items)
    data_at = (names_at + len(names) + 15) // 16 * 16
    toc, body, name_off, offset = [struct.pack("<I", len(items))], [], names_at, data_at
    for name, data in items:
        toc.append(struct.pack("<II", name_off, offset))
        name_off += len(name) + 1
        padded = data + b"\0" * (-len(data) % 16)
        body.append(padded)
        offset += len(padded)
    out = b"".join(toc) + names
    out += b"\0" * (data_at - len(out))
    return blob[:head] + out + b"".join(body), len(items), count


def slim_icu(internal: Path, work: Path) -> list[str]:
    """Qt's ICU data cut to what the program can ask of it (above); nothing without a C compiler."""
    libs = [f for f in (internal / "PySide6" / "Qt" / "lib").glob("libicudata.so.*") if f.is_file() and not f.is_symlink()]
    cc = shutil.which("cc") or shutil.which("gcc")
    if len(libs) != 1 or cc is None or shutil.which("readelf") is None:
        return ["Qt's ICU data kept (not found, or no C compiler or readelf)"] if libs else []
    lib = libs[0]
    symbol, blob = icu_common_data(lib)
    data, kept, total = subset_icu_data(blob, keep_icu_item)
    work.mkdir(parents=True, exist_ok=True)
    (work / "icudata.bin").write_bytes(data)
    src, out = work / "icudata.S", work / lib.name
    src.write_text(f'.section .rodata\n.globl {symbol}\n.type {symbol}, @object\n.size {symbol}, {len(data)}\n'
                   f'.balign 16\n{symbol}:\n.incbin "{work / "icudata.bin"}"\n.section .note.GNU-stack,"",@progbits\n',
                   encoding="utf-8")
    subprocess.run([cc, "-shared", "-nostdlib", "-o", str(out), str(src), f"-Wl,-soname,{soname(lib)}",
                    "-Wl,--build-id=none", "-Wl,-z,noexecstack"], check=True, capture_output=True)
    line = f"ICU data {lib.name}: {kept} of {total} items, {lib.stat().st_size // 1024} KB -> {out.stat().st_size // 1024} KB"
    shutil.copyfile(out, lib)
    return [line]


def needed(lib: Path) -> set[str]:
    out = subprocess.run(["readelf", "-d", "--wide", str(lib)], capture_output=True, text=True).stdout
    return {row.split("[", 1)[1].rstrip("]") for row in out.splitlines() if "(NEEDED)" in row}


def drop_unlinked(internal: Path, libs: Path) -> list[str]:
    """Delete the libraries of `libs` that no library or extension module of the bundle links to."""
    dropped = []
    while True:
        files = [f for f in internal.rglob("*.so*") if f.is_file() and not f.is_symlink()]
        wanted = set().union(*(needed(f) for f in files))
        gone = [f for f in libs.iterdir() if f.is_file() and f.name not in wanted]
        if not gone:
            return dropped
        for f in gone:
            dropped.append(f"dropped {f.name} ({f.stat().st_size // 1024} KB): nothing links to it")
            f.unlink()


def share_the_cli(dist: Path) -> str | None:
    """Linux: the console and windowed executables are the same file (the console flag is Windows'),
    so nianbao-check-cli becomes a link to nianbao-check instead of an 8 MB copy."""
    gui, cli = dist / "nianbao-check", dist / "nianbao-check-cli"
    if not (gui.is_file() and cli.is_file() and not cli.is_symlink()) or gui.read_bytes() != cli.read_bytes():
        return None
    cli.unlink()
    cli.symlink_to(gui.name)
    return f"{cli.name} -> {gui.name} (the same program)"


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
        for what in stub_unused_libraries(dist / "_internal", build / "stubs") + slim_icu(dist / "_internal", build / "icu"):
            print(what)
        strip_own_builds(dist / "_internal")
        shared = share_the_cli(dist)
        if shared:
            print(shared)
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
