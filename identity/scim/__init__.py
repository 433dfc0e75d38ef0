"""SCIM 2.0 provisioning (RFC 7643/7644) at /scim/v2/, built on scim2-server and scim2-models.

The libraries validate requests, apply PATCH operations (Entra ID's shapes included), parse
filters and build responses; this package describes what we serve (`provider`), stores it in
Employee and its account (`storage`, `filters`) and speaks HTTP through Django (`views`).
"""
