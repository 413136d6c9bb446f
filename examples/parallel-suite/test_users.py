from conftest import pause


def test_users_create(database):
    pause(2)


def test_users_read(database):
    pause(2)


def test_users_update(database):
    pause(2)


def test_users_delete(database):
    pause(2)
