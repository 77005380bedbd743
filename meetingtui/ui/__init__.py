"""The Textual app: screens and widgets that call the core (Secretary), never the record."""
