"""The only code that talks SQL: opening the database, migrations, and the store API."""
