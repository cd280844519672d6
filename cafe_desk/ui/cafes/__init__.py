"""The Cafés page: the list of cafés on this laptop and the new-café dialog."""
