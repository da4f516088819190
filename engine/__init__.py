"""The answer engine: retrieval, question analysis, sentence scoring and composing cited answers.

Interfaces (app/: chat, CLI) and the evaluation (eval/) ask `engine.core.Engine`; nothing in
this package imports them.
"""
