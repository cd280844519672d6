"""The Comments page: participants' comments, moderation and the projector."""
