print("paracues")
