"""The Carana sample monitoring dataset (synthetic) and the script that makes it."""
