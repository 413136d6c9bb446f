import os, sys
d = sys.argv[1]
os.mkdir(os.path.join(d, "conf"))
with open(os.path.join(d, "conf", "real.ini"), "w") as f:
    f.write("[pytest]\naddopts = -p via_symlink\n")
os.symlink(os.path.join("conf", "real.ini"), os.path.join(d, "pytest.ini"))
with open(os.path.join(d, "tox.ini"), "w") as f:
    f.write('[tox]\nenvlist = py3\n\n[pytest]\naddopts = -p tox\n')
