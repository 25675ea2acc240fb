"""What OpenCV computes with its native libraries, printed as pickled arrays: run with the wheel's
libraries and with the bundle's stubs and BLAS shim (tests/bundle/test_native_stubs.py), the two
must agree. Sizes are above OpenCV's small-matrix limits, so LAPACK and CBLAS are really called."""
import pickle
import sys

import cv2
import numpy as np

rng = np.random.default_rng(7)
out: dict[str, object] = {}
N = 160
for dt in (np.float32, np.float64):
    a = rng.standard_normal((N, N)).astype(dt)
    b = rng.standard_normal((N, 3)).astype(dt)
    spd = (a @ a.T + N * np.eye(N)).astype(dt)
    tall = rng.standard_normal((N + 40, N)).astype(dt)
    tb = rng.standard_normal((N + 40, 2)).astype(dt)
    k = dt.__name__
    for name, flag, m, rhs in (("lu", cv2.DECOMP_LU, a, b), ("svd", cv2.DECOMP_SVD, a, b),
                               ("cholesky", cv2.DECOMP_CHOLESKY, spd, b), ("qr", cv2.DECOMP_QR, tall, tb),
                               ("normal", cv2.DECOMP_SVD | cv2.DECOMP_NORMAL, tall, tb)):
        ok, x = cv2.solve(m, rhs, flags=flag)
        out[f"solve_{name}_{k}"] = (ok, x)
    out[f"invert_lu_{k}"] = cv2.invert(a, flags=cv2.DECOMP_LU)
    out[f"invert_svd_{k}"] = cv2.invert(a, flags=cv2.DECOMP_SVD)
    out[f"invert_cholesky_{k}"] = cv2.invert(spd, flags=cv2.DECOMP_CHOLESKY)
    out[f"svd_{k}"] = cv2.SVDecomp(a)[0]  # singular values (vectors differ by sign between libraries)
    out[f"det_{k}"] = cv2.determinant(a)
    out[f"gemm_{k}"] = cv2.gemm(a, a, 1.0, None, 0.0)
    c = rng.standard_normal((N, N, 2)).astype(dt)
    out[f"cgemm_{k}"] = cv2.gemm(c, c, 1.0, None, 0.0)
    out[f"eigen_{k}"] = np.sort(cv2.eigen(spd)[1].ravel())
# what importers.scan and grid call: rotation, thresholds, morphology, components, PNG
img = (rng.random((300, 400)) * 255).astype(np.uint8)
rot = cv2.getRotationMatrix2D((200, 150), 1.5, 1.0)
out["warp"] = cv2.warpAffine(img, rot, (400, 300), flags=cv2.INTER_LINEAR, borderValue=255)
out["otsu"] = cv2.threshold(img, 0, 255, cv2.THRESH_BINARY | cv2.THRESH_OTSU)[1]
out["open"] = cv2.morphologyEx(out["otsu"], cv2.MORPH_OPEN, cv2.getStructuringElement(cv2.MORPH_RECT, (9, 1)))
out["components"] = cv2.connectedComponentsWithStats(out["open"])[2]
out["png"] = cv2.imdecode(cv2.imencode(".png", img)[1], cv2.IMREAD_GRAYSCALE)
quad = np.float32([[0, 0], [100, 3], [98, 60], [2, 58]])
out["perspective"] = cv2.getPerspectiveTransform(quad, np.float32([[0, 0], [100, 0], [100, 60], [0, 60]]))
sys.stdout.buffer.write(pickle.dumps(out))
