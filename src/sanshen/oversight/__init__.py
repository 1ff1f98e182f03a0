"""Oversight (监督): the audit log, and later statistics, thresholds and accountability."""
