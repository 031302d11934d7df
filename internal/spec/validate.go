package spec

import (
	"fmt"
	"go/token"
	"net/http"
	"net/url"
	"regexp"
	"strconv"
	"strings"

	"github.com/errgen/errgen/internal/decode"
)

var (
	packageRE   = regexp.MustCompile(`^[a-z][a-z0-9]*$`)
	codeRE      = regexp.MustCompile(`^[A-Za-z0-9][A-Za-z0-9_.-]*$`)
	fieldNameRE = regexp.MustCompile(`^[A-Za-z][A-Za-z0-9_-]*$`)
	// headerNameRE is a header name errgen accepts: an RFC 9110 token
	// limited to letters, digits and '-'.
	headerNameRE = regexp.MustCompile(`^[A-Za-z0-9][A-Za-z0-9-]*$`)
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
	before := len(c.errs)
	c.shapes()
	c.shapesOK = len(c.errs) == before
	if len(f.Errors) == 0 && (c.typed["errors"] || !c.present("errors")) {
		c.errorf("errors", "no [[errors]] entries: want at least one")
	}
	c.errors()
}

// present reports whether key is in the file, whatever its type.
func (c *checker) present(key string) bool {
	_, ok := c.f.pos[key]
	return ok || c.typed[key]
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
		if key := fmt.Sprintf("api.retryable_statuses.%d", i); c.typed[key] {
			c.status(key, s)
		}
	}
}

func (c *checker) status(key string, s int) {
	if s < 400 || s > 599 {
		c.errorf(key, "status %d is not an error status (want 400 to 599)", s)
	}
}

func (c *checker) headers() {
	for i, h := range c.f.Headers.Info {
		if key := fmt.Sprintf("headers.info.%d", i); c.typed[key] {
			c.require(key, "name", h.Name == "")
		}
	}
	first := make(map[string]string) // canonical name -> key of its first mention
	for i, name := range c.f.Headers.Secret {
		key := fmt.Sprintf("headers.secret.%d", i)
		if !c.typed[key] {
			continue
		}
		canon := http.CanonicalHeaderKey(name)
		switch {
		case !headerNameRE.MatchString(name):
			c.errorf(key, "secret header %q is not a header name (want letters, digits and '-')", name)
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

func (c *checker) shapes() {
	first := make(map[string]string) // shape name -> key of its first definition
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
				c.path(rkey, "require", p)
			}
		}
		for _, p := range []struct{ name, path string }{
			{"code", sh.Code}, {"message", sh.Message}, {"request_id", sh.RequestID}, {"errors", sh.Errors},
		} {
			if c.typed[key+"."+p.name] {
				c.path(key+"."+p.name, p.name, p.path)
			}
		}
		if sh.Fields != "" {
			c.path(key+".fields", "fields", sh.Fields)
		}
	}
}

// path checks a shape path used as the named key: no empty segments, array
// indexes only in message and errors, one "*" and only in errors.
func (c *checker) path(key, name, p string) {
	path, err := decode.ParsePath(p)
	switch {
	case err != nil:
		if p == "" {
			c.errorf(key, "empty path in %s", name)
		} else {
			c.errorf(key, "%v", err)
		}
	case path.Each() > 0 && name != "errors":
		c.errorf(key, "path %q: '*' is allowed only in errors", p)
	case path.Each() > 1:
		c.errorf(key, "path %q has more than one '*'", p)
	case path.Indexed() != "" && name != "message" && name != "errors":
		c.errorf(key, "path %q: index %s is allowed only in message and errors", p, path.Indexed())
	}
}

func (c *checker) errors() {
	f := c.f
	codes := make(map[string]string)   // code -> key of its first definition
	titles := make(map[string]string)  // title -> key of its first use
	statuses := make(map[int][]string) // status -> codes
	for _, e := range f.Errors {
		statuses[e.Status] = append(statuses[e.Status], e.Code)
	}
	for i, e := range f.Errors {
		key := fmt.Sprintf("errors.%d", i)
		if !c.typed[key] {
			continue
		}
		c.require(key, "code", e.Code == "")
		c.require(key, "status", false)
		c.require(key, "summary", e.Summary == "")
		c.require(key, "remedy", e.Remedy == "")
		switch {
		case e.Code == "":
		case !codeRE.MatchString(e.Code):
			c.errorf(key+".code", "code %q cannot become a Go identifier (want letters, digits, '_', '-' or '.', starting with a letter or digit)", e.Code)
		default:
			if k, dup := codes[e.Code]; dup {
				c.errorf(key+".code", "duplicate code %q (first defined at %s)", e.Code, f.Pos(k))
			} else {
				codes[e.Code] = key + ".code"
			}
		}
		if c.typed[key+".status"] {
			c.status(key+".status", e.Status)
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
			for _, other := range statuses[e.Status] {
				if other != e.Code {
					c.errorf(key+".by_status", "by_status on code %q, but code %q has the same status %d", e.Code, other, e.Status)
					break
				}
			}
		}
		if e.Shape != "" && c.shapeNamed(e.Shape) == nil {
			c.errorf(key+".shape", "unknown shape %q (want one of: %s)", e.Shape, c.shapeNames())
		}
		c.fields(key, e)
		for j := range e.Examples {
			if xkey := fmt.Sprintf("%s.examples.%d", key, j); c.typed[xkey] {
				c.require(xkey, "body", false)
				if c.typed[xkey+".status"] {
					c.status(xkey+".status", e.Examples[j].Status)
				}
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

func (c *checker) fields(key string, e Error) {
	first := make(map[string]string) // field name -> key of its first definition
	retryAfter := ""
	for j, fd := range e.Fields {
		fkey := fmt.Sprintf("%s.fields.%d", key, j)
		if !c.typed[fkey] {
			continue
		}
		c.require(fkey, "name", fd.Name == "")
		c.require(fkey, "type", false)
		switch {
		case fd.Name == "":
		case !fieldNameRE.MatchString(fd.Name):
			c.errorf(fkey+".name", "field name %q cannot become a Go identifier (want a letter, then letters, digits, '_' or '-')", fd.Name)
		default:
			if k, dup := first[fd.Name]; dup {
				c.errorf(fkey+".name", "duplicate field %q (first defined at %s)", fd.Name, c.f.Pos(k))
			} else {
				first[fd.Name] = fkey + ".name"
			}
		}
		if !fd.RetryAfter {
			continue
		}
		if k := fd.Type.Kind(); k != nil && !k.Delay {
			c.errorf(fkey+".retry_after", "retry_after field %q has type %s, want %s", fd.Name, fd.Type, delayKinds())
		}
		if retryAfter != "" {
			c.errorf(fkey+".retry_after", "more than one retry_after field (%q and %q)", retryAfter, fd.Name)
		}
		retryAfter = fd.Name
	}
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
