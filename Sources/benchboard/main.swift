print("benchboard")
