"""The kinds of risk the safeguarding finder names (keys of `safeguarding.KIND_LABELS`)."""

SUICIDE, SELF_HARM, HARMED, CHILD = "suicide", "self_harm", "harmed", "child"
