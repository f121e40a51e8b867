"""Pseudonymisation: the deployment secret, person tokens, the encrypted identity vault, masking."""
