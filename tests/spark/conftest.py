"""One SparkSession (local[2]) for the whole test session: starting one takes ~15 s.

Every test that needs Spark lives in test_same_answers.py, so that under
`pytest -n 2 --dist loadfile` one worker, and only one, starts a JVM.
"""

from __future__ import annotations

import pytest


@pytest.fixture(scope="session")
def spark():
    pytest.importorskip("pyspark", reason="the spark extra is not installed")
    from rightswatch.engine.spark import spark_session

    session = spark_session("local[2]", "rightswatch-tests", driver_memory="2g")
    yield session
    session.stop()
