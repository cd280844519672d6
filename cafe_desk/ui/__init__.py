"""The Qt screens. Thin: widgets call services and show models; no SQL, no rules, no file formats here."""
