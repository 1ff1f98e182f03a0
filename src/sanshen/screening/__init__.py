"""The screening engine (内容纠错 / 技术筛查): pure Python, no Django."""
