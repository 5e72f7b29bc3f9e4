rm -rf content
