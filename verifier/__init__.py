"""babbletest's judge: runs two programs in a sandbox and compares their traces bit for bit."""
