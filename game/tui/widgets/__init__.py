"""The table's widgets: meters, panels, the decision list and the event log."""
