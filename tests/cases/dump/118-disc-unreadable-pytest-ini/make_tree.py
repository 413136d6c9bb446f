import os, sys
d = sys.argv[1]
# /proc/self/mem is a regular file whose first page cannot be read (EIO):
# an unreadable pytest.ini that stays unreadable for root.
os.symlink("/proc/self/mem", os.path.join(d, "pytest.ini"))
with open(os.path.join(d, "tox.ini"), "w") as f:
    f.write('[tox]\nenvlist = py3\n\n[pytest]\naddopts = -p tox\n')
