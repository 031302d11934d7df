package user

import (
	"errors"
	"fmt"

	"shop"
)

func details(err error) {
	var e *shop.Error
	if !errors.As(err, &e) {
		return
	}
	fmt.Println(e.Details.(*shop.OutOfStockDetails).Available) // want `^unchecked type assertion e.Details.\(\*shop.OutOfStockDetails\) panics for every code but shop.CodeOutOfStock: use the comma-ok form, d, ok := e.Details.\(\*shop.OutOfStockDetails\)$`
	d := e.Details.(*shop.PaymentDeclinedDetails)              // want `^unchecked type assertion e.Details.\(\*shop.PaymentDeclinedDetails\) panics for every code but shop.CodePaymentDeclined: use the comma-ok form, d, ok := e.Details.\(\*shop.PaymentDeclinedDetails\)$`
	fmt.Println(d.DeclineCode)
}

func detailsReturn(e *shop.Error) int {
	d := e.Details.(*shop.OutOfStockDetails) // want `panics for every code but shop.CodeOutOfStock`
	return d.Available
}

func detailsOther(e *shop.Error) {
	var x any = e.Details.(fmt.Stringer) // want `^unchecked type assertion e.Details.\(fmt.Stringer\) panics when e.Details holds another type: use the comma-ok form, x, ok := e.Details.\(fmt.Stringer\)$`
	fmt.Println(x)
}

func detailsGuardedByOther(e *shop.Error) {
	if e.Code == shop.CodeRateLimited {
		fmt.Println(e.Details.(*shop.OutOfStockDetails).Available) // want `panics for every code but shop.CodeOutOfStock`
	}
}

func detailsOK(e *shop.Error, ok bool) {
	d := e.Details.(*shop.OutOfStockDetails) // want `panics for every code but shop.CodeOutOfStock`
	fmt.Println(d.Available, ok)
}

func ignored(err error) {
	var e *shop.Error
	errors.As(err, &e) // want `^result of errors.As\(err, &e\) ignored: e is not set when err holds no \*shop.Error; use if errors.As\(err, &e\) \{ ... \}$`
	fmt.Println(e.Status)
}

func ignoredBoth(err error) {
	var e *shop.Error
	errors.As(err, &e)                       // want `result of errors.As\(err, &e\) ignored`
	d := e.Details.(*shop.OutOfStockDetails) // want `panics for every code but shop.CodeOutOfStock`
	fmt.Println(d.Available)
}

func ignoredReturn(err error) int {
	var e *shop.Error
	errors.As(err, &e) // want `result of errors.As\(err, &e\) ignored`
	return e.Status
}

func ignoredUsedAfterBlock(err error) {
	var e *shop.Error
	{
		errors.As(err, &e) // want `result of errors.As\(err, &e\) ignored`
		fmt.Println(e.Status)
	}
	fmt.Println(e.Message)
}
