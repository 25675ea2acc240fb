"""What Wine 8 lacks and Windows 10 1703+ has, made for a Wine prefix's System32 (never for the bundle).

    python wine_fills.py ucrtbase SRC DST      numpy 2 calls crealf/cimagf… at import; Wine only stubs them
    python wine_fills.py icuuc-def ICUUC77     Qt6Core links System32's icuuc.dll (unversioned names):
                                               a .def of forwarders to ICU 77's versioned ones

Run with a Python that has pefile (windows.sh makes one).
"""
from __future__ import annotations

import re
import sys

import pefile

# Wine's "unimplemented function" stub: sub rsp; lea rcx; lea rdx; call
STUB = re.compile(rb"^\x48\x83\xec\x28\x48\x8d\x0d....\x48\x8d\x15....\xe8....", re.S)
STUB_LEN = 23
# x64 ABI: a _Fcomplex comes in RCX, a _Dcomplex by pointer; the result in XMM0
CODE = {"crealf": "660f6ec1c3", "cimagf": "48c1e920660f6ec1c3", "cimag": "f20f104108c3",
        "creall": "f20f1001c3", "cimagl": "f20f104108c3"}


def patch_ucrtbase(src: str, dst: str) -> None:
    pe = pefile.PE(src)
    data = bytearray(pe.__data__)
    done = []
    for s in pe.DIRECTORY_ENTRY_EXPORT.symbols:
        name = s.name.decode() if s.name else ""
        if name in CODE:
            off = pe.get_offset_from_rva(s.address)
            if STUB.match(bytes(data[off:off + STUB_LEN])):
                code = bytes.fromhex(CODE[name])
                data[off:off + STUB_LEN] = code + b"\xcc" * (STUB_LEN - len(code))
                done.append(name)
    mark = data.find(b"Wine builtin DLL")
    if 0 <= mark < 0x100:
        data[mark:mark + 16] = bytes(16)  # loaded as a native DLL (DllOverrides ucrtbase=native,builtin)
    with open(dst, "wb") as f:
        f.write(data)
    print("ucrtbase.dll: implemented", ", ".join(done) or "nothing (no stubs found)")


def icuuc_def(icuuc77: str) -> None:
    pe = pefile.PE(icuuc77, fast_load=True)
    pe.parse_data_directories(directories=[pefile.DIRECTORY_ENTRY["IMAGE_DIRECTORY_ENTRY_EXPORT"]])
    print("LIBRARY icuuc.dll\nEXPORTS")
    for s in pe.DIRECTORY_ENTRY_EXPORT.symbols:
        if s.name and re.search(rb"_77$", s.name):
            name = s.name.decode()
            print(f"  {name[:-3]}=icuuc77.{name}")


if __name__ == "__main__":
    if sys.argv[1] == "ucrtbase":
        patch_ucrtbase(sys.argv[2], sys.argv[3])
    else:
        icuuc_def(sys.argv[2])
