package registry

import (
	"crypto/subtle"
	"net/http"
	"strings"
)

// authorized checks HTTP basic auth or the bearer token when the registry
// is configured for them.
func (r *Registry) authorized(req *http.Request) bool {
	if !r.auth && r.bearer == "" {
		return true
	}
	if token, ok := strings.CutPrefix(req.Header.Get("Authorization"), "Bearer "); ok {
		return r.bearer != "" && subtle.ConstantTimeCompare([]byte(token), []byte(r.bearer)) == 1
	}
	if !r.auth {
		return false
	}
	user, password, ok := req.BasicAuth()
	// Compare both in constant time so timing tells nothing about which
	// part is wrong.
	u := subtle.ConstantTimeCompare([]byte(user), []byte(r.user))
	p := subtle.ConstantTimeCompare([]byte(password), []byte(r.password))
	return ok && u&p == 1
}

// challenge is the WWW-Authenticate header of a 401 answer.
func (r *Registry) challenge() string {
	if r.auth {
		return `Basic realm="SchemaRegistry"`
	}
	return `Bearer realm="SchemaRegistry"`
}

func cutUserInfo(s string) (user, password string, ok bool) {
	user, password, ok = strings.Cut(s, ":")
	return user, password, ok && user != ""
}

// redact hides the password of user:password for error messages.
func redact(userInfo string) string {
	if user, _, ok := strings.Cut(userInfo, ":"); ok {
		return user + ":***"
	}
	return userInfo
}
