"""Taxonomy data files for `insights eval themes` (a package only so the YAML files ship with the code)."""
