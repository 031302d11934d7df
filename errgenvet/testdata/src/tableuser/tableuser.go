package tableuser

import (
	"errors"
	"strings"

	"tabled"
)

func check(err error) {
	var e *tabled.Error
	if !errors.As(err, &e) {
		return
	}
	_ = strings.Contains(err.Error(), "Widget is broken") // want `^err.Error\(\) matched against "Widget is broken", a documented title of tabled.CodeBroken: use errors.Is\(err, tabled.ErrBroken\)$`
	_ = e.Message == "Widget 42 is gone"                  // want `^e.Message matched against "Widget 42 is gone", a documented message pattern of tabled.CodeGone: use errors.Is\(e, tabled.ErrGone\)$`
	_ = err.Error() == "Widget has left"                  // want `a documented title of tabled.CodeGone`
	_ = e.Code == "broken"                                // want `^tabled.Code compared with "broken": use tabled.CodeBroken$`
}
