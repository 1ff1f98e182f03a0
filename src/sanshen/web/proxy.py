"""The client's address behind a reverse proxy (反向代理): nginx in front of several app servers.

The office-network rule (办公网络) and every audit entry read `REMOTE_ADDR`. Behind a proxy that is the
proxy's own address, so when — and only when — the request comes from a proxy listed in
`SANSHEN_TRUSTED_PROXIES`, the address is taken from `X-Forwarded-For`: the rightmost entry that is not
itself a trusted proxy. From anyone else the header is ignored, so a client cannot claim an office address.
The same proxy's `X-Forwarded-Proto` says whether the visitor came over HTTPS (secure cookies, the CSRF
origin check and every absolute link follow it).
"""

import ipaddress

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured


def _networks(ranges):
    try:
        return [ipaddress.ip_network(r, strict=False) for r in ranges]
    except ValueError as error:
        raise ImproperlyConfigured(f"SANSHEN_TRUSTED_PROXIES: {error}") from None


def _trusted(address: str, networks) -> bool:
    try:
        ip = ipaddress.ip_address(address.strip())
    except ValueError:
        return False
    return any(ip in network for network in networks)


def client_behind(peer: str, forwarded_for: str, networks) -> str:
    """The client's address as the trusted proxy `peer` passes it on in `forwarded_for` (else `peer`)."""
    if not forwarded_for:
        return peer
    for hop in reversed([hop.strip() for hop in forwarded_for.split(",")]):
        if not _trusted(hop, networks):
            return hop if _is_address(hop) else peer
    return peer


def _is_address(text: str) -> bool:
    try:
        ipaddress.ip_address(text)
        return True
    except ValueError:
        return False


class ForwardedForMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response
        self.networks = _networks(settings.SANSHEN_TRUSTED_PROXIES)

    def __call__(self, request):
        meta = request.META
        if self.networks and _trusted(meta.get("REMOTE_ADDR", ""), self.networks):
            meta["REMOTE_ADDR"] = client_behind(meta["REMOTE_ADDR"], meta.get("HTTP_X_FORWARDED_FOR", ""),
                                                self.networks)
            if meta.get("HTTP_X_FORWARDED_PROTO") in ("http", "https"):
                meta["wsgi.url_scheme"] = meta["HTTP_X_FORWARDED_PROTO"]
        return self.get_response(request)
