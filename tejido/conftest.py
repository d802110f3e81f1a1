import pytest

from tejido.common import testing
from tejido.common.browser import browser, page  # noqa: F401  (fixtures for browser-marked tests)
from tejido.territory.loader import load_territory


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """Load the INE territory once into the test database."""
    with django_db_blocker.unblock():
        load_territory()


@pytest.fixture(scope="session", autouse=True)
def _static_files_from_the_source(tmp_path_factory):
    """Tests link and serve static files from the source tree (WhiteNoise's finders), never the
    hashed copies an earlier `collectstatic` left in STATIC_ROOT, which can be older."""
    from django.test import override_settings

    with override_settings(STATIC_ROOT=str(tmp_path_factory.mktemp("static"))):
        yield


@pytest.fixture
def territory(db):
    # Transactional (browser) tests flush the database; reload it for whoever comes next.
    if not testing.territory_loaded():
        load_territory()


@pytest.fixture
def people(territory):
    """The fixed personas: admin, central, zacapa, jutiapa, clerk, planner, auditor."""
    return testing.personas()


@pytest.fixture(autouse=True)
def _no_axes_lockouts_between_tests(settings):
    settings.AXES_ENABLED = True


@pytest.fixture(autouse=True)
def _empty_cache_between_tests():
    """Dashboards cache closed months per scope (dashboards/panels.py) and the portal its tables:
    a test's rolled-back records must not reach the next test through the cache, whose keys name
    user ids the next test reuses."""
    from django.core.cache import cache

    cache.clear()
    yield


@pytest.fixture(autouse=True)
def _fast_password_hashing(settings):
    # PBKDF2's deliberate slowness protects real passwords; tests create many users.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


def pytest_collection_modifyitems(config, items):
    """Browser tests use a live server whose database is flushed afterwards; run them last so
    the territory loaded once per session serves every other test."""
    items.sort(key=lambda item: item.get_closest_marker("browser") is not None)


@pytest.fixture(autouse=True)
def _spanish_by_default():
    """A request in English leaves the thread's language set; start every test in Spanish."""
    from django.utils import translation

    translation.activate("es")
    yield
    translation.activate("es")
