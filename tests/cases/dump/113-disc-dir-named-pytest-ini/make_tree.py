import os, sys
d = sys.argv[1]
os.mkdir(os.path.join(d, "pytest.ini"))
with open(os.path.join(d, "pytest.ini", "x.ini"), "w") as f:
    f.write("[pytest]\naddopts = -q\n")
with open(os.path.join(d, "tox.ini"), "w") as f:
    f.write('[tox]\nenvlist = py3\n\n[pytest]\naddopts = -p tox\n')
