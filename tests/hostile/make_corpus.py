"""Hostile and broken inputs for goalcheck, built at test time (issue 16).

Each ``Kind`` is one way a file can be broken, malicious or odd. It builds its
file into a folder (large ones are made on the spot, never committed) and
says what goalcheck must do with it: refuse it with a message starting with
``message``, or read it (with a warning starting with ``message`` when one
is expected, and at least ``min_goals`` goals).

    python tests/hostile/make_corpus.py DIR        # write every kind into DIR
    python tests/hostile/make_corpus.py --table    # the table of docs/hostile_input.md
    python tests/hostile/make_corpus.py --write-doc  # rewrite that table in the docs

All students and plans are fictional and written for these tests.
"""

from __future__ import annotations

import io
import os
import random
import socket
import stat
import struct
import sys
import zipfile
import zlib
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

# ------------------------------------------------------------------ the IEP text inside every readable kind

STUDENT = "Tomás"
GOAL = ("By June 2027, given a grade 3 passage, Tomás will read aloud 90 words correct per minute "
        "in 3 of 4 trials, as measured by weekly fluency probes.")
GOAL_2 = ("By June 2027, when given 10 two-digit addition problems, Tomás will solve 8 correctly on "
          "4 of 5 weekly probes, as recorded on the teacher's data sheet.")
IEP_LINES = [
    "Individualized Education Program",
    "Student: Tomás Reyes    Grade: 3",
    "Present Levels of Academic Achievement and Functional Performance",
    "Tomás reads 60 words correct per minute and enjoys books about trains.",
    "Measurable Annual Goals",
    "Goal 1: " + GOAL,
    "Goal 2: " + GOAL_2,
    "Services",
    "Tomás will receive reading support 3x30 minutes weekly.",
]
IEP_TEXT = "\n".join(IEP_LINES) + "\n"
SPANISH_TEXT = "\n".join([
    "Programa de Educación Individualizado",
    "Estudiante: Lucía Herrera    Grado: 4",
    "Niveles actuales de rendimiento académico y funcional",
    "Lucía lee cincuenta palabras por minuto y le gustan los cuentos de animales y de la granja.",
    "Metas anuales medibles",
    "Meta 1: Para junio de 2027, dada una lectura de cuarto grado, Lucía leerá en voz alta noventa "
    "palabras correctas por minuto en tres de cuatro pruebas, según las mediciones semanales del maestro.",
    "Meta 2: Para junio de 2027, Lucía resolverá ocho de diez problemas de suma con dos dígitos en "
    "cuatro de cinco pruebas semanales, según los registros de la maestra de apoyo.",
]) + "\n"
PASSWORD = "s3cret-Plan"


# ------------------------------------------------------------------ raw PDF writing


def _pdf_string(text: str) -> str:
    return "(" + text.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)") + ")"


def text_content(lines: list[str], *, font: str = "F1", size: float = 11, top: float = 740) -> bytes:
    """A content stream drawing ``lines`` top to bottom (latin-1 text)."""
    ops = [f"BT /{font} {size:g} Tf {size * 1.4:g} TL 60 {top:g} Td"]
    for line in lines:
        ops.append(f"{_pdf_string(line)} Tj T*")
    ops.append("ET")
    return "\n".join(ops).encode("latin-1")


def stream(body: bytes, extra: str = "", *, compress: bool = False) -> bytes:
    """A PDF stream object body (``<< /Length ... >> stream ... endstream``)."""
    if compress:
        body = zlib.compress(body)
        extra += " /Filter /FlateDecode"
    return f"<< /Length {len(body)}{extra} >>\nstream\n".encode() + body + b"\nendstream"


def write_pdf(objects: list[bytes], *, root: int = 1, trailer: str = "",
              xref_shift: int = 0, xref: bool = True) -> bytes:
    """A PDF whose object ``n`` (1-based) is ``objects[n - 1]``.

    ``xref_shift`` moves every offset of the cross-reference table (a broken
    xref); ``xref=False`` leaves the table and trailer out entirely.
    """
    out = io.BytesIO()
    out.write(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, 1):
        offsets.append(out.tell())
        out.write(f"{number} 0 obj\n".encode() + body + b"\nendobj\n")
    if not xref:
        out.write(b"%%EOF\n")
        return out.getvalue()
    start = out.tell()
    out.write(f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode())
    for off in offsets:
        out.write(f"{off + xref_shift:010d} 00000 n \n".encode())
    out.write(f"trailer\n<< /Size {len(objects) + 1} /Root {root} 0 R {trailer}>>\n"
              f"startxref\n{start}\n%%EOF\n".encode())
    return out.getvalue()


HELVETICA = b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>"


def simple_pdf(pages: list[bytes], *, catalog_extra: str = "", page_extra: str = "",
               resources: str = "/Font << /F1 3 0 R >>", extra_objects: list[bytes] | None = None,
               mediabox: str = "0 0 612 792", **kw: Any) -> bytes:
    """Catalog 1, page tree 2, font 3, then (page, content) pairs, then ``extra_objects``.

    Extra objects are numbered from ``4 + 2 * len(pages)``.
    """
    kids = " ".join(f"{4 + 2 * i} 0 R" for i in range(len(pages)))
    objects = [
        f"<< /Type /Catalog /Pages 2 0 R {catalog_extra}>>".encode(),
        f"<< /Type /Pages /Kids [{kids}] /Count {len(pages)} >>".encode(),
        HELVETICA,
    ]
    for i, content in enumerate(pages):
        objects.append(f"<< /Type /Page /Parent 2 0 R /MediaBox [{mediabox}] /Contents {5 + 2 * i} 0 R "
                       f"/Resources << {resources} >> {page_extra}>>".encode())
        objects.append(stream(content))
    objects += extra_objects or []
    return write_pdf(objects, **kw)


def iep_pdf(**kw: Any) -> bytes:
    """The test IEP as a one-page PDF of plain text lines."""
    return simple_pdf([text_content(IEP_LINES)], **kw)


def reportlab_pdf(encrypt: str | None = None) -> bytes:
    from reportlab.lib.pagesizes import letter
    from reportlab.pdfgen import canvas

    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=letter, encrypt=encrypt)
    y = 740.0
    for line in IEP_LINES:
        c.setFont("Helvetica", 10)
        c.drawString(60, y, line)
        y -= 16
    c.showPage()
    c.save()
    return buf.getvalue()


# ------------------------------------------------------------------ PDF kinds


def many_pages(n: int) -> bytes:
    """An IEP of ``n`` pages: the goals on page 1, a numbered note on every other page."""
    pages = [text_content(IEP_LINES)] + [
        text_content([f"Progress note {i}: Tomás practised reading with a partner."]) for i in range(2, n + 1)
    ]
    return simple_pdf(pages)


def huge_page(chars: int = 200_000) -> bytes:
    """The IEP, then one page carrying ``chars`` characters of text in tiny type."""
    words = ("reading practice with a partner every morning " * (chars // 46 + 1))[:chars]
    width = 400
    lines = [words[i:i + width] for i in range(0, len(words), width)]
    body = text_content(lines, size=1, top=780)
    return simple_pdf([text_content(IEP_LINES), body])


def page_tree_loop() -> bytes:
    """A page tree whose second node lists itself and the root among its kids."""
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [4 0 R 6 0 R] /Count 2 >>",
        HELVETICA,
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 5 0 R "
        b"/Resources << /Font << /F1 3 0 R >> >> >>",
        stream(text_content(IEP_LINES)),
        b"<< /Type /Pages /Parent 2 0 R /Kids [6 0 R 2 0 R 7 0 R] /Count 3 >>",
        b"<< /Type /Page /Parent 6 0 R /MediaBox [0 0 612 792] /Contents 7 0 R >>",  # a page that is its own content
    ]
    return write_pdf(objects)


def object_loop() -> bytes:
    """Objects that refer to each other in a ring (resources and a font that point back)."""
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [4 0 R] /Count 1 /Resources 6 0 R >>",
        b"7 0 R",
        b"<< /Type /Page /Parent 2 0 R /MediaBox 8 0 R /Contents 5 0 R /Resources 6 0 R >>",
        stream(text_content(IEP_LINES)),
        b"<< /Font << /F1 9 0 R >> /Parent 6 0 R /Self 6 0 R >>",
        b"3 0 R",
        b"8 0 R",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding /Loop 9 0 R >>",
    ]
    return write_pdf(objects)


def deep_nesting(depth: int = 10_000) -> bytes:
    """A page dictionary holding an array nested ``depth`` levels deep, and a deep page tree."""
    nested = b"[" * depth + b"0" + b"]" * depth
    levels = 400
    objects = [b"<< /Type /Catalog /Pages 2 0 R >>"]
    # 2 .. levels+1 are nested /Pages nodes; the leaf page and its content follow.
    for i in range(levels):
        number = 2 + i
        parent = f"/Parent {number - 1} 0 R " if i else ""
        objects.append(f"<< /Type /Pages {parent}/Kids [{number + 1} 0 R] /Count 1 >>".encode())
    page = 2 + levels
    objects.append(f"<< /Type /Page /Parent {page - 1} 0 R /MediaBox [0 0 612 792] /Contents {page + 1} 0 R "
                   f"/Resources << /Font << /F1 {page + 2} 0 R >> >> /Junk ".encode() + nested + b" >>")
    objects.append(stream(text_content(IEP_LINES)))
    objects.append(HELVETICA)
    return write_pdf(objects)


def active_content(marker: Path) -> bytes:
    """JavaScript on open, a launch action and an embedded file; running any would create ``marker``."""
    js = f"app.launchURL('file://{marker}'); this.exportDataObject({{cName: 'payload.sh', nLaunch: 2}});"
    payload = f"#!/bin/sh\ntouch {marker}\n".encode()
    n = 6  # first extra object number for one page
    catalog = (f"/OpenAction {n} 0 R /AA << /WC {n + 1} 0 R >> "
               f"/Names << /JavaScript << /Names [(init) {n} 0 R] >> "
               f"/EmbeddedFiles << /Names [(payload.sh) {n + 2} 0 R] >> >>")
    extra = [
        f"<< /S /JavaScript /JS {_pdf_string(js)} >>".encode(),
        f"<< /S /Launch /F (/bin/sh) /Win << /F (cmd.exe) /P (/c {marker}) >> /NewWindow true >>".encode(),
        f"<< /Type /Filespec /F (payload.sh) /EF << /F {n + 3} 0 R >> >>".encode(),
        stream(payload, f" /Type /EmbeddedFile /Params << /Size {len(payload)} >>"),
    ]
    return simple_pdf([text_content(IEP_LINES)], catalog_extra=catalog,
                      page_extra=f"/AA << /O {n + 1} 0 R >> ", extra_objects=extra)


def no_tounicode() -> bytes:
    """Text shown through a composite (Identity-H) font with no ToUnicode map: codes, not letters."""
    glyphs = []
    for line in IEP_LINES:
        codes = "".join(f"{(ord(ch) * 7 + 3) % 4000:04X}" for ch in line)  # a subset font's private codes
        glyphs.append(f"<{codes}> Tj T*")
    content = ("BT /F2 10 Tf 14 TL 60 740 Td\n" + "\n".join(glyphs) + "\nET").encode()
    extra = [
        b"<< /Type /Font /Subtype /Type0 /BaseFont /ABCDEF+Calibri /Encoding /Identity-H "
        b"/DescendantFonts [7 0 R] >>",
        b"<< /Type /Font /Subtype /CIDFontType2 /BaseFont /ABCDEF+Calibri "
        b"/CIDSystemInfo << /Registry (Adobe) /Ordering (Identity) /Supplement 0 >> /DW 500 >>",
    ]
    return simple_pdf([content], resources="/Font << /F2 6 0 R >>", extra_objects=extra)


def _image_page(width: int, height: int, data: bytes, *, bits: int = 8, colour: str = "/DeviceGray",
                compress: bool = True, mediabox: str = "0 0 612 792") -> bytes:
    right, top = (float(v) for v in mediabox.split()[2:])
    content = f"q {right - 20:g} 0 0 {top - 20:g} 10 10 cm /Im1 Do Q".encode()
    image = stream(data, f" /Type /XObject /Subtype /Image /Width {width} /Height {height} "
                         f"/ColorSpace {colour} /BitsPerComponent {bits}", compress=compress)
    return simple_pdf([content], resources="/XObject << /Im1 6 0 R >>", extra_objects=[image],
                      mediabox=mediabox)


def image_only() -> bytes:
    """A 'scanned' page: one grey picture and no text layer (a small page, so OCR is quick)."""
    return _image_page(200, 260, bytes([200]) * (200 * 260), mediabox="0 0 144 187")


def image_bomb(side: int = 20_000) -> bytes:
    """A page showing a ``side`` x ``side`` picture (400 million pixels) that compresses to ~50 KB."""
    row = side // 8
    packer = zlib.compressobj(9)
    blank = b"\x00" * (row * 500)
    body = b"".join(packer.compress(blank) for _ in range(side // 500)) + packer.flush()
    return _image_page(side, side, body, bits=1, compress=False).replace(
        b"/BitsPerComponent 1", b"/BitsPerComponent 1 /Filter /FlateDecode")


def repeated_flate(chunk: bytes, times: int) -> bytes:
    """A zlib stream of ``chunk`` repeated ``times`` times, compressed once (fast for gigabytes).

    Each copy is a block after a full flush, which resets the compressor's
    window, so the same compressed block can be repeated; the checksum is
    computed over the whole.
    """
    packer = zlib.compressobj(9)
    head = packer.compress(chunk) + packer.flush(zlib.Z_FULL_FLUSH)
    block = packer.compress(chunk) + packer.flush(zlib.Z_FULL_FLUSH)
    packer.flush()  # the end of the stream is written by hand below
    check = 1
    for _ in range(times):
        check = zlib.adler32(chunk, check)
    return head + block * (times - 1) + b"\x03\x00" + check.to_bytes(4, "big")


def stream_bomb(decoded: int = 80 << 20) -> bytes:
    """A page whose content stream is ~80 KB compressed and ``decoded`` bytes expanded."""
    body = repeated_flate(b" " * (1 << 20), decoded >> 20)
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [4 0 R] /Count 1 >>",
        HELVETICA,
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 5 0 R >>",
        f"<< /Length {len(body)} /Filter /FlateDecode >>\nstream\n".encode() + body + b"\nendstream",
    ]
    return write_pdf(objects)


# ------------------------------------------------------------------ DOCX kinds


def iep_docx(external_url: str | None = None) -> bytes:
    import docx

    d = docx.Document()
    for line in IEP_LINES:
        if line.istitle() or line.startswith(("Measurable", "Present", "Services")):
            d.add_heading(line, level=1)
        else:
            d.add_paragraph(line)
    if external_url:
        part = d.part
        # An external image, hyperlink, attached template and an OLE link: all only named, never fetched.
        part.relate_to(f"{external_url}/logo.png",
                       "http://schemas.openxmlformats.org/officeDocument/2006/relationships/image",
                       is_external=True)
        part.relate_to(f"{external_url}/template.dotm",
                       "http://schemas.openxmlformats.org/officeDocument/2006/relationships/attachedTemplate",
                       is_external=True)
        rid = part.relate_to(f"{external_url}/page.html",
                             "http://schemas.openxmlformats.org/officeDocument/2006/relationships/hyperlink",
                             is_external=True)
        par = d.add_paragraph()
        from docx.oxml import parse_xml
        from docx.oxml.ns import nsdecls

        par._p.append(parse_xml(f'<w:hyperlink {nsdecls("w", "r")} r:id="{rid}"><w:r><w:t>district site'
                                "</w:t></w:r></w:hyperlink>"))
    buf = io.BytesIO()
    d.save(buf)
    return buf.getvalue()


def _zip(members: list[tuple[str, bytes, int, int]]) -> bytes:
    """A ZIP archive of already deflated members: (name, raw deflate data, crc32, unzipped size)."""
    out = io.BytesIO()
    central = []
    for name, data, crc, size in members:
        offset = out.tell()
        fname = name.encode()
        out.write(struct.pack("<IHHHHHIIIHH", 0x04034B50, 20, 0, 8, 0, 0x21, crc, len(data), size,
                              len(fname), 0) + fname + data)
        central.append(struct.pack("<IHHHHHHIIIHHHHHII", 0x02014B50, 20, 20, 0, 8, 0, 0x21, crc, len(data),
                                   size, len(fname), 0, 0, 0, 0, 0, offset) + fname)
    start = out.tell()
    directory = b"".join(central)
    out.write(directory + struct.pack("<IHHHHIIH", 0x06054B50, 0, 0, len(central), len(central),
                                      len(directory), start, 0))
    return out.getvalue()


def _deflate(data: bytes) -> bytes:
    packer = zlib.compressobj(6, zlib.DEFLATED, -15)
    return packer.compress(data) + packer.flush()


def docx_bomb(megabytes: int = 256) -> bytes:
    """A valid DOCX plus a part that is ~250 KB zipped and ``megabytes`` MB unzipped (ratio ~1000).

    The part's deflate stream is one fully flushed 1 MB block of zeros
    repeated, so the bomb is built in a moment.
    """
    src = zipfile.ZipFile(io.BytesIO(iep_docx()))
    members = []
    for item in src.infolist():
        raw = src.read(item.filename)
        members.append((item.filename, _deflate(raw), zlib.crc32(raw), len(raw)))
    zeros = b"\x00" * (1 << 20)
    packer = zlib.compressobj(9, zlib.DEFLATED, -15)
    block = packer.compress(zeros) + packer.flush(zlib.Z_FULL_FLUSH)
    data = block * megabytes + packer.flush()
    crc = 0
    for _ in range(megabytes):
        crc = zlib.crc32(zeros, crc)
    members.append(("word/media/image1.bin", data, crc, megabytes << 20))
    return _zip(members)


def docx_without_document_xml() -> bytes:
    src = zipfile.ZipFile(io.BytesIO(iep_docx()))
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as out:
        for item in src.infolist():
            if item.filename != "word/document.xml":
                out.writestr(item, src.read(item.filename))
    return buf.getvalue()


def old_doc() -> bytes:
    """The start of an OLE2 compound file (Word 97-2003 .doc), with the IEP text inside."""
    header = bytearray(512)
    header[:8] = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
    header[24:30] = struct.pack("<HHH", 0x3E, 0x03, 0xFFFE)
    return bytes(header) + IEP_TEXT.encode("utf-16-le") + bytes(2048)


# ------------------------------------------------------------------ text kinds


def control_text() -> bytes:
    """The IEP with NULs, bells, escapes and a DEL sprinkled through it."""
    noisy = []
    for i, line in enumerate(IEP_LINES):
        noisy.append(line[:10] + "\x00" + line[10:] + ("\x07" if i % 2 else "\x1b[0m") + "\x7f")
    return ("\n".join(noisy) + "\n\x00\x00").encode("utf-8")


def big_text(size: int) -> bytes:
    body = IEP_TEXT.encode()
    note = "Tomás practised reading with a partner and kept a log of the books he read.\n".encode()
    return body + note * ((size - len(body)) // len(note) + 1)


def random_bytes() -> bytes:
    return random.Random(16).randbytes(8192)


def html_page() -> bytes:
    items = "".join(f"<p>{line}</p>" for line in IEP_LINES)
    return f"<!DOCTYPE html>\n<html><head><title>IEP</title></head><body>{items}</body></html>\n".encode()


# ------------------------------------------------------------------ the kinds

Builder = Callable[[Path], None]


def _bytes(make: Callable[[], bytes]) -> Builder:
    def build(path: Path) -> None:
        path.write_bytes(make())

    build.make = make  # type: ignore[attr-defined]
    return build


def _symlink_loop(path: Path) -> None:
    os.symlink(path.name, path)


def _dangling(path: Path) -> None:
    os.symlink(path.with_name("nowhere.pdf").name, path)


def _fifo(path: Path) -> None:
    os.mkfifo(path)


def _folder(path: Path) -> None:
    path.mkdir()
    (path / "inside.txt").write_text(IEP_TEXT)


def _unreadable(path: Path) -> None:
    path.write_text(IEP_TEXT)
    path.chmod(0)


@dataclass(frozen=True)
class Kind:
    """One hostile input and what goalcheck must say about it."""

    key: str
    title: str
    name: str
    build: Builder
    outcome: str  # "error" (refused) or "ok" (read)
    message: str = ""  # start of the error's reason, or of the expected warning
    min_goals: int = 0
    options: dict[str, Any] = field(default_factory=dict)  # read options for analyze/API/app
    batch_message: str | None = None  # batch and app pass no options: their error when it differs
    app_message: str | None = None  # the app's error when it differs from batch's (uploads allow 200 MB)
    file_only: bool = False  # a file-system oddity: there are no bytes to give the API or the app
    slow: bool = False
    root_skips: bool = False  # root can read it anyway

    @property
    def make(self) -> Callable[[], bytes]:
        return self.build.make  # type: ignore[attr-defined,no-any-return]

    def expected(self, where: str) -> tuple[str, str]:
        """(outcome, message start) through ``where``: "api", "cli", "app" or "batch"."""
        if where == "app" and self.app_message is not None:
            return "error", self.app_message
        if where in ("app", "batch") and self.batch_message is not None:
            return "error", self.batch_message
        return self.outcome, self.message

    def cli_options(self) -> list[str]:
        """The command-line form of ``options``."""
        out: list[str] = []
        for key, value in self.options.items():
            out += [f"--{key.replace('_', '-')}", str(value)]
        return out


def _kinds(work: Path) -> list[Kind]:
    marker = work / "ACTIVE-CONTENT-RAN"
    return [
        Kind("empty", "Empty file (0 bytes)", "empty.pdf", _bytes(lambda: b""), "error",
             "the file is empty (0 bytes)"),
        Kind("random", "Random bytes named .pdf", "random.pdf", _bytes(random_bytes), "error",
             "this is binary data, not a PDF, Word (.docx) or text file"),
        Kind("png", "A PNG picture named .pdf", "photo.pdf",
             _bytes(lambda: b"\x89PNG\r\n\x1a\n" + bytes(200)), "error", "this is a PNG image, not a PDF, Word (.docx) or text file"),
        Kind("html", "HTML (a saved web page) named .pdf", "webpage.pdf", _bytes(html_page), "error",
             "this is an HTML web page, not a PDF, Word (.docx) or text file; open it in a browser and print it to PDF"),
        Kind("text_as_pdf", "Plain text named .pdf", "notes.pdf", _bytes(IEP_TEXT.encode), "ok",
             "notes.pdf is named .pdf but holds plain text", min_goals=2),
        Kind("truncated", "Truncated PDF (first half only)", "truncated.pdf",
             _bytes(lambda: (lambda d: d[: len(d) // 2])(reportlab_pdf())), "error", "not a readable PDF"),
        Kind("broken_xref", "Broken xref (every offset wrong)", "bad_xref.pdf",
             _bytes(lambda: iep_pdf(xref_shift=37)), "ok", "The PDF is damaged (its cross-reference table is wrong or missing, as in a truncated or badly edited file)",
             min_goals=2),
        Kind("no_xref", "No xref table or trailer at all", "no_xref.pdf",
             _bytes(lambda: iep_pdf(xref=False)), "ok", "The PDF is damaged (its cross-reference table is wrong or missing, as in a truncated or badly edited file)",
             min_goals=2),
        Kind("encrypted", "Encrypted, no password given", "locked.pdf",
             _bytes(lambda: reportlab_pdf(PASSWORD)), "error", "the PDF is protected by a password; give it with --password PASSWORD"),
        Kind("encrypted_wrong", "Encrypted, wrong password", "locked_wrong.pdf",
             _bytes(lambda: reportlab_pdf(PASSWORD)), "error", "the password given is wrong; check it and retry with --password",
             options={"password": "guess"}, batch_message="the PDF is protected by a password; give it with --password PASSWORD"),
        Kind("encrypted_right", "Encrypted, right password", "locked_right.pdf",
             _bytes(lambda: reportlab_pdf(PASSWORD)), "ok", min_goals=2,
             options={"password": PASSWORD}, batch_message="the PDF is protected by a password; give it with --password PASSWORD"),
        Kind("zero_pages", "PDF with 0 pages", "zero_pages.pdf", _bytes(lambda: simple_pdf([])), "error",
             "the PDF has no pages (it may be truncated or damaged)."),
        Kind("pages_2000", "2,000 pages (default limit 300)", "long.pdf", _bytes(lambda: many_pages(2000)),
             "error", "the document has 2,000 pages, over the limit of 300; if the file is trusted, raise the limit with --max-pages 2000"),
        Kind("pages_2000_allowed", "2,000 pages with --max-pages 2000", "long_allowed.pdf",
             _bytes(lambda: many_pages(2000)), "ok", min_goals=2, options={"max_pages": 2000},
             batch_message="the document has 2,000 pages", slow=True),
        Kind("pages_60", "60 pages (the 2,000-page read is slow-marked)", "sixty.pdf",
             _bytes(lambda: many_pages(60)), "ok", min_goals=2),
        Kind("huge_page", "One page of 200,000 characters", "dense.pdf", _bytes(huge_page), "ok",
             "Page 2 has about 200,000 characters, over the limit of 50,000 per page, and was skipped", min_goals=2),
        Kind("tree_loop", "Page tree that contains itself", "tree_loop.pdf", _bytes(page_tree_loop), "ok",
             min_goals=2),
        Kind("object_loop", "Objects referring to each other in a ring", "object_loop.pdf",
             _bytes(object_loop), "error", "not a readable PDF"),
        Kind("deep_nesting", "Arrays nested 10,000 deep, page tree 400 deep", "deep.pdf",
             _bytes(deep_nesting), "ok", min_goals=2),
        Kind("active", "JavaScript, launch action, embedded file", "active.pdf",
             _bytes(lambda: active_content(marker)), "ok",
             "The PDF contains JavaScript, actions or embedded files", min_goals=2),
        Kind("no_tounicode", "Font without ToUnicode (text comes out as codes)", "garbled.pdf",
             _bytes(no_tounicode), "ok", "The text could not be decoded: the PDF's fonts have no Unicode map (ToUnicode)"),
        Kind("image_only", "Image-only (scanned) page", "scan.pdf", _bytes(image_only), "ok",
             "Page 1 is scanned (images with no text layer) and not read"),
        Kind("image_bomb", "20,000 x 20,000 image (decompression bomb)", "image_bomb.pdf",
             _bytes(image_bomb), "ok", "Page 1 has an image of 20,000 x 20,000 pixels, over the limit of 100,000,000, so it was not rendered for OCR"),
        Kind("stream_bomb", "Content stream 80 KB that expands to 80 MB", "stream_bomb.pdf",
             _bytes(stream_bomb), "error", "page 1's content expands to more than 64,000,000 bytes (a damaged or malicious PDF"),
        Kind("docx_bomb", "DOCX zip bomb (250 KB -> 256 MB)", "bomb.docx", _bytes(docx_bomb), "error",
             "the Word file expands to 269,262,729 bytes when unzipped, over the limit of 200,000,000"),
        Kind("docx_no_body", "DOCX missing word/document.xml", "nobody.docx",
             _bytes(docx_without_document_xml), "error", "this is a ZIP archive without word/document.xml, so not a Word document"),
        Kind("doc_as_docx", "Old Word .doc named .docx", "old.docx", _bytes(old_doc), "error",
             "this is an old Word .doc (or other Office 97) file, not a PDF, Word (.docx) or text file"),
        Kind("docx_external", "DOCX with external image, template and link", "external.docx",
             _bytes(lambda: iep_docx(external_url=f"http://127.0.0.1:{LISTENER.port}")), "ok", min_goals=2),
        Kind("utf16", "UTF-16 text (with BOM)", "utf16.txt", _bytes(lambda: IEP_TEXT.encode("utf-16")), "ok",
             min_goals=2),
        Kind("utf16_nobom", "UTF-16 text without a BOM", "utf16le.txt",
             _bytes(lambda: IEP_TEXT.encode("utf-16-le")), "ok", min_goals=2),
        Kind("latin1", "Latin-1 text", "latin1.txt", _bytes(lambda: IEP_TEXT.encode("latin-1")), "ok",
             min_goals=2),
        Kind("text_50mb", "50 MB of text", "big.txt", _bytes(lambda: big_text(50 << 20)), "error",
             "the file is 52,428,832 bytes, over the limit of 50,000,000 bytes", app_message="the text has 5"),
        Kind("text_50mb_allowed", "50 MB of text with --max-bytes 60000000", "big_allowed.txt",
             _bytes(lambda: big_text(50 << 20)), "error", "the text has 5", options={"max_bytes": 60_000_000},
             batch_message="the file is 52,428,832 bytes, over the limit of 50,000,000 bytes", app_message="the text has 5", slow=True),
        Kind("text_6mb", "6 MB of text (over the character limit)", "big6.txt",
             _bytes(lambda: big_text(6 << 20)), "error", "the text has 6,209,805 characters, over the limit of 3,000,000"),
        Kind("control", "NUL and control characters in text", "control.txt", _bytes(control_text), "ok",
             "Removed 29 control characters (such as NUL) from the text", min_goals=2),
        Kind("spaces", "File name with spaces", "IEP plan 2026 final.txt", _bytes(IEP_TEXT.encode), "ok",
             min_goals=2),
        Kind("unicode_name", "File name in Unicode", "Plan_Tomás_学生_📄.txt", _bytes(IEP_TEXT.encode), "ok",
             min_goals=2),
        Kind("newline_name", "File name with a newline", "plan\nnew.txt", _bytes(IEP_TEXT.encode), "ok",
             min_goals=2),
        Kind("spanish", "A Spanish IEP", "plan_es.txt", _bytes(SPANISH_TEXT.encode), "ok",
             "The document is not in English (it looks like Spanish)"),
        Kind("symlink_loop", "Symbolic link loop", "loop.pdf", _symlink_loop, "error",
             "cannot open the file (Too many levels of symbolic links)", file_only=True),
        Kind("dangling", "Symbolic link to nothing", "dangling.pdf", _dangling, "error",
             "cannot open the file (No such file or directory)", file_only=True),
        Kind("fifo", "A FIFO (named pipe) named .pdf", "pipe.pdf", _fifo, "error",
             "is not a regular file but a FIFO (named pipe)", file_only=True),
        Kind("folder", "A folder named .pdf", "folder.pdf", _folder, "error", "is a folder, not a file.",
             file_only=True),
        Kind("unreadable", "Unreadable file (mode 000)", "secret.txt", _unreadable, "error",
             "cannot read the file (Permission denied)", file_only=True, root_skips=True),
    ]


class _Listener:
    """A local TCP port that records any connection (nothing may ever connect)."""

    def __init__(self) -> None:
        self.sock = socket.socket()
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen(8)
        self.sock.setblocking(False)
        self.port = self.sock.getsockname()[1]

    def connections(self) -> int:
        n = 0
        while True:
            try:
                conn, _ = self.sock.accept()
            except BlockingIOError:
                return n
            conn.close()
            n += 1


LISTENER = _Listener()


def kinds(work: Path) -> list[Kind]:
    """Every kind (``work`` is where active content would leave its marker)."""
    return _kinds(work)


def build(kind: Kind, folder: Path) -> Path:
    """Make ``kind``'s file in ``folder``; returns its path."""
    path = folder / kind.name
    kind.build(path)
    return path


def is_special(path: Path) -> bool:
    try:
        return not stat.S_ISREG(path.lstat().st_mode)
    except OSError:
        return True


DOC = Path(__file__).resolve().parents[2] / "docs" / "hostile_input.md"
TABLE_START, TABLE_END = "<!-- table: generated by tests/hostile/make_corpus.py --write-doc -->", "<!-- end of table -->"


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", "\\n")


def render_table(all_kinds: list[Kind]) -> str:
    """The docs table: one row per kind, from the expectations that the tests check."""
    rows = ["| # | Input | What goalcheck says (start of the message) | `analyze` exit | Batch |",
            "|---|---|---|---|---|"]
    for n, k in enumerate(all_kinds, 1):
        outcome, message = k.expected("cli")
        if outcome == "error":
            says = f"error: `{{file}}: {_cell(message)}`..."
        elif message:
            says = f"reads it ({k.min_goals}+ goals), warning: `{_cell(message)}`..." if k.min_goals else \
                f"reads it, warning: `{_cell(message)}`..."
        else:
            says = f"reads it ({k.min_goals}+ goals), no warning"
        b_outcome, b_message = k.expected("batch")
        if k.key == "folder":
            in_batch = "searched like any folder; its files are rows"
        elif b_outcome == "error":
            in_batch = "error row" + ("" if b_message == message else f": `{_cell(b_message)}`...")
        else:
            in_batch = "ok row" + (", warning counted" if message else "")
        if k.options:
            says = f"with `{' '.join(k.cli_options())}`: {says}"
        title = k.title + (" (slow test)" if k.slow else "") + (" (skipped as root)" if k.root_skips else "")
        rows.append(f"| {n} | {_cell(title)} | {says} | {1 if outcome == 'error' else 0} | {in_batch} |")
    return "\n".join(rows) + "\n"


def doc_table(text: str) -> str:
    """The generated table inside docs/hostile_input.md."""
    start = text.index(TABLE_START) + len(TABLE_START)
    return text[start:text.index(TABLE_END)].strip("\n") + "\n"


def write_doc() -> None:
    text = DOC.read_text(encoding="utf-8")
    start = text.index(TABLE_START) + len(TABLE_START)
    table = render_table(kinds(Path("/nonexistent")))
    DOC.write_text(text[:start] + "\n" + table + text[text.index(TABLE_END):], encoding="utf-8")


if __name__ == "__main__":
    if sys.argv[1:] == ["--table"]:
        print(render_table(kinds(Path("/nonexistent"))))
    elif sys.argv[1:] == ["--write-doc"]:
        write_doc()
    elif len(sys.argv) == 2:
        out = Path(sys.argv[1])
        out.mkdir(parents=True, exist_ok=True)
        for k in kinds(out):
            if not k.slow:
                build(k, out)
                print(out / k.name)
    else:
        sys.exit(__doc__)
