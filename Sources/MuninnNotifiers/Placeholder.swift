// Placeholder until the notifiers land.
