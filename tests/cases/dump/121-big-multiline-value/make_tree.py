import os, sys
d = sys.argv[1]
with open(os.path.join(d, "tox.ini"), "w") as f:
    f.write("[testenv]\ncommands =\n")
    f.write("    python -c pass\n" * 20000)
    f.write("[pytest]\naddopts = -q\n")
