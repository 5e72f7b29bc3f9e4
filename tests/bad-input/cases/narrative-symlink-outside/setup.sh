# intro.md is a symbolic link to a file outside the project.
ln -s /etc/passwd content/territories/test-intro.md
