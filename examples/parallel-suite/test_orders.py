from conftest import pause


def test_orders_create(database):
    pause(2)


def test_orders_read(database):
    pause(2)


def test_orders_update(database):
    pause(2)


def test_orders_delete(database):
    pause(2)
