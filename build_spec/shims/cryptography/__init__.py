"""What pdfminer imports of cryptography, without AES (see build_spec/shims/README.md)."""
