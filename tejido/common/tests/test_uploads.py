"""tejido.common.uploads: staging an upload in chunks under a size limit, and the PDF scan that
refuses active content (JavaScript, automatic actions, launching programs, attachments)."""

import hashlib
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from tejido.common import uploads
from tejido.common.errors import ApplicationError

from . import pdfs


@pytest.mark.parametrize("case", sorted(pdfs.RISKY))
def test_pdf_with_active_content_is_refused(case):
    upload = SimpleUploadedFile("acta.pdf", pdfs.RISKY[case]())
    with pytest.raises(ApplicationError, match="no se aceptan por seguridad") as error:
        uploads.check_pdf(upload, field="certificate")
    assert error.value.field == "certificate"
    assert upload.tell() == 0  # left at the start for whoever saves it


@pytest.mark.parametrize("case", sorted(pdfs.CLEAN))
def test_clean_pdf_is_accepted(case):
    upload = SimpleUploadedFile("acta.pdf", pdfs.CLEAN[case]())
    uploads.check_pdf(upload, field="certificate")
    assert upload.tell() == 0


def test_names_split_across_read_chunks_are_found(monkeypatch):
    monkeypatch.setattr(uploads, "CHUNK", 7)  # every name straddles a chunk boundary somewhere
    assert uploads.pdf_active_names(io.BytesIO(pdfs.javascript_open_action())) == {"JS", "JavaScript"}
    assert uploads.pdf_active_names(io.BytesIO(pdfs.javascript_in_object_stream())) == {"JS", "JavaScript"}
    assert uploads.pdf_active_names(io.BytesIO(pdfs.clean_with_binary_stream())) == set()


def test_an_object_stream_bomb_is_refused_without_inflating_it_whole():
    upload = SimpleUploadedFile("acta.pdf", pdfs.object_stream_bomb())
    with pytest.raises(ApplicationError, match="no se pueden revisar"):
        uploads.check_pdf(upload, field="file")


def test_stage_copies_in_chunks_hashes_and_stops_at_the_limit(tmp_path):
    staged = uploads.stage(io.BytesIO(b"a,b\n1,2\n"), limit=100, field="archivo", directory=tmp_path)
    assert staged.size == 8 and staged.head == b"a,b\n1,2\n"
    assert staged.sha256 == hashlib.sha256(b"a,b\n1,2\n").hexdigest()
    staged.delete()
    with pytest.raises(ApplicationError, match="pesa más de 100 bytes, el máximo") as error:
        uploads.stage(io.BytesIO(b"x" * 101), limit=100, field="archivo", directory=tmp_path)
    assert error.value.field == "archivo"
    assert list(tmp_path.iterdir()) == []  # the partial copy is gone


def test_the_upload_handler_keeps_at_most_the_limit_on_disk_and_reports_the_real_size(settings, rf):
    settings.UPLOAD_MAX_BYTES = 1000
    settings.FILE_UPLOAD_MAX_MEMORY_SIZE = 10  # as any upload over 2.5 MB: to a temporary file
    upload = rf.post("/", {"file": SimpleUploadedFile("a.csv", b"x" * 5000)}).FILES["file"]
    assert (upload.size, upload.truncated) == (5000, True)
    assert len(upload.read()) == 1000
    with pytest.raises(ApplicationError, match="pesa 5 KB; el máximo es 1000 bytes"):
        uploads.stage(upload, limit=0, field="archivo")
    small = rf.post("/", {"file": SimpleUploadedFile("a.csv", b"x" * 500)}).FILES["file"]
    assert (small.size, small.truncated, len(small.read())) == (500, False, 500)


def test_memory_cap_turns_an_allocation_past_the_ceiling_into_memory_error_and_is_lifted_after():
    """In a child process (the ceiling is process-wide): 400 MB under a 300 MB ceiling fails,
    the same allocation after the block succeeds."""
    import subprocess
    import sys

    from django.conf import settings

    code = ("from tejido.common.uploads import memory_cap\n"
            "with memory_cap(300):\n"
            "    try:\n"
            "        block = bytearray(400 * 1048576)\n"
            "        print('allocated')\n"
            "    except MemoryError:\n"
            "        print('refused')\n"
            "block = bytearray(400 * 1048576)\n"
            "print('after', len(block) // 1048576)\n")
    child = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=settings.BASE_DIR,
                           timeout=60)
    assert child.stdout.split() == ["refused", "after", "400"], child.stderr
