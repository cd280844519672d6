"""The redaction finder as it was before the open-vocabulary name finder (commit e495f70), with the name lists it
loaded, kept unchanged so bench/bench_anonymise.py can time the old and the new finder in the same run.
Not used by the app."""
