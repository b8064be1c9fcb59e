print("gym")
