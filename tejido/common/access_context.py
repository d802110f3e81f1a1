"""Where an access comes from, for the access log: the client address, the channel (web page,
API, export, background task), the browser or program family and the API token's name.

Every writer of the log (`audit.log_access`, about fifty places in every app) passes a user, not
the request; `AccessContextMiddleware` keeps the current request at hand so the log reads it
there. Outside a request (a background job, a management command) the channel is "system"."""

import ipaddress
import re
from contextvars import ContextVar
from functools import lru_cache

from django.conf import settings

_request: ContextVar = ContextVar("tejido_access_request", default=None)

API_PREFIX = "/api/"


class AccessContextMiddleware:
    """Keeps the request in a context variable for the duration of the view (per thread)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        token = _request.set(request)
        try:
            return self.get_response(request)
        finally:
            _request.reset(token)


def current_request():
    return _request.get()


# --- client address ------------------------------------------------------------------------

@lru_cache(maxsize=8)
def _networks(proxies: tuple) -> tuple:
    return tuple(ipaddress.ip_network(p, strict=False) for p in proxies)


def check_trusted_proxies(app_configs=None, **kwargs):
    """System check: a TRUSTED_PROXIES entry that is not an address or network stops start-up
    (rather than failing every logged request)."""
    from django.core.checks import Error

    errors = []
    for entry in getattr(settings, "TRUSTED_PROXIES", ()):
        try:
            ipaddress.ip_network(entry, strict=False)
        except ValueError:
            errors.append(Error(f"TRUSTED_PROXIES: {entry!r} is not an IP address or network.",
                                id="tejido.E001"))
    return errors


def _trusted(address) -> bool:
    return any(address in network for network in _networks(tuple(getattr(settings, "TRUSTED_PROXIES", ()))))


def _address(text: str):
    try:
        return ipaddress.ip_address(text.strip())
    except ValueError:
        return None


def client_ip(request) -> str | None:
    """The client's address. REMOTE_ADDR is the peer; only when that peer is a trusted proxy
    (settings.TRUSTED_PROXIES: nginx in docs/deploy.md) is X-Forwarded-For believed, read from
    the right (each proxy appends the address it saw), skipping further trusted proxies. The
    leftmost entries are whatever the client wrote and are never taken past an untrusted hop."""
    peer = _address(request.META.get("REMOTE_ADDR", ""))
    if peer is None or not _trusted(peer):
        return str(peer) if peer is not None else None
    address = peer
    hops = [hop for hop in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if hop.strip()]
    for hop in reversed(hops):
        hop_address = _address(hop)
        if hop_address is None:  # garbage: keep the last address a trusted proxy vouched for
            break
        address = hop_address
        if not _trusted(hop_address):
            break
    return str(address)


# --- browser or program --------------------------------------------------------------------

# (marker in the User-Agent, family, marker whose number is the version); first match wins, so
# the specific ones (Edge and Opera also say Chrome and Safari) come first.
_FAMILIES = (
    ("Edg/", "Edge", "Edg/"),
    ("EdgA/", "Edge", "EdgA/"),
    ("OPR/", "Opera", "OPR/"),
    ("SamsungBrowser/", "Samsung Internet", "SamsungBrowser/"),
    ("HeadlessChrome/", "Chrome sin interfaz", "HeadlessChrome/"),
    ("Firefox/", "Firefox", "Firefox/"),
    ("FxiOS/", "Firefox", "FxiOS/"),
    ("CriOS/", "Chrome", "CriOS/"),
    ("Chromium/", "Chromium", "Chromium/"),
    ("Chrome/", "Chrome", "Chrome/"),
    ("Safari/", "Safari", "Version/"),
    ("curl/", "curl", "curl/"),
    ("Wget/", "Wget", "Wget/"),
    ("python-requests/", "Python requests", ""),
    ("python-httpx/", "Python httpx", ""),
    ("Python-urllib/", "Python urllib", ""),
    ("aiohttp/", "Python aiohttp", ""),
    ("PostmanRuntime/", "Postman", ""),
    ("okhttp/", "okhttp", ""),
    ("Go-http-client/", "Go", ""),
    ("Java/", "Java", ""),
    ("PowerShell/", "PowerShell", ""),
)
_SYSTEMS = (("Android", "Android"), ("iPhone", "iOS"), ("iPad", "iOS"), ("Windows", "Windows"),
            ("Mac OS X", "macOS"), ("CrOS", "ChromeOS"), ("Linux", "Linux"))
_FIRST_PRODUCT = re.compile(r"[A-Za-z][\w.\-]{0,29}")


def agent_family(user_agent: str) -> str:
    """«Firefox 128 · Windows», «curl 8», «Python requests»: enough to tell a browser from a
    script, not a fingerprint. Unknown agents keep their first product name (30 characters)."""
    if not user_agent:
        return ""
    for marker, family, version_marker in _FAMILIES:
        if marker in user_agent:
            text = family
            if version_marker:
                version = re.search(re.escape(version_marker) + r"(\d+)", user_agent)
                if version:
                    text += f" {version.group(1)}"
            system = next((name for key, name in _SYSTEMS if key in user_agent), "")
            return f"{text} · {system}" if system else text
    first = _FIRST_PRODUCT.search(user_agent)
    return first.group(0) if first else ""


# --- all of it -----------------------------------------------------------------------------

def token_label(token) -> str:
    return f"{token.name} ({token.prefix}…)"[:100] if token is not None else ""


def source_fields(channel: str | None = None) -> dict:
    """The AccessEvent fields that say where the access came from."""
    from .models import AccessEvent

    request = current_request()
    if request is None:
        return {"channel": channel or AccessEvent.Channel.SYSTEM}
    token = getattr(request, "api_token", None)
    if channel is None:
        channel = AccessEvent.Channel.API if request.path.startswith(API_PREFIX) else AccessEvent.Channel.WEB
    return {
        "channel": channel,
        "ip_address": client_ip(request),
        "user_agent": agent_family(request.META.get("HTTP_USER_AGENT", ""))[:60],
        "api_token": token_label(token),
    }
