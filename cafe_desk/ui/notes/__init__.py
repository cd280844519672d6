"""The Notes page: typing notes per table and round, the list of notes, attendance."""
