"""The bottom layer (基础层): what every app may use and which imports none of them — errors, the API's
refusal helpers, background jobs asked for by name. See docs/architecture.md."""
