"""Protected public releases of the statistics: immutable, versioned, served as open data and a portal."""
