package registry

import (
	"crypto/subtle"
	"net/http"
	"strings"
)

// authorized checks HTTP basic auth when the registry is configured for it.
func (r *Registry) authorized(req *http.Request) bool {
	if !r.auth {
		return true
	}
	user, password, ok := req.BasicAuth()
	// Compare both in constant time so timing tells nothing about which
	// part is wrong.
	u := subtle.ConstantTimeCompare([]byte(user), []byte(r.user))
	p := subtle.ConstantTimeCompare([]byte(password), []byte(r.password))
	return ok && u&p == 1
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
