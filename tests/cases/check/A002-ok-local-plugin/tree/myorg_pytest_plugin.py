def pytest_addoption(parser):
    parser.addoption("--myorg-flag", action="store_true")
