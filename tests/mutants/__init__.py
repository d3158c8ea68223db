"""Edits of the reference microgpt, as data: mutants the verifier must reject, variants it must accept."""
