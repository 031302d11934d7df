package user

import (
	"strings"

	"shop"
)

// The fix removes the only use of strings: it deletes the import too.

func lastUse(err error) bool {
	return strings.Contains(err.Error(), "Card declined") // want `use errors.Is\(err, shop.ErrPaymentDeclined\)$`
}

var _ = shop.CodeOutOfStock
