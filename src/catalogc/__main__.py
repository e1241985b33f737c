from catalogc.cli import run

run()
