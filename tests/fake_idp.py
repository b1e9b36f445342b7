"""A small OpenID Connect identity provider for the tests, served on 127.0.0.1 in a thread.

It does what Entra ID, ADFS and Keycloak do in the authorization code flow, strictly enough to
catch a client that skips a step:

- `/.well-known/openid-configuration`: discovery metadata;
- `/jwks`: the public half of an RSA key generated at start;
- `/authorize`: checks the client, the redirect URI, `state`, `nonce` and a PKCE S256
  `code_challenge`, records the request and redirects back with a one-time `code`;
- `/token`: checks the client secret (HTTP Basic or form), the code, the redirect URI and that
  the `code_verifier` hashes to the stored challenge; returns an ID token signed with RS256.

The ID token is made here with `cryptography` alone, not with the library under test.

Tests steer it: `idp.claims` are the claims of the next person to sign in (`sub`, `email`,
`name`, `groups`, ...), and `idp.failure` makes the next round go wrong in one way:
"access_denied" (the person is refused at the provider), "invalid_grant" (the token endpoint
refuses the code), "wrong_nonce", "wrong_audience", "expired", "bad_signature".
"""

from __future__ import annotations

import base64
import hashlib
import json
import secrets
import threading
import time
from typing import Any
from urllib.parse import urlencode

from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import padding, rsa
from werkzeug.serving import make_server
from werkzeug.wrappers import Request, Response

FAILURES = (
    "access_denied",
    "invalid_grant",
    "wrong_nonce",
    "wrong_audience",
    "expired",
    "bad_signature",
)


def b64url(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def _int_b64(number: int) -> str:
    return b64url(number.to_bytes((number.bit_length() + 7) // 8, "big"))


def s256(verifier: str) -> str:
    """The PKCE S256 challenge of a code verifier (RFC 7636 section 4.2)."""
    return b64url(hashlib.sha256(verifier.encode("ascii")).digest())


class FakeIdP:
    """An identity provider for one client; start() it, point OIDC_DISCOVERY_URL at it."""

    def __init__(self, client_id: str = "wurkje", client_secret: str = "s3cret") -> None:  # noqa: S107
        self.client_id = client_id
        self.client_secret = client_secret
        self.kid = "fake-" + secrets.token_hex(4)
        self._key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
        self._other_key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
        self._server = make_server("127.0.0.1", 0, self._wsgi, threaded=True)
        self.url = f"http://127.0.0.1:{self._server.server_port}"
        self.issuer = self.url
        self.discovery_url = self.url + "/.well-known/openid-configuration"
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)
        self._lock = threading.Lock()
        self.reset()

    # -- control -------------------------------------------------------------------------
    def reset(self) -> None:
        """Forget every request and grant; the next person is a default employee."""
        with self._lock:
            self.claims: dict[str, Any] = {
                "sub": "sub-default",
                "email": "iemand@gemeente.example",
                "name": "Iemand",
            }
            self.failure: str | None = None
            self.authorize_requests: list[dict[str, str]] = []
            self.token_requests: list[dict[str, str]] = []
            self._grants: dict[str, dict[str, Any]] = {}

    def start(self) -> FakeIdP:
        self._thread.start()
        return self

    def stop(self) -> None:
        self._server.shutdown()
        self._server.server_close()

    # -- protocol ------------------------------------------------------------------------
    def metadata(self) -> dict[str, Any]:
        return {
            "issuer": self.issuer,
            "authorization_endpoint": self.url + "/authorize",
            "token_endpoint": self.url + "/token",
            "jwks_uri": self.url + "/jwks",
            "response_types_supported": ["code"],
            "subject_types_supported": ["public"],
            "id_token_signing_alg_values_supported": ["RS256"],
            "code_challenge_methods_supported": ["S256"],
            "token_endpoint_auth_methods_supported": ["client_secret_basic", "client_secret_post"],
            "scopes_supported": ["openid", "email", "profile"],
        }

    def jwks(self) -> dict[str, Any]:
        numbers = self._key.public_key().public_numbers()
        return {
            "keys": [
                {
                    "kty": "RSA",
                    "use": "sig",
                    "alg": "RS256",
                    "kid": self.kid,
                    "n": _int_b64(numbers.n),
                    "e": _int_b64(numbers.e),
                }
            ]
        }

    def sign(self, claims: dict[str, Any], *, other_key: bool = False) -> str:
        """A compact JWS (RS256) of these claims."""
        header = {"alg": "RS256", "typ": "JWT", "kid": self.kid}
        signing_input = (
            b64url(json.dumps(header).encode()) + "." + b64url(json.dumps(claims).encode())
        ).encode()
        key = self._other_key if other_key else self._key
        signature = key.sign(signing_input, padding.PKCS1v15(), hashes.SHA256())
        return signing_input.decode() + "." + b64url(signature)

    @staticmethod
    def _json(data: dict[str, Any], status: int = 200) -> Response:
        return Response(
            json.dumps(data),
            status=status,
            mimetype="application/json",
            headers={"Cache-Control": "no-store"},
        )

    def _wsgi(self, environ, start_response):
        request = Request(environ)
        routes = {
            "/.well-known/openid-configuration": lambda: self._json(self.metadata()),
            "/jwks": lambda: self._json(self.jwks()),
            "/authorize": lambda: self._authorize(request),
            "/token": lambda: self._token(request),
        }
        handler = routes.get(request.path)
        response = handler() if handler else Response("not found", status=404)
        return response(environ, start_response)

    def _authorize(self, request: Request) -> Response:
        args = request.args.to_dict()
        with self._lock:
            self.authorize_requests.append(args)
            failure, claims = self.failure, dict(self.claims)
        problems = [
            name
            for name, ok in (
                ("response_type", args.get("response_type") == "code"),
                ("client_id", args.get("client_id") == self.client_id),
                ("redirect_uri", bool(args.get("redirect_uri"))),
                ("state", bool(args.get("state"))),
                ("nonce", bool(args.get("nonce"))),
                ("openid scope", "openid" in args.get("scope", "").split()),
                ("code_challenge", len(args.get("code_challenge", "")) >= 43),
                ("code_challenge_method", args.get("code_challenge_method") == "S256"),
            )
            if not ok
        ]
        if problems:  # a real provider shows an error page and does not redirect
            return self._json({"error": "invalid_request", "missing": problems}, 400)
        back = {"state": args["state"]}
        if failure == "access_denied":
            back.update(error="access_denied", error_description="The user said no")
        else:
            code = secrets.token_urlsafe(24)
            with self._lock:
                self._grants[code] = {
                    "redirect_uri": args["redirect_uri"],
                    "nonce": args["nonce"],
                    "challenge": args["code_challenge"],
                    "claims": claims,
                }
            back["code"] = code
        return Response(
            status=302, headers={"Location": args["redirect_uri"] + "?" + urlencode(back)}
        )

    def _client_authenticated(self, request: Request) -> bool:
        auth = request.authorization
        if auth is not None and auth.type == "basic":
            return (auth.username, auth.password) == (self.client_id, self.client_secret)
        return (request.form.get("client_id"), request.form.get("client_secret")) == (
            self.client_id,
            self.client_secret,
        )

    def _token(self, request: Request) -> Response:
        form = request.form.to_dict()
        with self._lock:
            self.token_requests.append({k: v for k, v in form.items() if k != "client_secret"})
            failure = self.failure
            grant = self._grants.pop(form.get("code", ""), None)  # a code works once
        if request.method != "POST":
            return self._json({"error": "invalid_request"}, 405)
        if not self._client_authenticated(request):
            return self._json({"error": "invalid_client"}, 401)
        if form.get("grant_type") != "authorization_code" or grant is None:
            return self._json({"error": "invalid_grant"}, 400)
        if form.get("redirect_uri") != grant["redirect_uri"]:
            return self._json({"error": "invalid_grant", "error_description": "redirect_uri"}, 400)
        verifier = form.get("code_verifier", "")
        if not verifier or s256(verifier) != grant["challenge"]:
            return self._json({"error": "invalid_grant", "error_description": "PKCE"}, 400)
        if failure == "invalid_grant":
            return self._json({"error": "invalid_grant"}, 400)
        moment = int(time.time())
        claims = {
            "iss": self.issuer,
            "aud": self.client_id,
            "iat": moment,
            "exp": moment + 300,
            "nonce": grant["nonce"],
            **grant["claims"],
        }
        if failure == "wrong_nonce":
            claims["nonce"] = "not-the-nonce-that-was-sent"
        elif failure == "wrong_audience":
            # Meant for another application. With `azp` naming this client, only an explicit
            # audience check catches it (Authlib's own checks only look at `azp` here).
            claims.update(aud="another-application", azp=self.client_id)
        elif failure == "expired":
            claims.update(iat=moment - 3600, exp=moment - 1800)
        id_token = self.sign(claims, other_key=failure == "bad_signature")
        return self._json(
            {
                "access_token": secrets.token_urlsafe(24),
                "token_type": "Bearer",
                "expires_in": 300,
                "id_token": id_token,
            }
        )
