package user

import "shop"

// This file does not import errors: the fix adds it.

func isOutOfStock(err error) bool {
	return err == shop.ErrOutOfStock // want `use errors.Is\(err, shop.ErrOutOfStock\)$`
}
