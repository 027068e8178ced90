"""Site profiles as data: one TOML file per provincial police site (see README, "Adding a site")."""
