# A folder where the narrative file is expected.
mkdir content/territories/test-intro.md
