"""Nashra: region-filtered digests of Arabic news for Telegram."""

__version__ = "0.1.0"
