"""Issue 20: /docs (Swagger UI) is served from this app's own files, from a pinned package, so it works offline."""
import re

from fastapi.testclient import TestClient

from service.app import create_app


def test_when_docs_opened_then_every_asset_is_local_and_answers_200(settings):
    with TestClient(create_app(settings)) as c:
        page = c.get("/docs")
        assert page.status_code == 200 and "swagger-ui" in page.text
        urls = re.findall(r'(?:src|href)="([^"]+)"', page.text)
        assert urls and all(u.startswith("/") and not u.startswith("//") for u in urls), urls
        assert "http" not in page.text and not re.search(r"<script>(?!</script>)", page.text)   # no inline script
        bodies = {}
        for url in urls:
            r = c.get(url)
            assert r.status_code == 200, url
            bodies[url] = r.text
        assert any("SwaggerUIBundle" in b for u, b in bodies.items() if u.endswith("swagger-ui-bundle.js"))
        assert any("SwaggerUIBundle({" in b for u, b in bodies.items() if u == "/static/docs.js")
        assert c.get(re.search(r'data-openapi-url="([^"]+)"', page.text).group(1)).json()["openapi"].startswith("3.")
