"""meetingtui: live minutes for Danish council committees, exported as a Word referat."""

__version__ = "0.1.0"
