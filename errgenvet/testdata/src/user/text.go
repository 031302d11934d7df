package user

import (
	"fmt"
	"regexp"
	"strings"

	"shop"
)

var inStockRE = regexp.MustCompile(`left in stock`)

func text(err error, e *shop.Error) {
	if err.Error() == "out_of_stock" { // want `^err.Error\(\) matched against "out_of_stock", the code of shop.CodeOutOfStock: use errors.Is\(err, shop.ErrOutOfStock\)$`
		fmt.Println("1")
	}
	if strings.Contains(err.Error(), "Card declined") { // want `^err.Error\(\) matched against "Card declined", a documented title of shop.CodePaymentDeclined: use errors.Is\(err, shop.ErrPaymentDeclined\)$`
		fmt.Println("2")
	}
	if strings.HasPrefix(e.Message, "Only 2 items") { // want `^e.Message matched against "Only 2 items", from a documented message of shop.CodeOutOfStock: use errors.Is\(e, shop.ErrOutOfStock\)$`
		fmt.Println("3")
	}
	if strings.HasPrefix(e.Message, "Missing required parameter") { // want `from a documented message of shop.CodeMissingParameter: use errors.Is\(e, shop.ErrMissingParameter\)$`
		fmt.Println("4")
	}
	if e.Message == "Missing required parameter: color" { // want `, a documented message pattern of shop.CodeMissingParameter: use errors.Is\(e, shop.ErrMissingParameter\)$`
		fmt.Println("5")
	}
	if strings.EqualFold("CARD DECLINED", err.Error()) { // want `a documented title of shop.CodePaymentDeclined`
		fmt.Println("6")
	}
	if strings.Contains(strings.ToLower(err.Error()), "RATE_LIMITED") { // want `the code of shop.CodeRateLimited`
		fmt.Println("7")
	}
	if inStockRE.MatchString(e.Message) { // want `^e.Message matched against regexp "left in stock", which matches a documented message of shop.CodeOutOfStock: use errors.Is\(e, shop.ErrOutOfStock\)$`
		fmt.Println("8")
	}
	if ok, _ := regexp.MatchString(`out_of_st.ck`, err.Error()); ok { // want `^err.Error\(\) matched against regexp "out_of_st.ck", which matches the code of shop.CodeOutOfStock: use errors.Is\(err, shop.ErrOutOfStock\)$`
		fmt.Println("9")
	}
	if err.Error() != "shop: rate_limited" { // want `use !errors.Is\(err, shop.ErrRateLimited\)$`
		fmt.Println("10")
	}
	switch err.Error() {
	case "Card declined": // want `use errors.Is\(err, shop.ErrPaymentDeclined\)$`
		fmt.Println("11")
	}
	if !strings.Contains(err.Error(), "payment_declined") { // want `use errors.Is\(err, shop.ErrPaymentDeclined\)$`
		fmt.Println("12")
	}
	local := regexp.MustCompile("Card declined")
	if local.MatchString(err.Error()) { // want `use errors.Is\(err, shop.ErrPaymentDeclined\)$`
		fmt.Println("13")
	}
}
