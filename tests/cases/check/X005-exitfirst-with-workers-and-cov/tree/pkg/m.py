def fails():
    return 1


def passes():
    return 2
