"""Bad input never crashes: each case gives a clear error or a warning."""

from __future__ import annotations

import io
import os
import zipfile
import zlib
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pdf_fixtures import canvas_pdf, image_only_pdf, raw_pdf, sample_iep_pdf, text_stream

from goalcheck.errors import DocumentTooLarge, EncryptedDocument, UnreadableDocument
from goalcheck.extract import extract_goals
from goalcheck.ingest import limits, read_document
from goalcheck.sections import find_sections

PNG = b"\x89PNG\r\n\x1a\n" + b"\x00\x00\x00\rIHDR" + os.urandom(64)


@pytest.mark.parametrize(
    "data, fragment",
    [
        (PNG, "PNG image"),
        (b"\xff\xd8\xff\xe0" + os.urandom(100), "JPEG image"),
        (bytes(range(256)) * 8, "binary data"),
        (b"\xd0\xcf\x11\xe0" + b"\x00" * 100, ".doc"),
        (b"PK\x03\x04" + b"\x00" * 50, "ZIP"),
    ],
)
def test_not_a_document(data: bytes, fragment: str) -> None:
    with pytest.raises(UnreadableDocument) as err:
        read_document(data, name="iep.pdf")
    assert "iep.pdf" in str(err.value) and fragment in str(err.value)


def test_zip_that_is_not_docx() -> None:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr("hello.txt", "hi")
    with pytest.raises(UnreadableDocument, match="not a Word document"):
        read_document(buf.getvalue(), name="x.docx")


def test_damaged_docx() -> None:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr("word/document.xml", "<not xml")
    with pytest.raises(UnreadableDocument, match="Word document"):
        read_document(buf.getvalue(), name="x.docx")


@pytest.mark.parametrize("keep", [0.5, 0.25, 0.05])
def test_truncated_pdf(keep: float) -> None:
    data = sample_iep_pdf()
    with pytest.raises(UnreadableDocument, match="damaged or truncated"):
        read_document(data[: int(len(data) * keep)], name="cut.pdf")


def test_empty_file(tmp_path: Path) -> None:
    path = tmp_path / "empty.pdf"
    path.write_bytes(b"")
    with pytest.raises(UnreadableDocument, match="empty"):
        read_document(path)
    with pytest.raises(UnreadableDocument, match="empty"):
        read_document(b"")


def test_missing_file(tmp_path: Path) -> None:
    with pytest.raises(UnreadableDocument, match="cannot open"):
        read_document(tmp_path / "nope.pdf")


def test_zero_pages() -> None:
    with pytest.raises(UnreadableDocument, match="no pages"):
        read_document(raw_pdf([]), name="zero.pdf")


def test_encrypted_needs_password() -> None:
    data = canvas_pdf([[(72, 700, "Maya will read 20 words.", "Helvetica", 12)]], encrypt="s3cret")
    with pytest.raises(EncryptedDocument) as err:
        read_document(data, name="locked.pdf")
    assert "--password" in str(err.value) and "locked.pdf" in str(err.value)
    with pytest.raises(EncryptedDocument, match="wrong"):
        read_document(data, name="locked.pdf", password="guess")
    doc = read_document(data, name="locked.pdf", password="s3cret")
    assert [ln.text for ln in doc.lines] == ["Maya will read 20 words."]


def limits_ocr_available_now() -> bool:
    from goalcheck.ingest import ocr

    return ocr.available()


def test_image_only_pdf_warns_without_ocr() -> None:
    doc = read_document(image_only_pdf(), name="scan.pdf", ocr="never")
    assert doc.pages == 1 and doc.lines == []
    assert any(w.startswith("Page 1 is scanned") for w in doc.warnings)
    doc = read_document(image_only_pdf(), name="scan.pdf")
    if not limits_ocr_available():
        assert any("tesseract-ocr" in w for w in doc.warnings)


def test_image_only_pdf_without_tesseract_names_the_install_command(monkeypatch) -> None:
    from goalcheck.ingest import ocr

    monkeypatch.setattr(ocr, "available", lambda: False)
    doc = read_document(image_only_pdf(), name="scan.pdf")
    warning = next(w for w in doc.warnings if "scanned" in w)
    assert "Page 1" in warning and "apt-get install tesseract-ocr" in warning


@pytest.mark.skipif(not limits_ocr_available_now(), reason="tesseract and pytesseract not installed")
def test_scanned_page_is_read_by_ocr() -> None:
    from pathlib import Path

    doc = read_document(Path(__file__).parent / "corpus" / "scanned.pdf")
    page1 = " ".join(ln.text for ln in doc.lines if ln.page == 1)
    assert "Annual Goals" in page1 and "Sam will" in page1


def limits_ocr_available() -> bool:
    from goalcheck.ingest import ocr

    return ocr.available()


def test_too_many_pages() -> None:
    data = canvas_pdf([[(72, 700, f"page {i}", "Helvetica", 12)] for i in range(1000)])
    with pytest.raises(DocumentTooLarge) as err:
        read_document(data, name="huge.pdf")
    assert "--max-pages" in str(err.value) and "1,000" in str(err.value)


def test_lying_page_count_still_limited() -> None:
    data = raw_pdf([text_stream(f"page {i}") for i in range(5)], count=1)
    with pytest.raises(DocumentTooLarge, match="--max-pages"):
        read_document(data, name="liar.pdf", max_pages=3)


def test_too_many_bytes(tmp_path: Path) -> None:
    data = sample_iep_pdf()
    with pytest.raises(DocumentTooLarge, match="--max-bytes"):
        read_document(data, name="big.pdf", max_bytes=1000)
    path = tmp_path / "big.pdf"
    path.write_bytes(data)
    with pytest.raises(DocumentTooLarge, match="--max-bytes"):
        read_document(path, max_bytes=1000)


def _bomb(size: int) -> bytes:
    packer = zlib.compressobj(9)
    chunk = b" " * (1 << 20)
    body = b"".join(packer.compress(chunk) for _ in range(size // len(chunk))) + packer.flush()
    return body


SMALL_STREAMS = limits.ReadLimits(max_stream_bytes=4_000_000)


def test_decompression_bomb_refused() -> None:
    data = raw_pdf([_bomb(16 << 20)], filters=["FlateDecode"])
    assert len(data) < 100_000
    with pytest.raises(DocumentTooLarge, match="decompression bomb") as err:
        read_document(data, name="bomb.pdf", limits=SMALL_STREAMS)
    assert "--max-stream-bytes" in str(err.value)


def test_small_flate_page_reads() -> None:
    data = raw_pdf([zlib.compress(text_stream("Annual Goals"))], filters=["FlateDecode"])
    doc = read_document(data, name="ok.pdf", limits=SMALL_STREAMS)
    assert [ln.text for ln in doc.lines] == ["Annual Goals"]


def test_non_english_warns() -> None:
    text = ("Objetivo anual: Para junio de 2027, dada una lectura de tercer grado, María leerá en voz alta "
            "noventa palabras correctas por minuto en tres de cuatro pruebas, según las mediciones del "
            "maestro. María disfruta los cuentos de animales y participa en clase con entusiasmo.")
    doc = read_document(text.encode(), name="es.txt")
    assert any("English" in w for w in doc.warnings)


def test_english_does_not_warn() -> None:
    doc = read_document(sample_iep_pdf(), name="en.pdf")
    assert doc.warnings == []


def test_garbage_text_warns_and_extracts_nothing() -> None:
    garbage = " ".join(["#$%^ 1234 @@!! ~~~ 9/9/9 ***"] * 20)
    doc = read_document(garbage.encode(), name="junk.txt")
    assert any("garbled" in w for w in doc.warnings)
    assert extract_goals(doc, find_sections(doc)) == []


def test_bad_ocr_option() -> None:
    with pytest.raises(ValueError, match="auto, always, never"):
        read_document(b"text", name="x.txt", ocr="yes")


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.binary(min_size=0, max_size=2000))
def test_random_bytes_never_crash(data: bytes) -> None:
    try:
        doc = read_document(data, name="fuzz.bin")
    except UnreadableDocument:
        return
    extract_goals(doc, find_sections(doc))


@settings(max_examples=40, deadline=None)
@given(st.binary(min_size=0, max_size=400))
def test_damaged_pdf_bytes_never_crash(tail: bytes) -> None:
    data = sample_iep_pdf()
    try:
        doc = read_document(data[:900] + tail, name="fuzz.pdf")
    except UnreadableDocument:
        return
    extract_goals(doc, find_sections(doc))


def test_text_named_pdf_is_read_with_a_warning() -> None:
    doc = read_document(b"Annual Goals\nMaya will read 20 words by June 2027.", name="plan.pdf")
    assert doc.lines and "plain text" in doc.warnings[0] and "plan.pdf" in doc.warnings[0]
