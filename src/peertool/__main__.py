from peertool.cli import main

main()
