"""Café templates: the built-in ones, those a facilitator saved, and importing/exporting them as JSON files."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from cafe_desk.core import plan as rules
from cafe_desk.core.errors import UserError, ValidationError
from cafe_desk.core.model import Plan
from cafe_desk.resources import TEMPLATES
from cafe_desk.services.base import ServiceBase

MAX_TEMPLATE_BYTES = 1_000_000


@dataclass(frozen=True)
class Template:
    name: str
    plan: Plan
    built_in: bool


class TemplateService(ServiceBase):
    def built_in(self) -> list[Template]:
        """The templates that come with the app, by file name."""
        out = []
        for path in sorted(TEMPLATES.glob("*.json")):
            name, plan = rules.template_from_json(path.read_text(encoding="utf-8"))
            out.append(Template(name, plan, True))
        return out

    def all(self) -> list[Template]:
        """Built-in templates first, then the facilitator's own."""
        with self.store.read():
            saved = self.store.list_templates()
        return self.built_in() + [Template(*rules.template_from_json(body), False) for _, body in saved]

    def get(self, name: str) -> Template:
        """The template called `name`; ValidationError if there is none."""
        for t in self.all():
            if t.name == name:
                return t
        raise ValidationError(f"There is no template called {name!r}.")

    def save_from_cafe(self, cafe_id: str, name: str) -> Template:
        """Keep this café's plan (without its date) as a template under `name`."""
        name = rules.clean_title(name, "The template")
        if any(t.name.casefold() == name.casefold() for t in self.built_in()):
            raise ValidationError(f"{name!r} is the name of a built-in template; please choose another.")
        from cafe_desk.services.planning import PlanningService

        plan = PlanningService(self.store).plan_of(cafe_id)
        plan.date = ""
        with self.store.transaction():
            self.store.save_template(name, rules.template_to_json(name, plan))
        return Template(name, plan, False)

    def import_file(self, path: Path) -> Template:
        """Read a template JSON file and keep it; ValidationError names what is wrong with it."""
        path = Path(path)
        try:
            if path.stat().st_size > MAX_TEMPLATE_BYTES:
                raise ValidationError(f"{path.name} is too large to be a template.")
            raw = path.read_bytes()
        except OSError as exc:
            raise UserError(f"{path.name} could not be read ({exc.strerror}).") from None
        try:
            name, plan = rules.template_from_json(raw)
        except ValidationError as exc:
            raise ValidationError(f"{path.name}: {exc}") from None
        if any(t.name.casefold() == name.casefold() for t in self.built_in()):
            name = f"{name} (imported)"
        with self.store.transaction():
            self.store.save_template(name, rules.template_to_json(name, plan))
        return Template(name, plan, False)

    def export_file(self, name: str, path: Path) -> Path:
        """Write the template called `name` as JSON to `path`; UserError if it can't be written."""
        template = self.get(name)
        path = Path(path)
        try:
            path.write_text(rules.template_to_json(template.name, template.plan), encoding="utf-8")
        except OSError as exc:
            raise UserError(f"The template could not be written to {path} ({exc.strerror}).") from None
        return path
