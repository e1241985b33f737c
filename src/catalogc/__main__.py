from catalogc.cli import main

main()
