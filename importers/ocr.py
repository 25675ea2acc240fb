"""The offline OCR engine: rapidocr's bundled PP-OCR detection and recognition models on
onnxruntime, loaded on first use (never at start-up) from the files inside the rapidocr package
— each model is named by its path, so the engine never looks for one on the network."""
from __future__ import annotations

import threading
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt

from .errors import ReadError

Image = npt.NDArray[Any]  # uint8 pixels (cv2 types its results loosely)
_Box = tuple[float, float, float, float]  # x0, y0, x1, y1 in pixels

DET_MODEL = "PP-OCRv6_det_small.onnx"
REC_MODEL = "PP-OCRv6_rec_small.onnx"

# Speed on a 2-core PC: detection on at most 1600 px (digits stay ~25 px tall at 200 dpi), and
# short boxes (a lone digit) padded to 160 px for the recogniser instead of 320.
SPEED: dict[str, Any] = {"Rec.rec_img_shape": [3, 48, 160],
                         "Rec.rec_batch_num": 12}

_ENGINE: Any = None
_LOCK = threading.Lock()


@dataclass(frozen=True)
class Word:
    text: str
    box: _Box
    score: float  # the engine's confidence, 0..1


def model_dir() -> Path:
    """Where the models are: inside the installed (or bundled) rapidocr package."""
    import importlib.util

    spec = importlib.util.find_spec("rapidocr")
    if spec is None or spec.origin is None:
        raise ReadError("本程序未安装文字识别组件，无法读取扫描件。请向报送单位索取电子版。", kind="scanned")
    return Path(spec.origin).parent / "models"


def engine() -> Any:
    """The one engine of the process, made on first use."""
    global _ENGINE
    with _LOCK:
        if _ENGINE is None:
            models = model_dir()
            det, rec = models / DET_MODEL, models / REC_MODEL
            if not (det.is_file() and rec.is_file()):
                raise ReadError("文字识别模型缺失，无法读取扫描件。请重新安装本程序。", kind="scanned")
            from rapidocr import RapidOCR

            _bounded_sessions()
            _ENGINE = RapidOCR(params={
                "Global.log_level": "error", "Global.use_cls": False, "Global.model_root_dir": str(models),
                "Det.model_path": str(det), "Rec.model_path": str(rec),
                "EngineConfig.onnxruntime.intra_op_num_threads": 2,
                **SPEED,
            })
        return _ENGINE


def _bounded_sessions() -> None:
    """OCR's memory is what one page needs, whatever was read before: onnxruntime's memory pattern
    plans and keeps buffers per input shape (every page size adds to the reader's peak), and its CPU
    arena keeps what it once grew to. Both off for rapidocr's sessions (it exposes only the arena)."""
    from rapidocr.inference_engine.onnxruntime import main as ort_main

    make = ort_main.OrtInferSession._init_sess_opts
    if getattr(make, "bounded", False):
        return

    def bounded(cfg: Any) -> Any:
        opts = make(cfg)
        opts.enable_mem_pattern = False
        opts.enable_cpu_mem_arena = False
        return opts
    setattr(bounded, "bounded", True)  # noqa: B010
    ort_main.OrtInferSession._init_sess_opts = staticmethod(bounded)  # type: ignore[method-assign]


def read_page(image: Image) -> list[Word]:
    """Every line of text the detector finds, with its recognised text and confidence."""
    out = engine()(image, use_cls=False, text_score=0.3)
    if out.boxes is None or out.txts is None:
        return []
    words: list[Word] = []
    for quad, text, score in zip(out.boxes, out.txts, out.scores):
        q = np.asarray(quad, dtype=float)
        words.append(Word(str(text), (float(q[:, 0].min()), float(q[:, 1].min()), float(q[:, 0].max()), float(q[:, 1].max())),
                          float(score)))
    return words


def read_crops(crops: list[Image]) -> list[tuple[str, float]]:
    """Recognition only, one text line per crop (small cells the detector missed or doubted)."""
    if not crops:
        return []
    rec = engine()._load_rec_model()
    from rapidocr.ch_ppocr_rec import TextRecInput

    res = rec(TextRecInput(img=crops, return_word_box=False))
    return [(str(t), float(s)) for t, s in zip(res.txts, res.scores)]
