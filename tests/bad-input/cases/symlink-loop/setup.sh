# Two links pointing at each other.
ln -s test-loop.md content/territories/test-intro.md
ln -s test-intro.md content/territories/test-loop.md
