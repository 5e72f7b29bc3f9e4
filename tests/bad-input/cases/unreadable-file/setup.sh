# A content file nobody may read (mode 000). Run as root, bilan is run as
# 'nobody' for this case (see run_case.sh).
chmod 000 content/territories/test-departement.yaml
