"""The chair's screen in a browser (`meetingtui serve`): read-only, behind a token.

Plain Python and Starlette: nothing here imports Textual (the app starts the server as a
process of its own, through `launch`).
"""
