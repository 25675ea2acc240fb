"""The part of shapely the bundled OCR uses (see build_spec/shims/README.md)."""
