"""A PDF copy with a highlight and its popup note on each finding's place — the boxes the window
draws (Location.bbox: PDF points measured from the shown page's top-left corner) — written as an
incremental update: the original bytes come first, unchanged, so the pages' content and their
text layer are exactly the body's; only the annotations are added after them."""
from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import IO

from pypdf import PdfReader, PdfWriter
from pypdf.annotations import Highlight, Popup, Text
from pypdf.generic import (
    ArrayObject,
    DecodedStreamObject,
    DictionaryObject,
    FloatObject,
    NameObject,
    NumberObject,
    TextStringObject,
)

from .marks import AUTHOR, Mark

Box = tuple[float, float, float, float]  # x0, top, x1, bottom: points from the shown page's top-left
SUBJECT = "审核意见"
SUBJECT_MORE = "审核意见（续）"   # the same finding's cells on another page
COLOURS = {"error": (1.0, 0.55, 0.55), "warning": (1.0, 0.85, 0.3), "info": (0.55, 0.75, 1.0)}
PAD = 1.5            # points around a box, so a highlight covers the glyphs' full height
NOTE_SIZE = 18.0     # a whole-report note's icon
ENCRYPTED = "该 PDF 已加密，无法在副本中添加批注。"


class PdfMarkError(ValueError):
    """The PDF cannot take annotations (encrypted); the message is Chinese."""


@dataclass(frozen=True)
class Place:
    page: int
    boxes: list[Box]


def places(mark: Mark) -> list[Place]:
    """The finding's boxes by page: its anchor's page first (with the wrong cells on it), then
    the wrong cells on other pages. Empty for a finding about the whole report."""
    boxed = [loc for loc in [mark.anchor, *mark.cells] if loc.page is not None and loc.bbox is not None]
    out: dict[int, list[Box]] = {}
    for loc in boxed:
        assert loc.page is not None and loc.bbox is not None
        boxes = out.setdefault(loc.page, [])
        if loc.bbox not in boxes:
            boxes.append(loc.bbox)
    return [Place(p, b) for p, b in out.items()]


def _user_space(page: object, box: Box) -> Box:
    """A shown-page box in the page's own user space (x0, y0, x1, y1), for any /Rotate."""
    cb = page.cropbox  # type: ignore[attr-defined]
    left, bottom, right, top = float(cb.left), float(cb.bottom), float(cb.right), float(cb.top)
    rot = int(page.get("/Rotate", 0) or 0) % 360  # type: ignore[attr-defined]
    pts = []
    for u, v in ((box[0] - PAD, box[1] - PAD), (box[2] + PAD, box[3] + PAD)):
        if rot == 90:
            pts.append((left + v, bottom + u))
        elif rot == 180:
            pts.append((right - u, bottom + v))
        elif rot == 270:
            pts.append((right - v, top - u))
        else:
            pts.append((left + u, top - v))
    (xa, ya), (xb, yb) = pts
    return min(xa, xb), min(ya, yb), max(xa, xb), max(ya, yb)


def _appearance(writer: PdfWriter, rects: list[Box], bounds: Box, colour: tuple[float, float, float]) -> object:
    """A multiply-blended fill of the boxes: the highlight shows the same in every viewer, also
    those (LibreOffice, printers) that draw only an annotation's own appearance."""
    ops = ["/GS0 gs", " ".join(f"{c:.3f}" for c in colour) + " rg"]
    ops += [f"{x0 - bounds[0]:.2f} {y0 - bounds[1]:.2f} {x1 - x0:.2f} {y1 - y0:.2f} re f" for x0, y0, x1, y1 in rects]
    stream = DecodedStreamObject()
    stream.set_data("\n".join(ops).encode("ascii"))
    gs = DictionaryObject({NameObject("/Type"): NameObject("/ExtGState"), NameObject("/BM"): NameObject("/Multiply"),
                           NameObject("/ca"): FloatObject(0.6), NameObject("/CA"): FloatObject(0.6)})
    stream.update({
        NameObject("/Type"): NameObject("/XObject"), NameObject("/Subtype"): NameObject("/Form"),
        NameObject("/BBox"): ArrayObject([FloatObject(0), FloatObject(0), FloatObject(bounds[2] - bounds[0]),
                                          FloatObject(bounds[3] - bounds[1])]),
        NameObject("/Resources"): DictionaryObject({NameObject("/ExtGState"): DictionaryObject({NameObject("/GS0"): gs})}),
    })
    return writer._add_object(stream)


def _stamp(annot: DictionaryObject, text: str, subject: str, name: str) -> None:
    now = dt.datetime.now(dt.UTC)
    stamp = f"D:{now.year:04d}{now.month:02d}{now.day:02d}{now.hour:02d}{now.minute:02d}{now.second:02d}Z"
    annot[NameObject("/Contents")] = TextStringObject(text)
    annot[NameObject("/T")] = TextStringObject(AUTHOR)
    annot[NameObject("/Subj")] = TextStringObject(subject)
    annot[NameObject("/NM")] = TextStringObject(name)
    annot[NameObject("/M")] = TextStringObject(stamp)
    annot[NameObject("/CreationDate")] = TextStringObject(stamp)
    annot[NameObject("/F")] = NumberObject(4)  # printed


def _highlight(writer: PdfWriter, page: object, place: Place, text: str, subject: str, name: str,
               colour: tuple[float, float, float]) -> None:
    rects = [_user_space(page, b) for b in place.boxes]
    bounds = (min(r[0] for r in rects), min(r[1] for r in rects), max(r[2] for r in rects), max(r[3] for r in rects))
    quads = ArrayObject(FloatObject(v) for x0, y0, x1, y1 in rects for v in (x0, y1, x1, y1, x0, y0, x1, y0))
    annot = Highlight(rect=bounds, quad_points=quads, highlight_color="".join(f"{int(c * 255):02x}" for c in colour),
                      printing=True)
    _stamp(annot, text, subject, name)
    annot[NameObject("/AP")] = DictionaryObject({NameObject("/N"): _appearance(writer, rects, bounds, colour)})
    added = writer.add_annotation(place.page, annot)
    _popup(writer, page, place.page, added, bounds)


def _popup(writer: PdfWriter, page: object, page_number: int, parent: DictionaryObject, at: Box) -> None:
    cb = page.cropbox  # type: ignore[attr-defined]
    right, top = float(cb.right), min(float(cb.top), at[3] + 20)
    rect = (max(float(cb.left), right - 220), max(float(cb.bottom), top - 140), right, top)
    popup = writer.add_annotation(page_number, Popup(rect=rect, parent=parent, open=False))
    parent[NameObject("/Popup")] = popup.indirect_reference


def _note(writer: PdfWriter, number: int, text: str, name: str, slot: int) -> None:
    """A finding about the whole report (or a page of it): a note in the page's top-left margin."""
    page = writer.pages[number]
    cb = page.cropbox
    x, y = float(cb.left) + 8 + slot * (NOTE_SIZE + 4), float(cb.top) - 8
    annot = Text(rect=(x, y - NOTE_SIZE, x + NOTE_SIZE, y), text=text, open=False)
    _stamp(annot, text, SUBJECT, name)
    added = writer.add_annotation(number, annot)
    _popup(writer, page, number, added, (x, y - NOTE_SIZE, x + NOTE_SIZE, y))


def refusal(path: str | Path) -> str | None:
    """Why this PDF cannot take annotations (Chinese), or None."""
    try:
        if PdfReader(str(path)).is_encrypted:
            return ENCRYPTED
    except Exception as e:  # a PDF pypdf cannot parse (the reader took it through PDFium)
        return f"该 PDF 的结构无法写入批注（{type(e).__name__}），未生成审核标注副本。"
    return None


def mark_pdf(source: str | Path | IO[bytes], marks: Sequence[Mark], out: IO[bytes]) -> int:
    """Write `source` followed by an incremental update holding one annotation per mark; returns
    how many were placed (marks whose page the file does not have are put on the first page)."""
    src: str | IO[bytes] = str(source) if isinstance(source, (str, Path)) else source
    if PdfReader(src).is_encrypted:
        raise PdfMarkError(ENCRYPTED)
    if not isinstance(src, str):
        src.seek(0)
    writer = PdfWriter(src, incremental=True)
    pages = len(writer.pages)
    notes: dict[int, int] = {}   # page -> notes in its margin so far
    for n, mark in enumerate(marks, start=1):
        colour = COLOURS.get(str(mark.finding.severity), COLOURS["info"])
        found = [p for p in places(mark) if p.page < pages]
        if not found:
            page = mark.anchor.page if mark.anchor.page is not None and mark.anchor.page < pages else 0
            _note(writer, page, mark.text, f"nianbao-{n}", notes.get(page, 0))
            notes[page] = notes.get(page, 0) + 1
            continue
        for k, place in enumerate(found):
            subject = SUBJECT if k == 0 else SUBJECT_MORE
            _highlight(writer, writer.pages[place.page], place, mark.text, subject, f"nianbao-{n}-{k}", colour)
    writer.write(out)
    return len(marks)
