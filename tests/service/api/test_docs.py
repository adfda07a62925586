"""The OpenAPI document describes every route, parameter and field, with examples, and the error body."""


def _has_example(param: dict) -> bool:
    schema = param.get("schema", {})
    options = [schema, *schema.get("anyOf", [])]
    return bool(param.get("example") is not None or param.get("examples") or any(
        o.get("examples") or o.get("enum") or o.get("type") == "boolean" for o in options))


def _is_reference(prop: dict) -> bool:
    return "$ref" in prop or "$ref" in prop.get("items", {}) or any("$ref" in a for a in prop.get("anyOf", []))


def test_when_openapi_read_then_every_route_parameter_and_field_is_described(anon_client):
    spec = anon_client.get("/openapi.json").json()
    operations = [(m, p, op) for p, ops in spec["paths"].items() for m, op in ops.items()]
    assert len(operations) >= 20
    missing = []
    for method, path, op in operations:
        if not (op.get("summary") and op.get("description")):
            missing.append(f"{method} {path}: summary/description")
        for param in op.get("parameters", []):
            if not param.get("description") or not _has_example(param):
                missing.append(f"{method} {path} ?{param['name']}: description/example")
        if path != "/api/v1/health" and path.startswith("/api/"):
            for status in ("401", "403"):
                if status not in op["responses"]:
                    missing.append(f"{method} {path}: {status} response")
    for name, schema in spec["components"]["schemas"].items():
        if name in ("HTTPValidationError", "ValidationError"):
            continue
        for field, prop in schema.get("properties", {}).items():
            if not prop.get("description") and not _is_reference(prop):
                missing.append(f"schema {name}.{field}: description")
    assert missing == []


def test_when_openapi_read_then_errors_have_one_documented_body(anon_client):
    spec = anon_client.get("/openapi.json").json()
    error = spec["components"]["schemas"]["ErrorDetail"]
    assert set(error["required"]) == {"code", "message", "fix"}
    assert spec["paths"]["/api/v1/themes"]["get"]["responses"]["401"]["content"]["application/json"]["schema"] == {
        "$ref": "#/components/schemas/ErrorBody"}
    assert "text/csv" in spec["paths"]["/api/v1/themes"]["get"]["responses"]["200"]["content"]
