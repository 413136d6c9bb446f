class MyWarning(UserWarning):
    pass
