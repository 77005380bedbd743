"""Event kinds: one definition per kind (fields, fold, description), and their registry.

- definition.py: what a kind definition is (`EventKind`), the field types;
- sitting.py, items.py, participation.py, corrections.py: the kinds, by subject;
- registry.py: the one table of kinds, and folding and describing through it.

This file imports nothing, so `definition` can be imported without the kinds: the
kinds import the agenda, which (for now) imports the record layer, which imports
`events`, which imports `definition`.
"""
