// Package bad breaks each rule of errgen-vet; TestErrgenVet copies it to a
// temporary directory and writes beside it, in shop/, the package errgen
// generates from errgenvet/testdata/shop.toml.
package bad

import (
	"errors"
	"fmt"
	"strings"

	"bad/shop"
)

// Check handles err the wrong way, five times over.
func Check(err error) {
	var e *shop.Error
	errors.As(err, &e)
	if e.Code == "out_of_stock" {
		fmt.Println("out of stock")
	}
	if e.Code == "out_of_stok" {
		fmt.Println("never printed")
	}
	if err == shop.ErrRateLimited {
		fmt.Println("never printed either")
	}
	if strings.Contains(err.Error(), "Card declined") {
		fmt.Println("declined")
	}
	d := e.Details.(*shop.OutOfStockDetails)
	fmt.Println(d.Available)
}
