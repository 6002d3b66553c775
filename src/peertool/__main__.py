from peertool.entry import main

main()
