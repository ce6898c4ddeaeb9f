"""Property-based fuzzing of the API from its own OpenAPI schema (schemathesis): whatever valid
or invalid request it makes up, the service answers without a 5xx and as its schema says."""

from __future__ import annotations

import pytest
import schemathesis
from hypothesis import HealthCheck, settings
from schemathesis import checks

# Not "negative data is rejected": a batch with one invalid item is answered 200, by design.
CHECKS = [
    checks.not_a_server_error,
    checks.status_code_conformance,
    checks.content_type_conformance,
    checks.response_headers_conformance,
    checks.response_schema_conformance,
]


@pytest.fixture(scope="session")
def api_schema(server):
    return schemathesis.openapi.from_url(f"{server.url}/openapi.json")


schema = schemathesis.pytest.from_fixture("api_schema")


@schema.parametrize()
@settings(max_examples=150, deadline=None, derandomize=True, suppress_health_check=list(HealthCheck))
def test_no_request_makes_the_service_fail_or_break_its_schema(case):
    case.call_and_validate(checks=CHECKS)
