"""One service per capability, all in one registry, `Services`. The GUI, the command line and the web server all
write through these; worker threads get a registry of their own from `Services.open`."""

from __future__ import annotations

import contextlib
import functools
import time
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager
from pathlib import Path
from typing import TYPE_CHECKING

from cafe_desk.services.ballots import BallotService
from cafe_desk.services.cafes import CafeService
from cafe_desk.services.central_keys import CentralKeys
from cafe_desk.services.channel import ChannelService
from cafe_desk.services.comments import CommentService
from cafe_desk.services.notes import NoteService
from cafe_desk.services.phone_address import PhoneAddressService
from cafe_desk.services.planning import PlanningService
from cafe_desk.services.running import RunService
from cafe_desk.services.safeguarding import SafeguardingService
from cafe_desk.services.templates import TemplateService
from cafe_desk.services.votes import VoteService
from cafe_desk.storage.store import Store

if TYPE_CHECKING:
    from cafe_desk.services.cafe_report import CafeReportService
    from cafe_desk.services.central_cafes import CentralCafeService
    from cafe_desk.services.exporting import ExportService
    from cafe_desk.services.importing import ImportService
    from cafe_desk.services.printables import PrintablesService
    from cafe_desk.services.receipts import ReceiptService
    from cafe_desk.services.samples import SampleService
    from cafe_desk.services.signers import SignerService
    from cafe_desk.services.signing_key import SigningKeyService
    from cafe_desk.services.synthesis import SynthesisService
    from cafe_desk.services.synthesis_report import SynthesisReportService

#: Opens a registry of its own on the same data file each time it is called; use it as `with opener() as services:`
ServicesOpener = Callable[[], AbstractContextManager["Services"]]


class Services:
    """Every service, on one Store. Exporting, importing, receipts, signing keys and synthesis are made at first use
    (they load encryption and file formats the start-up screen doesn't need)."""

    def __init__(self, store: Store, clock: Callable[[], float] = time.time):
        self.store = store
        self.clock = clock
        self.running = RunService(store, clock)
        self.cafes = CafeService(store, self.running)
        self.planning = PlanningService(store)
        self.templates = TemplateService(store)
        self.notes = NoteService(store)
        self.votes = VoteService(store)
        self.channel = ChannelService(store)
        self.comments = CommentService(store)
        self.ballots = BallotService(store)
        self.phone_address = PhoneAddressService(store)
        self.safeguarding = SafeguardingService(store)
        self.central_keys = CentralKeys(store)

    @classmethod
    def build(cls, store: Store, clock: Callable[[], float] = time.time) -> Services:
        """The registry on an open Store (the caller closes the Store)."""
        return cls(store, clock)

    @classmethod
    @contextlib.contextmanager
    def open(cls, path: str | Path, clock: Callable[[], float] = time.time) -> Iterator[Services]:
        """`with Services.open(path) as services:` a Store of its own on the data file, closed on leaving.
        One registry per thread: a worker thread opens its own."""
        store = Store(Path(path))
        try:
            yield cls(store, clock)
        finally:
            store.close()

    @classmethod
    def opener_for(cls, path: str | Path, clock: Callable[[], float] = time.time) -> ServicesOpener:
        """Opens a registry of its own on the data file at `path` each time it is called (see `opener`)."""
        return functools.partial(cls.open, Path(path), clock)

    def opener(self) -> ServicesOpener:
        """What a worker thread or the phone server needs to open its own registry on this data file
        (`with opener() as services:`), without ever seeing a Store or a path."""
        return self.opener_for(self.store.path, self.clock)

    @functools.cached_property
    def exporting(self) -> ExportService:
        """Exporting a café as an encrypted bundle."""
        from cafe_desk.services.exporting import ExportService

        return ExportService(self)

    @functools.cached_property
    def central_cafes(self) -> CentralCafeService:
        """Imported cafés as a whole at the central desk: taking one back out."""
        from cafe_desk.services.central_cafes import CentralCafeService

        return CentralCafeService(self)

    @functools.cached_property
    def importing(self) -> ImportService:
        """Importing bundles at the central desk."""
        from cafe_desk.services.importing import ImportService

        return ImportService(self.store)

    @functools.cached_property
    def receipts(self) -> ReceiptService:
        """Writing receipts (central desk) and checking them before raw data is deleted (facilitator)."""
        from cafe_desk.services.receipts import ReceiptService

        return ReceiptService(self.store)

    @functools.cached_property
    def samples(self) -> SampleService:
        """The sample cafés for trying the central desk: added, told apart and removed in one step."""
        from cafe_desk.services.samples import SampleService

        return SampleService(self)

    @functools.cached_property
    def signing_key(self) -> SigningKeyService:
        """This laptop's signing key: signs every export; its public key goes to the central team."""
        from cafe_desk.services.signing_key import SigningKeyService

        return SigningKeyService(self.store)

    @functools.cached_property
    def signers(self) -> SignerService:
        """The central desk's list of facilitators' signing keys, and which key signed each imported café."""
        from cafe_desk.services.signers import SignerService

        return SignerService(self.store)

    @functools.cached_property
    def synthesis(self) -> SynthesisService:
        """The central synthesis over imported cafés."""
        from cafe_desk.services.synthesis import SynthesisService

        return SynthesisService(self.store)

    @functools.cached_property
    def printables(self) -> PrintablesService:
        """Printing a café's poster, table cards, comment cards, vote sheets and note-taker sheets."""
        from cafe_desk.services.printables import PrintablesService

        return PrintablesService(self)

    @functools.cached_property
    def cafe_report(self) -> CafeReportService:
        """The café summary report (PDF), anonymised as the export is."""
        from cafe_desk.services.cafe_report import CafeReportService

        return CafeReportService(self)

    @functools.cached_property
    def synthesis_report(self) -> SynthesisReportService:
        """The national synthesis report (PDF or Word) over imported cafés."""
        from cafe_desk.services.synthesis_report import SynthesisReportService

        return SynthesisReportService(self)
