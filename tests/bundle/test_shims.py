"""The stand-ins the bundle carries instead of shapely and cryptography (build_spec/shims) give
what the program asks of them."""
from __future__ import annotations

import random
import subprocess
import sys
from pathlib import Path

import pytest

SHIMS = Path(__file__).resolve().parents[2] / "build_spec" / "shims"


def _shim_polygon():
    import importlib.util
    spec = importlib.util.spec_from_file_location("shim_geometry", SHIMS / "shapely" / "geometry.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module.Polygon


def test_the_polygon_stand_in_measures_boxes_as_shapely_does() -> None:
    import numpy as np
    from shapely.geometry import Polygon as Real
    Shim = _shim_polygon()
    rng = random.Random(7)
    for _ in range(500):  # detected text boxes: four corners, float32, in either orientation
        x, y, w, h = rng.uniform(0, 2000), rng.uniform(0, 2000), rng.uniform(1, 600), rng.uniform(1, 80)
        box = np.array([[x, y], [x + w, y + rng.uniform(-3, 3)], [x + w, y + h], [x + rng.uniform(-3, 3), y + h]], dtype=np.float32)
        if rng.random() < 0.5:
            box = box[::-1]
        assert Shim(box).area == pytest.approx(Real(box).area, rel=1e-6)
        assert Shim(box).length == pytest.approx(Real(box).length, rel=1e-6)


def test_pdfminer_imports_with_the_cryptography_stand_in() -> None:
    code = ("import sys; sys.path.insert(0, sys.argv[1])\n"
            "import cryptography, pdfminer.pdfdocument, pdfplumber\n"
            "assert cryptography.__file__.startswith(sys.argv[1]), cryptography.__file__\n"
            "from cryptography.hazmat.primitives.ciphers import Cipher, algorithms, modes\n"
            "try:\n    Cipher(algorithms.AES(b'k' * 16), modes.CBC(b'0' * 16))\nexcept ValueError as e:\n    print('refused:', e)\n")
    p = subprocess.run([sys.executable, "-c", code, str(SHIMS)], capture_output=True, text=True, timeout=60)
    assert p.returncode == 0, p.stderr
    assert p.stdout.startswith("refused: AES decryption (an encrypted PDF) is not bundled")  # said as encrypted
