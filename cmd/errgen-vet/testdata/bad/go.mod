module bad

go 1.24
