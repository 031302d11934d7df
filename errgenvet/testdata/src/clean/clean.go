// Package clean uses the generated package shop the way it is meant to be
// used: the analyzer must report nothing here.
package clean

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"regexp"
	"strings"

	"shop"
)

// Code is a type of this package that happens to share the name.
type Code string

func codes(err error, other *shop.Error) {
	var e *shop.Error
	if !errors.As(err, &e) {
		return
	}
	fmt.Println(e.Code == shop.CodeOutOfStock, shop.CodeRateLimited != e.Code)
	fmt.Println(e.Code == other.Code, e.Code == "", string(e.Code) == string(shop.CodeOutOfStock))
	fmt.Println(e.Code == shop.Code(shop.CodePaymentDeclined))
	switch e.Code {
	case shop.CodeOutOfStock, shop.CodeRateLimited:
	case "":
	}
	fmt.Println(Code("out_of_stock") == "out_of_stock")
}

func sentinels(err error) {
	fmt.Println(errors.Is(err, shop.ErrOutOfStock), !errors.Is(err, shop.ErrRateLimited))
	fmt.Println(err == nil, err == io.EOF, shop.ErrOutOfStock == shop.ErrRateLimited)
	switch err {
	case nil, io.EOF:
	}
	switch {
	case errors.Is(err, shop.ErrOutOfStock):
	}
}

func text(err error, e *shop.Error, msg string) {
	fmt.Println(strings.Contains(err.Error(), "timeout"), strings.Contains(err.Error(), "error"))
	fmt.Println(err.Error() == "", e.Message == msg, strings.Contains(e.Message, "stock"))
	fmt.Println(strings.HasPrefix(e.Message, "Only"), strings.HasPrefix(e.Message, "Missing"))
	fmt.Println(regexp.MustCompile(".*").MatchString(err.Error()), strings.Contains(msg, "Card declined"))
	fmt.Println(strings.Contains("Card declined", e.Message))
}

func details(err error) {
	var e *shop.Error
	if errors.As(err, &e) {
		if d, ok := e.Details.(*shop.OutOfStockDetails); ok {
			fmt.Println(d.Available)
		}
		var d, ok = e.Details.(*shop.PaymentDeclinedDetails)
		fmt.Println(d, ok)
		switch d := e.Details.(type) {
		case *shop.OutOfStockDetails:
			fmt.Println(d.Available)
		}
		if e.Code == shop.CodeOutOfStock {
			fmt.Println(e.Details.(*shop.OutOfStockDetails).Available)
		}
		if e.Status == 409 && shop.CodeOutOfStock == e.Code {
			d := e.Details.(*shop.OutOfStockDetails)
			fmt.Println(d.Available)
		}
		switch e.Code {
		case shop.CodePaymentDeclined:
			fmt.Println(e.Details.(*shop.PaymentDeclinedDetails).DeclineCode)
		}
	}
	if errors.Is(err, shop.ErrOutOfStock) {
		var e *shop.Error
		if errors.As(err, &e) {
			fmt.Println(e.Details.(*shop.OutOfStockDetails).Available)
		}
	}
}

func as(err error) {
	var e *shop.Error
	if errors.As(err, &e) {
		fmt.Println(e.Status)
	}
	ok := errors.As(err, &e)
	fmt.Println(ok, e)
	var unused *shop.Error
	errors.As(err, &unused)
	var pe *fs.PathError
	errors.As(err, &pe)
	fmt.Println(pe.Path)
}
