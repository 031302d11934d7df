// want package:"errgen package from errgenvet/testdata/shop.toml: CodeOutOfStock=\"out_of_stock\""
package shop

// This file is not generated, but its package is: the analyzer reports
// nothing in it, and exports the package's fact.

func isOutOfStock(e *Error) bool {
	return e.Code == "out_of_stock" || e.Code == "out_of_stok"
}
