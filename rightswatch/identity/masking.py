"""The masked forms of identities that pages, reports, summaries and exports show by default."""

from rightswatch.contract.normalise.idnumber import mask as mask_id_number
from rightswatch.contract.normalise.names import mask as mask_name

__all__ = ["mask_id_number", "mask_name"]
