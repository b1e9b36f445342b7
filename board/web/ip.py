"""The client's address, as seen through the configured number of proxies (ProxyFix)."""

from flask import request


def client_ip() -> str:
    """The remote address of the current request."""
    return request.remote_addr or "unknown"
