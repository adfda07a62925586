import pytest
from fastapi.testclient import TestClient

from service.app import create_app


@pytest.fixture
def client(settings, anonymiser, embedder):
    """The real app over HTTP (TestClient), with the session's already-loaded models shared in."""
    app = create_app(settings)
    models = app.state.models
    models._anonymiser = anonymiser
    from themes.assign import SimilarityAssigner
    from themes.taxonomy import load_builtin

    models._assigner = SimilarityAssigner(load_builtin(), embedder, settings.assign_threshold,
                                          settings.max_themes_per_note, settings.assign_margin)
    with TestClient(app) as c:
        yield c
