"""Scalar reference normalisers for DATASETS.md's conventions.

The importer applies the same rules set-at-a-time in SQL (`rightswatch.contract.sql`);
tests hold the two to the same answers. These scalar forms serve forms in the platform,
the synthetic city and the tests.
"""
