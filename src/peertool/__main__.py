from peertool.entry import program

program()
