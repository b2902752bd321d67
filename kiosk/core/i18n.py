"""Localised text for catalog content, which arrives from the backend in several languages at once."""

from __future__ import annotations

from dataclasses import dataclass

SUPPORTED_LANGUAGES = ("en", "es")
DEFAULT_LANGUAGE = "en"


@dataclass(frozen=True, slots=True)
class LocalizedText:
    en: str
    es: str = ""

    def get(self, lang: str) -> str:
        """Falls back to English so a missing translation never shows an empty label."""
        if lang == "es" and self.es:
            return self.es
        return self.en or self.es

    @classmethod
    def same(cls, text: str) -> LocalizedText:
        return cls(en=text, es=text)
