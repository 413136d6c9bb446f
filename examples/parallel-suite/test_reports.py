from conftest import pause


def test_reports_create(database):
    pause(2)


def test_reports_read(database):
    pause(2)


def test_reports_update(database):
    pause(2)


def test_reports_delete(database):
    pause(2)
