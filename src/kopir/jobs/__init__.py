"""Background jobs that survive a dead worker: leases, heartbeats, the sweeper, the consumer's supervisor."""
