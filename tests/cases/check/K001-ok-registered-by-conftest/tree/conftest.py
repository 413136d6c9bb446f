def pytest_addoption(parser):
    parser.addini("my_key", "a key of the project")
