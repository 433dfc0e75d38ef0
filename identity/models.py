"""Sign-in records: linked identities, provisioning tokens."""
