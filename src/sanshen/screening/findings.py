"""What screening reports: one `Finding` per problem, at exact code-point offsets."""

from dataclasses import asdict, dataclass

CATEGORIES = ("sensitive", "secrecy", "privacy", "expression", "typo", "prohibited", "format", "source")
SEVERITIES = ("block", "warn", "info")


@dataclass(frozen=True, slots=True)
class Finding:
    """One screening finding (筛查发现): `text == extracted[start:end]`."""

    category: str
    rule: str
    severity: str
    start: int
    end: int
    text: str
    suggestion: str
    message: str

    def __post_init__(self):
        if self.category not in CATEGORIES:
            raise ValueError(f"unknown category {self.category!r}")
        if self.severity not in SEVERITIES:
            raise ValueError(f"unknown severity {self.severity!r}")

    def as_dict(self) -> dict:
        return asdict(self)
