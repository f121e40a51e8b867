"""The data contract of DATASETS.md: schemas, code lists and normalisers.

Pure Python; imports nothing else of RightsWatch.
"""

from rightswatch.contract.schema import Column, Dataset, PersonGroup, dataset, datasets

__all__ = ["Column", "Dataset", "PersonGroup", "dataset", "datasets"]
