"""A small OpenID Connect provider for the tests, served on 127.0.0.1.

It speaks the authorization-code flow the way a real provider does: a discovery
document, a JWKS with its RSA key, an authorize endpoint that redirects back with
a code (it logs in whoever `identity` says, without a form), a token endpoint that
checks the client's secret, the redirect URI and PKCE and returns an RS256-signed
ID token, and a userinfo endpoint. Nothing of ipamcore is imported here.
"""

from __future__ import annotations

import base64
import hashlib
import json
import secrets
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs, urlencode, urlsplit

import jwt
from cryptography.hazmat.primitives.asymmetric import rsa


class Provider:
    """Start with `start()`; set `identity` to the claims of whoever logs in next."""

    def __init__(self, client_id: str = "ipamcore", client_secret: str | None = None) -> None:
        self.client_id = client_id
        self.client_secret = client_secret or secrets.token_urlsafe(24)
        self.key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
        self.kid = secrets.token_hex(4)
        self.identity: dict[str, Any] = {}
        # Userinfo claims beyond the ID token's standard ones (groups stay in the ID token).
        self.userinfo_claims = ("sub", "preferred_username", "email", "name")
        self.deny = False
        self.codes: dict[str, dict[str, Any]] = {}
        self.access_tokens: dict[str, dict[str, Any]] = {}
        self.requests: list[str] = []  # "METHOD /path" of every request served
        self.server = ThreadingHTTPServer(("127.0.0.1", 0), self.handler_class())
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    @property
    def issuer(self) -> str:
        return f"http://127.0.0.1:{self.server.server_address[1]}"

    def start(self) -> Provider:
        self.thread.start()
        return self

    def stop(self) -> None:
        self.server.shutdown()
        self.server.server_close()

    # --- documents ----------------------------------------------------------------

    def discovery(self) -> dict[str, Any]:
        return {
            "issuer": self.issuer,
            "authorization_endpoint": f"{self.issuer}/authorize",
            "token_endpoint": f"{self.issuer}/token",
            "userinfo_endpoint": f"{self.issuer}/userinfo",
            "jwks_uri": f"{self.issuer}/jwks",
            "response_types_supported": ["code"],
            "subject_types_supported": ["public"],
            "id_token_signing_alg_values_supported": ["RS256"],
            "scopes_supported": ["openid", "profile", "email"],
            "token_endpoint_auth_methods_supported": ["client_secret_basic", "client_secret_post"],
            "code_challenge_methods_supported": ["S256"],
            "claims_supported": ["sub", "preferred_username", "email", "name", "groups"],
        }

    def jwks(self) -> dict[str, Any]:
        public = jwt.algorithms.RSAAlgorithm.to_jwk(self.key.public_key(), as_dict=True)
        return {"keys": [{**public, "kid": self.kid, "use": "sig", "alg": "RS256"}]}

    def id_token(self, claims: dict[str, Any], nonce: str | None) -> str:
        now = int(time.time())
        payload = {
            **claims,
            "iss": self.issuer,
            "aud": self.client_id,
            "iat": now,
            "exp": now + 300,
            "auth_time": now,
        }
        if nonce:
            payload["nonce"] = nonce
        return jwt.encode(payload, self.key, algorithm="RS256", headers={"kid": self.kid})

    # --- endpoints ----------------------------------------------------------------

    def authorize(self, query: dict[str, str]) -> tuple[int, dict[str, str], Any]:
        if query.get("client_id") != self.client_id or query.get("response_type") != "code":
            return 400, {}, {"error": "invalid_request"}
        redirect_uri = query["redirect_uri"]
        if self.deny:
            params = {"error": "access_denied", "state": query.get("state", "")}
            return 302, {"Location": f"{redirect_uri}?{urlencode(params)}"}, None
        code = secrets.token_urlsafe(16)
        self.codes[code] = {
            "claims": dict(self.identity),
            "nonce": query.get("nonce"),
            "redirect_uri": redirect_uri,
            "challenge": query.get("code_challenge"),
        }
        params = {"code": code, "state": query.get("state", "")}
        return 302, {"Location": f"{redirect_uri}?{urlencode(params)}"}, None

    def client_authenticated(self, form: dict[str, str], authorization: str) -> bool:
        if authorization.startswith("Basic "):
            decoded = base64.b64decode(authorization[6:]).decode()
            client_id, _, secret = decoded.partition(":")
        else:
            client_id, secret = form.get("client_id", ""), form.get("client_secret", "")
        return client_id == self.client_id and secret == self.client_secret

    def token(self, form: dict[str, str], authorization: str) -> tuple[int, dict[str, str], Any]:
        if not self.client_authenticated(form, authorization):
            return 401, {}, {"error": "invalid_client"}
        grant = self.codes.pop(form.get("code", ""), None)  # a code is good once
        if (
            form.get("grant_type") != "authorization_code"
            or grant is None
            or form.get("redirect_uri") != grant["redirect_uri"]
        ):
            return 400, {}, {"error": "invalid_grant"}
        if grant["challenge"]:
            verifier = form.get("code_verifier", "").encode()
            digest = base64.urlsafe_b64encode(hashlib.sha256(verifier).digest()).rstrip(b"=")
            if digest.decode() != grant["challenge"]:
                return 400, {}, {"error": "invalid_grant", "error_description": "PKCE"}
        access_token = secrets.token_urlsafe(24)
        self.access_tokens[access_token] = grant["claims"]
        body = {
            "access_token": access_token,
            "token_type": "Bearer",
            "expires_in": 300,
            "id_token": self.id_token(grant["claims"], grant["nonce"]),
        }
        return 200, {"Cache-Control": "no-store"}, body

    def userinfo(self, authorization: str) -> tuple[int, dict[str, str], Any]:
        claims = self.access_tokens.get(authorization.removeprefix("Bearer ").strip())
        if claims is None:
            return 401, {}, {"error": "invalid_token"}
        return 200, {}, {key: claims[key] for key in self.userinfo_claims if key in claims}

    def handler_class(self) -> type[BaseHTTPRequestHandler]:
        provider = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, format: str, *args: Any) -> None:
                pass

            def answer(self, status: int, headers: dict[str, str], body: Any) -> None:
                payload = json.dumps(body).encode() if body is not None else b""
                self.send_response(status)
                for name, value in headers.items():
                    self.send_header(name, value)
                if body is not None:
                    self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(payload)))
                self.end_headers()
                self.wfile.write(payload)

            def do_GET(self) -> None:
                url = urlsplit(self.path)
                provider.requests.append(f"GET {url.path}")
                query = {key: values[0] for key, values in parse_qs(url.query).items()}
                authorization = self.headers.get("Authorization", "")
                routes = {
                    "/.well-known/openid-configuration": lambda: (200, {}, provider.discovery()),
                    "/jwks": lambda: (200, {}, provider.jwks()),
                    "/authorize": lambda: provider.authorize(query),
                    "/userinfo": lambda: provider.userinfo(authorization),
                }
                route = routes.get(url.path, lambda: (404, {}, {"error": "not_found"}))
                self.answer(*route())

            def do_POST(self) -> None:
                url = urlsplit(self.path)
                provider.requests.append(f"POST {url.path}")
                length = int(self.headers.get("Content-Length") or 0)
                raw = self.rfile.read(length).decode()
                form = {key: values[0] for key, values in parse_qs(raw).items()}
                if url.path == "/token":
                    self.answer(*provider.token(form, self.headers.get("Authorization", "")))
                else:
                    self.answer(404, {}, {"error": "not_found"})

        return Handler
