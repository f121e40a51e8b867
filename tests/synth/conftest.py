import pytest

from rightswatch.synth import generate_bundle


@pytest.fixture(scope="session")
def bundle(tmp_path_factory):
    out = tmp_path_factory.mktemp("bundle")
    summary = generate_bundle(str(out), scale="tiny", seed=3)
    return out, summary
