from conftest import pause


def test_invoices_create(database):
    pause(2)


def test_invoices_read(database):
    pause(2)


def test_invoices_update(database):
    pause(2)


def test_invoices_delete(database):
    pause(2)
