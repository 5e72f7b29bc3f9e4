# A named pipe where the narrative file is expected: reading it must not wait for a writer.
mkfifo content/territories/test-intro.md
