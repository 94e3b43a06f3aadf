long=x?:y
