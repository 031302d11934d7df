package user

import (
	"errors"
	"fmt"
	"io"

	"shop"
)

// outOfStock is a code spelled in user code.
const outOfStock = "out_of_stock"

func lookup() *shop.Error { return nil }

func wrap(err error) error { return fmt.Errorf("wrapped: %w", err) }

func codes(err error) {
	var e *shop.Error
	if !errors.As(err, &e) {
		return
	}
	if e.Code == "out_of_stock" { // want `^shop.Code compared with "out_of_stock": use shop.CodeOutOfStock$`
		fmt.Println("1")
	}
	if "rate_limited" != e.Code { // want `^shop.Code compared with "rate_limited": use shop.CodeRateLimited$`
		fmt.Println("2")
	}
	if e.Code == "out_of_stok" { // want `^"out_of_stok" is not a documented code of shop \(did you mean shop.CodeOutOfStock\?\)$`
		fmt.Println("3")
	}
	if e.Code == "teapot" { // want `^"teapot" is not a documented code of shop$`
		fmt.Println("4")
	}
	if e.Code == outOfStock { // want `^shop.Code compared with "out_of_stock": use shop.CodeOutOfStock$`
		fmt.Println("5")
	}
	if e.Code == shop.Code("rate_limited") { // want `use shop.CodeRateLimited$`
		fmt.Println("6")
	}
	if string(e.Code) == "payment_declined" { // want `^shop.Code compared with "payment_declined": use shop.CodePaymentDeclined$`
		fmt.Println("7")
	}
	switch e.Code {
	case "missing_parameter": // want `use shop.CodeMissingParameter$`
		fmt.Println("8")
	case shop.CodeOutOfStock:
		fmt.Println("9")
	case "missing_param": // want `^"missing_param" is not a documented code of shop$`
		fmt.Println("10")
	}
}

func sentinels(err error) {
	if err == shop.ErrOutOfStock { // want `^err == shop.ErrOutOfStock is never true for the \*shop.Error values shop returns: use errors.Is\(err, shop.ErrOutOfStock\)$`
		fmt.Println("1")
	}
	if shop.ErrRateLimited != err { // want `^shop.ErrRateLimited != err is always true for the \*shop.Error values shop returns: use !errors.Is\(err, shop.ErrRateLimited\)$`
		fmt.Println("2")
	}
	switch err {
	case nil:
		fmt.Println("3")
	case shop.ErrOutOfStock: // want `^switch case shop.ErrOutOfStock never matches the \*shop.Error values shop returns: use errors.Is\(err, shop.ErrOutOfStock\)$`
		fmt.Println("4")
	case shop.ErrPaymentDeclined, io.EOF: // want `switch case shop.ErrPaymentDeclined never matches`
		fmt.Println("5")
	}
	switch err := wrap(err); err {
	case shop.ErrRateLimited: // want `switch case shop.ErrRateLimited never matches`
		fmt.Println("6")
	}
	switch wrap(err) {
	case shop.ErrRateLimited: // want `switch case shop.ErrRateLimited never matches`
		fmt.Println("7")
	}
}
