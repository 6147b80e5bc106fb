"""Adapters: HTTP service, CLI, report rendering, web page. Nothing imports api."""
