package user

// This file imports nothing: the fixes add the imports they need.

func noImport() bool {
	return lookup().Code == "out_of_stock" // want `^shop.Code compared with "out_of_stock": use shop.CodeOutOfStock$`
}
