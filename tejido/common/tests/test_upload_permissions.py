"""Uploaded documents are readable by the tejido user and group only, whatever the umask of the
process that saves them; collected static files stay readable by nginx (docs/deploy.md, step 2)."""

import os
import stat

from django.conf import settings as django_settings
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage, storages


def test_uploaded_file_and_its_folders_are_not_world_readable(settings, tmp_path):
    settings.MEDIA_ROOT = str(tmp_path / "media")
    old = os.umask(0o022)    # what `sudo -u tejido manage.py ...` runs with
    try:
        name = default_storage.save("agreements/2026/convenio.pdf", ContentFile(b"%PDF-1.4"))
    finally:
        os.umask(old)
    path = tmp_path / "media" / name
    assert stat.S_IMODE(path.stat().st_mode) == 0o640
    assert stat.S_IMODE(path.parent.stat().st_mode) == 0o750
    assert stat.S_IMODE((tmp_path / "media").stat().st_mode) == 0o750


def test_collected_static_files_stay_readable_by_nginx(tmp_path):
    config = django_settings.STORAGES["staticfiles"]
    static = storages.create_storage(
        {**config, "OPTIONS": {**config.get("OPTIONS", {}), "location": str(tmp_path / "static")}})
    old = os.umask(0o027)    # what the units run with
    try:
        name = static.save("tejido/app.js", ContentFile(b"//"))
    finally:
        os.umask(old)
    path = tmp_path / "static" / name
    assert stat.S_IMODE(path.stat().st_mode) == 0o644
    assert stat.S_IMODE(path.parent.stat().st_mode) == 0o755
