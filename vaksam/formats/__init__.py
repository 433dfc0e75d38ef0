"""The project's named date formats, per language (FORMAT_MODULE_PATH); see sv/formats.py."""
