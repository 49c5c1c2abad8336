"""Handlers of the bot, one module per concern; keep them thin."""
