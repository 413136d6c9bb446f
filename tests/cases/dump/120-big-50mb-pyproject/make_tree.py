import os, sys
d = sys.argv[1]
line = "# " + "y" * 97 + "\n"
with open(os.path.join(d, "pyproject.toml"), "w") as f:
    f.write("[tool.pytest.ini_options]\n")
    f.write(line * (50 * 1024 * 1024 // 100))
    f.write("addopts = \"-q\"\n")
