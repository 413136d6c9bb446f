import os, sys
d = sys.argv[1]
os.makedirs(os.path.join(d, "real", "pkg"))
os.makedirs(os.path.join(d, "link"))
with open(os.path.join(d, "real", "pytest.ini"), "w") as f:
    f.write("[pytest]\naddopts = -p real_parent\n")
with open(os.path.join(d, "link", "pytest.ini"), "w") as f:
    f.write("[pytest]\naddopts = -p link_parent\n")
os.symlink(os.path.join("..", "real", "pkg"), os.path.join(d, "link", "pkg"))
