"""Review (三审三校): workflows, stages, signed decisions, the emergency path, secrecy determination."""
