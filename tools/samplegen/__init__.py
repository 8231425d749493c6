"""Stand-in source documents for the handbook: sample YAML rendered to designed PDFs.

The real CIH documents are copyrighted, so the repository ships samples with
the same structure and original wording (`samples/cih/*.yml`), rendered here
with fpdf2 by `tools/make_samples.py`.
"""
