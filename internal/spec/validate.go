package spec

import (
	"fmt"
	"go/doc/comment"
	"go/token"
	"math"
	"mime"
	"net/http"
	"net/url"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"github.com/errgen/errgen/internal/decode"
)

var (
	packageRE   = regexp.MustCompile(`^[a-z][a-z0-9]*$`)
	codeRE      = regexp.MustCompile(`^[A-Za-z0-9][A-Za-z0-9_.-]*$`)
	fieldNameRE = regexp.MustCompile(`^[A-Za-z][A-Za-z0-9_-]*$`)
)

// validate checks the decoded file against the rules in spec/README.md.
func (c *checker) validate() {
	f := c.f
	switch {
	case c.typed["api"]:
		c.api()
	case !c.present("api"):
		c.errorf("api", "missing [api] table")
	}
	c.headers()
	c.types()
	c.fieldList("fields", f.Fields, true)
	c.families()
	before := len(c.errs)
	c.shapes()
	c.shapesOK = len(c.errs) == before
	if len(f.Errors) == 0 && (c.typed["errors"] || !c.present("errors")) {
		c.errorf("errors", "no [[errors]] entries: want at least one")
	}
	c.errors()
}

// present reports whether key is in the file, whatever its type. Until a
// problem is found every key of the file is typed (the decoding reports
// any it cannot type, TestPresentIsTyped checks it), so the positions, and
// the scan of the file that finds them, are needed only after one.
func (c *checker) present(key string) bool {
	if c.typed[key] {
		return true
	}
	if len(c.errs) == 0 {
		return false
	}
	_, ok := c.f.positions()[key]
	return ok
}

// mistyped reports whether key is in the file with a value of the wrong
// type (reported already).
func (c *checker) mistyped(key string) bool {
	return !c.typed[key] && c.present(key)
}

// require reports a missing or empty required key of the table at parent.
func (c *checker) require(parent, name string, empty bool) {
	key := join(parent, name)
	switch {
	case !c.present(key):
		c.errorf(parent, "missing required key %q", key)
	case c.typed[key] && empty:
		c.errorf(key, "%q is empty", key)
	}
}

func (c *checker) api() {
	a := &c.f.API
	c.require("api", "name", a.Name == "")
	c.require("api", "package", a.Package == "")
	c.require("api", "sources", len(a.Sources) == 0)
	c.require("api", "description", a.Description == "")
	switch p := a.Package; {
	case p == "":
	case !packageRE.MatchString(p):
		c.errorf("api.package", "package %q is not a valid package name (want lowercase letters and digits, starting with a letter)", p)
	case token.IsKeyword(p):
		c.errorf("api.package", "package %q is a Go keyword", p)
	case p == "main":
		c.errorf("api.package", "package %q would be a program, which no SDK can import (want the API's name)", p)
	case p == "init":
		// Found by a walkthrough: the package built, but its example
		// test, and every caller, failed to import it.
		c.errorf("api.package", "package %q cannot be imported: Go reserves the name init for functions (want the API's name)", p)
	case len(p) > maxPackageName:
		c.errorf("api.package", "package name is %d bytes long: it names the package's directory, and a file name may be at most %d bytes", len(p), maxPackageName)
	}
	for i, s := range a.Sources {
		if key := fmt.Sprintf("api.sources.%d", i); c.typed[key] && strings.TrimSpace(s) == "" {
			c.errorf(key, "empty source")
		}
	}
	for i, u := range a.BaseURLs {
		key := fmt.Sprintf("api.base_urls.%d", i)
		if !c.typed[key] {
			continue
		}
		if p, err := url.Parse(u); err != nil || (p.Scheme != "https" && p.Scheme != "http") || p.Host == "" {
			c.errorf(key, "base URL %q is not an absolute http or https URL", u)
		}
	}
	for i, s := range a.RetryableStatuses {
		if key := fmt.Sprintf("api.retryable_statuses.%d", i); c.typed[key] && !s.Class {
			c.status(key, s.Status)
		}
	}
	for i, t := range a.CodeTrim {
		if key := fmt.Sprintf("api.code_trim.%d", i); c.typed[key] && !slices.Contains(decode.Trims, decode.Trim(t)) {
			c.errorf(key, "unknown code_trim %q (want one of: %s)", t, joinNames(decode.Trims))
		}
	}
}

// maxPackageName is the longest package name: it is the name of the
// package's directory, and most file systems allow names of 255 bytes.
const maxPackageName = 255

// joinNames lists names for an error message.
func joinNames[T ~string](names []T) string {
	out := make([]string, len(names))
	for i, n := range names {
		out[i] = string(n)
	}
	return strings.Join(out, ", ")
}

func (c *checker) status(key string, s int) {
	if s < 400 || s > 599 {
		c.errorf(key, "status %d is not an error status (want 400 to 599)", s)
	}
}

// headerUnits are the units a delay header may have.
var headerUnits = []decode.Unit{decode.Seconds, decode.Milliseconds, decode.EpochSeconds, decode.HTTPDate, decode.RetryAfterUnit}

func (c *checker) headers() {
	h := &c.f.Headers
	// request_id and retry_after loaded before names were checked: only
	// the newer keys must be HTTP tokens.
	for _, k := range []struct{ key, v string }{{"code", h.Code}, {"should_retry", h.ShouldRetry}} {
		c.headerName("headers."+k.key, k.v)
	}
	for i, hd := range h.Info {
		if key := fmt.Sprintf("headers.info.%d", i); c.typed[key] {
			c.require(key, "name", hd.Name == "")
			if hd.Name == "*" { // found by TestMutatedSpecs: LogValue showed every header
				c.errorf(key+".name", "header name \"*\" has no prefix before the '*': it would stand for every header that is not secret, so errors would log them all (want a prefix, such as \"X-Credits-*\")")
			}
		}
	}
	for i, d := range h.Delay {
		key := fmt.Sprintf("headers.delay.%d", i)
		if !c.typed[key] {
			continue
		}
		c.require(key, "name", d.Name == "")
		c.require(key, "unit", d.Unit == "")
		c.headerName(key+".name", d.Name)
		if d.Unit != "" && !slices.Contains(headerUnits, decode.Unit(d.Unit)) {
			c.errorf(key+".unit", "unknown unit %q for a delay header (want one of: %s)", d.Unit, joinNames(headerUnits))
		}
		for _, name := range sortedKeys(d.When) {
			c.headerName(key+".when."+name, name)
		}
	}
	first := make(map[string]string) // canonical name -> key of its first mention
	for i, name := range c.f.Headers.Secret {
		key := fmt.Sprintf("headers.secret.%d", i)
		if !c.typed[key] {
			continue
		}
		canon := http.CanonicalHeaderKey(name)
		c.headerName(key, name)
		switch {
		case canon == http.CanonicalHeaderKey(c.f.Headers.RequestID):
			c.errorf(key, "secret header %q is the request_id header, whose value errors show; it cannot be secret", name)
		default:
			if k, dup := first[canon]; dup {
				c.errorf(key, "duplicate secret header %q (first listed at %s)", name, c.f.Pos(k))
			} else {
				first[canon] = key
			}
		}
	}
}

// headerName checks a header name: an HTTP token.
func (c *checker) headerName(key, name string) {
	if !c.typed[key] || name == "" {
		return
	}
	for _, r := range name {
		if r > 0x7e || r <= ' ' || strings.ContainsRune("\"(),/:;<=>?@[\\]{}", r) {
			c.errorf(key, "header name %q is not an HTTP token", name)
			return
		}
	}
}

// typeNames lists the named types declared, for error messages.
func (c *checker) typeNames() []string {
	var names []string
	for _, t := range c.f.Types {
		if t.Name != "" {
			names = append(names, t.Name)
		}
	}
	return names
}

func (c *checker) types() {
	first := make(map[string]string)
	for i, t := range c.f.Types {
		key := fmt.Sprintf("types.%d", i)
		if !c.typed[key] {
			continue
		}
		c.require(key, "name", t.Name == "")
		switch {
		case t.Name == "":
		case !fieldNameRE.MatchString(t.Name):
			c.errorf(key+".name", "type name %q cannot become a Go identifier (want a letter, then letters, digits, '_' or '-')", t.Name)
		case decode.KindNamed(t.Name) != nil || strings.HasPrefix(t.Name, "map"):
			c.errorf(key+".name", "type name %q is a built-in type", t.Name)
		default:
			if k, dup := first[t.Name]; dup {
				c.errorf(key+".name", "duplicate type %q (first defined at %s)", t.Name, c.f.Pos(k))
			} else {
				first[t.Name] = key + ".name"
			}
		}
		c.require(key, "fields", len(t.Fields) == 0)
		c.fieldList(key+".fields", t.Fields, false)
	}
	c.typeCycles()
}

// typeCycles reports a named type that contains itself, directly or in a
// list: errgen's decoding core cannot build such a type (a struct holding
// itself would have infinite size, and one holding a list of itself
// cannot be made by reflection), so errgen would not know how the
// generated package decodes it.
func (c *checker) typeCycles() {
	cyclic := cyclicTypes(c.f.Types)
	for i, t := range c.f.Types {
		if t.Name != "" && cyclic[t.Name] {
			c.errorf(fmt.Sprintf("types.%d.name", i), "type %q contains itself, directly or in a list: errgen cannot decode a type that nests itself; give the nesting field the type \"any\" (or \"map[string]any\") to keep the nested errors untyped", t.Name)
		}
	}
}

// cyclicTypes returns the names of the named types that contain
// themselves, directly or through other types, as a field or in a list.
func cyclicTypes(types []Type) map[string]bool {
	byName := map[string]*Type{}
	for i := range types {
		byName[types[i].Name] = &types[i]
	}
	out := map[string]bool{}
	for _, t := range types {
		seen := map[string]bool{}
		var walk func(name string) bool
		walk = func(name string) bool {
			if name == t.Name && len(seen) > 0 {
				return true
			}
			if seen[name] {
				return false
			}
			seen[name] = true
			for _, f := range byName[name].Fields {
				ref, _ := strings.CutPrefix(string(f.Type), "[]")
				if nt := byName[ref]; nt != nil && walk(nt.Name) {
					return true
				}
			}
			return false
		}
		if walk(t.Name) {
			out[t.Name] = true
		}
	}
	return out
}

func (c *checker) families() {
	first := make(map[string]string)
	for i, fm := range c.f.Families {
		key := fmt.Sprintf("families.%d", i)
		if !c.typed[key] {
			continue
		}
		c.require(key, "name", fm.Name == "")
		if fm.Name != "" {
			if k, dup := first[fm.Name]; dup {
				c.errorf(key+".name", "duplicate family %q (first defined at %s)", fm.Name, c.f.Pos(k))
			} else {
				first[fm.Name] = key + ".name"
			}
		}
	}
}

func (c *checker) shapes() {
	first := make(map[string]string) // shape name -> key of its first definition
	itemType := ""                   // the item type of the first shape with items
	for i, sh := range c.f.Shapes {
		key := fmt.Sprintf("shapes.%d", i)
		if !c.typed[key] {
			continue
		}
		c.require(key, "name", sh.Name == "")
		if sh.Name != "" {
			if k, dup := first[sh.Name]; dup {
				c.errorf(key+".name", "duplicate shape %q (first defined at %s)", sh.Name, c.f.Pos(k))
			} else {
				first[sh.Name] = key + ".name"
			}
		}
		for j, p := range sh.Require {
			if rkey := fmt.Sprintf("%s.require.%d", key, j); c.typed[rkey] {
				c.path(rkey, "require", p, sh.Array)
			}
		}
		paths := []struct{ name, path string }{
			{"code", sh.Code}, {"message", sh.Message}, {"request_id", sh.RequestID}, {"errors", sh.Errors},
			{"detail", sh.Detail}, {"family", sh.Family}, {"retryable", sh.Retryable}, {"items", sh.Items},
		}
		for _, p := range paths {
			if c.typed[key+"."+p.name] {
				c.path(key+"."+p.name, p.name, p.path, sh.Array)
			}
		}
		c.sharedValues(key, paths)
		// Found by TestMutatedSpecs: without them every 2xx response is an
		// error, and the package's TestSuccessIsNil fails.
		switch {
		case !sh.Success || !c.typed[key+".success"]:
		case sh.Format == "text":
			c.errorf(key+".success", "a text shape cannot be a success shape: it would read every 2xx response that is not a JSON object as an error (a text shape has no require or when)")
		case len(sh.Require) == 0 && len(sh.When) == 0:
			c.errorf(key+".success", "a success shape without require or when reads every 2xx response whose body is JSON as an error (want when, such as ok = false, or require)")
		}
		if sh.Fields != "" {
			c.path(key+".fields", "fields", sh.Fields, sh.Array)
		}
		for j, p := range sh.SpecificCodes {
			if skey := fmt.Sprintf("%s.specific_codes.%d", key, j); c.typed[skey] {
				c.path(skey, "specific_codes", p, sh.Array)
			}
		}
		if len(sh.SpecificCodes) > 0 && sh.Code == "" {
			c.errorf(key+".specific_codes", "specific_codes without code (want the path of the general code they refine)")
		}
		for _, p := range sortedKeys(sh.When) {
			c.path(key+".when."+p, "when", p, sh.Array)
			if f, ok := sh.When[p].(float64); ok && (math.IsInf(f, 0) || math.IsNaN(f)) {
				c.errorf(key+".when."+p, "when value %v is not a finite number (a JSON number never equals it)", f)
			}
		}
		switch {
		case sh.Items != "" && sh.ItemType == "":
			c.errorf(key+".items", "items %q without an item_type (want the name of a [[types]] entry)", sh.Items)
		case sh.ItemType != "" && sh.Items == "":
			c.errorf(key+".item_type", "item_type %q without items (want the path of the array)", sh.ItemType)
		case sh.ItemType != "" && c.namedType(sh.ItemType) == nil:
			c.errorf(key+".item_type", "unknown item_type %q (want one of the [[types]]: %s)", sh.ItemType, strings.Join(c.typeNames(), ", "))
		case sh.ItemType != "" && itemType != "" && sh.ItemType != itemType:
			c.errorf(key+".item_type", "item_type %q, but another shape lists items of type %q (Error.Items has one type)", sh.ItemType, itemType)
		case sh.ItemType != "":
			itemType = sh.ItemType
			c.itemSelectors(key, &sh, c.namedType(sh.ItemType), paths)
		}
		switch sh.Format {
		case "", "json":
		case "text":
			if sh.Array {
				c.errorf(key+".array", "a text shape reads a body that is not JSON: it cannot be array = true")
			}
			for _, p := range append(paths, struct{ name, path string }{"fields", sh.Fields}) {
				if p.path != "" {
					c.errorf(key+"."+p.name, "a text shape reads the whole body: it has no %s path", p.name)
				}
			}
			if len(sh.Require) > 0 || len(sh.When) > 0 {
				c.errorf(key+".format", "a text shape applies to any body that is not a JSON object: it has no require or when")
			}
		default:
			c.errorf(key+".format", "unknown format %q (want json or text)", sh.Format)
		}
		for j, ct := range sh.ContentType {
			if mt, params, err := mime.ParseMediaType(ct); err != nil || mt != ct || len(params) > 0 {
				c.errorf(fmt.Sprintf("%s.content_type.%d", key, j), "content type %q is not a lower-case media type without parameters (want e.g. \"application/problem+json\")", ct)
			}
		}
	}
}

// namedType returns the [[types]] entry called name, or nil.
func (c *checker) namedType(name string) *Type {
	for i := range c.f.Types {
		if c.f.Types[i].Name == name {
			return &c.f.Types[i]
		}
	}
	return nil
}

// path checks a shape path used as the named key: no empty segments, one
// "*" and only in errors (or last, in items); in a shape of an array body
// (array), a start at an index, a selector or (errors, items) "*"; in one
// of an object, a start at a member name.
func (c *checker) path(key, name, p string, array bool) {
	path, err := decode.ParsePath(p)
	eachOK := name == "errors" || name == "items" && path.Each() == 1 && path[len(path)-1].Each
	switch {
	case err != nil:
		if p == "" {
			c.errorf(key, "empty path in %s", name)
		} else {
			c.errorf(key, "%v", err)
		}
	case path.Each() > 0 && !eachOK && name == "items":
		c.errorf(key, "path %q: '*' may only come last in items (\"errors.*\" is \"errors\")", p)
	case path.Each() > 0 && !eachOK:
		c.errorf(key, "path %q: '*' is allowed only in errors (and last in items)", p)
	case path.Each() > 1:
		c.errorf(key, "path %q has more than one '*'", p)
	case slices.ContainsFunc(path, func(sg decode.Seg) bool { return sg.Index > maxPathIndex }):
		c.errorf(key, "path %q has an index above %d (WriteError would write every element before it)", p, maxPathIndex)
	case array && path[0].Index < 0 && !path[0].Select && !path[0].Each:
		c.errorf(key, "path %q starts with member %q, but the shape reads a body that is a JSON array (array = true): start with an index or selector, such as \"[0].%s\"", p, path[0].Key, p)
	case !array && (path[0].Select || path[0].Each || path[0].Index >= 0):
		c.errorf(key, "path %q starts at an element of an array, but the shape reads a body that is a JSON object: set array = true for a body that is a JSON array", p)
	}
}

// sharedValues reports two facts a shape reads from one value each (code,
// message, request_id, detail, family, retryable) at the same path, or one
// at a path inside the other's value: no body holds both, and WriteError
// could not write both (found by TestMutatedSpecs: the package's tests
// failed). The lists (errors, items) may hold the others' values, as
// FastAPI's "detail.*.msg" inside the items "detail" does.
func (c *checker) sharedValues(key string, paths []struct{ name, path string }) {
	type read struct {
		name, text string
		path       decode.Path
	}
	var reads []read
	for _, p := range paths {
		switch p.name {
		case "code", "message", "request_id", "detail", "family", "retryable":
		default:
			continue
		}
		if pp, err := decode.ParsePath(p.path); p.path != "" && err == nil {
			reads = append(reads, read{p.name, p.path, pp})
		}
	}
	// Two segments may reach the same value when they are the same, or
	// when one is a selector and the other an index or another selector:
	// "errors[severity=error]" is "errors[0]" when the first error is
	// one (found by TestMutatedSpecs).
	mayMeet := func(a, b decode.Seg) bool {
		switch {
		case a == b:
			return true
		case a.Select && (b.Select || b.Index >= 0), b.Select && a.Index >= 0:
			return true
		}
		return false
	}
	inside := func(outer, inner decode.Path) bool {
		return len(outer) <= len(inner) && slices.EqualFunc(outer, inner[:len(outer)], mayMeet)
	}
	for b, rb := range reads {
		for _, ra := range reads[:b] {
			switch {
			case slices.Equal(ra.path, rb.path):
				c.errorf(key+"."+rb.name, "%s path %q is the %s path too: one value cannot be both (give each its own path)", rb.name, rb.text, ra.name)
			case len(ra.path) == len(rb.path) && inside(ra.path, rb.path):
				c.errorf(key+"."+rb.name, "%s path %q may reach the same value as the %s path %q (a selector and an index, or two selectors, can pick the same element): one value cannot be both (give each its own path)", rb.name, rb.text, ra.name, ra.text)
			case inside(ra.path, rb.path):
				c.errorf(key+"."+rb.name, "%s path %q is inside the %s path %q: one value cannot be both a %s and an object or array holding the %s (give each its own path)", rb.name, rb.text, ra.name, ra.text, ra.name, rb.name)
			case inside(rb.path, ra.path):
				c.errorf(key+"."+rb.name, "%s path %q holds the %s path %q: one value cannot be both a %s and an object or array holding the %s (give each its own path)", rb.name, rb.text, ra.name, ra.text, rb.name, ra.name)
			default:
				continue
			}
			break // one error per path
		}
	}
}

// itemSelectors reports a path of sh that picks one of its items by a
// member ("errors[severity=error].code") that t, the item type, does not
// declare: WriteError writes the items with their declared members only,
// so the selector would find none of them and a new element would be added
// at every write (found by TestMutatedSpecs; with an example, the loader's
// write-back check reports it too).
func (c *checker) itemSelectors(key string, sh *Shape, t *Type, paths []struct{ name, path string }) {
	items, err := decode.ParsePath(sh.Items)
	if err != nil {
		return
	}
	if n := len(items); n > 0 && items[n-1].Each {
		items = items[:n-1] // "errors.*" is "errors"
	}
	for _, p := range paths {
		pp, err := decode.ParsePath(p.path)
		if err != nil || len(pp) <= len(items) || !slices.Equal(pp[:len(items)], items) || !pp[len(items)].Select {
			continue
		}
		sel := pp[len(items)]
		if !slices.ContainsFunc(t.Fields, func(f Field) bool { return f.Name == sel.Member }) {
			c.errorf(key+"."+p.name, "%s path %q picks an item by member %q, which item_type %q does not declare: WriteError writes items with their declared members only, so it could not write the %s back (declare a field %q in the type)", p.name, p.path, sel.Member, sh.ItemType, p.name, sel.Member)
		}
	}
}

// maxPathIndex is the largest array index a path may name: "errors.999".
const maxPathIndex = 999

// trimCode is code as a response that sends it reads after the API's
// code_trim (unknown transformations, reported elsewhere, do nothing).
func trimCode(trims []string, code string) string {
	for _, t := range trims {
		code = decode.Trim(t).Apply(code)
	}
	return code
}

// docURL reports whether u can be a code's doc_url: an absolute http or
// https URL whose every byte is printable ASCII other than '"', '<', '>',
// '\' and '`' (so that Markdown's <...> shows it as one link), and which
// a doc comment shows as one link to itself, nothing left over (go/doc/
// comment ends a link early at '|' or '^', or before a closing '.', ',' or
// unbalanced ')', and makes "”" a curly quote).
func docURL(u string) bool {
	for i := 0; i < len(u); i++ {
		if b := u[i]; b <= ' ' || b >= 0x7f || strings.IndexByte("\"<>\\`", b) >= 0 {
			return false
		}
	}
	p, err := url.Parse(u)
	if err != nil || (p.Scheme != "https" && p.Scheme != "http") || p.Host == "" || !strings.HasPrefix(u, p.Scheme+"://") {
		return false
	}
	var parser comment.Parser
	doc := parser.Parse(u)
	if len(doc.Content) != 1 {
		return false
	}
	para, ok := doc.Content[0].(*comment.Paragraph)
	if !ok || len(para.Text) != 1 {
		return false
	}
	link, ok := para.Text[0].(*comment.Link)
	return ok && link.Auto && link.URL == u
}

func (c *checker) errors() {
	f := c.f
	codes := make(map[string]int)     // code (LowerASCII'd for case_insensitive_codes) -> index of its first definition
	titles := make(map[string]string) // title -> key of its first use
	// status -> the codes that name it: a code documented with a class
	// ("any 4xx") does not stop another from being recognised by a status
	// of it alone.
	statuses := make(map[int][]string)
	for _, e := range f.Errors {
		for _, st := range e.allStatuses()[:e.named()] {
			statuses[st] = append(statuses[st], string(e.Code))
		}
	}
	families := make(map[string]bool)
	for _, fm := range f.Families {
		families[fm.Name] = true
	}
	for i, e := range f.Errors {
		key := fmt.Sprintf("errors.%d", i)
		if !c.typed[key] {
			continue
		}
		c.require(key, "code", e.Code == "")
		c.require(key, "summary", e.Summary == "")
		c.require(key, "remedy", e.Remedy == "")
		code := string(e.Code)
		switch {
		case code == "":
		case e.Name == "" && !codeRE.MatchString(code):
			c.errorf(key+".code", "code %q cannot become a Go identifier (want letters, digits, '_', '-' or '.', starting with a letter or digit; or a name key)", code)
		default:
			ck := code
			if f.API.CaseInsensitiveCodes {
				ck = decode.LowerASCII(code)
			}
			if ck == decode.Undocumented { // ck is in lower case when codes ignore it
				c.errorf(key+".code", "code %q is reserved: errgen's generated tests use it as a code the spec does not document", code)
			}
			if trimmed := trimCode(f.API.CodeTrim, code); trimmed != code && (e.Sent == nil || *e.Sent) {
				c.errorf(key+".code", "code %q reads as %q after code_trim, so no response can carry it: write the code as it reads after code_trim", code, trimmed)
			}
			if k, dup := codes[ck]; dup {
				at := f.Pos(fmt.Sprintf("errors.%d.code", k))
				if first := string(f.Errors[k].Code); first != code {
					c.errorf(key+".code", "code %q differs from code %q (first defined at %s) only in case, and case_insensitive_codes is set", code, first, at)
				} else {
					c.errorf(key+".code", "duplicate code %q (first defined at %s)", code, at)
				}
			} else {
				codes[ck] = i
			}
		}
		if c.typed[key+".doc_url"] && !docURL(e.DocURL) {
			c.errorf(key+".doc_url", "doc_url %q is not an absolute http or https URL of printable ASCII that godoc and Markdown show as one link (no spaces, double quotes, backticks, backslashes, angle brackets, '|' or '^'; no '.', ',' or unbalanced ')' at the end)", e.DocURL)
		}
		if e.Name != "" && !codeRE.MatchString(e.Name) {
			c.errorf(key+".name", "name %q cannot become a Go identifier (want letters, digits, '_', '-' or '.', starting with a letter or digit)", e.Name)
		}
		if c.typed[key+".status"] {
			c.status(key+".status", e.Status)
		}
		for j, st := range e.Statuses {
			// A status or class listed twice counts once (allStatuses).
			if skey := fmt.Sprintf("%s.statuses.%d", key, j); c.typed[skey] && !st.Class {
				c.status(skey, st.Status)
			}
		}
		if c.typed[key+".status"] && c.typed[key+".statuses"] {
			c.errorf(key+".statuses", "both status and statuses: write one (statuses for a code documented with several)")
		}
		if e.Family != "" && !families[e.Family] {
			c.errorf(key+".family", "unknown family %q (want one of the [[families]])", e.Family)
		}
		for j, t := range e.Titles {
			tkey := fmt.Sprintf("%s.titles.%d", key, j)
			if !c.typed[tkey] {
				continue
			}
			if t == "" {
				c.errorf(tkey, "empty title")
			} else if k, dup := titles[t]; dup {
				c.errorf(tkey, "duplicate title %q (first used at %s)", t, f.Pos(k))
			} else {
				titles[t] = tkey
			}
		}
		for j, p := range e.Patterns {
			pkey := fmt.Sprintf("%s.patterns.%d", key, j)
			if !c.typed[pkey] {
				continue
			}
			if _, err := decode.ParsePattern(p); err != nil {
				c.errorf(pkey, "%v", err)
			}
		}
		if e.ByStatus {
			if e.hasClass() {
				c.errorf(key+".by_status", "by_status on code %q, which is documented with a class of statuses (want exactly one status)", code)
			} else if len(e.allStatuses()) != 1 && !c.mistyped(key+".status") && !c.mistyped(key+".statuses") {
				// A status of the wrong type is reported as that alone.
				c.errorf(key+".by_status", "by_status on code %q, which has %d statuses (want exactly one)", code, len(e.allStatuses()))
			}
			for _, st := range e.allStatuses()[:e.named()] { // a class is reported above
				for _, other := range statuses[st] {
					if other != code {
						c.errorf(key+".by_status", "by_status on code %q, but code %q has the same status %d", code, other, st)
						break
					}
				}
			}
		}
		if d := e.RetryAfterDefault; d != nil && (*d <= 0 || *d > decode.MaxRetryAfter.Seconds() || *d != *d) {
			c.errorf(key+".retry_after_default", "retry_after_default %v is not a delay in seconds (want more than 0, at most %v)", *d, decode.MaxRetryAfter.Seconds())
		}
		for _, name := range sortedKeys(e.WhenHeaders) {
			c.headerName(key+".when_headers."+name, name)
		}
		if e.Shape != "" && c.shapeNamed(e.Shape) == nil {
			c.errorf(key+".shape", "unknown shape %q (want one of: %s)", e.Shape, c.shapeNames())
		}
		c.fieldList(key+".fields", e.Fields, true)
		for j, ex := range e.Examples {
			xkey := fmt.Sprintf("%s.examples.%d", key, j)
			if !c.typed[xkey] {
				continue
			}
			c.require(xkey, "body", false)
			switch {
			case c.typed[xkey+".status"] && ex.Status >= 200 && ex.Status <= 299 && c.hasSuccessShape():
			case c.typed[xkey+".status"]:
				c.status(xkey+".status", ex.Status)
			case !c.present(key+".status") && !c.present(key+".statuses") && code != "":
				c.errorf(xkey, "example of code %q, which has no documented status: give the example a status", code)
			case !c.present(xkey+".status") && e.hasClass() && e.named() == 0 && code != "":
				c.errorf(xkey, "example of code %q, which is documented with classes of statuses only (%s): give the example a status", code, strings.Join(e.statusTerms(), ", "))
			}
			headers := map[string]string{}
			for _, h := range sortedKeys(ex.Headers) {
				canon := http.CanonicalHeaderKey(h)
				if first, dup := headers[canon]; dup {
					c.errorf(xkey+".headers."+h, "header %q appears twice in the example (as %q and %q)", canon, first, h)
				}
				headers[canon] = h
			}
		}
	}
}

// shapeNamed returns the shape of that name, or nil.
func (c *checker) shapeNamed(name string) *Shape {
	for i := range c.f.Shapes {
		if c.f.Shapes[i].Name == name {
			return &c.f.Shapes[i]
		}
	}
	return nil
}

// shapeNames lists the shapes' names, for error messages.
func (c *checker) shapeNames() string {
	var names []string
	for _, sh := range c.f.Shapes {
		names = append(names, strconv.Quote(sh.Name))
	}
	if len(names) == 0 {
		return "no shape is defined"
	}
	return strings.Join(names, ", ")
}

// fieldUnits are the units a retry_after field may have.
var fieldUnits = []decode.Unit{decode.Seconds, decode.Milliseconds, decode.EpochSeconds, decode.Duration}

// fieldList checks the typed fields at key; delays says whether they may
// hold a retry delay (fields of named types may not, nor have paths).
func (c *checker) fieldList(key string, fields []Field, delays bool) {
	first := make(map[string]string) // field name -> key of its first definition
	retryAfter := ""
	for j, fd := range fields {
		fkey := fmt.Sprintf("%s.%d", key, j)
		if !c.typed[fkey] {
			continue
		}
		c.require(fkey, "name", fd.Name == "")
		c.require(fkey, "type", fd.Type == "")
		switch {
		case fd.Name == "":
		case fd.GoName == "" && !fieldNameRE.MatchString(fd.Name):
			c.errorf(fkey+".name", "field name %q cannot become a Go identifier (want a letter, then letters, digits, '_' or '-'; or a go_name key)", fd.Name)
		default:
			if k, dup := first[fd.Name]; dup && fd.Path == "" {
				c.errorf(fkey+".name", "duplicate field %q (first defined at %s)", fd.Name, c.f.Pos(k))
			} else {
				first[fd.Name] = fkey + ".name"
			}
		}
		if fd.GoName != "" && (!token.IsIdentifier(fd.GoName) || !token.IsExported(fd.GoName)) {
			c.errorf(fkey+".go_name", "go_name %q is not an exported Go identifier", fd.GoName)
		}
		kind := c.kind(fkey+".type", fd.Type)
		if fd.Optional && kind != nil && !kind.Scalar() {
			c.errorf(fkey+".optional", "optional field %q has type %s: only string, int, int64, float64 and bool fields can be optional (lists, maps and objects are nil when absent already)", fd.Name, fd.Type)
		}
		if fd.Path != "" {
			if !delays {
				c.errorf(fkey+".path", "a field of a named type has no path: it is the member %q of its object", fd.Name)
			} else {
				c.path(fkey+".path", "path", fd.Path, false) // from the object of fields
			}
		}
		if fd.Unit != "" && !fd.RetryAfter {
			c.errorf(fkey+".unit", "unit on field %q, which is not a retry_after field", fd.Name)
		}
		if c.present(fkey+".values") && len(fd.Values) == 0 {
			c.errorf(fkey+".values", "empty values on field %q (list the documented values, or leave the key out)", fd.Name)
		}
		if len(fd.Values) > 0 && kind != nil && kind.Name != "string" {
			c.errorf(fkey+".values", "values on field %q of type %s: only a string field has documented values", fd.Name, fd.Type)
		}
		seen := map[string]int{}
		for v, value := range fd.Values {
			vkey := fmt.Sprintf("%s.values.%d", fkey, v)
			if !c.typed[vkey] {
				continue
			}
			switch first, dup := seen[value]; {
			case value == "":
				c.errorf(vkey, "empty value")
			case !codeRE.MatchString(value):
				c.errorf(vkey, "value %q cannot become part of a Go identifier (want letters, digits, '_', '-' or '.', starting with a letter or digit)", value)
			case dup:
				c.errorf(vkey, "duplicate value %q (first at %s)", value, c.f.Pos(fmt.Sprintf("%s.values.%d", fkey, first)))
			default:
				seen[value] = v
			}
		}
		if !fd.RetryAfter {
			continue
		}
		if !delays {
			c.errorf(fkey+".retry_after", "a field of a named type cannot hold the retry delay (declare it on the code or among the common [[fields]], with a path)")
			continue
		}
		unit := decode.Unit(fd.Unit)
		switch {
		case unit != "" && !slices.Contains(fieldUnits, unit):
			c.errorf(fkey+".unit", "unknown unit %q for a retry_after field (want one of: %s)", fd.Unit, joinNames(fieldUnits))
		case unit == decode.Duration && kind != nil && kind.Name != "string":
			c.errorf(fkey+".retry_after", "retry_after field %q has unit duration and type %s, want string", fd.Name, fd.Type)
		case unit != decode.Duration && kind != nil && (!kind.Delay || fd.Optional):
			c.errorf(fkey+".retry_after", "retry_after field %q has type %s, want %s", fd.Name, fd.Type, delayKinds())
		}
		if retryAfter != "" {
			c.errorf(fkey+".retry_after", "more than one retry_after field (%q and %q)", retryAfter, fd.Name)
		}
		retryAfter = fd.Name
	}
}

// kind resolves a field type: a built-in kind, a named type or a list of
// one. It reports an unknown type and returns nil.
func (c *checker) kind(key string, t FieldType) *decode.Kind {
	if t == "" || !c.typed[key] {
		return nil
	}
	if k := decode.KindNamed(string(t)); k != nil {
		return k
	}
	name, list := strings.CutPrefix(string(t), "[]")
	if nt := c.namedType(name); nt != nil {
		if list {
			return decode.ListKind(&decode.Type{Name: name})
		}
		return decode.ObjectKind(&decode.Type{Name: name})
	}
	want := decode.KindNames()
	if names := c.typeNames(); len(names) > 0 {
		want += ", or a [[types]] name (or [] and one): " + strings.Join(names, ", ")
	}
	c.errorf(key, "unknown field type %q (want one of: %s)", t, want)
	return nil
}

// hasSuccessShape reports whether some shape applies to 2xx responses.
func (c *checker) hasSuccessShape() bool {
	for _, sh := range c.f.Shapes {
		if sh.Success {
			return true
		}
	}
	return false
}

// allStatuses returns the statuses an error documents: status; or
// statuses, those it names in the document's order, then those of its
// classes ("4xx") it does not name, ascending; or none.
func (e Error) allStatuses() []int {
	if e.Status != 0 {
		return []int{e.Status}
	}
	var out []int
	added := map[int]bool{}
	for _, class := range []bool{false, true} {
		for _, st := range e.Statuses {
			if st.Class != class {
				continue
			}
			for _, s := range st.Statuses() {
				if !added[s] {
					added[s] = true
					out = append(out, s)
				}
			}
		}
	}
	slices.Sort(out[e.named():]) // the classes' statuses, ascending
	return out
}

// named returns how many statuses e names (not counting classes), each
// once.
func (e Error) named() int {
	if e.Status != 0 {
		return 1
	}
	seen := map[int]bool{}
	for _, st := range e.Statuses {
		if !st.Class {
			seen[st.Status] = true
		}
	}
	return len(seen)
}

// hasClass reports whether e's statuses include a class ("4xx").
func (e Error) hasClass() bool { return len(e.classes()) > 0 }

// classes returns the first statuses of e's classes (400 for "4xx"),
// ascending, each once.
func (e Error) classes() []int {
	var out []int
	if e.Status == 0 {
		for _, st := range e.Statuses {
			if st.Class {
				out = append(out, st.Status)
			}
		}
	}
	return slices.Compact(slices.Sorted(slices.Values(out)))
}

// statusTerms returns e's statuses as the file writes them: "400", "4xx".
func (e Error) statusTerms() []string {
	if e.Status != 0 {
		return []string{strconv.Itoa(e.Status)}
	}
	var out []string
	for _, st := range e.Statuses {
		out = append(out, st.String())
	}
	return out
}

// Response returns the status and header of the response example ex of e
// stands for: ex's status, else e's first documented status (0 when it
// documents none), and ex's headers.
func (e Error) Response(ex Example) (int, http.Header) {
	status := ex.Status
	if all := e.allStatuses(); status == 0 && len(all) > 0 {
		status = all[0]
	}
	header := http.Header{}
	for k, v := range ex.Headers {
		header.Set(k, v)
	}
	return status, header
}

// delayKinds lists the kinds a retry_after field may have.
func delayKinds() string {
	var names []string
	for _, k := range decode.Kinds {
		if k.Delay {
			names = append(names, k.Name)
		}
	}
	return strings.Join(names[:len(names)-1], ", ") + " or " + names[len(names)-1]
}
