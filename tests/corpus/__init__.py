"""Generalisation corpus: the same SAMPLE texts typeset by the tools councils and publishers use."""
