"""Write small PDFs for tests without any PDF library: pages of Helvetica text lines."""
from __future__ import annotations


def make_pdf(pages: list[list[tuple[float, str]]]) -> bytes:
    """pages: for each A4 page, (y from the top in points, ASCII text) lines."""
    objs: list[bytes] = [b"", b""]  # catalog and page tree, filled in below
    kids = []
    font_id = 3
    objs.append(b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>")
    for lines in pages:
        content = "".join(f"BT /F1 11 Tf 72 {842 - y:.0f} Td ({t}) Tj ET\n" for y, t in lines).encode()
        objs.append(b"<< /Length %d >>stream\n" % len(content) + content + b"endstream")
        content_id = len(objs)
        objs.append(b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents %d 0 R "
                    b"/Resources << /Font << /F1 %d 0 R >> >> >>" % (content_id, font_id))
        kids.append(len(objs))
    objs[0] = b"<< /Type /Catalog /Pages 2 0 R >>"
    objs[1] = b"<< /Type /Pages /Kids [" + b" ".join(b"%d 0 R" % k for k in kids) + b"] /Count %d >>" % len(kids)
    return pdf_file(objs)


def pdf_file(objs: list[bytes], root: int = 1) -> bytes:
    """The objects (numbered from 1) written as a PDF file with its cross-reference table."""
    out, offsets = b"%PDF-1.4\n", []
    for i, o in enumerate(objs, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % i + o + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objs) + 1)
    out += b"".join(b"%010d 00000 n \n" % off for off in offsets)
    out += b"trailer << /Size %d /Root %d 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objs) + 1, root, xref)
    return out


def one_page_pdf(content: bytes, *, rotate: int = 0, forms: list[tuple[bytes, bytes]] = (),  # type: ignore[assignment]
                 mediabox: bytes = b"0 0 595 842") -> bytes:
    """One page of `content` (Helvetica as /F1; each form XObject as /Fm1, /Fm2 … given as its
    /Matrix and content), rotated by `rotate` degrees."""
    objs: list[bytes] = [b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>", b"",
                         b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
                         b"<< /Length %d >>stream\n" % len(content) + content + b"\nendstream"]
    xobjects = b""
    for k, (matrix, body) in enumerate(forms, start=1):
        objs.append(b"<< /Type /XObject /Subtype /Form /BBox [0 0 595 842] /Matrix [%s] /Length %d >>stream\n"
                    % (matrix, len(body)) + body + b"\nendstream")
        xobjects += b"/Fm%d %d 0 R " % (k, len(objs))
    resources = b"<< /Font << /F1 4 0 R >> /XObject << %s>> >>" % xobjects
    objs[2] = (b"<< /Type /Page /Parent 2 0 R /MediaBox [%s] /Rotate %d /Contents 5 0 R /Resources %s >>"
               % (mediabox, rotate, resources))
    return pdf_file(objs)
