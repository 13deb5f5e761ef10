print("muninn")
