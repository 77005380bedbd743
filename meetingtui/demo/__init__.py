"""The bundled demo: the reference meeting (agenda) and a record of what happened in it."""
