"""Static files with content-hashed names, compressed ahead (gzip and Brotli when available) by
WhiteNoise, so a browser keeps them for a year and asks again only when a file changes: on a
400 kbit/s link the second page costs the HTML alone (issue 16, item 2)."""

from whitenoise.storage import CompressedManifestStaticFilesStorage


class StaticStorage(CompressedManifestStaticFilesStorage):
    manifest_strict = False

    def stored_name(self, name):
        """The hashed name; before `collectstatic` has run (a test run, a fresh checkout served
        with WHITENOISE_USE_FINDERS) the plain name, which WhiteNoise serves from the source."""
        try:
            return super().stored_name(name)
        except ValueError:
            return name
