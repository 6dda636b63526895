"""What the workspace does, whoever asks (its pages or its API): the store, validation, the
reviewer's check, previews, imports and exports, downloads and books.

A form is saved as it stands, errors and all (typing is never refused: a half-written form is a
draft), and its state says where it is: ``empty`` (nothing written yet), ``errors`` (it does not
validate), ``findings`` (valid, with the reviewer's findings), ``clean``. The API's ``PUT`` is
stricter (invalid data is answered 422 and not stored): scripts should send forms that validate.
"""

from __future__ import annotations

import io
import json
import tempfile
import zipfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

from pydantic import ValidationError

from .._yaml import dump_yaml, parse_yaml
from ..domain.catalog import Catalog
from ..domain.check import Finding, check_assessment
from ..domain.models import Assessment, Office
from ..errors import InputError, SarFormsError
from ..forms.import_report import ImportReport, ordered
from ..forms.importer import import_docx
from ..forms.options import Options
from ..forms.produce import FormProducer
from ..inputs.sources import validate_assessment
from ..inputs.tables import read_records
from ..messages import render, say
from ..ooxml.zipped import checked_zip
from ..run.book import BookMaker
from .admin import form_documents
from .people import Forbidden, Principal
from .previews import Pages, Previewer
from .store import FormRow, OfficeRow, Store, indicator_code

__all__ = ["MAX_UPLOAD", "Checked", "Imported", "Locked", "State", "Workspace", "as_data"]

#: The largest upload accepted (a Word form with pictures, a zip of a year's YAML files).
MAX_UPLOAD = 20 * 1024 * 1024
State = Literal["empty", "errors", "findings", "clean"]


class Locked(Exception):
    """An approved form: a new revision needs the coordinator to reopen it (423)."""


@dataclass(frozen=True)
class Checked:
    """A form's data validated: the assessment (None when it does not validate), the problems
    (field, message) that keep it from validating, and the reviewer's findings."""

    assessment: Assessment | None
    problems: tuple[tuple[str, str], ...] = ()
    findings: tuple[Finding, ...] = ()

    @property
    def state(self) -> State:
        if self.assessment is None:
            return "errors"
        return "findings" if self.findings else "clean"


@dataclass
class Imported:
    """Forms made from an upload, and what could not be placed (file or field, message)."""

    forms: list[FormRow] = field(default_factory=list)
    refused: list[tuple[str, str]] = field(default_factory=list)


class Workspace:
    """One store, one producer and one previewer, shared by every request."""

    def __init__(self, store: Store, options: Options, producer: FormProducer, previewer: Previewer) -> None:
        self.store, self.options, self.producer, self.previewer = store, options, producer, previewer
        self.catalog: Catalog = options.the_catalog()
        self._pages: dict[tuple[str, int, str], Pages] = {}  # (form, revision, office) -> its page images

    # ----------------------------------------------------------------- reading
    def data_of(self, form: FormRow) -> dict[str, Any]:
        """The form in the data format: its office's fields and its own."""
        office = self.store.office(form.office_id)
        return ordered({"office": office.data if office else {}, **form.data})

    def check(self, data: dict[str, Any]) -> Checked:
        try:
            a = validate_assessment(data, catalog=self.catalog)
        except InputError as exc:
            return Checked(None, tuple((f, render(m)) for f, m in exc.problems))
        return Checked(a, (), tuple(check_assessment(a)))

    def state(self, form: FormRow, checked: Checked | None = None) -> State:
        """The form's state; ``checked``: its data validated already (by the caller), not again."""
        narrative = form.data.get("narrative") or {}
        if (
            not any(narrative.get(p) for p in ("steps", "results", "problems", "suggestions"))
            and "level" not in form.data
        ):
            return "empty"
        return (checked or self.check(self.data_of(form))).state

    def assessment(self, form: FormRow) -> Assessment:
        """The form as a valid assessment, or the :class:`InputError` that says why it is not one."""
        return validate_assessment(self.data_of(form), catalog=self.catalog, source=form.id)

    # ----------------------------------------------------------------- writing
    def add_office(self, fields: dict[str, Any]) -> OfficeRow:
        try:
            office = Office.model_validate(fields)
        except ValidationError as exc:
            problems = InputError.from_validation(exc).problems
            raise InputError([(f"office.{f}" if f else "office", m) for f, m in problems]) from exc
        return self.store.add_office(office.model_dump(mode="json", exclude_none=True))

    def new_form(self, office: OfficeRow, fiscal_year: int, round: int | None, code: str, who: str) -> FormRow:
        if code not in self.catalog.indicators:
            raise InputError([("indicator", say("web.no_indicator", code=code))])
        data: dict[str, Any] = {"fiscal_year": fiscal_year, "indicator": code, "narrative": {"steps": []}}
        if round:
            data["round"] = round
        return self.store.create_form(office.id, data, who, note=render(say("web.note.new")))

    def save(self, form: FormRow, data: dict[str, Any], revision: int, who: str, note: str = "") -> FormRow:
        """``data`` (without the office; its year, round and indicator are the form's) as the next
        revision; an approved form is locked (:class:`Locked`)."""
        if form.review == "approved":
            raise Locked()
        own = {k: v for k, v in data.items() if k != "office"}
        own.update(fiscal_year=form.fiscal_year, indicator=form.data.get("indicator", form.indicator))
        own.pop("round", None)
        if form.round:
            own["round"] = form.round
        return self.store.save(form.id, ordered(own), revision, who, note, action="save")

    def restore(self, form: FormRow, number: int, who: str) -> FormRow:
        old = self.store.revision(form.id, number)
        if old is None:
            raise KeyError(number)
        if form.review == "approved":
            raise Locked()
        saved = self.store.save(
            form.id, old.data, form.revision, who, render(say("web.note.restored", revision=number))
        )
        self.store.log(who, "restore", office_id=form.office_id, form_id=form.id, detail=f"revision {number}")
        return saved

    def carry_forward(self, form: FormRow, fiscal_year: int, round: int | None, who: str) -> FormRow:
        """The form's data as a new form of ``fiscal_year`` (and round): nothing in the texts rewritten."""
        data = {k: v for k, v in form.data.items() if k not in ("fiscal_year", "round")}
        data = ordered({**data, "fiscal_year": fiscal_year, **({"round": round} if round else {})})
        note = render(say("web.note.carried", year=form.fiscal_year))
        return self.store.create_form(form.office_id, data, who, note=note)

    def add_form_data(self, data: dict[str, Any], who: Principal, note: str) -> FormRow:
        """A form from data in the format (a file or the API): its office found by short name,
        or added (by an administrator only); the data need not validate yet (it is a draft), but
        it must name an office, a fiscal year and an indicator the principal may edit."""
        office_fields = data.get("office")
        if not isinstance(office_fields, dict):
            raise InputError([("office", say("web.needs_office"))])
        office = self.store.office_named(str(office_fields.get("short_name", "")).strip())
        if office is None:
            if not who.admin:
                raise Forbidden()
            office = self.add_office(office_fields)
        if not who.edits(office.id, str(indicator_code(data))):
            raise Forbidden()
        own = {k: v for k, v in data.items() if k != "office"}
        form = self.store.create_form(office.id, ordered(own), who.login, note=note)
        self.store.log(who.login, "create", office_id=office.id, form_id=form.id, detail=note)
        return form

    # ----------------------------------------------------------------- review
    def review(
        self, form: FormRow, step: str, who: Principal, *, revision: int | None = None, comment: str = ""
    ) -> FormRow:
        """One step of the review: ``submit`` (an editor of it, draft or returned -> submitted),
        ``approve`` (the coordinator, of the revision they saw: submitted -> approved), ``return``
        (the coordinator, with a comment: submitted or approved -> returned), ``reopen`` (the
        coordinator: approved -> draft). Every step is in the audit trail."""
        steps = {
            "submit": ("submitted", ("draft", "returned")),
            "approve": ("approved", ("submitted",)),
            "return": ("returned", ("submitted", "approved")),
            "reopen": ("draft", ("approved",)),
        }
        if step not in steps:
            raise InputError([("step", say("web.bad_field"))])
        allowed = who.edits(form.office_id, form.indicator) if step == "submit" else who.coordinates(form.office_id)
        if not allowed:
            raise Forbidden()
        if step == "approve" and (revision is None or not self.check(self.data_of(form)).assessment):
            raise InputError([("", say("web.invalid"))])
        target, expect = steps[step]
        done = self.store.set_review(form.id, target, expect=expect, revision=revision if step == "approve" else None)
        if comment.strip():
            self.comment(done, "", who, comment)
        detail = f"revision {revision}" if step == "approve" else f"revision {done.revision}"
        self.store.log(who.login, step, office_id=form.office_id, form_id=form.id, detail=detail)
        return done

    def comment(self, form: FormRow, field: str, who: Principal, text: str) -> None:
        if not who.comments(form.office_id):
            raise Forbidden()
        self.store.add_comment(form.id, field, who, text)
        self.store.log(
            who.login, "comment", office_id=form.office_id, form_id=form.id, detail=f"{field}: {text}"[:1000]
        )

    # ----------------------------------------------------------------- files in
    def import_word(self, content: bytes, name: str) -> tuple[dict[str, Any], ImportReport]:
        """A Word form's data and report (nothing stored); the package reader's limits apply."""
        with tempfile.TemporaryDirectory(prefix="sar-forms-upload-") as tmp:
            path = Path(tmp) / "form.docx"
            path.write_bytes(content)
            with _named(name):
                data, report = import_docx(path, catalog=self.catalog)
        report.source = name
        return data, report

    def import_workbook(self, content: bytes, name: str, who: Principal) -> Imported:
        """A batch workbook's (or CSV file's) rows as forms: the valid ones; the others refused
        with their sheet, row and field."""
        out = Imported()
        with tempfile.TemporaryDirectory(prefix="sar-forms-upload-") as tmp:
            path = Path(tmp) / ("upload.csv" if name.lower().endswith(".csv") else "upload.xlsx")
            path.write_bytes(content)
            for record in read_records(path, catalog=self.catalog):
                if record.assessment is None:
                    out.refused.append((f"{name} {record.location}", str(record.error)))
                    continue
                try:
                    note = render(say("web.note.uploaded", name=f"{name} {record.location}"))
                    out.forms.append(self.add_form_data(as_data(record.assessment, self.catalog), who, note))
                except (SarFormsError, Forbidden) as exc:
                    out.refused.append((f"{name} {record.location}", str(exc) or render(say("web.forbidden"))))
        return out

    def import_files(self, content: bytes, name: str, who: Principal) -> Imported:
        """An upload of a YAML/JSON file or a zip of them (the workspace's export) as forms."""
        out = Imported()
        if name.lower().endswith(".zip"):
            members = _zip_members(content, name)
        else:
            members = [(name, content)]
        for member, data_bytes in members:
            try:
                data = parse_yaml(data_bytes.decode("utf-8-sig"), member)
                if not isinstance(data, dict):
                    raise InputError(say("input.not_mapping"), source=member)
                out.forms.append(self.add_form_data(data, who, render(say("web.note.uploaded", name=member))))
            except (SarFormsError, UnicodeDecodeError, Forbidden) as exc:
                out.refused.append((member, str(exc) or render(say("web.forbidden"))))
        return out

    # ----------------------------------------------------------------- files out
    def docx(self, form: FormRow) -> bytes:
        return self.producer.docx(self.assessment(form))

    def pages(self, form: FormRow) -> Pages:
        """The form's page images at its current revision: a revision's are looked up by
        (form, revision, office) once made, so page 2 and 3 of an edit cost no second render of the copy."""
        office = self.store.office(form.office_id)
        key = (form.id, form.revision, json.dumps(office.data if office else {}, sort_keys=True))
        known = self._pages.get(key)
        if known is not None and known.png(1).is_file():
            return known
        made = self.previewer.pages(self.assessment(form))
        if len(self._pages) >= 512:
            self._pages.pop(next(iter(self._pages)))
        self._pages[key] = made
        return made

    def yaml(self, form: FormRow) -> str:
        return dump_yaml(self.data_of(form))

    def export_zip(self) -> bytes:
        """Every form of every office as YAML in the format the command line reads."""
        buffer = io.BytesIO()
        with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as z:
            for name, text, _form in form_documents(self.store):
                z.writestr(name, text)
        return buffer.getvalue()

    def book(self, office: OfficeRow, fiscal_year: int, round: int | None, *, pdf: bool) -> tuple[bytes, list[str]]:
        """The office's book of the year and round from its approved forms (each as approved);
        the indicators left out (not approved yet)."""
        forms, missing = [], []
        for form in self.store.forms_of(office.id, fiscal_year, round or 0):
            approved = (
                self.store.revision(form.id, form.approved_revision)
                if form.review == "approved" and form.approved_revision
                else None
            )
            checked = self.check({"office": office.data, **approved.data}) if approved else None
            if checked is None or checked.assessment is None:
                missing.append(form.indicator)
            else:
                forms.append(checked.assessment)
        if not forms:
            raise InputError([("", say("web.book_empty"))])
        book = BookMaker(self.producer).make(forms, pdf=pdf)
        return (book.pdf if pdf else book.docx), missing


@contextmanager
def _named(name: str) -> Iterator[None]:
    """An InputError about an uploaded file named by the upload's name, not our temporary file's."""
    try:
        yield
    except InputError as exc:
        raise InputError(exc.problems, source=name) from None


def _zip_members(content: bytes, name: str) -> list[tuple[str, bytes]]:
    """The YAML/JSON members of an uploaded zip, within the package reader's limits."""
    out = []
    with tempfile.TemporaryDirectory(prefix="sar-forms-upload-") as tmp:
        path = Path(tmp) / "upload.zip"
        path.write_bytes(content)
        with _named(name), checked_zip(path) as z:
            for info in z.infolist():
                if info.is_dir() or not info.filename.lower().endswith((".yaml", ".yml", ".json")):
                    continue
                with z.open(info) as member:
                    out.append((info.filename, member.read(MAX_UPLOAD + 1)[:MAX_UPLOAD]))
    return out


def as_data(a: Assessment, catalog: Catalog) -> dict[str, Any]:
    """A valid assessment in the data format as a person writes it: the catalogue's indicator,
    standard and notes by reference, not repeated."""
    data = a.model_dump(mode="json", exclude_none=True)
    known = catalog.indicators.get(a.indicator.code)
    if known is not None and known.model_dump(mode="json", exclude_none=True) == data["indicator"]:
        data["indicator"] = a.indicator.code
    std = catalog.standards.get(a.standard.number)
    if std is not None and std.title_for(a.fiscal_year) == a.standard.title:
        data.pop("standard")
    if list(a.notes) == list(catalog.form_notes):
        data.pop("notes")
    if a.points is not None:
        data.pop("level", None)  # it follows from the points
    return ordered(data)
