"""Collection (信息采集): items, their immutable revisions, attachments, sources and screening reports."""
