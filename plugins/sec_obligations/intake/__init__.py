"""Importing SEC documents as published (Word, PDF, text) into the data folder.

:mod:`.document` reads one file into plain blocks of text; the layers above it find the clauses.
"""
