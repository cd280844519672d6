"""The Synthesis page's Café filter offers the cafés of the town or area chosen: with 150 cafés, an analyst who chose
Oban picks among Oban's, and a café chosen in another town goes back to Any with the one change announced."""

from __future__ import annotations

from cafe_desk.core.synthesis import CentralCafe, Facets
from cafe_desk.ui.synthesis.synthesis_filters import FiltersBox


def _cafe(number: int, town: str) -> CentralCafe:
    return CentralCafe(f"id-{number}", f"{town} café {number}", "2026-11-30", town, "dots", 5, f"e{number}", "", 10,
                       f"C{number:05d}")


def test_the_cafe_filter_offers_the_cafes_of_the_town_chosen(qtbot):
    box = FiltersBox()
    qtbot.addWidget(box)
    cafes = [_cafe(1, "Wick"), _cafe(2, "Oban"), _cafe(3, "Wick"), _cafe(4, "Oban")]
    box.fill(cafes, Facets(localities=["Oban", "Wick"]), [])
    combo = box.cafe_combo

    def offered() -> list[str]:
        return [combo.itemData(i) for i in range(1, combo.count())]

    assert offered() == ["id-1", "id-2", "id-3", "id-4"]
    combo.setCurrentIndex(combo.findData("id-1"))  # a Wick café
    announced = []
    box.sig_changed.connect(lambda: announced.append(box.filter()))
    box.locality_combo.setCurrentIndex(box.locality_combo.findData("Oban"))
    assert offered() == ["id-2", "id-4"]
    assert len(announced) == 1 and (announced[0].locality, announced[0].cafe_id) == ("Oban", "")
    combo.setCurrentIndex(combo.findData("id-4"))
    box.fill(cafes, Facets(localities=["Oban", "Wick"]), [])  # filled again (an import): the choices stay
    assert (box.filter().locality, box.filter().cafe_id, offered()) == ("Oban", "id-4", ["id-2", "id-4"])
    box.clear()
    assert offered() == ["id-1", "id-2", "id-3", "id-4"] and box.filter().cafe_id == ""
