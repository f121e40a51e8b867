"""The person index's review queue in the platform (issue 5): analysts confirm or reject pairs
of records that linkage could not decide alone, and split wrong clusters. Masked records only."""
