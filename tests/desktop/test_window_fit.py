"""The window's first size fits the screen's free area (a 1366×768 laptop with a task bar), title bar included."""
from __future__ import annotations

from PySide6.QtCore import QRect
from PySide6.QtWidgets import QWidget

from desktop.window_state import FRAME_ALLOWANCE, first_size


class _Screen:
    def __init__(self, rect: QRect) -> None:
        self.rect = rect

    def availableGeometry(self) -> QRect:
        return self.rect


def test_the_first_size_leaves_room_for_the_title_bar_on_a_1366x768_laptop(qtbot) -> None:
    w = QWidget()
    qtbot.addWidget(w)
    free = QRect(0, 0, 1366, 728)  # 768 less a 40 px task bar
    w.screen = lambda: _Screen(free)  # type: ignore[method-assign]
    first_size(w)
    assert w.width() + FRAME_ALLOWANCE[0] <= 1366 and w.height() + FRAME_ALLOWANCE[1] <= 728
    assert w.height() >= 600  # still as tall as the screen allows
    big = QRect(0, 0, 1920, 1040)
    w.screen = lambda: _Screen(big)  # type: ignore[method-assign]
    first_size(w)
    assert (w.width(), w.height()) == (1366, 768) and w.x() > 0 and w.y() > 0  # centred


def test_a_new_window_fits_its_screen(qtbot, appdata) -> None:
    from desktop.main_window import MainWindow
    w = MainWindow(appdata)
    qtbot.addWidget(w)
    w.show()
    qtbot.waitExposed(w)
    free = w.screen().availableGeometry()
    assert w.frameGeometry().height() <= free.height() and w.frameGeometry().width() <= free.width()
