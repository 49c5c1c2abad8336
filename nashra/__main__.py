from nashra.entry import run

run()
