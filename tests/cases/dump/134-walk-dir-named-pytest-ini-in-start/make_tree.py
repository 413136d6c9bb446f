import os, sys
d = sys.argv[1]
os.makedirs(os.path.join(d, "pkg", "pytest.ini"))
with open(os.path.join(d, "pytest.ini"), "w") as f:
    f.write("[pytest]\naddopts = -p root\n")
