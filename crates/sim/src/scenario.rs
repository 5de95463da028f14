//! Scenario files: the corridor's demand, posts, checks, staff and tariff, as TOML.
