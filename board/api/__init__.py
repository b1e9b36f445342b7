"""The JSON API under /api/v1, following the Dutch API Design Rules.

Personal access tokens (Bearer) instead of cookies, problem+json errors listing every problem,
an `API-Version` header on every answer and a hand-written OpenAPI document at
/api/v1/openapi.json. The routes call the same queries and services as the HTML pages.
"""
