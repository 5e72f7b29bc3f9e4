# A content file that is a symbolic link leading out of the project.
ln -s /etc/passwd content/territories/passwd.yaml
