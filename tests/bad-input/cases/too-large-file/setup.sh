# 5 MiB of comment lines: above the 4 MiB limit (kMaxFileBytes).
f=content/territories/test-departement.yaml
printf 'id: test-departement\nlevel: departement\nname: Test\nparent: france\n' > "$f"
head -c 5242880 /dev/zero | tr '\0' 'x' | fold -w 99 | sed 's/^/#/' >> "$f"
