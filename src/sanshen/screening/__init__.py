"""The screening engine (内容纠错 / 技术筛查): pure Python, no Django.

Used alike by the CLI (``sanshen screen``), the web app and the worker.  Public API::

    from sanshen.screening import screen_text, extract, RuleSet, Finding

    ex = extract(path_or_bytes, filename=None)   # -> Extracted(text, kind, encoding, html_runs)
    findings = screen_text(ex.text, ruleset=None, existing_titles=(), html_runs=ex.html_runs)
    # each Finding(category, rule, severity, start, end, text, suggestion, message) has
    # finding.text == ex.text[finding.start:finding.end]

    rs = RuleSet.build(lexicons=["admin.txt"], allow=["短语"], allow_files=["allow.txt"])
    rs.version        # hash of all rule data; the automaton is built once per version and cached

Modules, one job each: ``extract`` (txt/GBK, HTML, .docx, .pdf → text), ``normalize`` (folding
and noise removal for matching, offsets mapped back by breakpoints), ``packs`` (reading the data
files in ``packs/``), ``ruleset`` (rules + the Aho-Corasick automaton), ``validators`` (ID numbers,
mobiles, bank cards), ``secrecy`` (密级 markers), ``doc_kinds`` (请示/报告/函), ``formatting``
(001 website§14 format checks), ``typos`` (错别字, its own detector), ``engine`` (the pipeline),
``cli`` (``sanshen screen``), ``cache`` (built rule data kept on disk between processes) and
``typo_tables`` (the typo detector over its cached tables).
"""

from .engine import Screener, has_blocking, screen_text
from .extract import Extracted, ExtractError, extract
from .findings import CATEGORIES, SEVERITIES, Finding
from .ruleset import RuleSet

__all__ = ["CATEGORIES", "SEVERITIES", "Extracted", "ExtractError", "Finding", "RuleSet", "Screener",
           "extract", "has_blocking", "screen_text"]
