"""Pages: thin views that check access through the services' getters and call the services."""
