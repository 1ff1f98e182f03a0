"""Sanshen (三审): public information from draft to website, reviewed, signed and accounted for."""

__version__ = "0.1.0"
