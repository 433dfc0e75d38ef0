"""The privacy app's pages: register extracts (front end and admin), the record of processing."""
