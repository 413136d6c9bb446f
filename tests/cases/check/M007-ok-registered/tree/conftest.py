def pytest_configure(config):
    config.addinivalue_line("markers", "db(url): needs a database")
