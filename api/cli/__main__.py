"""`python -m api.cli`: the same as the `kehou` command."""

from api.cli import main

main()
